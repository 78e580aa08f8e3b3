#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bench/eval/judgements.h"
#include "bench/eval/metrics.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::eval;
using tracuu::testing::TempDir;

namespace {

using Ranking = std::vector<std::string>;

struct MetricCase {
    Ranking ranked;
    Judgements relevant;
    double recall_at_1;
    double recall_at_10;
    double mrr_at_10;
    double ndcg_at_10;
};

}  // namespace

TEST_SUITE("bench") {

TEST_CASE("the four figures of one ranking follow trec_eval's definitions") {
    const std::vector<MetricCase> cases{
        {{"a", "b"}, {{"a", 1}}, 1, 1, 1, 1},
        {{"x", "a"}, {{"a", 1}}, 0, 1, 0.5, 0.6309297535714575},
        {{"x", "y"}, {{"a", 1}}, 0, 0, 0, 0},
        {{}, {{"a", 1}}, 0, 0, 0, 0},
        {{"a", "x", "b"}, {{"a", 1}, {"b", 1}}, 0.5, 1, 1, 0.9197207891481876},
        {{"b", "a"}, {{"a", 2}, {"b", 1}}, 0.5, 1, 1, 0.8597186998521972},
        {{"a"}, {{"a", 0}}, 0, 0, 0, 0},
    };
    for (const auto& c : cases) {
        CAPTURE(c.ranked.size());
        const Metrics m = measure(c.ranked, c.relevant);
        CHECK(m.recall_at_1 == doctest::Approx(c.recall_at_1));
        CHECK(m.recall_at_10 == doctest::Approx(c.recall_at_10));
        CHECK(m.mrr_at_10 == doctest::Approx(c.mrr_at_10));
        CHECK(m.ndcg_at_10 == doctest::Approx(c.ndcg_at_10));
    }
}

TEST_CASE("a relevant document past the cutoff does not count") {
    Ranking ranked;
    for (int i = 0; i < 10; ++i) ranked.push_back("x" + std::to_string(i));
    ranked.push_back("a");
    CHECK(recall_at(ranked, {{"a", 1}}, 10) == 0);
    CHECK(reciprocal_rank_at(ranked, {{"a", 1}}, 10) == 0);
    CHECK(ndcg_at(ranked, {{"a", 1}}, 10) == 0);
    CHECK(recall_at(ranked, {{"a", 1}}, 11) == 1);
}

TEST_CASE("a document listed twice counts once") {
    CHECK(recall_at({"a", "a"}, {{"a", 1}, {"b", 1}}, 10) == doctest::Approx(0.5));
    CHECK(ndcg_at({"a", "a", "b"}, {{"a", 1}, {"b", 1}}, 10) == doctest::Approx(1.0));
}

TEST_CASE("means are taken per figure over the queries, and are zero for no query") {
    const Metrics m = mean({Metrics{1, 1, 1, 1}, Metrics{0, 1, 0.5, 0.5}});
    CHECK(m.recall_at_1 == doctest::Approx(0.5));
    CHECK(m.recall_at_10 == doctest::Approx(1.0));
    CHECK(m.mrr_at_10 == doctest::Approx(0.75));
    CHECK(m.ndcg_at_10 == doctest::Approx(0.75));
    CHECK(mean({}).mrr_at_10 == 0);
}

TEST_CASE("stripping diacritics removes every mark and turns đ into d, keeping case and punctuation") {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"Đơn vị sự nghiệp công lập", "Don vi su nghiep cong lap"},
        {"Ủy ban nhân dân, cấp xã.", "Uy ban nhan dan, cap xa."},
        {"U\xCC\x89y ban", "Uy ban"},  // NFD input
        {"ĐỒNG ĐỘI", "DONG DOI"},
        {"60/2021/NĐ-CP ngày 05/3/2020", "60/2021/ND-CP ngay 05/3/2020"},
        {"", ""},
    };
    for (const auto& [typed, stripped] : cases) {
        CAPTURE(typed);
        CHECK(strip_diacritics(typed) == stripped);
    }
}

TEST_CASE("a staff query file lists a query and the ids that should come first, tab-separated") {
    const TempDir dir;
    const auto file = dir.write("staff.tsv",
                                "\xEF\xBB\xBF# department checks\n"
                                "kế hoạch chuyển đổi số\tKH-12\n"
                                "\n"
                                "phòng, chống ma túy\tLuật Phòng, chống ma túy 2021|46\tLuật Phòng, chống ma túy 2021|49 \n");
    const auto set = read_staff_queries(file);
    REQUIRE(set.ok());
    REQUIRE(set.value().queries.size() == 2);
    CHECK(set.value().queries[0].id == "line 2");
    CHECK(set.value().queries[0].text == "kế hoạch chuyển đổi số");
    CHECK(set.value().queries[0].relevant == Judgements{{"KH-12", 1}});
    CHECK(set.value().queries[1].relevant ==
          Judgements{{"Luật Phòng, chống ma túy 2021|46", 1}, {"Luật Phòng, chống ma túy 2021|49", 1}});
}

TEST_CASE("a staff query without an expected id is refused with its line number") {
    const TempDir dir;
    const auto file = dir.write("staff.tsv", "ke hoach\tKH-1\nchuyen doi so\n");
    const auto set = read_staff_queries(file);
    REQUIRE_FALSE(set.ok());
    CHECK(set.error().message.find("staff.tsv:2:") != std::string::npos);
}

TEST_CASE("a BEIR folder gives judged queries in file order and counts the unjudged ones") {
    const TempDir dir;
    dir.write("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"viên chức\"}\n{\"_id\": \"q2\", \"text\": \"thanh niên\"}\n"
                               "{\"_id\": 3, \"text\": \"ma túy\"}\n");
    dir.write("qrels.tsv", "query-id\tcorpus-id\tscore\nq1\tLuật Viên chức 2010|2\t1\n3\tdoc 7\t2\nq2\tdoc 9\t0\n");
    const auto set = read_beir_queries(dir.path());
    REQUIRE(set.ok());
    REQUIRE(set.value().queries.size() == 2);
    CHECK(set.value().queries[0].relevant == Judgements{{"Luật Viên chức 2010|2", 1}});
    CHECK(set.value().queries[1].id == "3");
    CHECK(set.value().queries[1].relevant == Judgements{{"doc 7", 2}});
    CHECK(set.value().unjudged == 1);
}

TEST_CASE("a BEIR qrels row with a score that is not a number is refused with its line number") {
    const TempDir dir;
    dir.write("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"viên chức\"}\n");
    dir.write("qrels.tsv", "query-id\tcorpus-id\tscore\nq1\tdoc\thigh\n");
    const auto set = read_beir_queries(dir.path());
    REQUIRE_FALSE(set.ok());
    CHECK(set.error().message.find("qrels.tsv:2:") != std::string::npos);
}

}
