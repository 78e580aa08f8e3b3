// The searcher pool lends its searchers in the order requests ask for them.
#include <doctest/doctest.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/searcher_pool.h"
#include "tests/support/corpus_index.h"

using tracuu::server::SearcherPool;

namespace {

/// Waits (bounded) until `count` requests wait for a searcher of `pool`.
bool wait_for_waiters(SearcherPool& pool, std::size_t count) {
    for (int i = 0; i < 2000 && pool.waiting() < count; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return pool.waiting() == count;
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("a searcher given back goes to the request that has waited longest, not to one asking after it") {
    auto opened = SearcherPool::open(std::vector<std::string>{tracuu::testing::demo_corpus_index()}, 1);
    REQUIRE(opened.ok());
    SearcherPool& pool = *opened.value();
    std::mutex order_mutex;
    std::vector<std::string> order;
    const auto served = [&](const std::string& who) {
        const std::lock_guard lock(order_mutex);
        order.push_back(who);
    };
    std::vector<std::thread> waiting;
    {
        auto held = pool.acquire();
        for (const std::string who : {"first", "second", "third"}) {
            waiting.emplace_back([&pool, &served, who] {
                auto lease = pool.acquire();
                served(who);
            });
            REQUIRE(wait_for_waiters(pool, waiting.size()));
        }
    }  // given back while three wait
    // Asking again at once, as a connection with its next request does: after the three.
    {
        auto again = pool.acquire();
        served("again");
    }
    for (auto& t : waiting) t.join();
    CHECK(order == std::vector<std::string>{"first", "second", "third", "again"});
    CHECK(pool.waiting() == 0);
}

}  // TEST_SUITE
