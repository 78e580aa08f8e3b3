// Ranking a page from kept postings: a query's weighted parts, each part's weight against Xapian's
// BM25 in every document, and pages equal to those of Xapian's exhaustive pass, for the queries the
// builder writes, random query trees and whole searches.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "indexer/filters.h"
#include "indexer/query_builder.h"
#include "server/bm25_parts.h"
#include "server/doc_set_source.h"
#include "server/match_sets.h"
#include "server/page_ranker.h"
#include "server/searcher.h"
#include "tests/support/corpus_index.h"
#include "tests/support/xapian_weights.h"

using namespace tracuu::server;
using tracuu::testing::demo_corpus_index;
using tracuu::testing::every_weight;
using Q = Xapian::Query;

namespace {

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

/// A phrase of `words` filtered by a set of documents, as within_known_matches() writes one.
Q restricted_phrase(const std::vector<Q>& words) {
    const auto set = std::make_shared<const DocSet>(Xapian::docid{8});
    const Q phrase(Q::OP_PHRASE, words.begin(), words.end());
    return Q(Q::OP_FILTER, phrase, Q((new DocSetSource(set, phrase.get_description()))->release()));
}

/// The builder's phrase wrapper of the searcher: each phrase restricted to its matches in `db`.
tracuu::indexer::PhraseWrapper restricting_phrases(const Xapian::Database& db) {
    return [&db](const Q& phrase) { return within_known_matches(db, phrase, nullptr, ""); };
}

/** Ranks [first, first + count) of `query` from its parts and checks them against Xapian's
 *  exhaustive pass: the same weights, and the same documents except where two weights tie up to
 *  the last digits (their order is then that of a sum taken in another order). */
void check_page(const Xapian::Database& db, const Q& query, Xapian::doccount first, Xapian::doccount count, PartCache* cache) {
    CAPTURE(first);
    CAPTURE(count);
    const std::optional<std::vector<QueryPart>> parts = weighted_parts(query);
    REQUIRE(parts.has_value());
    const DocSet matches = matching_documents(db, query);
    const auto lengths = DocLengths::build(db);
    const std::optional<RankedPage> page = rank_matches(db, *parts, matches, first, count, *lengths, KeptPostings{cache, nullptr, "1\n"});
    REQUIRE(page.has_value());
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet expected = enquire.get_mset(first, count, db.get_doccount());
    REQUIRE(page->hits.size() == expected.size());
    if (!expected.empty()) CHECK(near(page->best, expected.get_max_attained()));
    std::size_t i = 0;
    for (auto it = expected.begin(); it != expected.end(); ++it, ++i) {
        CAPTURE(i);
        CHECK(near(page->hits[i].weight, it.get_weight()));
        if (page->hits[i].id != *it) CHECK(near(every_weight(db, query)[page->hits[i].id], it.get_weight()));
    }
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("the weighted parts of a query: its terms and synonyms under sums, with their scale factors") {
    const Q a("Fa"), b("Fb"), c("Fc"), d("Fd");
    const Q synonym(Q::OP_SYNONYM, c, d);
    struct Case {
        Q query;
        std::vector<std::pair<std::string, double>> parts;  // description and factor
    };
    const std::vector<Case> cases = {
        {a, {{a.get_description(), 1}}},
        {Q(Q::OP_AND, a, Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, b, synonym), 0.3)),
         {{a.get_description(), 1}, {b.get_description(), 0.3}, {synonym.get_description(), 0.3}}},
        {Q(Q::OP_AND_MAYBE, a, Q(Q::OP_SCALE_WEIGHT, b, 2.0)), {{a.get_description(), 1}, {b.get_description(), 2}}},
        {Q(Q::OP_FILTER, a, b), {{a.get_description(), 1}}},  // the filter's side weighs nothing
        {Q(Q::OP_AND_NOT, a, b), {{a.get_description(), 1}}},
        {Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_SCALE_WEIGHT, a, 2.0), 0.25), {{a.get_description(), 0.5}}},
        {Q(Q::OP_OR, a, Q(Q::OP_SCALE_WEIGHT, b, 0.0)), {{a.get_description(), 1}}},  // scaled to nothing
        // A position, and a tab Xapian escapes in the description, leave the wqf at 1.
        {Q(Q::OP_OR, Q("Hnoi\tnội", 1, 3), a), {{Q("Hnoi\tnội", 1, 3).get_description(), 1}, {a.get_description(), 1}}},
        // A phrase restricted to its matches weighs as its words, a word being a term or its spellings.
        {Q(Q::OP_SCALE_WEIGHT, restricted_phrase({a, Q(Q::OP_OR, b, c)}), 2.0),
         {{a.get_description(), 2}, {b.get_description(), 2}, {c.get_description(), 2}}},
    };
    for (const Case& one : cases) {
        CAPTURE(one.query.get_description());
        const auto parts = weighted_parts(one.query);
        REQUIRE(parts.has_value());
        REQUIRE(parts->size() == one.parts.size());
        for (std::size_t i = 0; i < parts->size(); ++i) {
            CHECK((*parts)[i].query.get_description() == one.parts[i].first);
            CHECK((*parts)[i].factor == doctest::Approx(one.parts[i].second).epsilon(1e-15));
        }
    }
    // Conditions: only where a part's own presence does not make its subquery match. Under an
    // OR, `a` and the scaled OR of `c` and `d` need none; `b` weighs only where the AND does, and
    // the parts of that AND share one scope.
    const Q and_b_c(Q::OP_AND, b, Q(Q::OP_SCALE_WEIGHT, c, 2.0));
    const std::vector<Q> alternatives = {a, and_b_c, Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, c, d), 0.5)};
    const auto scoped = weighted_parts(Q(Q::OP_OR, alternatives.begin(), alternatives.end()));
    REQUIRE(scoped.has_value());
    REQUIRE(scoped->size() == 5);
    const std::vector<std::size_t> conditions_of = {0, 1, 1, 0, 0};  // a, b, c in the AND, c, d
    for (std::size_t i = 0; i < scoped->size(); ++i) {
        CAPTURE(i);
        CHECK((*scoped)[i].conditions.size() == conditions_of[i]);
        CHECK(((*scoped)[i].scope != 0) == (conditions_of[i] != 0));
    }
    CHECK((*scoped)[1].conditions.front().get_description() == and_b_c.get_description());
    CHECK((*scoped)[1].scope == (*scoped)[2].scope);

    // Weights that are not a sum of terms' BM25 weights.
    const std::vector<Q> pair{a, b};
    for (const Q& q : {Q(Q::OP_PHRASE, pair.begin(), pair.end()), Q(Q::OP_NEAR, pair.begin(), pair.end()), Q(Q::OP_MAX, a, b),
                       Q(Q::OP_ELITE_SET, pair.begin(), pair.end(), 1), Q::MatchAll, Q(Q::OP_VALUE_RANGE, 0, "a", "b"), Q(Q::OP_WILDCARD, "Fa"),
                       Q(Q::OP_AND, a, Q((new Xapian::FixedWeightPostingSource(1.0))->release())), Q(Q::OP_OR, a, Q(Q::OP_XOR, b, c)),
                       Q(Q::OP_AND, a, Q("Fb", 3)), Q(Q::OP_SYNONYM, a, Q("Fb", 2, 4)),  // a wqf of 3, of 2
                       // A phrase not restricted by a set of its matches.
                       Q(Q::OP_FILTER, Q(Q::OP_PHRASE, pair.begin(), pair.end()), c),
                       Q(Q::OP_AND_NOT, Q(Q::OP_PHRASE, pair.begin(), pair.end()), restricted_phrase({c, d}).get_subquery(1))}) {
        CAPTURE(q.get_description());
        CHECK_FALSE(weighted_parts(q).has_value());
    }
}

