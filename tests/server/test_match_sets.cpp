// Counting by set algebra: the sets of documents, the cost-bounded cache that keeps them, and the
// proof that a query's set holds exactly the documents Xapian's matcher finds for it.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "indexer/filters.h"
#include "indexer/index_run.h"
#include "indexer/query_builder.h"
#include "indexer/schema.h"
#include "server/doc_set.h"
#include "server/lru_map.h"
#include "server/match_sets.h"
#include "tests/support/temp_dir.h"
#include "tests/support/xapian_weights.h"

using namespace tracuu::server;
using tracuu::testing::TempDir;
using tracuu::testing::every_weight;

namespace {

std::vector<Xapian::docid> ids_of(const DocSet& set) {
    std::vector<Xapian::docid> ids;
    set.for_each([&](Xapian::docid id) { ids.push_back(id); });
    return ids;
}

DocSet set_of(Xapian::docid last, const std::vector<Xapian::docid>& ids) {
    DocSet set(last);
    for (const Xapian::docid id : ids) set.add(id);
    return set;
}

/// Every document Xapian's matcher finds for the query, counted exactly.
std::vector<Xapian::docid> xapian_matches(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    std::set<Xapian::docid> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.insert(*it);
    REQUIRE(mset.get_matches_estimated() == ids.size());
    return {ids.begin(), ids.end()};
}

/// The real documents of corpus/vbpl and the Ninh Bình plan, indexed once for every case below.
class Corpus {
public:
    Corpus() {
        auto writer = tracuu::indexer::IndexWriter::open(m_dir.path() / "index").value();
        const std::filesystem::path corpus = std::filesystem::path(TRACUU_SOURCE_DIR) / "corpus";
        (void)tracuu::indexer::index_paths(writer, {corpus / "vbpl", corpus / "plans"}, {}, nullptr);
    }
    [[nodiscard]] Xapian::Database open() const { return Xapian::Database((m_dir.path() / "index").string()); }

private:
    TempDir m_dir;
};

const Corpus& corpus() {
    static const Corpus indexed;
    return indexed;
}

struct Case {
    const char* query;
    tracuu::indexer::SearchFilters filters;
};

}  // namespace

