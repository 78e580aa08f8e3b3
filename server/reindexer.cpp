#include "server/reindexer.h"

#include "indexer/index_run.h"
#include "indexer/writer.h"

namespace tracuu::server {

Reindexer::Reindexer(std::filesystem::path index_dir, std::vector<std::filesystem::path> sources)
    : m_index_dir(std::move(index_dir)), m_sources(std::move(sources)) {}

Reindexer::~Reindexer() {
    m_stop.request_stop();
    if (m_thread.joinable()) m_thread.join();
}

bool Reindexer::start() {
    const std::lock_guard lock(m_mutex);
    if (m_running || m_sources.empty()) return false;
    if (m_thread.joinable()) m_thread.join();  // the previous run has finished: reap it
    m_running = true;
    m_thread = std::thread([this] { run(); });
    return true;
}

bool Reindexer::running() const {
    const std::lock_guard lock(m_mutex);
    return m_running;
}

std::string Reindexer::last_result() const {
    const std::lock_guard lock(m_mutex);
    return m_last_result;
}

void Reindexer::run() {
    std::string result;
    auto writer = indexer::IndexWriter::open(m_index_dir);
    if (!writer.ok()) {
        result = writer.error().message;
    } else {
        indexer::IndexOptions options;
        options.stop = m_stop.get_token();
        const indexer::IndexSummary s = indexer::index_paths(writer.value(), m_sources, options, nullptr);
        result = std::to_string(s.added) + " added, " + std::to_string(s.updated) + " updated, " + std::to_string(s.unchanged) +
                 " unchanged, " + std::to_string(s.removed) + " removed, " + std::to_string(s.problems.size()) + " failed" +
                 (s.interrupted ? ", interrupted" : "");
        // The index itself failed (a full disk…): the counts are what was committed before.
        if (s.failure) result = "failed: " + s.failure->message + " (" + result + " before it)";
    }
    const std::lock_guard lock(m_mutex);
    m_last_result = result;
    m_running = false;
}

}  // namespace tracuu::server
