/** @file
 *  @brief Computes the latest searches again, in the background, on each new index revision.
 */
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "server/searcher.h"

namespace tracuu::server {

/** Answers are cached per index revision (search_caches.h), so a commit turns every search into
 *  a first-time one, and while the indexer commits every few seconds the cache hardly helps.
 *  The warmer builds the shared tables (revision_tables.h) of the revision open when it starts,
 *  then watches the index and, when its revision changes (or an index rebuilt in place replaces
 *  it), builds the new revision's tables and computes the searches the caches' `recent` list
 *  holds into the answer cache, most recent first (Solr calls this autowarming). It runs on one thread of its own, with a Searcher of its own, at the priority
 *  of the threads answering requests: it computes what they would compute at the next asking,
 *  and at a lower priority an indexer running beside it left it too little CPU to be in time
 *  (bench/perf/PROFILE.md).
 *
 *  The searcher must share the caches of the pool it warms for (SearcherPool::open). The
 *  destructor stops the thread, leaving a warming pass after the search in progress. */
class CacheWarmer {
public:
    CacheWarmer(Searcher searcher, SearchCaches& caches, std::chrono::milliseconds poll = std::chrono::milliseconds(100));
    ~CacheWarmer();
    CacheWarmer(const CacheWarmer&) = delete;
    CacheWarmer& operator=(const CacheWarmer&) = delete;

    /// Searches computed ahead of their asking so far (SearchCaches::warmed).
    [[nodiscard]] std::uint64_t warmed() const { return m_caches.warmed.load(); }

private:
    void run();
    /// False when asked to stop.
    bool wait(std::chrono::milliseconds period);

    Searcher m_searcher;
    SearchCaches& m_caches;
    const std::chrono::milliseconds m_poll;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace tracuu::server
