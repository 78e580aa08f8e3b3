// Totals and facet counts: exact over every match whatever the page, and current after a commit;
// the caches of answers, counts and suggestions: used on one revision, never across a commit.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "indexer/index_run.h"
#include "server/searcher.h"
#include "server/snippet.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::server;
using tracuu::testing::TempDir;

namespace {

struct Kind {
    const char* heading;  ///< the type line as documents write it
    const char* symbol;   ///< the symbol of the number
};

constexpr Kind kKinds[] = {{"QUYẾT ĐỊNH", "QĐ-UBND"}, {"KẾ HOẠCH", "KH-UBND"}, {"CHỈ THỊ", "CT-UBND"}};

/// Writes `count` documents numbered from `first`: all mention "chuyển đổi số", types and years vary.
void write_documents(const TempDir& dir, const std::string& folder, int first, int count) {
    for (int i = first; i < first + count; ++i) {
        const Kind& kind = kKinds[i % 3];
        const int year = 2022 + i % 4;
        const std::string number = std::to_string(i + 1) + "/" + (kind.symbol[0] == 'K' ? "" : std::to_string(year) + "/") + kind.symbol;
        dir.write(folder + "/doc" + std::to_string(i) + ".txt",
                  "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: " + number + "\nNinh Bình, ngày 5 tháng 3 năm " + std::to_string(year) + "\n\n" +
                      kind.heading + "\nVề việc chuyển đổi số năm " + std::to_string(year) + "\n\nĐiều 1. Triển khai chuyển đổi số tại đơn vị số " +
                      std::to_string(i) + ".\n");
    }
}

void index_folder(const std::filesystem::path& index, const std::filesystem::path& folder) {
    auto writer = tracuu::indexer::IndexWriter::open(index).value();
    (void)tracuu::indexer::index_paths(writer, {folder}, {}, nullptr);
}

/// Twelve documents, six in index-a and six in index-b (all mention "chuyển đổi số").
void index_two_halves(const TempDir& dir) {
    write_documents(dir, "a", 0, 6);
    write_documents(dir, "b", 6, 6);
    index_folder(dir.path() / "index-a", dir.path() / "a");
    index_folder(dir.path() / "index-b", dir.path() / "b");
}

SearchAnswer search(Searcher& searcher, const std::string& q, unsigned page, unsigned size, tracuu::indexer::SearchFilters filters = {}) {
    SearchRequest request{q, page, size, std::move(filters), SortOrder::Relevance};
    auto answer = searcher.search(request);
    REQUIRE_MESSAGE(answer.ok(), (answer.ok() ? "" : answer.error().message));
    return std::move(answer).value();
}

std::uint64_t sum(const std::vector<FacetCount>& facet) {
    std::uint64_t n = 0;
    for (const auto& f : facet) n += f.count;
    return n;
}

/// Each hit as `id|snippet`, to compare two answers hit by hit.
std::vector<std::string> hits_of(const SearchAnswer& answer) {
    std::vector<std::string> hits;
    for (const auto& hit : answer.results) hits.push_back(hit.id + "|" + hit.snippet);
    return hits;
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("facets and the total count every match, not only the page asked for") {
    TempDir dir;
    write_documents(dir, "docs", 0, 30);
    index_folder(dir.path() / "index", dir.path() / "docs");
    auto searcher = Searcher::open(dir.path() / "index");
    REQUIRE(searcher.ok());

    for (unsigned page : {1u, 2u, 4u}) {
        CAPTURE(page);
        const SearchAnswer answer = search(searcher.value(), "chuyển đổi số", page, 3);
        CHECK(answer.total == 30);
        CHECK(answer.results.size() == 3);
        REQUIRE(!answer.facets.type.empty());
        CHECK(sum(answer.facets.type) == 30);
        CHECK(sum(answer.facets.year) == 30);
        // Each count equals the total of the search filtered on that value.
        for (const auto& f : answer.facets.type) {
            CAPTURE(f.value);
            tracuu::indexer::SearchFilters only;
            only.types = {f.value};
            CHECK(search(searcher.value(), "chuyển đổi số", 1, 1, only).total == f.count);
        }
        for (const auto& f : answer.facets.year) {
            CAPTURE(f.value);
            tracuu::indexer::SearchFilters only;
            only.years = {f.value};
            CHECK(search(searcher.value(), "chuyển đổi số", 1, 1, only).total == f.count);
        }
    }
    // Past the last page: no results, the same total and facets.
    const SearchAnswer beyond = search(searcher.value(), "chuyển đổi số", 20, 3);
    CHECK(beyond.results.empty());
    CHECK(beyond.total == 30);
    CHECK(sum(beyond.facets.type) == 30);
}

TEST_CASE("facet counts follow what the indexer committed since the last search") {
    TempDir dir;
    write_documents(dir, "docs", 0, 6);
    index_folder(dir.path() / "index", dir.path() / "docs");
    auto searcher = Searcher::open(dir.path() / "index");
    REQUIRE(searcher.ok());
    const SearchAnswer before = search(searcher.value(), "chuyển đổi số", 1, 2);
    CHECK(before.total == 6);
    CHECK(sum(before.facets.type) == 6);

    write_documents(dir, "docs", 6, 9);
    index_folder(dir.path() / "index", dir.path() / "docs");
    searcher.value().refresh();
    const SearchAnswer after = search(searcher.value(), "chuyển đổi số", 1, 2);
    CHECK(after.total == 15);
    CHECK(sum(after.facets.type) == 15);
    CHECK(sum(after.facets.year) == 15);
}

TEST_CASE("a long paragraph is analysed around its matches: marked, offset and cut as a short one") {
    const tracuu::analyzers::Analyzer analyzer(tracuu::analyzers::AnalysisMode::Index);
    std::string text;
    for (int i = 0; i < 800; ++i) text += "lời mở đầu ";
    const std::size_t passage = text.size();
    text += "triển khai chuyển đổi số của tỉnh";
    for (int i = 0; i < 100; ++i) text += " phần kết thúc";
    const Snippet s = make_snippet(text, {"chuyen", "doi", "so"}, analyzer, 120);
    CHECK(s.html.rfind("… ", 0) == 0);
    CHECK(s.html.find("<mark>chuyển đổi số</mark>") != std::string::npos);
    CHECK(s.html.substr(s.html.size() - 4) == " …");
    CHECK(s.offset < passage);
    CHECK(s.offset + 120 > passage);
    CHECK(text[s.offset - 1] == ' ');  // starts on a word
    CHECK(s.html.substr(4, 5) == text.substr(s.offset, 5));
}

TEST_CASE("a search asked again on one revision takes its counts from the cache, a commit counts anew") {
    TempDir dir;
    write_documents(dir, "docs", 0, 30);
    index_folder(dir.path() / "index", dir.path() / "docs");
    SearchCaches caches({.counts = 16});
    auto opened = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    REQUIRE(opened.ok());
    Searcher& searcher = opened.value();
    const auto& counts = caches.counts;

    const SearchAnswer first = search(searcher, "chuyển đổi số", 1, 5);
    CHECK(counts.stats().misses == 1);
    CHECK(counts.stats().hits == 0);
    const SearchAnswer second = search(searcher, "chuyển đổi số", 2, 5);
    CHECK(counts.stats().hits == 1);
    CHECK(second.total == first.total);
    CHECK(second.facets.type.size() == first.facets.type.size());
    CHECK(sum(second.facets.year) == sum(first.facets.year));
    CHECK(second.results.size() == 5);
    CHECK(second.results.front().id != first.results.front().id);  // the second page, not the first again

    tracuu::indexer::SearchFilters filtered;
    filtered.types = {"Kế hoạch"};
    const SearchAnswer plans = search(searcher, "chuyển đổi số", 1, 5, filtered);
    CHECK(counts.stats().misses == 2);  // other filters, other counts
    CHECK(plans.total < first.total);

    write_documents(dir, "docs", 30, 6);
    index_folder(dir.path() / "index", dir.path() / "docs");
    searcher.refresh();
    const SearchAnswer after = search(searcher, "chuyển đổi số", 1, 5);
    CHECK(counts.stats().misses == 3);
    CHECK(after.total == first.total + 6);
}

TEST_CASE("a new query of words asked before is counted from the kept term sets, as the exact pass counts it") {
    TempDir dir;
    write_documents(dir, "docs", 0, 30);
    index_folder(dir.path() / "index", dir.path() / "docs");
    SearchCaches caches({.term_set_bytes = std::size_t{1} << 20});
    auto opened = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    REQUIRE(opened.ok());
    Searcher& searcher = opened.value();
    auto exact = Searcher::open(dir.path() / "index");  // no caches: one ranked pass over every match
    REQUIRE(exact.ok());
    const auto& sets = caches.term_sets.sets;

    tracuu::indexer::SearchFilters plans;
    plans.types = {"Kế hoạch"};
    tracuu::indexer::SearchFilters years;
    years.years = {"2023", "2024"};
    const std::vector<std::pair<std::string, tracuu::indexer::SearchFilters>> asked = {
        {"chuyển đổi số", {}},
        {"đơn vị chuyển đổi", plans},
        {"\"triển khai chuyển đổi số\"", {}},
        {"số -kế", {}},
        {"không có", {}},  // nothing has both: the relaxed form
        {"trien khai chuyen doi", years},
        {"\"đơn vị số\" OR hoạch", {}},
        {"quyết định 7/2023/QĐ-UBND", {}},
        {"loai:\"kế hoạch\" đơn vị", {}},
    };
    for (const auto& [q, filters] : asked) {
        CAPTURE(q);
        const SearchAnswer counted = search(searcher, q, 1, 3, filters);
        const SearchAnswer walked = search(exact.value(), q, 1, 3, filters);
        CHECK(counted.total == walked.total);
        CHECK(counted.relaxed == walked.relaxed);
        CHECK(hits_of(counted) == hits_of(walked));
        for (const auto facet : {&Facets::type, &Facets::year, &Facets::issuer, &Facets::status}) {
            REQUIRE((counted.facets.*facet).size() == (walked.facets.*facet).size());
            for (std::size_t i = 0; i < (counted.facets.*facet).size(); ++i) {
                CHECK((counted.facets.*facet)[i].value == (walked.facets.*facet)[i].value);
                CHECK((counted.facets.*facet)[i].count == (walked.facets.*facet)[i].count);
            }
        }
    }
    CHECK(sets.stats().hits > 0);  // `đơn vị chuyển đổi` reused the sets of `chuyển đổi số`
    // A phrase is ranked restricted to its matches, which counting then finds kept.
    const auto before_phrase = sets.stats();
    const SearchAnswer phrase = search(searcher, "\"đơn vị số\"", 1, 3);
    CHECK(hits_of(phrase) == hits_of(search(exact.value(), "\"đơn vị số\"", 1, 3)));
    CHECK(phrase.total == 30);
    CHECK(sets.stats().hits > before_phrase.hits);

    write_documents(dir, "docs", 30, 6);
    index_folder(dir.path() / "index", dir.path() / "docs");
    searcher.refresh();
    const auto before = sets.stats();
    CHECK(search(searcher, "chuyển đổi số", 1, 3).total == 36);
    CHECK(sets.stats().misses > before.misses);  // a new revision reads its sets anew
}

TEST_CASE("a request asked again on one revision is answered from the cache, as computed") {
    TempDir dir;
    write_documents(dir, "docs", 0, 30);
    index_folder(dir.path() / "index", dir.path() / "docs");
    SearchCaches caches({.answers = 16, .counts = 16});
    auto opened = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    REQUIRE(opened.ok());
    Searcher& searcher = opened.value();
    auto uncached = Searcher::open(dir.path() / "index");
    REQUIRE(uncached.ok());

    const SearchAnswer first = search(searcher, "chuyen doi so", 1, 5);
    const SearchAnswer again = search(searcher, "chuyen doi so", 1, 5);
    CHECK(caches.answers.stats().misses == 1);
    CHECK(caches.answers.stats().hits == 1);
    CHECK(caches.counts.stats().misses == 1);  // the repeat never reached the counting
    const SearchAnswer computed = search(uncached.value(), "chuyen doi so", 1, 5);
    for (const SearchAnswer* a : {&again, &computed}) {
        CHECK(hits_of(*a) == hits_of(first));
        CHECK(a->total == first.total);
        CHECK(a->suggestion == first.suggestion);  // the restored query `chuyển đổi số`
        CHECK(sum(a->facets.type) == sum(first.facets.type));
        CHECK(a->facets.year.size() == first.facets.year.size());
    }
    REQUIRE(first.suggestion.has_value());

    // Any part of the request is part of the key: page, size, sort, filters.
    (void)search(searcher, "chuyen doi so", 2, 5);
    (void)search(searcher, "chuyen doi so", 1, 6);
    tracuu::indexer::SearchFilters years;
    years.years = {"2023"};
    const SearchAnswer filtered = search(searcher, "chuyen doi so", 1, 5, years);
    SearchRequest by_date{"chuyen doi so", 1, 5, {}, SortOrder::DateDescending};
    REQUIRE(searcher.search(by_date).ok());
    CHECK(caches.answers.stats().misses == 5);
    CHECK(caches.answers.stats().hits == 1);
    CHECK(filtered.total < first.total);
    // A large page is computed each time and never kept (the cache's memory stays bounded).
    (void)search(searcher, "chuyen doi so", 1, 50);
    (void)search(searcher, "chuyen doi so", 1, 50);
    CHECK(caches.answers.stats().misses == 5);
    CHECK(caches.answers.stats().hits == 1);

    // A commit is a new revision: the next answer is computed and holds the new documents.
    write_documents(dir, "docs", 30, 6);
    index_folder(dir.path() / "index", dir.path() / "docs");
    searcher.refresh();
    const SearchAnswer after = search(searcher, "chuyen doi so", 1, 5);
    CHECK(caches.answers.stats().misses == 6);
    CHECK(after.total == first.total + 6);
    CHECK(caches.counts.stats().hits >= 1);  // the large pages took their counts from the count cache
}

TEST_CASE("results read each stored document once per revision, and show what a commit changed") {
    TempDir dir;
    write_documents(dir, "docs", 0, 6);
    index_folder(dir.path() / "index", dir.path() / "docs");
    SearchCaches caches({.answers = 0, .counts = 16, .document_bytes = std::size_t{1} << 20});
    auto opened = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    REQUIRE(opened.ok());
    Searcher& searcher = opened.value();
    const auto& documents = caches.documents;

    const SearchAnswer first = search(searcher, "chuyển đổi số", 1, 6);
    REQUIRE(first.results.size() == 6);
    CHECK(documents.stats().misses == 6);
    const SearchAnswer again = search(searcher, "đơn vị chuyển đổi số", 1, 6);  // another search, the same documents
    REQUIRE(again.results.size() == 6);
    CHECK(documents.stats().misses == 6);
    CHECK(documents.stats().hits == 6);

    // The same file with a new title, committed: its result shows it, not the kept one.
    dir.write("docs/doc0.txt", "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 1/2022/QĐ-UBND\nNinh Bình, ngày 5 tháng 3 năm 2022\n\nQUYẾT ĐỊNH\n"
                                "Về việc số hóa hồ sơ chuyển đổi số\n\nĐiều 1. Triển khai chuyển đổi số tại đơn vị số 0.\n");
    index_folder(dir.path() / "index", dir.path() / "docs");
    searcher.refresh();
    const SearchAnswer after = search(searcher, "số hóa hồ sơ", 1, 6);
    REQUIRE(after.results.size() == 1);
    CHECK(after.results[0].title.find("số hóa hồ sơ") != std::string::npos);
}

TEST_CASE("an index rebuilt while the server runs is searched anew, though it counts its revisions from 1 again") {
    TempDir dir;
    const std::filesystem::path index = dir.path() / "index";
    write_documents(dir, "old", 0, 30);
    index_folder(index, dir.path() / "old");
    write_documents(dir, "old-more", 30, 3);
    index_folder(index, dir.path() / "old-more");
    SearchCaches caches({.answers = 16, .counts = 16, .suggestions = 16, .term_set_bytes = std::size_t{1} << 20,
                         .postings_bytes = std::size_t{4} << 20, .document_bytes = std::size_t{1} << 20});
    auto opened = Searcher::open(std::vector<std::string>{index.string()}, &caches);
    REQUIRE(opened.ok());
    Searcher& searcher = opened.value();
    const Xapian::rev cached_revision = searcher.revision();
    REQUIRE(search(searcher, "chuyển đổi số", 1, 5).total == 33);

    // Started over with other documents, then added to until it is at the revision the caches hold.
    write_documents(dir, "new", 100, 3);
    {
        auto writer = tracuu::indexer::IndexWriter::open(index, tracuu::indexer::OpenMode::Rebuild).value();
        (void)tracuu::indexer::index_paths(writer, {dir.path() / "new"}, {}, nullptr);
    }
    for (int run = 0; Xapian::Database(index.string()).get_revision() < cached_revision && run < 10; ++run) {
        write_documents(dir, "new-" + std::to_string(run), 200 + run, 1);
        index_folder(index, dir.path() / ("new-" + std::to_string(run)));
    }
    searcher.refresh();
    REQUIRE(searcher.revision() == cached_revision);
    auto uncached = Searcher::open(index);
    REQUIRE(uncached.ok());
    const SearchAnswer expected = search(uncached.value(), "chuyển đổi số", 1, 5);
    const SearchAnswer answer = search(searcher, "chuyển đổi số", 1, 5);
    CHECK(answer.total == expected.total);
    REQUIRE(answer.results.size() == expected.results.size());
    for (std::size_t i = 0; i < answer.results.size(); ++i) CHECK(answer.results[i].id == expected.results[i].id);
    const SearchAnswer page_two = search(searcher, "chuyển đổi số", 2, 2);  // its counts now kept: the page ranked alone
    REQUIRE(page_two.results.size() == 2);
    CHECK(page_two.results[0].id == expected.results[2].id);
}

TEST_CASE("a count cut short by the time limit says its total is an estimate, and no estimate is kept") {
    TempDir dir;
    write_documents(dir, "docs", 0, 300);
    index_folder(dir.path() / "index", dir.path() / "docs");
    const std::vector<std::string> index{(dir.path() / "index").string()};
    auto exact = Searcher::open(dir.path() / "index");
    REQUIRE(exact.ok());
    // A limit past before the first match is counted.
    constexpr double kPast = 1e-9;
    SearchCaches walked({.answers = 16, .counts = 16});
    auto walking = Searcher::open(index, &walked, kPast);
    SearchCaches with_sets({.answers = 16, .counts = 16, .term_set_bytes = std::size_t{1} << 20});
    auto by_sets = Searcher::open(index, &with_sets, kPast);
    REQUIRE(walking.ok());
    REQUIRE(by_sets.ok());

    std::size_t estimates = 0;
    for (const std::string q : {"nam:2023", "chuyển đổi số", "\"chuyển đổi số\"", "\"đơn vị số\" OR năm"}) {
        CAPTURE(q);
        const SearchAnswer truth = search(exact.value(), q, 1, 1);
        REQUIRE(truth.total_exact);
        REQUIRE(truth.total > 0);
        for (auto* pair : {&walking, &by_sets}) {
            SearchCaches& caches = pair == &walking ? walked : with_sets;
            const auto kept_before = caches.answers.stats().hits;
            const SearchAnswer answer = search(pair->value(), q, 1, 1);
            (void)search(pair->value(), q, 1, 1);
            if (answer.total_exact) {
                // What is said to be exact is.
                CHECK(answer.total == truth.total);
                CHECK(sum(answer.facets.year) == truth.total);
                CHECK(caches.answers.stats().hits == kept_before + 1);
            } else {
                ++estimates;
                CHECK(sum(answer.facets.year) < truth.total);  // the facets of the matches seen
                CHECK(caches.answers.stats().hits == kept_before);  // computed again, not kept
            }
        }
    }
    // Terms are counted by sets whatever the limit; what Xapian matches (phrases) is not.
    CHECK(search(by_sets.value(), "chuyển đổi số", 1, 1).total_exact);
    CHECK(!search(by_sets.value(), "\"chuyển đổi số\"", 1, 1).total_exact);
    CHECK(estimates >= 2);
    CHECK(walked.counts.stats().hits == 0);  // no estimate was kept as counts

    // A limit too large for the clock is no limit (it overflowed into the past).
    SearchCaches unlimited({.term_set_bytes = std::size_t{1} << 20});
    auto patient = Searcher::open(index, &unlimited, 1e10);
    REQUIRE(patient.ok());
    const SearchAnswer phrase = search(patient.value(), "\"chuyển đổi số\"", 1, 1);
    CHECK(phrase.total_exact);
    CHECK(phrase.total == search(exact.value(), "\"chuyển đổi số\"", 1, 1).total);
}

TEST_CASE("suggestions asked again on one revision come from the cache, a commit suggests anew") {
    TempDir dir;
    write_documents(dir, "docs", 0, 6);
    index_folder(dir.path() / "index", dir.path() / "docs");
    SearchCaches caches({.suggestions = 16});
    auto opened = Searcher::open(std::vector<std::string>{(dir.path() / "index").string()}, &caches);
    REQUIRE(opened.ok());
    Searcher& searcher = opened.value();

    const auto titles = [](const std::vector<Suggestion>& list) {
        std::vector<std::string> texts;
        for (const auto& s : list) texts.push_back(s.kind + ":" + s.text);
        return texts;
    };
    const auto first = searcher.suggest("ve vie", 8);
    REQUIRE(!first.empty());
    CHECK(titles(searcher.suggest("ve vie", 8)) == titles(first));
    CHECK(caches.suggestions.stats().hits == 1);
    (void)searcher.suggest("ve vie", 3);  // another size, another entry
    CHECK(caches.suggestions.stats().misses == 2);

    const auto before = searcher.suggest("ve viec quan", 8);
    dir.write("more/new.txt", "QUYẾT ĐỊNH\nVề việc quản lý tài sản công\n\nĐiều 1. Quản lý tài sản công.\n");
    index_folder(dir.path() / "index", dir.path() / "more");
    searcher.refresh();
    const auto after = searcher.suggest("ve viec quan", 8);
    CHECK(titles(after) != titles(before));
    CHECK(caches.suggestions.stats().hits == 1);
}

TEST_CASE("with no room in the cache or over several shards every search counts its matches") {
    TempDir dir;
    index_two_halves(dir);
    SearchCaches none({});
    auto one = Searcher::open(std::vector<std::string>{(dir.path() / "index-a").string()}, &none);
    REQUIRE(one.ok());
    (void)search(one.value(), "chuyển đổi số", 1, 5);
    (void)search(one.value(), "chuyển đổi số", 1, 5);
    CHECK(none.counts.stats().hits == 0);
    CHECK(none.answers.stats().hits == 0);

    SearchCaches room({.answers = 16, .counts = 16, .suggestions = 16});
    auto two = Searcher::open(std::vector<std::string>{(dir.path() / "index-a").string(), (dir.path() / "index-b").string()}, &room);
    REQUIRE(two.ok());
    const SearchAnswer a = search(two.value(), "chuyển đổi số", 1, 5);
    const SearchAnswer b = search(two.value(), "chuyển đổi số", 1, 5);
    (void)two.value().suggest("chuyen", 5);
    CHECK(room.counts.stats().hits + room.counts.stats().misses == 0);
    CHECK(room.answers.stats().hits + room.answers.stats().misses == 0);
    CHECK(room.suggestions.stats().hits + room.suggestions.stats().misses == 0);
    CHECK(a.total == 12);
    CHECK(b.total == 12);
}

TEST_CASE("an index folder that is a Xapian stub listing two databases is searched as one, caches or not") {
    TempDir dir;
    index_two_halves(dir);
    dir.write("stub/XAPIANDB", "auto " + (dir.path() / "index-a").string() + "\nauto " + (dir.path() / "index-b").string() + "\n");
    SearchCaches caches({.answers = 16, .counts = 16, .suggestions = 16, .term_set_bytes = std::size_t{1} << 20});
    auto stub = Searcher::open(std::vector<std::string>{(dir.path() / "stub").string()}, &caches);
    REQUIRE(stub.ok());
    for (int i = 0; i < 2; ++i) {
        const SearchAnswer answer = search(stub.value(), "chuyển đổi số", 1, 5);
        CHECK(answer.total == 12);
        CHECK(sum(answer.facets.type) == 12);
    }
    CHECK_FALSE(stub.value().suggest("ve vie", 5).empty());
    // Two databases have no one revision to key answers with: the searcher takes no caches (as
    // over shards), so its facet and key tables are its own, built once, not per request.
    CHECK(caches.answers.stats().hits + caches.answers.stats().misses == 0);
    CHECK(caches.counts.stats().hits + caches.counts.stats().misses == 0);
    CHECK(caches.term_sets.sets.stats().hits + caches.term_sets.sets.stats().misses == 0);
    CHECK(stub.value().status().answer_cache.capacity == 0);
}

}  // TEST_SUITE
