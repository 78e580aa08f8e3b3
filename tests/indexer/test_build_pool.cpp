#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "indexer/build_pool.h"
#include "tests/support/temp_dir.h"

using tracuu::indexer::BuildJob;
using tracuu::indexer::BuildPool;
using tracuu::indexer::BuildTicket;
using tracuu::testing::TempDir;

namespace {

/// Holds the pool's one thread in its first job until released, and records which jobs start on
/// which thread.
class Gate {
public:
    void on_start(const BuildJob& job) {
        std::unique_lock lock(m_mutex);
        m_started.push_back(job.id);
        m_threads.push_back(std::this_thread::get_id());
        if (m_started.size() == 1) m_cv.wait(lock, [this] { return m_open; });
    }
    void open() {
        {
            const std::lock_guard lock(m_mutex);
            m_open = true;
        }
        m_cv.notify_all();
    }
    std::vector<std::string> started() {
        const std::lock_guard lock(m_mutex);
        return m_started;
    }
    std::vector<std::thread::id> threads() {
        const std::lock_guard lock(m_mutex);
        return m_threads;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_open = false;
    std::vector<std::string> m_started;
    std::vector<std::thread::id> m_threads;
};

/// Opens the gate when it goes: whatever fails in a test, the pool's thread is let go before it is joined.
struct OpenOnExit {
    Gate& gate;
    ~OpenOnExit() { gate.open(); }
};

BuildJob job_for(const TempDir& dir, const std::string& id, std::size_t words) {
    std::string text;
    for (std::size_t i = 0; i < words; ++i) text += "kế hoạch ";
    const auto path = dir.write(id + ".txt", text);
    return BuildJob{path, path.string(), id, "hash-" + id, text.size()};
}

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("a free build thread takes the largest file queued, the first submitted among equals") {
    TempDir dir;
    Gate gate;
    std::vector<BuildTicket> tickets;
    {
        BuildPool pool(1, {}, [&](const BuildJob& job) { gate.on_start(job); });
        tickets.push_back(pool.submit(job_for(dir, "first", 1)));
        while (gate.started().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        tickets.push_back(pool.submit(job_for(dir, "small", 10)));
        tickets.push_back(pool.submit(job_for(dir, "large", 1000)));
        tickets.push_back(pool.submit(job_for(dir, "medium", 100)));
        tickets.push_back(pool.submit(job_for(dir, "medium-later", 100)));
        gate.open();
        for (auto& t : tickets) CHECK(t.answer.get().document.has_value());
    }
    CHECK(gate.started() == std::vector<std::string>{"first", "large", "medium", "medium-later", "small"});
}

TEST_CASE("collecting a job no thread has started builds it on the collecting thread instead of waiting") {
    TempDir dir;
    Gate gate;
    BuildPool pool(1, {}, [&](const BuildJob& job) { gate.on_start(job); });
    const OpenOnExit opener{gate};
    BuildTicket busy = pool.submit(job_for(dir, "busy", 1));
    while (gate.started().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    BuildTicket waiting = pool.submit(job_for(dir, "waiting", 5));

    // The pool's only thread is held in `busy`: waiting for it would not return before the gate opens.
    std::thread::id collector;
    auto collected = std::async(std::launch::async, [&] {
        collector = std::this_thread::get_id();
        return pool.collect(waiting);
    });
    const bool in_time = collected.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
    if (!in_time) gate.open();  // so that the waiting collect() returns and the test can end
    REQUIRE_MESSAGE(in_time, "collect() waited for the busy thread");
    const auto built = collected.get();
    REQUIRE(built.document.has_value());
    CHECK(built.document->id == "waiting");
    CHECK(gate.started() == std::vector<std::string>{"busy", "waiting"});
    CHECK(gate.threads().at(1) == collector);
    CHECK(gate.threads().at(0) != collector);

    gate.open();
    const auto first = pool.collect(busy);  // started by the pool: its answer
    REQUIRE(first.document.has_value());
    CHECK(first.document->id == "busy");
}

TEST_CASE("the jobs no thread has started can be dropped, and only those") {
    TempDir dir;
    Gate gate;
    {
        BuildPool pool(1, {}, [&](const BuildJob& job) { gate.on_start(job); });
        const OpenOnExit opener{gate};
        BuildTicket busy = pool.submit(job_for(dir, "busy", 1));
        while (gate.started().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        for (const char* id : {"queued-1", "queued-2", "queued-3"}) (void)pool.submit(job_for(dir, id, 5));
        CHECK(pool.drop_queued() == 3);
        CHECK(pool.drop_queued() == 0);
        gate.open();
        const auto first = pool.collect(busy);
        CHECK(first.document.has_value());
    }
    CHECK(gate.started() == std::vector<std::string>{"busy"});
}

}  // TEST_SUITE
