/** @file
 *  @brief Indexing files and folders: walk, extract, skip what is unchanged, report what fails.
 */
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "indexer/writer.h"

namespace tracuu::indexer {

/// A file that could not be indexed, and why, in words a user can act on.
struct IndexProblem {
    std::string path;
    std::string reason;
};

/// What one run did.
struct IndexSummary {
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t removed = 0;
    std::size_t skipped = 0;  ///< files in folders whose type tracuu does not read
    std::vector<IndexProblem> problems;
};

struct IndexOptions {
    std::size_t commit_every = 200;                  ///< documents between commits
    std::uintmax_t max_file_bytes = 256u << 20;      ///< larger files are reported and skipped
};

/// Called for each problem as it happens, so a long run reports early.
using ProblemSink = std::function<void(const IndexProblem&)>;

/** Indexes files and folders (recursively, in name order, symlinks to folders not followed).
 *
 *  In folders, files ending in .txt, .text, .pdf, .html or .htm are read; others are counted as
 *  skipped. A file named on the command line is always attempted. Files whose content hash is
 *  unchanged are not re-analysed. Documents that were indexed from a folder given here and whose
 *  file has disappeared are removed. Commits every `commit_every` documents and at the end; a
 *  problem with one file never stops the run.
 */
IndexSummary index_paths(IndexWriter& writer, const std::vector<std::filesystem::path>& paths, const IndexOptions& options,
                         const ProblemSink& on_problem);

/** Imports documents from a JSON-lines file: one object per line with `_id` (string or number)
 *  and `text`, optionally `title`. Bad lines are reported with their line number and skipped. */
IndexSummary import_jsonl(IndexWriter& writer, const std::filesystem::path& file, const IndexOptions& options,
                          const ProblemSink& on_problem);

}  // namespace tracuu::indexer
