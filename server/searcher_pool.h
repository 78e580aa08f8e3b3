/** @file
 *  @brief One Searcher per worker, lent to one request at a time.
 */
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "server/searcher.h"

namespace tracuu::server {

/** A fixed set of Searchers, each with its own Xapian::Database, so no database is ever used
 *  by two threads at once. A lease refreshes its searcher before use, so requests see what the
 *  indexer committed a moment ago. Requests get searchers in the order they asked: a searcher
 *  given back goes to the longest waiting request, never to one that asks after it.
 */
class SearcherPool {
public:
    /// Opens `count` searchers on the index; the first failure is returned.
    static Result<std::unique_ptr<SearcherPool>> open(const std::filesystem::path& index_dir, std::size_t count);
    /** The same over several shards (folders or `tcp://HOST:PORT`), searched as one index, the
     *  searchers sharing `caches` (see Searcher::open, as for `count_seconds`; the caches must
     *  outlive the pool). */
    static Result<std::unique_ptr<SearcherPool>> open(const std::vector<std::string>& shards, std::size_t count,
                                                      SearchCaches* caches = nullptr,
                                                      double count_seconds = Searcher::kDefaultCountSeconds);

    /// A borrowed searcher, returned to the pool when the lease ends.
    class Lease {
    public:
        Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Searcher* operator->() { return m_searcher.get(); }
        Searcher& operator*() { return *m_searcher; }

    private:
        SearcherPool& m_pool;
        std::unique_ptr<Searcher> m_searcher;
    };

    /// Waits until a searcher is free and every request that asked before has had one.
    [[nodiscard]] Lease acquire();

    /// How many requests are waiting for a searcher now.
    [[nodiscard]] std::size_t waiting();

private:
    /// A request waiting its turn; give_back() hands it a searcher directly.
    struct Waiter {
        std::unique_ptr<Searcher> handed;
        std::condition_variable ready;
    };

    SearcherPool() = default;
    void give_back(std::unique_ptr<Searcher> searcher);

    std::mutex m_mutex;
    std::vector<std::unique_ptr<Searcher>> m_free;  ///< only while nobody waits
    std::deque<Waiter*> m_waiting;                  ///< oldest first
};

}  // namespace tracuu::server
