/** @file
 *  @brief Indexing files and folders: walk, extract, skip what is unchanged, follow renames,
 *  remove what disappeared, report what fails and how far the run has got.
 */
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "indexer/error.h"
#include "indexer/extract.h"
#include "indexer/writer.h"

namespace tracuu::indexer {

/// A file or folder that could not be indexed, and why, in words a user can act on.
struct IndexProblem {
    std::string path;
    std::string reason;
};

/// What one run did. Every file considered lands in exactly one of the file counts or in problems.
/// A run stopped by a stop request considered only some of its files (see `interrupted`).
struct IndexSummary {
    std::size_t added = 0;      ///< files indexed for the first time
    std::size_t updated = 0;    ///< files whose content changed since the last run, re-indexed
    std::size_t unchanged = 0;  ///< same path and same content hash: not re-analysed
    std::size_t renamed = 0;    ///< same content found under a new path or name (see index_paths)
    std::size_t removed = 0;    ///< documents whose file disappeared from the folders given
    std::size_t skipped = 0;    ///< empty + other_types + folder_links
    std::size_t empty = 0;      ///< of those skipped, files with nothing to index (see is_blank_file()): not a failure
    std::size_t other_types = 0;   ///< of those skipped, files in folders of a type tracuu does not read
    std::size_t folder_links = 0;  ///< of those skipped, symbolic links to folders, never followed
    std::vector<IndexProblem> problems;  ///< files and folders that failed; the "failed" count is its size
    /// The run ended on IndexOptions::stop before it had considered everything: what it decided is
    /// committed, the rest was not looked at, and nothing was removed. Running again finishes it.
    bool interrupted = false;
    /** The index could not be read or written (a full disk, a damaged index, no memory left), in
     *  the words of describe_index_error(): the run stopped at once. The counts are then those
     *  of the work committed before (the index holds at least that), `problems` those met until
     *  then; nothing was removed. Running again, once the cause is fixed, continues the run. */
    std::optional<Error> failure;
};

/// The summaries of the parts of one command (files, then a JSON-lines import) as one.
[[nodiscard]] IndexSummary combined(const std::vector<IndexSummary>& parts);

/// The most build threads a run starts (IndexOptions::threads above it are lowered to it).
inline constexpr std::size_t kMaxThreads = 64;

struct IndexOptions {
    std::size_t commit_every = 10000;                ///< documents written between commits, at most (at least 1)
    /// Seconds between commits, at most, while documents are being written (0: by count only).
    /// Readers see new documents this soon, and a large run is not slowed by a commit every few
    /// documents: each commit rewrites the changed blocks of the whole index.
    double commit_seconds = 5.0;
    std::uintmax_t max_file_bytes = 256u << 20;      ///< larger files are reported and skipped
    ExtractOptions extract;                          ///< OCR on or off, its time limit per page
    /// Threads extracting and analysing; 0: one per core. See build_threads().
    std::size_t threads = 0;
    /// Asks a run to stop early (tracuu-index on SIGINT or SIGTERM); the default never does.
    std::stop_token stop;
};

/** The build threads a run starts: `requested` (0: `cores`, at least 1), at most kMaxThreads and
 *  never more than the `files` to read (a thread per file is already one per file). At least 1. */
[[nodiscard]] std::size_t build_threads(std::size_t requested, std::size_t files, unsigned cores);

/// Called for each problem as it happens, so a long run reports early.
using ProblemSink = std::function<void(const IndexProblem&)>;

/// What became of one file.
enum class FileOutcome { Added, Updated, Unchanged, Renamed, Skipped, Failed };

/// One file finished, for progress reports.
struct FileDone {
    std::filesystem::path path;  ///< as found (relative to the current folder when given so)
    FileOutcome outcome = FileOutcome::Added;
    std::uintmax_t bytes = 0;    ///< bytes read from the file (0 when it could not be read)
    unsigned pages = 0;          ///< pages extracted and analysed (0 unless added, updated or renamed)
};

/** Callbacks of a run, all called on the caller's thread; any of them may be empty.
 *
 *  Order: on_planned once, after every folder has been walked and before the first file is read;
 *  then on_file once per file planned (failed ones included), with on_problem for each problem
 *  as it is met (problems with folders may come before on_planned).
 */
struct IndexEvents {
    ProblemSink on_problem;
    /// The number of files that will be read and their total size in bytes (not called when the
    /// run is stopped before the walk ends).
    std::function<void(std::size_t files, std::uintmax_t bytes)> on_planned;
    std::function<void(const FileDone&)> on_file;
};

/** Indexes files and folders.
 *
 *  Folders are read recursively in name order. Symbolic links to files are read; symbolic links
 *  to folders are counted as skipped and never followed, so a link loop cannot hang a run (a
 *  folder given on the command line is read even when it is a link). In folders, files ending in
 *  .txt, .text, .pdf, .html, .htm, .docx, .docm, .dotx, .dotm or .doc are read; others are
 *  counted as skipped. A file named on the
 *  command line is always attempted. A file found twice (two overlapping folders) is read once.
 *
 *  Incremental: a file whose path and content hash match what the index holds costs one read and
 *  one hash, nothing more. Documents that were indexed from a file under a folder given here and
 *  whose file has disappeared are removed, except under a sub-folder that could not be read this
 *  time (an unreadable folder is not evidence that its files are gone).
 *
 *  Ids and renames: a path keeps the id it was first given. A new path's id comes from its file
 *  name (see doc_id.h), with a hash of the path added when another existing file holds that id.
 *  When a new path has the same content as a document whose file disappeared, the file was moved
 *  or renamed: it counts as renamed, not as added plus removed, and the old document is gone at
 *  the end. A file moved to another folder under the same name keeps its id (the document is
 *  re-pathed); a file renamed takes the id of its new name (re-keyed), so links to the old id
 *  stop resolving. Either way the stored document moves as it is (IndexWriter::relocate): the
 *  file is read and hashed, not extracted or analysed again, unless its title was its old name.
 *
 *  An empty file (0 bytes, or only white space and byte-order marks: is_blank_file()) is skipped
 *  and counted in `empty`: there is nothing to index and nothing wrong with the run. If its path held a document, that document stays, as it does
 *  when a file fails: a file emptied by an interrupted copy must not erase the last good text.
 *
 *  Files are extracted, enriched and analysed on build_threads() worker threads while this thread
 *  decides, writes and reports in file order, so a run uses every core with one writer; the
 *  threads take the larger of the next files first (4 per thread are handed out ahead).
 *
 *  Commits after `commit_every` documents or `commit_seconds`, whichever comes first, and at the
 *  end, so a run killed midway leaves an index that opens, holding whole batches (a document is
 *  always committed with its budget lines); re-running finishes the job. A problem with one file
 *  never stops the run. A failure of the index itself (a Xapian error or std::bad_alloc from the
 *  writer: a full disk, a damaged index) does: the run returns at once with `failure` set and the
 *  counts of what was committed before it (see IndexSummary::failure); it does not throw.
 *
 *  Stopping: once `options.stop` is requested, no further file is read (a request during the
 *  walk reads none). The files already handed to the build threads, at most 4 × threads,
 *  are finished, written and reported as usual; then the run commits and returns with
 *  `interrupted` set if files were left unread (a request after the last file was handed out
 *  changes nothing: the run is whole). Documents whose files seem gone are NOT removed after a stop (files not
 *  reached yet are not evidence of anything); renames already followed stay followed.
 */
IndexSummary index_paths(IndexWriter& writer, const std::vector<std::filesystem::path>& paths, const IndexOptions& options,
                         const IndexEvents& events);

/// The same, reporting only problems.
IndexSummary index_paths(IndexWriter& writer, const std::vector<std::filesystem::path>& paths, const IndexOptions& options,
                         const ProblemSink& on_problem);

/** Imports documents from a JSON-lines file: one object per line with `_id` (a string or an
 *  integer, at most 200 bytes) and `text` (a string), optionally `title` (a string). Each
 *  document counts as added or updated (it replaces the document with that id).
 *
 *  A line that is not a JSON object or lacks a usable `_id` or `text`, or whose analysis
 *  throws, is reported as `line N: reason` with the file as path, and skipped; the rest of the
 *  file is imported. Blank lines are ignored. A file that cannot be opened is one problem.
 *  Commits like index_paths (commit_every, commit_seconds, and at the end); a stop request ends
 *  the import before the next line, committing what was imported, with `interrupted` set.
 *  A failure of the index itself ends the import with `failure` set, as for index_paths. */
IndexSummary import_jsonl(IndexWriter& writer, const std::filesystem::path& file, const IndexOptions& options,
                          const ProblemSink& on_problem);

}  // namespace tracuu::indexer
