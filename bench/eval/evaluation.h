/** @file
 *  @brief One evaluation run: import a corpus the way `tracuu-index --jsonl` does, send judged
 *  queries through Searcher::search as the server does, and measure the answers.
 */
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bench/eval/judgements.h"
#include "bench/eval/metrics.h"
#include "indexer/index_run.h"
#include "server/searcher.h"

namespace tracuu::eval {

/// How the queries are sent.
enum class Typing {
    AsWritten,          ///< the text of the query file
    WithoutDiacritics,  ///< the same through strip_diacritics()
};

/// What the search path answered to one query.
struct QueryRun {
    std::string id;
    std::string sent;                       ///< the query text given to Searcher::search
    std::vector<std::string> ranked;        ///< ids of the first page (10), best first
    bool relaxed = false;                   ///< SearchAnswer::relaxed
    std::optional<std::string> suggestion;  ///< SearchAnswer::suggestion
    std::string error;                      ///< the message when the search refused the query, else ""
    std::size_t first_relevant = 0;         ///< 1-based rank of the first relevant id in `ranked`, 0 if none
    Metrics metrics;
};

/// Every query of one run, and the means.
struct RunReport {
    Typing typing = Typing::AsWritten;
    std::vector<QueryRun> queries;
    Metrics mean;
    std::size_t relaxed = 0;
    std::size_t suggested = 0;
    std::size_t errors = 0;
    /// WithoutDiacritics only: words of the suggestions (or of the query sent, where none) that
    /// equal the query file's words, compared as the analyzer writes them (case and tone
    /// placement aside), over queries whose word counts agree.
    std::size_t restored_words = 0;
    std::size_t compared_words = 0;
    std::size_t restored_queries = 0;  ///< queries whose every word came back
    double search_ms = 0;              ///< sum of SearchAnswer::took_ms
    double slowest_ms = 0;
};

/** Imports a BEIR `corpus.jsonl` into the index folder `index_dir` (created if missing) with
 *  indexer::import_jsonl and default options: `_id` becomes the document id, `title` or the
 *  first line the title. Lines that cannot be imported are passed to `on_problem` and counted in
 *  the summary; an index that cannot be opened is an Unavailable error. */
[[nodiscard]] Result<indexer::IndexSummary> import_corpus(const std::filesystem::path& corpus, const std::filesystem::path& index_dir,
                                                          const indexer::ProblemSink& on_problem);

/** Sends each query (as written or stripped of diacritics) to `searcher.search()` with page 1 and
 *  size 10, in order, and measures the ids it returns against the query's judgements. A query
 *  the searcher refuses scores 0 and keeps the error message. Deterministic for a given index. */
[[nodiscard]] RunReport run_queries(server::Searcher& searcher, const std::vector<JudgedQuery>& queries, Typing typing);

/** The summary table, one row per report:
 *  `typing  queries  R@1  R@10  MRR@10  nDCG@10  relaxed  suggested  refused`, figures to 3 places,
 *  then for a WithoutDiacritics report how many words and queries the suggestions restored. */
[[nodiscard]] std::string format_summary(const std::vector<RunReport>& reports);

/// Search time per report (`tracuu-eval: accented: 76 searches, 1.2 ms mean, 8.0 ms slowest`); it varies by run.
[[nodiscard]] std::string format_timing(const std::vector<RunReport>& reports);

/** One line per query and report: typing, id, rank of the first relevant document in the first
 *  page (`-` if none), `relaxed`/`suggested: …`/`refused: …` flags, for a query whose first
 *  result is not relevant `first:` and the (up to 3) ids ranked above its first relevant one,
 *  and the query sent. */
[[nodiscard]] std::string format_per_query(const std::vector<RunReport>& reports);

/// A folder under the system temporary directory, removed with everything in it on destruction.
class ScratchDir {
public:
    /// Creates the folder; throws std::runtime_error if it cannot.
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace tracuu::eval
