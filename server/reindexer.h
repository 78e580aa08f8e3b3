/** @file
 *  @brief Re-indexing the configured folders on request, in the background.
 */
#pragma once

#include <filesystem>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace tracuu::server {

/** Runs an incremental index of the configured folders into the server's index on a thread
 *  of its own; at most one run at a time. The server's readers see the result at the run's
 *  commits. Owns its thread: destruction (the server stopping) asks a run in progress to stop
 *  after the files it is reading, as Ctrl-C does to tracuu-index (what it read is committed,
 *  nothing is removed; the next run continues), and joins it. */
class Reindexer {
public:
    Reindexer(std::filesystem::path index_dir, std::vector<std::filesystem::path> sources);
    ~Reindexer();
    Reindexer(const Reindexer&) = delete;
    Reindexer& operator=(const Reindexer&) = delete;

    /// Starts a run; false when one is already running or no folders are configured.
    bool start();
    [[nodiscard]] bool running() const;
    /// A one-line account of the last finished run ("" before the first).
    [[nodiscard]] std::string last_result() const;
    [[nodiscard]] bool has_sources() const { return !m_sources.empty(); }

private:
    void run();

    std::filesystem::path m_index_dir;
    std::vector<std::filesystem::path> m_sources;
    mutable std::mutex m_mutex;
    bool m_running = false;
    std::string m_last_result;
    std::stop_source m_stop;
    std::thread m_thread;
};

}  // namespace tracuu::server
