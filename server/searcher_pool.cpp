#include "server/searcher_pool.h"

namespace tracuu::server {

Result<std::unique_ptr<SearcherPool>> SearcherPool::open(const std::filesystem::path& index_dir, std::size_t count) {
    return open(std::vector<std::string>{index_dir.string()}, count);
}

Result<std::unique_ptr<SearcherPool>> SearcherPool::open(const std::vector<std::string>& shards, std::size_t count, SearchCaches* caches,
                                                         double count_seconds) {
    std::unique_ptr<SearcherPool> pool(new SearcherPool());
    for (std::size_t i = 0; i < count; ++i) {
        Result<Searcher> searcher = Searcher::open(shards, caches, count_seconds);
        if (!searcher.ok()) return searcher.error();
        pool->m_free.push_back(std::make_unique<Searcher>(std::move(searcher).value()));
    }
    return pool;
}

SearcherPool::Lease SearcherPool::acquire() {
    std::unique_lock lock(m_mutex);
    std::unique_ptr<Searcher> searcher;
    if (m_waiting.empty() && !m_free.empty()) {
        searcher = std::move(m_free.back());
        m_free.pop_back();
    } else {
        // In turn: with a condition variable alone, a request could take a searcher just given
        // back ahead of those already waiting, and under load some waited many turns (the p99
        // of bench/perf/PROFILE.md, "session 8").
        Waiter waiter;
        m_waiting.push_back(&waiter);
        waiter.ready.wait(lock, [&] { return waiter.handed != nullptr; });
        searcher = std::move(waiter.handed);
    }
    lock.unlock();
    searcher->refresh();
    return Lease(*this, std::move(searcher));
}

std::size_t SearcherPool::waiting() {
    const std::lock_guard lock(m_mutex);
    return m_waiting.size();
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
    const std::lock_guard lock(m_mutex);
    if (m_waiting.empty()) {
        m_free.push_back(std::move(searcher));
        return;
    }
    Waiter* next = m_waiting.front();
    m_waiting.pop_front();
    next->handed = std::move(searcher);
    // Under the lock: the waiter lives on its own stack and may leave as soon as it is handed one.
    next->ready.notify_one();
}

SearcherPool::Lease::Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher) : m_pool(pool), m_searcher(std::move(searcher)) {}

SearcherPool::Lease::~Lease() { m_pool.give_back(std::move(m_searcher)); }

}  // namespace tracuu::server
