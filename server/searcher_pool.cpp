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
    m_returned.wait(lock, [this] { return !m_free.empty(); });
    std::unique_ptr<Searcher> searcher = std::move(m_free.back());
    m_free.pop_back();
    lock.unlock();
    searcher->refresh();
    return Lease(*this, std::move(searcher));
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
    {
        const std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(searcher));
    }
    m_returned.notify_one();
}

SearcherPool::Lease::Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher) : m_pool(pool), m_searcher(std::move(searcher)) {}

SearcherPool::Lease::~Lease() { m_pool.give_back(std::move(m_searcher)); }

}  // namespace tracuu::server