TEST_CASE("a part's weight in each of its documents is Xapian's BM25 weight there") {
    const Xapian::Database db(demo_corpus_index());
    const auto lengths = DocLengths::build(db);
    // The most common folded word, one in a few documents, and their accented forms as the builder pairs them.
    std::string common, rare;
    Xapian::doccount most = 0;
    for (auto it = db.allterms_begin("F"); it != db.allterms_end("F"); ++it) {
        if (it.get_termfreq() > most) {
            most = it.get_termfreq();
            common = *it;
        }
        if (rare.empty() && it.get_termfreq() == 3) rare = *it;
    }
    REQUIRE(most > 20);
    REQUIRE(!rare.empty());
    const std::vector<Q> three = {Q("Fdau"), Q("Ftu"), Q("Fcong")};
    const std::vector<QueryPart> parts = {
        {Q(common), 1, {}},
        {Q(rare), 1, {}},
        {Q(common), 0.3, {}},
        {Q("Hngan sach\tngân sách"), 2, {}},
        {Q(Q::OP_SYNONYM, Q("Fngan"), Q("Fsach")), 1, {}},  // Xapian estimates a synonym's frequency
        {Q(Q::OP_SYNONYM, Q(common), Q(rare)), 0.7, {}},
        {Q(Q::OP_SYNONYM, three.begin(), three.end()), 2, {}},
        {Q("Fkhongcotrongchimuc"), 1, {}},
    };
    for (const QueryPart& part : parts) {
        CAPTURE(part.query.get_description());
        CAPTURE(part.factor);
        const std::optional<WeightedPart> read = read_part(db, part.query, *lengths);
        REQUIRE(read.has_value());
        const std::map<Xapian::docid, double> expected = every_weight(db, Q(Q::OP_SCALE_WEIGHT, part.query, part.factor));
        CHECK(read->documents.count() == expected.size());
        double greatest = 0;
        for (const auto& [id, weight] : expected) {
            CAPTURE(id);
            CHECK(read->documents.contains(id));
            CHECK(near(read->weight(id, *lengths, read->termweight(part.factor)), weight));
            greatest = std::max(greatest, weight);
        }
        CHECK(near(read->termweight(part.factor) * read->max_saturation, greatest));
        for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
            if (expected.count(id) == 0) CHECK(read->weight(id, *lengths, read->termweight(part.factor)) == 0);
        }
    }
    // A synonym of anything but terms is not read as one part.
    CHECK_FALSE(read_part(db, Q(Q::OP_SYNONYM, Q("Fngan"), Q(Q::OP_AND, Q("Fsach"), Q("Fnha"))), *lengths).has_value());
    CHECK_FALSE(read_part(db, Q(Q::OP_AND, Q("Fsach"), Q("Fnha")), *lengths).has_value());
}

