// The cache warmer: the latest searches are computed again on each new revision, so a search
// asked after a commit is answered from the cache, with what the commit added.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "indexer/index_run.h"
#include "server/cache_warmer.h"
#include "server/recent_searches.h"
#include "server/searcher.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::server;
using tracuu::testing::TempDir;

namespace {

void add_plan(const TempDir& dir, int n) {
    dir.write("docs/kh" + std::to_string(n) + ".txt",
              "KẾ HOẠCH\nVề chuyển đổi số năm 2025, đợt " + std::to_string(n) + "\n\nTriển khai chuyển đổi số tại đơn vị.\n");
}

void index_docs(const TempDir& dir) {
    auto writer = tracuu::indexer::IndexWriter::open(dir.path() / "index").value();
    (void)tracuu::indexer::index_paths(writer, {dir.path() / "docs"}, {}, nullptr);
}

SearchRequest request_for(const std::string& q) { return SearchRequest{q, 1, 10, {}, SortOrder::Relevance}; }

/// Waits up to 10 s for the warmer to have computed `count` searches.
bool warmed(const CacheWarmer& warmer, std::uint64_t count) {
    for (int i = 0; i < 1000 && warmer.warmed() < count; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return warmer.warmed() >= count;
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("recent searches: distinct, the most recently asked first, at most their capacity") {
    RecentSearches recent(2);
    recent.note("a", request_for("a"));
    recent.note("b", request_for("b"));
    recent.note("a", request_for("a"));
    auto latest = recent.latest();
    REQUIRE(latest.size() == 2);
    CHECK(latest[0].query == "a");
    CHECK(latest[1].query == "b");
    recent.note("c", request_for("c"));
    latest = recent.latest();
    REQUIRE(latest.size() == 2);
    CHECK(latest[0].query == "c");
    CHECK(latest[1].query == "a");

    RecentSearches none(0);
    none.note("a", request_for("a"));
    CHECK(none.latest().empty());
}

TEST_CASE("after a commit the warmer computes the latest searches again, and the next asking is a cache hit with the new documents") {
    TempDir dir;
    add_plan(dir, 1);
    index_docs(dir);
    SearchCaches caches({.answers = 16, .counts = 16, .suggestions = 16, .recent = 8});
    auto user = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    auto own = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    REQUIRE(user.ok());
    REQUIRE(own.ok());
    const auto first = user.value().search(request_for("chuyển đổi số"));
    REQUIRE(first.ok());
    CHECK(first.value().total == 1);

    const CacheWarmer warmer(std::move(own).value(), caches, std::chrono::milliseconds(10));
    add_plan(dir, 2);
    index_docs(dir);
    REQUIRE(warmed(warmer, 1));

    user.value().refresh();
    const CacheStats before = caches.answers.stats();
    const auto after = user.value().search(request_for("chuyển đổi số"));
    REQUIRE(after.ok());
    CHECK(after.value().total == 2);
    CHECK(caches.answers.stats().hits == before.hits + 1);
    CHECK(caches.answers.stats().misses == before.misses);
    CHECK(warmer.warmed() == 1);  // one search asked, one computed; nothing again without a commit
}

TEST_CASE("the warmer computes the recent searches once per new revision, and nothing while the index does not change") {
    TempDir dir;
    add_plan(dir, 1);
    index_docs(dir);
    SearchCaches caches({.answers = 1, .counts = 16, .suggestions = 16, .recent = 8});  // room for one answer: the first search asked is not kept
    auto user = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    auto own = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    REQUIRE(user.ok());
    REQUIRE(own.ok());
    REQUIRE(user.value().search(request_for("chuyển đổi số")).ok());
    REQUIRE(user.value().search(request_for("kế hoạch")).ok());

    const CacheWarmer warmer(std::move(own).value(), caches, std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // 20 looks at the same revision
    CHECK(warmer.warmed() == 0);

    add_plan(dir, 2);
    index_docs(dir);
    REQUIRE(warmed(warmer, 2));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(warmer.warmed() == 2);
}

TEST_CASE("the warmer builds the tables of the revision open when it starts, before any request needs them") {
    TempDir dir;
    add_plan(dir, 1);
    index_docs(dir);
    SearchCaches caches({});
    auto own = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    REQUIRE(own.ok());
    const CacheWarmer warmer(std::move(own).value(), caches, std::chrono::milliseconds(10));
    const auto built = [&] {
        return caches.tables.facets.builds() == 1 && caches.tables.cited_keys.builds() == 1 && caches.tables.lengths.builds() == 1;
    };
    for (int i = 0; i < 1000 && !built(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(built());
    CHECK(warmer.warmed() == 0);  // the searches of this revision were computed when asked
}

TEST_CASE("an index rebuilt in place at the same revision number is warmed as a new revision") {
    TempDir dir;
    add_plan(dir, 1);
    index_docs(dir);
    // The rebuilt index: other documents, written elsewhere, as many commits.
    TempDir other;
    add_plan(other, 2);
    other.write("docs/kh3.txt", "KẾ HOẠCH\nVề chuyển đổi số, bổ sung\n\nChuyển đổi số.\n");
    index_docs(other);
    REQUIRE(Xapian::Database((other.path() / "index").string()).get_revision() ==
            Xapian::Database((dir.path() / "index").string()).get_revision());

    SearchCaches caches({.answers = 16, .counts = 16, .suggestions = 16, .recent = 8});
    auto user = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    auto own = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    REQUIRE(user.ok());
    REQUIRE(own.ok());
    REQUIRE(user.value().search(request_for("chuyển đổi số")).ok());
    const CacheWarmer warmer(std::move(own).value(), caches, std::chrono::milliseconds(10));

    std::filesystem::rename(dir.path() / "index", dir.path() / "old-index");
    std::filesystem::rename(other.path() / "index", dir.path() / "index");
    REQUIRE(warmed(warmer, 1));
    user.value().refresh();
    const CacheStats before = caches.answers.stats();
    const auto after = user.value().search(request_for("chuyển đổi số"));
    REQUIRE(after.ok());
    CHECK(after.value().total == 2);  // the rebuilt index's documents, from the warmed answer
    CHECK(caches.answers.stats().hits == before.hits + 1);
}

TEST_CASE("the searchers of an index share one facet table and one cited-key table per revision, which the warmer builds after a commit") {
    TempDir dir;
    add_plan(dir, 1);
    index_docs(dir);
    SearchCaches caches({});  // no answers kept: every search counts its matches
    const auto open = [&] { return Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches); };
    auto a = open();
    auto b = open();
    auto own = open();
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(own.ok());
    REQUIRE(a.value().search(request_for("chuyển đổi số")).ok());
    REQUIRE(b.value().search(request_for("kế hoạch")).ok());
    (void)a.value().suggest("nghi quy", 5);
    (void)b.value().suggest("ke hoa", 5);
    CHECK(caches.tables.facets.builds() == 1);
    CHECK(caches.tables.cited_keys.builds() == 1);

    const CacheWarmer warmer(std::move(own).value(), caches, std::chrono::milliseconds(10));
    add_plan(dir, 2);
    index_docs(dir);
    const auto built = [&] { return caches.tables.facets.builds() == 2 && caches.tables.cited_keys.builds() == 2; };
    for (int i = 0; i < 1000 && !built(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(built());  // by the warmer: no searcher has asked since the commit
    a.value().refresh();
    b.value().refresh();
    const auto found = a.value().search(request_for("chuyển đổi số"));
    REQUIRE(found.ok());
    CHECK(found.value().total == 2);
    REQUIRE(b.value().search(request_for("kế hoạch")).ok());
    (void)b.value().suggest("nghi quy", 5);
    CHECK(caches.tables.facets.builds() == 2);
    CHECK(caches.tables.cited_keys.builds() == 2);
}

}  // TEST_SUITE
