/** @file
 *  @brief Judged queries for tracuu-eval: a BEIR folder, or a staff file of queries and the ids
 *  that should come first; and the diacritic stripping of the "typed without accents" run.
 */
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bench/eval/metrics.h"
#include "indexer/error.h"

namespace tracuu::eval {

/// One query and the documents that answer it.
struct JudgedQuery {
    std::string id;         ///< the BEIR query id, or `line N` for a staff file
    std::string text;       ///< as the user typed it
    Judgements relevant;    ///< at least one document with a grade above 0
};

/// Queries in file order, and how many were left out because nothing answers them.
struct QuerySet {
    std::vector<JudgedQuery> queries;
    std::size_t unjudged = 0;  ///< queries without a relevant document (BEIR evaluates only judged ones)
};

/** Reads `queries.jsonl` (`{"_id": "…", "text": "…"}` per line) and `qrels.tsv`
 *  (`query-id<TAB>corpus-id<TAB>score`, an optional header line) from a BEIR folder.
 *  Errors (InvalidArgument), naming the file and line: a missing or unreadable file, a line that
 *  is not such an object or row, a score that is not an integer. */
[[nodiscard]] Result<QuerySet> read_beir_queries(const std::filesystem::path& folder);

/** Reads a staff query file: UTF-8 text, one query per line, fields separated by tabs; the first
 *  field is the query as a user would type it, each further field one document id that should
 *  come first (ids may contain commas and spaces, not tabs). Empty lines and lines starting with
 *  `#` are skipped. Every listed id has grade 1.
 *  Errors (InvalidArgument): an unreadable file, a query line with no id (naming the line). */
[[nodiscard]] Result<QuerySet> read_staff_queries(const std::filesystem::path& file);

/** The text as typed by someone who leaves out every diacritic: tone and quality marks removed,
 *  `đ` → `d`, `Đ` → `D`; case, spacing and punctuation kept; NFC out. Independent of the
 *  analyzer's folding, so the test does not share the code it tests. */
[[nodiscard]] std::string strip_diacritics(std::string_view utf8);

}  // namespace tracuu::eval
