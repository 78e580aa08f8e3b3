#include "server/cache_warmer.h"

namespace tracuu::server {

CacheWarmer::CacheWarmer(Searcher searcher, SearchCaches& caches, std::chrono::milliseconds poll)
    : m_searcher(std::move(searcher)), m_caches(caches), m_poll(poll), m_thread([this] { run(); }) {}

CacheWarmer::~CacheWarmer() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

bool CacheWarmer::wait(std::chrono::milliseconds period) {
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_for(lock, period, [this] { return m_stopping; });
}

void CacheWarmer::run() {
    // The revision open at the start: its searches were asked on it, but the first request
    // should not build its tables.
    std::string warmed_revision = m_searcher.revision_key();
    try {
        m_searcher.prepare_tables();
    } catch (...) {
    }
    while (wait(m_poll)) {
        // Warming is a convenience: whatever goes wrong, the requests compute their answers
        // themselves, and the next revision is warmed again.
        try {
            m_searcher.refresh();
            // By uuid and number: an index rebuilt in place counts its revisions from 1 again.
            const std::string revision = m_searcher.revision_key();
            if (revision.empty() || revision == warmed_revision) continue;
            warmed_revision = revision;  // one pass per revision, whatever becomes of it
            m_searcher.prepare_tables();
            for (const SearchRequest& request : m_caches.recent.latest()) {
                if (!wait(std::chrono::milliseconds(0))) return;  // stopping: leave the pass
                (void)m_searcher.warm(request);
            }
        } catch (...) {
        }
    }
}

}  // namespace tracuu::server
