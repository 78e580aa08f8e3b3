// End to end: the real binaries index corpus/ and serve it on a free loopback port.
#include <doctest/doctest.h>

#include <algorithm>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <fstream>
#include <iterator>
#include <set>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_server.h"

using tracuu::testing::run_command;
using tracuu::testing::TempDir;
using tracuu::testing::TestServer;

namespace {

const std::string kCorpus = std::string(TRACUU_SOURCE_DIR) + "/corpus";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string to_nfd(const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString nfd = icu::Normalizer2::getNFDInstance(status)->normalize(icu::UnicodeString::fromUTF8(text), status);
    std::string out;
    nfd.toUTF8String(out);
    return out;
}

/// The corpus plus an NFD copy of one document, indexed once and served for all cases below.
class Demo {
public:
    Demo() {
        m_extra.write("nfd-copy.txt", to_nfd(read_file(kCorpus + "/vbpl/doc_000001.txt")));
        const auto index = run_command({TRACUU_INDEX_BIN, "--index", (m_dir.path() / "index").string(), kCorpus, m_extra.path().string()});
        m_index_output = index.output;
        m_index_exit = index.exit_code;
        m_server = std::make_unique<TestServer>(std::vector<std::string>{"--index", (m_dir.path() / "index").string()});
    }

    nlohmann::json search(const std::string& q, int size = 100) const {
        return get("/api/search", httplib::Params{{"q", q}, {"size", std::to_string(size)}});
    }

    /// GET with parameters; null JSON unless the answer is 200.
    nlohmann::json get(const std::string& path, const httplib::Params& params = {}) const { return m_server->get_json(path, params); }

    /// The status of a GET.
    int status(const std::string& path, const httplib::Params& params = {}) const { return m_server->get(path, params).status; }

    /// The body of a GET, or "" unless the answer is 200.
    std::string get_raw(const std::string& path, const httplib::Params& params = {}) const {
        const auto answer = m_server->get(path, params);
        return answer.status == 200 ? answer.body : "";
    }

    static std::vector<std::string> ids(const nlohmann::json& answer) {
        std::vector<std::string> out;
        if (!answer.contains("results")) return out;
        for (const auto& r : answer["results"]) out.push_back(r["id"].get<std::string>());
        return out;
    }

    int port() const { return m_server->port(); }
    int index_exit() const { return m_index_exit; }
    const std::string& index_output() const { return m_index_output; }

private:
    TempDir m_dir;
    TempDir m_extra;
    std::string m_index_output;
    int m_index_exit = -1;
    std::unique_ptr<TestServer> m_server;
};

const Demo& demo() {
    static const Demo instance;  // index once for the whole suite; read-only afterwards
    return instance;
}

bool plan_in_top(const std::vector<std::string>& ids, std::size_t n) {
    for (std::size_t i = 0; i < ids.size() && i < n; ++i) {
        if (ids[i].rfind("kh13-2025-ninh-binh", 0) == 0) return true;
    }
    return false;
}

}  // namespace

TEST_SUITE("end to end") {

TEST_CASE("the corpus indexes without problems and the server starts on a free port") {
    CAPTURE(demo().index_output());
    CHECK(demo().index_exit() == 0);
    CHECK(demo().port() > 0);
}

TEST_CASE("unaccented, accented and capitalised queries find the same documents") {
    const auto plain = demo().search("uy ban nhan dan");
    const auto accented = demo().search("Uỷ ban nhân dân");
    const auto capitals = demo().search("ỦY BAN NHÂN DÂN");
    REQUIRE(plain.contains("total"));
    CHECK(plain["total"].get<int>() > 0);
    CHECK(plain["total"] == accented["total"]);
    CHECK(plain["total"] == capitals["total"]);
    const auto as_set = [](const nlohmann::json& a) {
        const auto v = Demo::ids(a);
        return std::set<std::string>(v.begin(), v.end());
    };
    CHECK(as_set(plain) == as_set(accented));
    CHECK(as_set(plain) == as_set(capitals));
}

TEST_CASE("a decomposed (NFD) copy of a document is found by an NFC query") {
    const auto ids = Demo::ids(demo().search("\"thu hút chuyên gia khoa học, công nghệ\""));
    CHECK(std::find(ids.begin(), ids.end(), "nfd-copy") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "doc-000001") != ids.end());
}

TEST_CASE("document numbers put the Ninh Bình plan first") {
    for (const char* q : {"57-NQ/TW", "60/2021/NĐ-CP", "nghi quyet 57"}) {
        CAPTURE(q);
        const auto ids = Demo::ids(demo().search(q, 10));
        CAPTURE(ids.size());
        CHECK(plan_in_top(ids, 2));
    }
}

