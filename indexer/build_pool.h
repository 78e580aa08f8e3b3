/** @file
 *  @brief Worker threads that turn files into prepared Xapian documents while the one writer writes.
 */
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
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
};

/// The outcome of a BuildJob: a prepared document, or the reason the file could not be read.
struct Built {
    std::optional<PreparedDocument> document;
    unsigned pages = 0;
    std::string problem;  ///< set when document is empty
};

/** A fixed set of threads, each with its own Analyzer and Enricher (neither is shared), that
 *  extract files (`options` decide OCR) and build their Xapian documents. Jobs run in any order;
 *  each answer comes through the future its submit() returned. Never throws for a bad file: the
 *  reason is in Built::problem. The destructor finishes queued jobs and joins the threads. */
class BuildPool {
public:
    BuildPool(std::size_t threads, ExtractOptions options);
    ~BuildPool();
    BuildPool(const BuildPool&) = delete;
    BuildPool& operator=(const BuildPool&) = delete;

    [[nodiscard]] std::future<Built> submit(BuildJob job);

private:
    void work();

    const ExtractOptions m_options;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::pair<BuildJob, std::promise<Built>>> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

/// Extracts, enriches and prepares one file with the given analyzer and enricher (used by this thread only).
[[nodiscard]] Built build_file(const BuildJob& job, const ExtractOptions& options, const analyzers::Analyzer& analyzer,
                               const Enricher& enricher);

}  // namespace tracuu::indexer