TEST_CASE("a page ranked from parts is the page of Xapian's exhaustive pass, for the queries the builder writes") {
    const Xapian::Database db(demo_corpus_index());
    tracuu::indexer::SearchFilters decisions;
    decisions.types = {"Quyết định"};
    tracuu::indexer::SearchFilters since_2020;
    since_2020.from = "2020-01-01";
    const std::vector<std::pair<std::string, tracuu::indexer::SearchFilters>> cases = {
        {"ngân sách", {}},
        {"chuyển đổi số", {}},                    // with the abbreviation's term as an alternative
        {"chuyen doi so", {}},                    // folded words, pairs in the spellings the index holds
        {"ngân sách nhà nước", decisions},        // a filter term
        {"quy định", since_2020},                 // a date range
        {"ngân sách -giáo", {}},                  // AND_NOT
        {"bảo hiểm OR tín dụng", {}},
        {"Ủy ban nhân dân tỉnh Ninh Bình", {}},  // many pairs; a title boost
        {"2025", {}},                             // a year: its word and its boosts
        {"kế hoạch chuyển đổi số năm 2025", {}}, // six words and a year
        {"xyzzy quokka", {}},                     // nothing
        // Phrases, restricted to their matches as the searcher restricts them.
        {"\"ngân sách nhà nước\"", {}},
        {"\"chuyển đổi số\" năm 2025", decisions},
        {"bộ tài chính", {}},                    // BTC and the phrase of its other long form
        {"btc ubnd", {}},                         // two abbreviations, their long forms phrases
        {"khoa học công nghệ -\"dự toán ngân sách\"", {}},
    };
    const tracuu::indexer::QueryBuilder builder;
    PartCache cache(std::size_t{8} << 20, Xapian::docid{1} << 30);  // keeps rare parts too
    for (const auto& [text, filters] : cases) {
        CAPTURE(text);
        auto parsed = builder.build(text, db, restricting_phrases(db));
        REQUIRE(parsed.ok());
        const auto filter = tracuu::indexer::filter_query(filters);
        REQUIRE(filter.ok());
        for (Q query : {parsed.value().query, parsed.value().relaxed}) {
            if (!filter.value().empty()) query = Q(Q::OP_FILTER, query, filter.value());
            CAPTURE(query.get_description());
            for (const auto& [first, count] : std::vector<std::pair<Xapian::doccount, Xapian::doccount>>{{0, 1}, {0, 10}, {3, 4}, {10, 10}, {0, 1000}, {0, 0}, {5, 0}}) {
                check_page(db, query, first, count, nullptr);
                check_page(db, query, first, count, &cache);
            }
        }
    }
    CHECK(cache.parts.stats().hits > 0);
    // A word's part is kept without its scale factor: read once, it serves the word at any weight.
    PartCache fresh(std::size_t{8} << 20, Xapian::docid{1} << 30);
    check_page(db, Q(Q::OP_SCALE_WEIGHT, Q("Fngan"), 0.3), 0, 10, &fresh);
    check_page(db, Q("Fngan"), 0, 10, &fresh);
    CHECK(fresh.parts.stats().misses == 1);
    CHECK(fresh.parts.stats().hits == 1);
}

