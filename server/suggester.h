/** @file
 *  @brief As-you-type completions from the index's own words, numbers and titles.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer.h"
#include "server/cited_key_table.h"

namespace tracuu::server {

struct Suggestion {
    std::string text;
    std::string id;    ///< the document a title suggestion opens, the key of a reference, else ""
    std::string kind;  ///< "number", "phrase", "reference" or "title"
};

/// What the searcher knows beyond the index's terms, to suggest better; both optional.
struct SuggestHelp {
    const CitedKeyTable* keys = nullptr;  ///< the index's reference keys, for "reference" suggestions
    /// The typed text before its last word (the one being typed) with its diacritics restored
    /// (DiacriticRestorer::restore), or "": the words before the completed ones are shown in
    /// that form (`ke hoach 13` → `kế hoạch 13…`). The last word is left out because restored
    /// as a whole word (`hoa` → `hòa`) it would pull its neighbour away from `kế hoạch`.
    std::string restored;
};

/** Completes a partly typed query, with or without diacritics (`nghi quy` → `nghị quyết`).
 *
 *  In this order, at most `size` in all, no text twice:
 *  - "number": document numbers that start with what was typed (`57-nq` → `57-NQ/TW`);
 *  - "phrase": the most frequent accented spellings in the index of the last word, or of the
 *    last two words, the last one taken as a prefix (the surface terms of schema.h), after the
 *    earlier words as typed or, with `help.restored`, as restored; then a pair completed keeps
 *    the restored form of its first word, as the search will read it;
 *  - "reference": with `help.keys`, when what was typed starts a document type (`nghi quy`) or is a
 *    type and the start of a number (`nghị quyết 5`), the most cited reference keys of that type
 *    (`Nghị quyết 57-NQ/TW`, id `57-NQ/TW`; see CitedKeyTable);
 *  - "title": titles of documents whose title holds the words typed in that order, each next
 *    to the one before, the last one as a prefix (the title words and pairs of schema.h,
 *    kTitleWord). Texts that merely use the words are left to the search itself.
 *
 *  The cost is bounded whatever was typed: every walk over the index's list of terms stops after
 *  a fixed number of terms, a prefix expands to a few terms only, and documents are taken in
 *  index order without ranking, so a common prefix (`ng`) costs no more than a rare one.
 *  `query_analyzer` must be in Query mode. */
[[nodiscard]] std::vector<Suggestion> suggest(const Xapian::Database& db, const analyzers::Analyzer& query_analyzer,
                                              std::string_view typed, std::size_t size, const SuggestHelp& help = {});

}  // namespace tracuu::server