TEST_CASE("snippets carry marks around the matched words") {
    const auto answer = demo().search("nghi quyet 57", 5);
    REQUIRE(answer.contains("results"));
    REQUIRE_FALSE(answer["results"].empty());
    for (const auto& r : answer["results"]) CHECK(r["snippet"].get<std::string>().find("<mark>") != std::string::npos);
}

TEST_CASE("the indexer reports bad files on one line each and exits 1, bad usage exits 2") {
    TempDir dir;
    dir.write("docs/good.txt", "văn bản tốt");
    dir.write("docs/empty.txt", "");
    dir.write("docs/encrypted.pdf", "%PDF-1.7\n% not a real PDF\n");
    const auto result = run_command({TRACUU_INDEX_BIN, "--index", (dir.path() / "index").string(), (dir.path() / "docs").string(),
                                     (dir.path() / "missing").string()});
    CHECK(result.exit_code == 1);
    CHECK(result.output.find("empty.txt") == std::string::npos);  // nothing to index, nothing wrong
    CHECK(result.output.find("1 skipped (1 empty)") != std::string::npos);
    CHECK(result.output.find("encrypted.pdf: ") != std::string::npos);
    CHECK(result.output.find("missing: no such file or folder") != std::string::npos);
    CHECK(result.output.find("1 added") != std::string::npos);
    CHECK(run_command({TRACUU_INDEX_BIN, "--bogus"}).exit_code == 2);
    CHECK(run_command({TRACUU_INDEX_BIN, "--index", (dir.path() / "index").string()}).exit_code == 2);
}

TEST_CASE("the server without an index says so and exits non-zero") {
    TempDir dir;
    const auto result = run_command({TRACUU_SERVER_BIN, "--index", (dir.path() / "none").string(), "--port", "0"});
    CHECK(result.exit_code != 0);
    CHECK(result.output.find("no index at") != std::string::npos);
}

TEST_CASE("identity fields filter, and facets count exactly what matched") {
    const auto plans = demo().search("loai:\"kế hoạch\" nam:2025");
    REQUIRE(plans.contains("total"));
    CHECK(plans["total"] == 2);
    for (const auto& r : plans["results"]) CHECK(r["number"] == "13/KH-UBND");
    CHECK(plans["facets"]["type"] == nlohmann::json::parse(R"([{"value": "Kế hoạch", "count": 2}])"));

    const auto all = demo().search("nghi");
    std::uint64_t by_type = 0;
    for (const auto& f : all["facets"]["type"]) by_type += f["count"].get<std::uint64_t>();
    std::uint64_t untyped = 0;
    for (const auto& r : all["results"]) untyped += r.contains("type") ? 0 : 1;
    CHECK(by_type + untyped == all["total"].get<std::uint64_t>());

    const auto filtered = demo().get("/api/search", {{"q", "nghi"}, {"type", "Kế hoạch"}});
    CHECK(filtered["total"] == 2);
}

TEST_CASE("staff's ways of naming the plan put it first") {
    for (const char* q : {"UBND tinh Ninh Binh", "nghi dinh 60 2021", "kế hoạch 13 UBND Ninh Bình", "13/KH-UBND"}) {
        CAPTURE(q);
        CHECK(plan_in_top(Demo::ids(demo().search(q, 10)), 2));
    }
}

TEST_CASE("a cited key lists the citing plan with its sentences, both dates and the conflict") {
    const auto key = demo().get("/api/references/57-NQ%2FTW");
    REQUIRE(key.contains("cited_by"));
    int plan = 0;
    for (const auto& c : key["cited_by"]) {
        if (c["id"].get<std::string>().rfind("kh13-2025-ninh-binh", 0) != 0) continue;
        ++plan;
        CHECK(c["count"].get<int>() >= 10);
        CHECK(c["contexts"][0].get<std::string>().find("57") != std::string::npos);
        // The plan is in corpus/ as .txt and .pdf: one citing document, the other file its copy.
        REQUIRE(c["copies"].size() == 1);
        CHECK(c["copies"][0].get<std::string>().rfind("kh13-2025-ninh-binh", 0) == 0);
        CHECK(c["copies"][0] != c["id"]);
    }
    CHECK(plan == 1);
    CHECK(key["dates_seen"] == nlohmann::json::parse(R"(["2024-12-22", "2025-12-22"])"));
    bool date_conflict = false, typo = false;
    for (const auto& c : key["conflicts"]) {
        date_conflict = date_conflict || c["kind"] == "date";
        typo = typo || (c["kind"] == "typo" && c["message"].get<std::string>().find("57-NQ/TU") != std::string::npos);
    }
    CHECK(date_conflict);
    CHECK(typo);
    CHECK(key["budget"]["total_vnd"] == 666300000000LL);
}