TEST_CASE("random query trees of terms, synonyms and restricted phrases: each page is the page of Xapian's exhaustive pass") {
    const Xapian::Database db(demo_corpus_index());
    std::vector<std::string> words;
    for (auto it = db.allterms_begin("F"); it != db.allterms_end("F"); ++it) {
        if (it.get_termfreq() >= 2 && words.size() < 3000) words.push_back(*it);
    }
    REQUIRE(words.size() > 100);
    // Runs of two and three adjacent words of the documents, for phrases that match somewhere.
    std::vector<std::vector<Q>> runs;
    for (Xapian::docid id = 1; id <= db.get_lastdocid() && runs.size() < 400; id += 3) {
        std::map<Xapian::termpos, std::string> at;
        for (auto t = db.termlist_begin(id); t != db.termlist_end(id); ++t) {
            if ((*t)[0] != 'F') continue;
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at[*p] = *t;
        }
        for (auto it = at.begin(); it != at.end() && runs.size() < 400; std::advance(it, std::min<std::ptrdiff_t>(97, std::distance(it, at.end())))) {
            const auto second = at.find(it->first + 1);
            if (second == at.end()) continue;
            std::vector<Q> run{Q(it->second), Q(second->second)};
            if (const auto third = at.find(it->first + 2); third != at.end() && it->first % 2 == 0) run.emplace_back(third->second);
            runs.push_back(std::move(run));
        }
    }
    REQUIRE(runs.size() > 50);
    std::mt19937 random(20261129);
    const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
    const auto leaf = [&]() -> Q {
        switch (pick(12)) {
            case 0: return Q("Fkhongcotrongchimuc");
            case 1: return Q::MatchNothing;
            case 2: {
                const std::vector<Q>& run = runs[pick(runs.size())];
                return within_known_matches(db, Q(Q::OP_PHRASE, run.begin(), run.end()), nullptr, "");
            }
            default: return Q(words[pick(words.size())]);
        }
    };
    const std::vector<Q::op> operators = {Q::OP_AND, Q::OP_OR, Q::OP_AND_NOT, Q::OP_AND_MAYBE, Q::OP_FILTER, Q::OP_SYNONYM, Q::OP_SCALE_WEIGHT};
    const std::vector<double> factors = {0.0, 0.3, 1.0, 2.0, 10.0};  // 0: a part that weighs nothing
    std::function<Q(int)> tree = [&](int depth) -> Q {
        if (depth == 0 || pick(4) == 0) return leaf();
        const Q::op op = operators[pick(operators.size())];
        if (op == Q::OP_SCALE_WEIGHT) return Q(op, tree(depth - 1), factors[pick(factors.size())]);
        std::vector<Q> parts;
        const std::size_t n = 2 + pick(3);
        for (std::size_t i = 0; i < n; ++i) parts.push_back(op == Q::OP_SYNONYM ? Q(words[pick(words.size())]) : tree(depth - 1));
        return Q(op, parts.begin(), parts.end());
    };
    PartCache cache(std::size_t{8} << 20, Xapian::docid{1} << 30);  // keeps rare parts too
    for (int i = 0; i < 200; ++i) {
        const Q q = tree(3);
        CAPTURE(q.get_description());
        check_page(db, q, 0, 10, &cache);
        check_page(db, q, 5, 7, nullptr);
    }
}

