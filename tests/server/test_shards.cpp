// Sharding with Xapian's remote backend: two xapian-tcpsrv processes on loopback searched as
// one index must answer exactly like one local database holding every document.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <thread>

#include "indexer/index_run.h"
#include "server/searcher.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using tracuu::testing::BackgroundProcess;
using tracuu::testing::TempDir;

namespace {

const std::filesystem::path kTcpSrv = "/usr/bin/xapian-tcpsrv";
const std::filesystem::path kCorpus = std::filesystem::path(TRACUU_SOURCE_DIR) / "corpus";

/// A port free at the time of asking, for a child process to bind.
int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

bool accepts(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return ok;
}

void index_into(const std::filesystem::path& index, const std::vector<std::filesystem::path>& files) {
    auto writer = tracuu::indexer::IndexWriter::open(index).value();
    (void)tracuu::indexer::index_paths(writer, files, {}, nullptr);
}

/// `id@score` per hit; documents with equal scores may come in either order (docids differ
/// between one database and shards), so hits are sorted within runs of equal score.
std::vector<std::string> ranked(const tracuu::server::SearchAnswer& a) {
    std::vector<std::pair<long, std::string>> hits;
    for (const auto& r : a.results) hits.emplace_back(std::lround(r.score * 1e6), r.id);
    std::stable_sort(hits.begin(), hits.end(), [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
    std::vector<std::string> out;
    for (const auto& [score, id] : hits) out.push_back(id + "@" + std::to_string(score));
    return out;
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("two remote shards answer like one local index: results, totals and facets") {
    REQUIRE_MESSAGE(std::filesystem::exists(kTcpSrv), "xapian-tcpsrv (Debian xapian-tools) is required");
    TempDir dir;
    std::vector<std::filesystem::path> all;
    for (const auto& entry : std::filesystem::directory_iterator(kCorpus / "vbpl")) all.push_back(entry.path());
    std::sort(all.begin(), all.end());
    all.push_back(kCorpus / "plans" / "kh13-2025-ninh-binh.txt");
    const std::vector<std::filesystem::path> first(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2));
    const std::vector<std::filesystem::path> second(all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2), all.end());
    index_into(dir.path() / "one", all);
    index_into(dir.path() / "shard1", first);
    index_into(dir.path() / "shard2", second);

    const int port1 = free_port(), port2 = free_port();
    BackgroundProcess tcp1({kTcpSrv.string(), "--interface", "127.0.0.1", "--port", std::to_string(port1), "--quiet", (dir.path() / "shard1").string()});
    BackgroundProcess tcp2({kTcpSrv.string(), "--interface", "127.0.0.1", "--port", std::to_string(port2), "--quiet", (dir.path() / "shard2").string()});
    for (int i = 0; i < 100 && !(accepts(port1) && accepts(port2)); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));

    auto local = tracuu::server::Searcher::open(dir.path() / "one");
    auto remote = tracuu::server::Searcher::open(std::vector<std::string>{
        "tcp://127.0.0.1:" + std::to_string(port1), "tcp://127.0.0.1:" + std::to_string(port2)});
    REQUIRE(local.ok());
    REQUIRE_MESSAGE(remote.ok(), (remote.ok() ? "" : remote.error().message));
    CHECK(remote.value().status().documents == local.value().status().documents);

    for (const char* q : {"thuế giá trị gia tăng", "nghi dinh 181 2025", "57-NQ/TW", "loai:\"thông tư\" nam:2025", "uy ban nhan dan", "thuế gia tri gia tăng"}) {
        CAPTURE(std::string(q));
        const auto a = local.value().search({q, 1, 100, {}, tracuu::server::SortOrder::Relevance});
        const auto b = remote.value().search({q, 1, 100, {}, tracuu::server::SortOrder::Relevance});
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        CHECK(a.value().total == b.value().total);
        CHECK(ranked(a.value()) == ranked(b.value()));
        CHECK(a.value().facets.type.size() == b.value().facets.type.size());
        for (std::size_t i = 0; i < a.value().facets.type.size() && i < b.value().facets.type.size(); ++i) {
            CHECK(a.value().facets.type[i].value == b.value().facets.type[i].value);
            CHECK(a.value().facets.type[i].count == b.value().facets.type[i].count);
        }
        CHECK(a.value().facets.year.size() == b.value().facets.year.size());
    }
    const auto doc = remote.value().document("kh13-2025-ninh-binh");
    CHECK(doc.ok());

    // Suggestions: the same words and titles; cited documents only from the local index (the key
    // table is not read through the network).
    const auto kinds = [](const std::vector<tracuu::server::Suggestion>& list, const std::string& kind) {
        std::vector<std::string> texts;
        for (const auto& s : list) {
            if (s.kind == kind) texts.push_back(s.text);
        }
        return texts;
    };
    const auto from_local = local.value().suggest("nghi quy", 8);
    const auto from_remote = remote.value().suggest("nghi quy", 8);
    CHECK(kinds(from_remote, "phrase") == kinds(from_local, "phrase"));
    CHECK_FALSE(kinds(from_local, "reference").empty());
    CHECK(kinds(from_remote, "reference").empty());
}

TEST_CASE("a shard that is not of the form tcp://HOST:PORT is refused with a reason") {
    const auto bad = tracuu::server::Searcher::open(std::vector<std::string>{"tcp://nowhere"});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("tcp://HOST:PORT") != std::string::npos);
}

}