TEST_CASE("the plan's references list what it cites, and a Căn cứ chain resolves both ways") {
    const auto refs = demo().get("/api/documents/kh13-2025-ninh-binh/references");
    std::set<std::string> keys;
    for (const auto& r : refs["references"]) keys.insert(r["key"].get<std::string>());
    for (const char* expected : {"57-NQ/TW", "60/2021/NĐ-CP", "111/2025/NĐ-CP", "18-NQ/TW", "3/NQ-CP@2025@chính phủ",
                                 "113/KH-UBND@2025@ủy ban nhân dân tỉnh ninh bình"}) {
        CAPTURE(expected);
        CHECK(keys.count(expected) == 1);
    }
    CHECK(keys.count("13/KH-UBND@2025@ủy ban nhân dân tỉnh ninh bình") == 0);  // its own number is no citation

    const auto citing = demo().get("/api/documents/doc-000031/references");
    bool resolved = false;
    for (const auto& r : citing["references"]) resolved = resolved || (r["target"].is_object() && r["target"]["id"] == "doc-000143");
    CHECK(resolved);
    const auto cited = demo().get("/api/documents/doc-000143");
    bool back = false;
    for (const auto& c : cited["cited_by"]) back = back || c["id"] == "doc-000031";
    CHECK(back);
}

TEST_CASE("a number written with a Cyrillic look-alike in its document is found as typed in Latin letters") {
    // corpus/vbpl/doc_000147.txt writes its own number 157/2025/TT-BTС with a Cyrillic С.
    const auto ids = Demo::ids(demo().search("157/2025/TT-BTC", 10));
    CHECK(std::find(ids.begin(), ids.end(), "doc-000147") != ids.end());
    CHECK(demo().get("/api/documents/doc-000147")["number"] == "157/2025/TT-BTC");
}

TEST_CASE("the plan's budget lines add up and the 57-NQ/TW line is found by reference") {
    const auto budget = demo().get("/api/budget", {{"doc", "kh13-2025-ninh-binh"}});
    REQUIRE(budget.contains("lines"));
    bool total_line = false;
    for (const auto& l : budget["lines"]) total_line = total_line || l["amount_vnd"] == 1093000000000LL;
    CHECK(total_line);
    REQUIRE(budget["checks"].size() == 1);
    CHECK(budget["checks"][0]["ok"] == true);
    CHECK(budget["checks"][0]["stated_vnd"] == 1093000000000LL);

    const auto by_ref = demo().get("/api/budget", {{"ref", "57-NQ/TW"}});
    REQUIRE_FALSE(by_ref["lines"].empty());
    CHECK(by_ref["lines"][0]["amount_vnd"] == 666300000000LL);
    CHECK(by_ref["lines"][0]["label"].get<std::string>().find("57-NQ/TW") != std::string::npos);
    // The corpus holds the plan as .txt and as .pdf: one document, counted once.
    CHECK(by_ref["total_vnd"] == 666300000000LL);
    REQUIRE(by_ref["copies"].size() == 1);
    const std::string kept = by_ref["copies"][0]["same_as"].get<std::string>();
    CHECK(by_ref["copies"][0]["doc_id"].get<std::string>().rfind("kh13-2025-ninh-binh", 0) == 0);
    for (const auto& l : by_ref["lines"]) CHECK(l["doc_id"] == kept);
    const auto pdf_copy = demo().get("/api/budget", {{"doc", by_ref["copies"][0]["doc_id"].get<std::string>()}});
    CHECK_FALSE(pdf_copy["lines"].empty());  // asked for by id, a copy still lists its own lines
    // The key as a person writes it finds the same lines; a mistyped document id is a 404.
    CHECK(demo().get("/api/budget", {{"ref", "57-nq/tw"}})["total_vnd"] == 666300000000LL);
    CHECK(demo().status("/api/budget", {{"doc", "kh13-2025-ninh-bin"}}) == 404);
    CHECK(demo().status("/api/budget.csv", {{"doc", "kh13-2025-ninh-bin"}}) == 404);

    const std::string csv = demo().get_raw("/api/budget.csv", {{"doc", "kh13-2025-ninh-binh"}});
    CHECK(csv.rfind("\xEF\xBB\xBF" "id,doc_id", 0) == 0);
    CHECK(csv.find("Nhiệm vụ triển khai theo Nghị quyết số 57-NQ/TW") != std::string::npos);
}

}
