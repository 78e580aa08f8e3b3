/** @file
 *  @brief Worker threads that turn files into prepared Xapian documents while the one writer writes.
 */
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "indexer/enrich.h"
#include "indexer/extract.h"
#include "indexer/writer.h"

namespace tracuu::indexer {

/// One file to extract, enrich and build, with what the run already decided about it.
struct BuildJob {
    std::filesystem::path path;  ///< as found, for the document's source_file
    std::string absolute;        ///< its absolute path, the document's source_path
    std::string id;
    std::string content_hash;
    std::uintmax_t bytes = 0;  ///< the file's size, which orders the queue (larger first)
};

/// The outcome of a BuildJob: a prepared document, or the reason the file could not be read.
struct Built {
    std::optional<PreparedDocument> document;
    unsigned pages = 0;
    std::string problem;  ///< set when document is empty
};

/// A job handed to a BuildPool, to collect its answer with.
struct BuildTicket {
    std::uint64_t number = 0;
    std::future<Built> answer;
};

/** A fixed set of threads, each with its own Analyzer and Enricher (neither is shared), that
 *  extract files (`options` decide OCR) and build their Xapian documents. A free thread takes the
 *  largest file queued (the first submitted among equals): started last, a large PDF would keep
 *  one core busy after the others ran out of work. Never throws for a bad file: the reason is in
 *  Built::problem. The destructor drops the jobs no thread has started (drop_queued(): nobody
 *  will collect them, since a run that collects every ticket leaves none), lets the threads
 *  finish the ones they have, and joins them.
 *
 *  When the system refuses a thread (std::system_error: a memory or process limit), or a thread
 *  cannot make its analyzer (no memory), the pool works with the threads it has, down to none:
 *  collect() then builds every job on the collecting thread (a job it cannot make the tools for
 *  comes back with "not enough memory to read this file"). threads() says how many it has.
 *
 *  `on_start`, when given, is called on the thread that is about to build a job (for tests). */
class BuildPool {
public:
    BuildPool(std::size_t threads, ExtractOptions options, std::function<void(const BuildJob&)> on_start = {});
    ~BuildPool();
    BuildPool(const BuildPool&) = delete;
    BuildPool& operator=(const BuildPool&) = delete;

    [[nodiscard]] BuildTicket submit(BuildJob job);

    /// The threads started (fewer than asked when the system refused some; see above).
    [[nodiscard]] std::size_t threads() const { return m_threads.size(); }

    /** Forgets the jobs no thread has started and returns how many: a run stopped by a failure of
     *  the index does not wait for files it will not write. Their tickets must not be collected. */
    std::size_t drop_queued();

    /** The answer to a submitted job. A job no thread has started is taken back and built on the
     *  calling thread (with an analyzer of its own, made at the first such call), so a caller
     *  that writes answers in order never idles behind larger files taken first. Call it from
     *  one thread at a time, once per ticket. */
    [[nodiscard]] Built collect(BuildTicket& ticket);

private:
    struct Queued {
        std::uint64_t number;
        BuildJob job;
        std::promise<Built> promise;
    };
    struct CallerTools;

    void work();
    Built build(const BuildJob& job, const analyzers::Analyzer& analyzer, const Enricher& enricher) const;

    const ExtractOptions m_options;
    const std::function<void(const BuildJob&)> m_on_start;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::vector<Queued> m_queue;
    std::uint64_t m_submitted = 0;
    bool m_stopping = false;
    std::unique_ptr<CallerTools> m_caller;  ///< the collecting thread's analyzer and enricher
    std::vector<std::thread> m_threads;
};

/// Extracts, enriches and prepares one file with the given analyzer and enricher (used by this thread only).
[[nodiscard]] Built build_file(const BuildJob& job, const ExtractOptions& options, const analyzers::Analyzer& analyzer,
                               const Enricher& enricher);

}  // namespace tracuu::indexer