TEST_CASE("a new search is ranked from the kept postings, as the exhaustive pass ranks it, page after page") {
    SearchCaches caches({.answers = 0, .counts = 64, .term_set_bytes = std::size_t{4} << 20, .postings_bytes = std::size_t{16} << 20});
    auto kept = Searcher::open(std::vector<std::string>{demo_corpus_index()}, &caches);
    auto exhaustive = Searcher::open(std::filesystem::path(demo_corpus_index()));
    REQUIRE(kept.ok());
    REQUIRE(exhaustive.ok());
    for (const std::string q : {"ngân sách", "ngân sách nhà nước", "đầu tư công", "chuyen doi so", "\"ngân sách nhà nước\" năm 2025"}) {
        CAPTURE(q);
        const auto all = exhaustive.value().search({q, 1, 24, {}, SortOrder::Relevance});
        REQUIRE(all.ok());
        REQUIRE(all.value().results.size() > 8);
        for (unsigned size : {1u, 3u, 8u}) {
            CAPTURE(size);
            for (unsigned page = 1; page * size <= 24; ++page) {
                const auto answer = kept.value().search({q, page, size, {}, SortOrder::Relevance});
                REQUIRE(answer.ok());
                CHECK(answer.value().total == all.value().total);
                REQUIRE(answer.value().results.size() == size);
                for (unsigned i = 0; i < size; ++i) {
                    const auto& got = answer.value().results[i];
                    const auto& expected = all.value().results[(page - 1) * size + i];
                    CHECK(got.score == doctest::Approx(expected.score).epsilon(1e-9));
                    if (got.id == expected.id) continue;
                    // Another document only where two tie: the exhaustive pass ranks it as high.
                    const auto same = std::find_if(all.value().results.begin(), all.value().results.end(), [&](const auto& r) { return r.id == got.id; });
                    REQUIRE(same != all.value().results.end());
                    CHECK(same->score == doctest::Approx(expected.score).epsilon(1e-9));
                }
            }
        }
    }
    // The words of later searches were read once and kept.
    CHECK(caches.postings.parts.stats().hits > caches.postings.parts.stats().misses);
    // A phrase restricted to its matches is ranked from the postings of its words too.
    const auto read_before = caches.postings.parts.stats().misses;
    REQUIRE(kept.value().search({"\"kế hoạch phát triển\"", 1, 10, {}, SortOrder::Relevance}).ok());
    CHECK(caches.postings.parts.stats().misses > read_before);
    // Sorted by date, the page is Xapian's.
    const auto misses = caches.postings.parts.stats().misses;
    const auto hits = caches.postings.parts.stats().hits;
    REQUIRE(kept.value().search({"kế hoạch", 1, 10, {}, SortOrder::DateDescending}).ok());
    CHECK(caches.postings.parts.stats().misses == misses);
    CHECK(caches.postings.parts.stats().hits == hits);
}

}  // TEST_SUITE