TEST_SUITE("server") {

TEST_CASE("document sets: adding, testing, intersecting, uniting, subtracting, counting") {
    const DocSet a = set_of(200, {1, 2, 63, 64, 65, 130, 200});
    const DocSet b = set_of(200, {2, 64, 66, 199, 200});
    CHECK(a.count() == 7);
    CHECK(a.contains(63));
    CHECK_FALSE(a.contains(66));
    CHECK_FALSE(a.contains(5000));  // beyond the set's ids: not in it
    DocSet both = a;
    both.intersect(b);
    CHECK(ids_of(both) == std::vector<Xapian::docid>{2, 64, 200});
    DocSet either = a;
    either.unite(b);
    CHECK(ids_of(either) == std::vector<Xapian::docid>{1, 2, 63, 64, 65, 66, 130, 199, 200});
    DocSet only_a = a;
    only_a.subtract(b);
    CHECK(ids_of(only_a) == std::vector<Xapian::docid>{1, 63, 65, 130});
    DocSet none(200);
    CHECK(none.empty());
    CHECK(none.count() == 0);
    none.add(201);  // a document committed after the set was sized for its revision
    none.add(900);
    CHECK(none.empty());
    CHECK(a.bytes() == 4 * sizeof(std::uint64_t));
    // Walking the set from an id on, as a posting list does.
    CHECK(a.first_from(0) == 1);
    CHECK(a.first_from(3) == 63);
    CHECK(a.first_from(64) == 64);
    CHECK(a.first_from(66) == 130);
    CHECK(a.first_from(131) == 200);
    CHECK(a.first_from(201) == 0);
    CHECK(a.first_from(9999) == 0);
    CHECK(DocSet(200).first_from(1) == 0);
}

TEST_CASE("a map bounded by cost forgets the least recently used until the costs fit") {
    LruMap<int> map(100);
    map.put("a", 1, 40);
    map.put("b", 2, 40);
    CHECK(map.cost() == 80);
    (void)map.use("a");      // b is now the least recently used
    map.put("c", 3, 30);     // 110 > 100: b goes
    CHECK(map.contains("a"));
    CHECK_FALSE(map.contains("b"));
    CHECK(map.contains("c"));
    CHECK(map.cost() == 70);
    map.put("a", 4, 10);     // replacing counts the new cost only
    CHECK(map.cost() == 40);
    CHECK(*map.use("a") == 4);
    map.put("huge", 5, 101);  // larger than the whole capacity: not kept, nothing forgotten
    CHECK_FALSE(map.contains("huge"));
    CHECK(map.cost() == 40);
    LruMap<int> entries(2);   // cost 1 each by default: a capacity in entries
    entries.put("x", 1);
    entries.put("y", 2);
    entries.put("z", 3);
    CHECK_FALSE(entries.contains("x"));
    CHECK(entries.values() == std::vector<int>{3, 2});
}

TEST_CASE("a query's set holds exactly the documents Xapian's matcher finds for it") {
    const Xapian::Database db = corpus().open();
    REQUIRE(db.get_doccount() > 40);
    tracuu::indexer::SearchFilters decisions;
    decisions.types = {"Quyết định"};
    tracuu::indexer::SearchFilters since_2020;
    since_2020.from = "2020-01-01";
    tracuu::indexer::SearchFilters years;
    years.years = {"2021", "2022"};
    const std::vector<Case> cases = {
        {"chuyển đổi số", {}},
        {"chuyen doi so", {}},                    // restored spellings of pairs, looked up in the index
        {"ngân sách nhà nước", decisions},        // a filter term
        {"quy định", since_2020},                 // a date range: a value range Xapian decides
        {"thông tư", years},                      // OR within a field
        {"\"cơ sở dữ liệu\"", {}},                // a phrase: positions, decided by Xapian
        {"khoa học và công nghệ", {}},            // abbreviation alternatives, phrases under an OR
        {"ngân sách -giáo", {}},                  // AND_NOT
        {"bảo hiểm OR tín dụng", {}},
        {"Ủy ban nhân dân tỉnh Ninh Bình", {}},
        {"57-NQ/TW", {}},                         // a document number
        {"nd-cp 211 2022", {}},                   // a number spelled another way
        {"UBND", {}},
        {"xyzzy quokka", {}},                     // nothing
    };
    const tracuu::indexer::QueryBuilder builder;
    for (const Case& c : cases) {
        CAPTURE(c.query);
        auto parsed = builder.build(c.query, db);
        REQUIRE(parsed.ok());
        Xapian::Query query = parsed.value().query;
        auto filter = tracuu::indexer::filter_query(c.filters);
        REQUIRE(filter.ok());
        if (!filter.value().empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter.value());
        for (const Xapian::Query& q : {query, parsed.value().relaxed}) {
            CAPTURE(q.get_description());
            const DocSet set = matching_documents(db, q);
            CHECK(ids_of(set) == xapian_matches(db, q));
            CHECK(set.count() == xapian_matches(db, q).size());
        }
    }
    // Operators no query of ours uses go through Xapian's matcher too.
    using Q = Xapian::Query;
    const Q so("Fso"), nam("Fnam");
    for (const Q& q : {Q(Q::OP_XOR, so, nam), Q::MatchAll, Q::MatchNothing, Q(Q::OP_AND_MAYBE, so, nam), Q(Q::OP_MAX, so, nam),
                       Q(Q::OP_WILDCARD, "Fng"), Q(Q::OP_AND_NOT, so, Q(Q::OP_OR, nam, Q("Fdan")))}) {
        CAPTURE(q.get_description());
        CHECK(decidable_by_sets(q));
        CHECK(ids_of(matching_documents(db, q)) == xapian_matches(db, q));
    }
    // Except ELITE_SET, which picks its terms by their weights in the whole query.
    const std::vector<Q> elite = {Q("Fxyzzy"), so};
    CHECK_FALSE(decidable_by_sets(Q(Q::OP_ELITE_SET, elite.begin(), elite.end(), 1)));
    CHECK_FALSE(decidable_by_sets(Q(Q::OP_AND, nam, Q(Q::OP_ELITE_SET, elite.begin(), elite.end(), 1))));
}

TEST_CASE("random query trees: every set holds exactly Xapian's matches, read anew or from the cache") {
    const Xapian::Database db = corpus().open();
    // Folded words from rare to common, and terms the index lacks.
    std::vector<std::string> words;
    for (auto it = db.allterms_begin("F"); it != db.allterms_end("F"); ++it) {
        if (it.get_termfreq() >= 2 && words.size() < 4000) words.push_back(*it);
    }
    REQUIRE(words.size() > 100);
    std::mt19937 random(20261129);
    const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
    using Q = Xapian::Query;
    const auto leaf = [&]() -> Q {
        switch (pick(10)) {
            case 0: return Q("Fkhongcotrongchimuc");
            case 1: return Q::MatchAll;
            case 2: return Q::MatchNothing;
            case 3: return Q(Q::OP_VALUE_RANGE, tracuu::schema::kSlotDate, "2015-01-01", "2020-12-31");
            case 4: {
                const std::vector<Q> pair{Q(words[pick(words.size())]), Q(words[pick(words.size())])};
                return Q(Q::OP_PHRASE, pair.begin(), pair.end());
            }
            default: return Q(words[pick(words.size())]);
        }
    };
    const std::vector<Q::op> operators = {Q::OP_AND, Q::OP_OR, Q::OP_AND_NOT, Q::OP_AND_MAYBE, Q::OP_FILTER, Q::OP_MAX, Q::OP_SYNONYM, Q::OP_SCALE_WEIGHT};
    std::function<Q(int)> tree = [&](int depth) -> Q {
        if (depth == 0 || pick(4) == 0) return leaf();
        const Q::op op = operators[pick(operators.size())];
        if (op == Q::OP_SCALE_WEIGHT) return Q(op, tree(depth - 1), static_cast<double>(pick(3)));
        std::vector<Q> parts;
        const std::size_t n = 2 + pick(3);
        // OP_SYNONYM of terms, as the query builder writes it.
        for (std::size_t i = 0; i < n; ++i) parts.push_back(op == Q::OP_SYNONYM ? Q(words[pick(words.size())]) : tree(depth - 1));
        return Q(op, parts.begin(), parts.end());
    };
    DocSetCache cache(std::size_t{4} << 20);
    for (int i = 0; i < 300; ++i) {
        const Q q = tree(3);
        CAPTURE(q.get_description());
        const std::vector<Xapian::docid> expected = xapian_matches(db, q);
        CHECK(ids_of(matching_documents(db, q)) == expected);
        CHECK(ids_of(matching_documents(db, q, &cache, "1\n")) == expected);
    }
    CHECK(cache.sets.stats().hits > 0);
}

TEST_CASE("a phrase restricted to its known matches: the same documents, weighted for the phrase only where it is") {
    const Xapian::Database db = corpus().open();
    DocSetCache cache(std::size_t{16} << 20);
    const tracuu::indexer::QueryBuilder builder;
    std::vector<Xapian::Query> phrases;
    int restricted = 0;
    const tracuu::indexer::PhraseWrapper restrict = [&](const Xapian::Query& phrase) {
        phrases.push_back(phrase);
        ++restricted;
        return within_known_matches(db, phrase, &cache, "1\n");
    };
    for (const char* q : {"\"cơ sở dữ liệu\"", "khoa học và công nghệ", "\"ngân sách nhà nước\" đầu tư", "nd-cp 211 2022", "ủy ban nhân dân",
                          "\"quan đầu mối\" OR khoản 3", "\"không có cụm này\""}) {
        CAPTURE(q);
        phrases.clear();
        const Xapian::Query plain = builder.build(q, db).value().query;
        const Xapian::Query ranked = builder.build(q, db, restrict).value().query;
        CHECK(xapian_matches(db, ranked) == xapian_matches(db, plain));
        DocSet in_a_phrase(db.get_lastdocid());
        for (const Xapian::Query& phrase : phrases) in_a_phrase.unite(matching_documents(db, phrase));
        // Weights of every match, every match checked. A document holding a phrase is weighted as
        // before (up to the order of a sum); one without it never more than before: Xapian 1.4
        // may credit a phrase under an OR to a document that has its words in other places.
        const std::map<Xapian::docid, double> before = every_weight(db, plain), after = every_weight(db, ranked);
        REQUIRE(before.size() == after.size());
        for (const auto& [id, weight] : after) {
            CAPTURE(id);
            const double old_weight = before.at(id);
            if (in_a_phrase.contains(id)) {
                CHECK(weight == doctest::Approx(old_weight).epsilon(1e-9));
            } else {
                CHECK(weight <= old_weight * (1 + 1e-9));
            }
        }
    }
    CHECK(restricted >= 6);  // the quoted phrases, the abbreviation's long form, the number's words
}

TEST_CASE("the sets of terms are kept per revision key, within their budget in bytes") {
    const Xapian::Database db = corpus().open();
    const tracuu::indexer::QueryBuilder builder;
    const Xapian::Query a = builder.build("chuyển đổi số", db).value().query;
    const Xapian::Query b = builder.build("số hóa chuyển đổi", db).value().query;  // the same words, another query

    DocSetCache cache(std::size_t{1} << 20);
    const DocSet first = matching_documents(db, a, &cache, "7\n");
    const auto after_first = cache.sets.stats();
    CHECK(after_first.hits == 0);
    CHECK(after_first.misses > 0);
    CHECK(ids_of(matching_documents(db, a, &cache, "7\n")) == ids_of(first));
    CHECK(cache.sets.stats().misses == after_first.misses);  // every set from the cache
    (void)matching_documents(db, b, &cache, "7\n");
    CHECK(cache.sets.stats().hits > after_first.misses);      // the shared words were not read again
    const auto before_other = cache.sets.stats();
    (void)matching_documents(db, a, &cache, "8\n");  // another revision reads every set anew
    CHECK(cache.sets.stats().misses == before_other.misses + after_first.misses);
    CHECK(cache.sets.stats().hits == before_other.hits);

    // Rare terms are read each time, never kept: a set costs a bit per document id, however few
    // documents it holds. Here "rare" is under a quarter of the ids: the common words are kept.
    DocSetCache common_only(std::size_t{1} << 20, 4);
    const Xapian::Query rare_and_common = builder.build("điều quokka", db).value().relaxed;  // OR of a word and one the index lacks
    CHECK(ids_of(matching_documents(db, rare_and_common, &common_only, "7\n")) == xapian_matches(db, rare_and_common));
    CHECK(ids_of(matching_documents(db, rare_and_common, &common_only, "7\n")) == xapian_matches(db, rare_and_common));
    CHECK(common_only.sets.stats().hits > 0);  // `điều`'s sets
    std::string rare;  // a word of one document
    for (auto it = db.allterms_begin("F"); it != db.allterms_end("F") && rare.empty(); ++it) {
        if (it.get_termfreq() == 1) rare = *it;
    }
    REQUIRE(!rare.empty());
    const auto kept = common_only.sets.stats();
    for (const std::string& term : {rare, std::string("Fquokka")}) {
        CAPTURE(term);
        CHECK(ids_of(matching_documents(db, Xapian::Query(term), &common_only, "7\n")) == xapian_matches(db, Xapian::Query(term)));
        CHECK(ids_of(matching_documents(db, Xapian::Query(term), &common_only, "7\n")) == xapian_matches(db, Xapian::Query(term)));
    }
    CHECK(common_only.sets.stats().hits == kept.hits);      // never looked up
    CHECK(common_only.sets.stats().misses == kept.misses);
    CHECK(DocSetCache(1 << 20, 0).rare_share == 1);        // a share of 0 would divide by 0

    DocSetCache tiny(first.bytes() - 1);  // no set fits: each is read every time, the answer is the same
    CHECK(ids_of(matching_documents(db, a, &tiny, "7\n")) == ids_of(first));
    CHECK(ids_of(matching_documents(db, a, &tiny, "7\n")) == ids_of(first));
    CHECK(tiny.sets.stats().hits == 0);
    CHECK(ids_of(matching_documents(db, a, &cache, "")) == ids_of(first));  // no revision key: nothing kept or looked up
}

}  // TEST_SUITE
