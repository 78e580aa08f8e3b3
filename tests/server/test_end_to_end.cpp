// End to end: the real binaries index corpus/ and serve it on a free loopback port.
#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <fstream>
#include <iterator>
#include <set>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using tracuu::testing::BackgroundProcess;
using tracuu::testing::run_command;
using tracuu::testing::TempDir;

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
        m_server = std::make_unique<BackgroundProcess>(std::vector<std::string>{
            TRACUU_SERVER_BIN, "--index", (m_dir.path() / "index").string(), "--host", "127.0.0.1", "--port", "0"});
        const std::string line = m_server->wait_for_line("http://127.0.0.1:", 30);
        const auto at = line.find("http://127.0.0.1:");
        if (at != std::string::npos) m_port = std::stoi(line.substr(at + 17));
    }

    nlohmann::json search(const std::string& q, int size = 100) const {
        httplib::Client client("127.0.0.1", m_port);
        client.set_read_timeout(30, 0);
        const auto res = client.Get("/api/search", httplib::Params{{"q", q}, {"size", std::to_string(size)}}, httplib::Headers{});
        if (!res || res->status != 200) return nlohmann::json();
        return nlohmann::json::parse(res->body, nullptr, false);
    }

    static std::vector<std::string> ids(const nlohmann::json& answer) {
        std::vector<std::string> out;
        if (!answer.contains("results")) return out;
        for (const auto& r : answer["results"]) out.push_back(r["id"].get<std::string>());
        return out;
    }

    int port() const { return m_port; }
    int index_exit() const { return m_index_exit; }
    const std::string& index_output() const { return m_index_output; }

private:
    TempDir m_dir;
    TempDir m_extra;
    std::string m_index_output;
    int m_index_exit = -1;
    std::unique_ptr<BackgroundProcess> m_server;
    int m_port = -1;
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
    CHECK(result.output.find("empty.txt: ") != std::string::npos);
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

}
