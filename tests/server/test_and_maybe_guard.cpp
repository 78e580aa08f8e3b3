// guard_and_maybe: the same matches and weights, and pages that stop early hold the documents of
// the full ranking, which Xapian 1.4.22 does not guarantee for an OP_AND_MAYBE (see the header).
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "indexer/query_builder.h"
#include "server/and_maybe_guard.h"
#include "server/searcher.h"
#include "tests/support/corpus_index.h"
#include "tests/support/xapian_weights.h"

using tracuu::server::guard_and_maybe;
using tracuu::testing::demo_corpus_index;
using tracuu::testing::every_weight;
using Q = Xapian::Query;

namespace {

/** Page sizes (1 to 20) whose early-terminated page misses a document that the full ranking
 *  puts on it with a higher weight than the page's last. */
std::vector<unsigned> sizes_missing_a_document(const Xapian::Database& db, const Q& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet full = enquire.get_mset(0, 20, db.get_doccount());
    std::vector<unsigned> missing;
    for (unsigned size = 1; size <= 20 && size <= full.size(); ++size) {
        const Xapian::MSet page = enquire.get_mset(0, size);
        std::set<Xapian::docid> shown;
        for (auto it = page.begin(); it != page.end(); ++it) shown.insert(*it);
        const double last = page[page.size() - 1].get_weight();
        for (unsigned i = 0; i < size; ++i) {
            if (shown.count(*full[i]) == 0 && full[i].get_weight() > last + 1e-9) {
                missing.push_back(size);
                break;
            }
        }
    }
    return missing;
}

// Queries of the demo corpus whose plain pages miss a document at some size (found by comparing
// 400 queries of title words, and by a reviewer paging through `ngân sách` and `đầu tư công`).
const std::vector<std::string> kQueries = {"ngân sách", "đầu tư công", "thuốc bảo vệ", "hạt nhân", "bộ của tổ", "thuy san", "dich tai san",
                                           "án trong thời", "kế hoạch", "chuyển đổi số", "57-NQ/TW"};

}  // namespace

TEST_SUITE("server") {

TEST_CASE("an AND_MAYBE guarded against Xapian's skip matches and weighs as before, and its pages stop early without losing a document") {
    const Xapian::Database db(demo_corpus_index());
    const tracuu::indexer::QueryBuilder builder;
    std::size_t plain_pages_missing = 0;
    for (const std::string& q : kQueries) {
        CAPTURE(q);
        const Q plain = builder.build(q, db).value().query;
        const Q guarded = guard_and_maybe(plain);
        CHECK(guarded.get_description() != plain.get_description());
        const auto before = every_weight(db, plain);
        const auto after = every_weight(db, guarded);
        REQUIRE(after.size() == before.size());
        for (const auto& [id, weight] : before) {
            CAPTURE(id);
            REQUIRE(after.count(id) == 1);
            CHECK(after.at(id) == doctest::Approx(weight).epsilon(1e-12));
        }
        CHECK(sizes_missing_a_document(db, guarded).empty());
        plain_pages_missing += sizes_missing_a_document(db, plain).size();
    }
    // Xapian 1.4.22 does skip here; should a later Xapian not, the guard is no longer needed.
    CHECK(plain_pages_missing > 0);
}

TEST_CASE("queries without an AND_MAYBE, or with one below a parameter, are kept as they are") {
    const Q a("Fa"), b("Fb");
    for (const Q& q : {a, Q(Q::OP_AND, a, b), Q(Q::OP_PHRASE, a, b), Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND_MAYBE, a, b), 2.0)}) {
        CAPTURE(q.get_description());
        CHECK(guard_and_maybe(q).get_description() == q.get_description());
    }
    CHECK(guard_and_maybe(Q(Q::OP_AND_NOT, Q(Q::OP_AND_MAYBE, a, b), Q("Fc"))).get_description().find("FixedWeightPostingSource") !=
          std::string::npos);
}

TEST_CASE("pages of a search with its counts known follow one another: no result is lost or shown twice") {
    tracuu::server::SearchCaches caches({.answers = 64, .counts = 64, .term_set_bytes = std::size_t{1} << 20});
    auto counted = tracuu::server::Searcher::open(std::vector<std::string>{demo_corpus_index()}, &caches);
    auto exhaustive = tracuu::server::Searcher::open(std::filesystem::path(demo_corpus_index()));
    REQUIRE(counted.ok());
    REQUIRE(exhaustive.ok());
    for (const std::string q : {"ngân sách", "đầu tư công"}) {
        CAPTURE(q);
        const auto all = exhaustive.value().search({q, 1, 24, {}, tracuu::server::SortOrder::Relevance});
        REQUIRE(all.ok());
        for (unsigned size : {1u, 2u, 3u, 4u, 8u}) {
            CAPTURE(size);
            std::vector<std::string> paged;
            for (unsigned page = 1; page * size <= 24; ++page) {
                const auto answer = counted.value().search({q, page, size, {}, tracuu::server::SortOrder::Relevance});
                REQUIRE(answer.ok());
                for (const auto& hit : answer.value().results) paged.push_back(hit.id);
            }
            std::vector<std::string> expected;
            for (std::size_t i = 0; i < paged.size(); ++i) expected.push_back(all.value().results[i].id);
            CHECK(paged == expected);
        }
    }
}

}  // TEST_SUITE
