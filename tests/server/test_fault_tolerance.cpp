// What the indexer survives: bad files, link loops, unreadable folders, being killed midway, and
// a server searching the index while it writes. The last ones run the real binaries.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <iterator>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "indexer/index_run.h"
#include "indexer/schema.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_documents.h"
#include "tests/support/test_server.h"

extern char** environ;

using tracuu::testing::run_command;
using tracuu::testing::encrypted_pdf;
using tracuu::testing::TempDir;
using tracuu::testing::TestServer;
namespace fs = std::filesystem;
namespace ix = tracuu::indexer;

namespace {

using Clock = std::chrono::steady_clock;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Polls `done` every 20 ms for at most `seconds`; true as soon as it holds.
bool wait_until(const std::function<bool()>& done, double seconds) {
    const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
        if (Clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

/** A program in the background whose output goes to a file, so it never blocks on a full pipe.
 *  Killed (SIGKILL, by its pid only) and reaped if still running when this object goes away. */
class Child {
public:
    Child(const std::vector<std::string>& argv, const fs::path& log) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        const int rc = posix_spawn(&m_pid, args[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    }
    ~Child() {
        if (!m_status) kill_now();
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    /// Waits at most `seconds` for the program to end; its wait status, or nullopt while it runs.
    std::optional<int> wait(double seconds) {
        (void)wait_until([this] { return reap(WNOHANG); }, seconds);
        return m_status;
    }
    /// Sends `signal` to the program, if it still runs.
    void send(int signal) {
        if (!m_status) kill(m_pid, signal);
    }
    /// Sends SIGKILL now and returns the wait status.
    int kill_now() {
        if (!m_status) {
            kill(m_pid, SIGKILL);
            reap(0);
        }
        return *m_status;
    }

private:
    bool reap(int flags) {
        int status = 0;
        if (!m_status && waitpid(m_pid, &status, flags) == m_pid) m_status = status;
        return m_status.has_value();
    }

    pid_t m_pid = -1;
    std::optional<int> m_status;
};

/// Documents the index has committed, as a fresh reader sees them (0 while there is no index).
Xapian::doccount committed_documents(const fs::path& index) {
    try {
        const Xapian::Database db(index.string());
        return db.get_termfreq(std::string(tracuu::schema::kKind) + std::string(tracuu::schema::kKindDocument));
    } catch (const Xapian::Error&) {
        return 0;
    }
}

/// The sentences of the Ninh Bình plan: cut after . ; : before a space, and at line ends.
const std::vector<std::string>& plan_sentences() {
    static const std::vector<std::string> sentences = [] {
        const std::string text = read_file(fs::path(TRACUU_SOURCE_DIR) / "corpus/plans/kh13-2025-ninh-binh.txt");
        std::vector<std::string> out;
        std::string current;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            const bool cut = c == '\n' || ((c == '.' || c == ';' || c == ':') && i + 1 < text.size() && text[i + 1] == ' ');
            if (c != '\n') current += c;
            if (!cut) continue;
            if (current.size() > 20) out.push_back(current);
            current.clear();
        }
        return out;
    }();
    return sentences;
}

/// `count` small documents numbered from `first`: a numbered heading, four plan sentences chosen
/// by the number (the same files on every run) and `extra`.
void write_documents(const fs::path& folder, int first, int count, const std::string& extra = "") {
    const auto& s = plan_sentences();
    fs::create_directories(folder);
    for (int i = first; i < first + count; ++i) {
        std::string body = "Văn bản thử nghiệm số " + std::to_string(i) + "\n";
        for (std::size_t k = 0; k < 4; ++k) body += s[(static_cast<std::size_t>(i) * 7 + k * 13) % s.size()] + "\n";
        char name[32];
        std::snprintf(name, sizeof name, "vb-%05d.txt", i);
        std::ofstream(folder / name, std::ios::binary) << body << extra << '\n';
    }
}

/// tracuu-server on a free loopback port with limits no test reaches, stopped by pid at the end.
class Server {
public:
    explicit Server(const fs::path& index) : m_server({"--index", index.string(), "--rate", "1000000", "--burst", "1000000"}) {}
    [[nodiscard]] int port() const { return m_server.port(); }

    /// The answer's status (-1 when there is none) and its JSON body (null unless 200).
    std::pair<int, nlohmann::json> get(const std::string& path, const httplib::Params& params = {}) const {
        const auto answer = m_server.get(path, params);
        return {answer.status, answer.status == 200 ? nlohmann::json::parse(answer.body, nullptr, false) : nlohmann::json()};
    }
    [[nodiscard]] long long documents() const {
        const auto [status, body] = get("/healthz");
        return status == 200 && body.contains("documents") ? body["documents"].get<long long>() : -1;
    }

private:
    TestServer m_server;
};

/** Two threads searching as fast as they can (with a 2 ms breath) until stop(), 20 s or 5,000
 *  searches each: the bounded load of a server while an indexer writes. */
class SearchLoad {
public:
    explicit SearchLoad(const Server& server) : m_server(server) {
        for (int seed : {0, 3}) m_threads.emplace_back([this, seed] { run(seed); });
    }
    ~SearchLoad() { stop(); }
    SearchLoad(const SearchLoad&) = delete;
    SearchLoad& operator=(const SearchLoad&) = delete;

    void stop() {
        m_stopped = true;
        for (auto& t : m_threads) {
            if (t.joinable()) t.join();
        }
    }
    [[nodiscard]] int answered() const { return m_answered; }
    [[nodiscard]] int answered_while_running() const { return m_answered_while_running; }
    [[nodiscard]] int failed() const { return m_failed; }
    [[nodiscard]] std::string first_failure() {
        const std::lock_guard lock(m_mutex);
        return m_first_failure;
    }

private:
    void run(int seed) {
        static constexpr const char* kQueries[] = {"kế hoạch", "57-NQ/TW", "chuyen doi so", "zqxlohai", "ngân sách năm 2026", "\"khoa học\""};
        const auto deadline = Clock::now() + std::chrono::seconds(20);
        for (int i = 0; i < 5000 && !m_stopped && Clock::now() < deadline; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));  // leave the indexer some CPU on small machines
            const char* q = kQueries[(i + seed) % 6];
            const int status = m_server.get("/api/search", {{"q", q}, {"size", "5"}}).first;
            ++m_answered;
            if (!m_stopped) ++m_answered_while_running;
            if (status == 200) continue;
            ++m_failed;
            const std::lock_guard lock(m_mutex);
            if (m_first_failure.empty()) m_first_failure = "status " + std::to_string(status) + " for " + q;
        }
    }

    const Server& m_server;
    std::atomic<bool> m_stopped{false};
    std::atomic<int> m_answered{0}, m_answered_while_running{0}, m_failed{0};
    std::mutex m_mutex;
    std::string m_first_failure;
    std::vector<std::thread> m_threads;
};


/// Problems of a run by file name.
std::map<std::string, std::string> reasons(const ix::IndexSummary& summary) {
    std::map<std::string, std::string> out;
    for (const auto& p : summary.problems) out[fs::path(p.path).filename().string()] = p.reason;
    return out;
}

/// Gives a folder its permissions back, so that the scratch folder can be removed.
struct RestoreMode {
    fs::path folder;
    ~RestoreMode() { chmod(folder.c_str(), 0755); }
};

}  // namespace

TEST_SUITE("fault tolerance") {

TEST_CASE("corrupt, truncated, encrypted, huge and binary files are each reported, empty ones skipped, and the rest is indexed") {
    const TempDir dir;
    const std::string plan_pdf = read_file(fs::path(TRACUU_SOURCE_DIR) / "corpus/plans/kh13-2025-ninh-binh.pdf");
    REQUIRE(plan_pdf.size() > 2000);
    dir.write("docs/tot.txt", "Kế hoạch số 13/KH-UBND về chuyển đổi số");
    dir.write("docs/tot.html", "<html><body><p>Quyết định số 5/QĐ-UBND về cải cách hành chính năm 2025</p></body></html>");
    dir.write("docs/hong.pdf", "%PDF-1.4 garbage");
    dir.write("docs/cut.pdf", plan_pdf.substr(0, 2000));
    dir.write("docs/khoa.pdf", encrypted_pdf());
    dir.write("docs/rong.txt", "");
    dir.write("docs/nhi-phan.txt", std::string("\x7f" "ELF\x02\x01\x01\x00", 8) + std::string(300, '\x01'));
    fs::resize_file(dir.write("docs/lon.txt", ""), 3u << 20);  // sparse: no disk, no time
    auto writer = ix::IndexWriter::open(dir.path() / "index").value();
    ix::IndexOptions options;
    options.max_file_bytes = 1u << 20;

    const ix::IndexSummary summary = ix::index_paths(writer, {dir.path() / "docs"}, options, nullptr);
    auto why = reasons(summary);
    CAPTURE(summary.problems.size());
    CHECK(why["hong.pdf"] == "corrupt or unreadable PDF");
    CHECK(why["cut.pdf"] == "corrupt or unreadable PDF");
    CHECK(why["khoa.pdf"] == "encrypted PDF (password required)");
    CHECK(why["nhi-phan.txt"] == "binary or unknown-encoding content, not text");
    CHECK(why["lon.txt"] == "file too large (3 MiB, limit 1 MiB)");
    CHECK(why.count("rong.txt") == 0);
    CHECK(why.size() == 5);
    CHECK(summary.empty == 1);
    CHECK(summary.added == 2);
    CHECK(writer.document_count() == 2);
}

TEST_CASE("symbolic link loops neither hang the indexer nor get followed") {
    const TempDir dir;
    const fs::path docs = dir.path() / "docs";
    dir.write("docs/a.txt", "văn bản một");
    dir.write("docs/con/b.txt", "văn bản hai");
    fs::create_directory_symlink(docs, docs / "vong");         // docs/vong → docs
    fs::create_directory_symlink("..", docs / "con" / "len");  // docs/con/len → docs
    fs::create_symlink("y.txt", docs / "x.txt");               // x.txt → y.txt → x.txt
    fs::create_symlink("x.txt", docs / "y.txt");
    Child indexer({TRACUU_INDEX_BIN, "--index", (dir.path() / "index").string(), docs.string()}, dir.path() / "log");
    const auto status = indexer.wait(30);
    const std::string log = read_file(dir.path() / "log");
    CAPTURE(log);
    REQUIRE(status.has_value());
    CHECK(WIFEXITED(*status));
    CHECK(WEXITSTATUS(*status) == 1);
    CHECK(log.find("x.txt: cannot read: too many levels of symbolic links") != std::string::npos);
    CHECK(log.find("2 added, 0 updated, 0 unchanged, 0 renamed, 0 removed, 2 skipped (2 folder links), 2 failed") != std::string::npos);
}

TEST_CASE("an unreadable folder is reported, its documents are kept and the rest is indexed") {
    const TempDir dir;
    const fs::path docs = dir.path() / "docs";
    dir.write("docs/mo/a.txt", "văn bản mở");
    dir.write("docs/khoa/b.txt", "văn bản trong thư mục bị khóa");
    auto writer = ix::IndexWriter::open(dir.path() / "index").value();
    REQUIRE(ix::index_paths(writer, {docs}, ix::IndexOptions{}, nullptr).added == 2);
    dir.write("docs/mo/c.txt", "văn bản mới");

    REQUIRE(chmod((docs / "khoa").c_str(), 0) == 0);
    const RestoreMode restore{docs / "khoa"};
    std::error_code ec;
    if (fs::directory_iterator(docs / "khoa", ec); !ec) {
        MESSAGE("skipped: this user reads folders whatever their mode (root in CI), so chmod 000 makes nothing unreadable");
        return;
    }
    const ix::IndexSummary summary = ix::index_paths(writer, {docs}, ix::IndexOptions{}, nullptr);
    REQUIRE(summary.problems.size() == 1);
    CHECK(fs::path(summary.problems[0].path).filename() == "khoa");
    CHECK(summary.problems[0].reason == "cannot read folder: permission denied");
    CHECK(summary.added == 1);
    CHECK(summary.unchanged == 1);
    CHECK(summary.removed == 0);
    CHECK(writer.document_count() == 3);
}

TEST_CASE("the indexer command counts renames, refuses files over --max-file-mib and is silent with --quiet") {
    const TempDir dir;
    const std::string index = (dir.path() / "index").string();
    const std::string docs = (dir.path() / "docs").string();
    dir.write("docs/du-thao.txt", "Dự thảo kế hoạch chuyển đổi số");
    fs::resize_file(dir.write("docs/lon.txt", ""), 2u << 20);
    const auto first = run_command({TRACUU_INDEX_BIN, "--index", index, "--max-file-mib", "1", "--quiet", docs});
    CAPTURE(first.output);
    CHECK(first.exit_code == 1);
    CHECK(first.output.find("lon.txt: file too large (2 MiB, limit 1 MiB)") != std::string::npos);
    CHECK(first.output.find("1 added, 0 updated, 0 unchanged, 0 renamed, 0 removed, 0 skipped, 1 failed") != std::string::npos);
    CHECK(first.output.find("files to read") == std::string::npos);

    fs::remove(dir.path() / "docs/lon.txt");
    fs::rename(dir.path() / "docs/du-thao.txt", dir.path() / "docs/ke-hoach.txt");
    const auto second = run_command({TRACUU_INDEX_BIN, "--index", index, docs});
    CAPTURE(second.output);
    CHECK(second.exit_code == 0);
    CHECK(second.output.find("1 files to read") != std::string::npos);  // a pipe gets plain log lines
    CHECK(second.output.find("0 added, 0 updated, 0 unchanged, 1 renamed, 0 removed") != std::string::npos);
}

TEST_CASE("an indexer killed midway leaves whole batches that a server opens and a second run completes") {
    const TempDir dir;
    const fs::path docs = dir.path() / "docs";
    const fs::path index = dir.path() / "index";
    constexpr Xapian::doccount kFiles = 3000;
    write_documents(docs, 0, static_cast<int>(kFiles));
    // Batches by count only, so that what a kill leaves is a whole number of them.
    const std::vector<std::string> command = {TRACUU_INDEX_BIN, "--index",        index.string(), "--commit-every", "100",
                                              "--commit-seconds", "0", "--quiet", docs.string()};

    Child first(command, dir.path() / "first.log");
    const bool committed = wait_until([&] { return committed_documents(index) > 0; }, 30);
    const bool still_running = !first.wait(0).has_value();
    const int status = first.kill_now();
    CAPTURE(read_file(dir.path() / "first.log"));
    REQUIRE(committed);
    REQUIRE_MESSAGE(still_running, "the indexer finished before it could be killed: give it more files");
    CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));

    const Xapian::doccount kept = committed_documents(index);
    CAPTURE(kept);
    CHECK(kept > 0);
    CHECK(kept < kFiles);
    CHECK(kept % 100 == 0);
    const Server server(index);
    REQUIRE(server.port() > 0);
    CHECK(server.documents() == static_cast<long long>(kept));

    const auto second = run_command(command);
    CAPTURE(second.output);
    CHECK(second.exit_code == 0);
    CHECK(second.output.find(std::to_string(kFiles - kept) + " added, 0 updated, " + std::to_string(kept) + " unchanged") !=
          std::string::npos);
    CHECK(committed_documents(index) == kFiles);
    CHECK(wait_until([&] { return server.documents() == kFiles; }, 10));
}

TEST_CASE("searches keep answering 200 while the indexer adds documents, which then become visible") {
    const TempDir dir;
    const fs::path index = dir.path() / "index";
    write_documents(dir.path() / "first", 0, 300);
    const auto initial = run_command({TRACUU_INDEX_BIN, "--index", index.string(), "--quiet", (dir.path() / "first").string()});
    REQUIRE(initial.exit_code == 0);
    write_documents(dir.path() / "more", 300, 1500, "Phụ lục bổ sung zqxlohai.");
    const Server server(index);
    REQUIRE(server.port() > 0);

    Child indexer({TRACUU_INDEX_BIN, "--index", index.string(), "--commit-every", "100", (dir.path() / "more").string()},
                  dir.path() / "indexer.log");
    SearchLoad load(server);
    const auto status = indexer.wait(60);
    load.stop();

    MESSAGE(load.answered() << " searches, " << load.answered_while_running() << " while the indexer ran");
    CAPTURE(read_file(dir.path() / "indexer.log"));
    CAPTURE(load.first_failure());
    REQUIRE(status.has_value());
    CHECK((WIFEXITED(*status) && WEXITSTATUS(*status) == 0));
    CHECK(load.answered_while_running() > 0);
    CHECK(load.failed() == 0);
    CHECK(wait_until([&] { return server.documents() == 1800; }, 5));
    const auto [search_status, found] = server.get("/api/search", {{"q", "zqxlohai"}});
    CHECK(search_status == 200);
    CHECK((found.is_object() && found.value("total", 0) == 1500));
}

TEST_CASE("SIGTERM stops the server cleanly with its default options, cache warmer included") {
    const TempDir dir;
    const fs::path index = dir.path() / "index";
    write_documents(dir.path() / "docs", 0, 5);
    REQUIRE(run_command({TRACUU_INDEX_BIN, "--index", index.string(), "--quiet", (dir.path() / "docs").string()}).exit_code == 0);
    const fs::path log = dir.path() / "server.log";
    Child server({TRACUU_SERVER_BIN, "--index", index.string(), "--port", "0"}, log);
    REQUIRE(wait_until([&] { return read_file(log).find("serving") != std::string::npos; }, 30));
    server.send(SIGTERM);
    const auto status = server.wait(10);
    CAPTURE(read_file(log));
    REQUIRE(status.has_value());
    CHECK((WIFEXITED(*status) && WEXITSTATUS(*status) == 0));
    CHECK(read_file(log).find("tracuu-server: stopping (signal 15)") != std::string::npos);
}

TEST_CASE("a search asked before a commit is computed again in the background, then answered from the cache with the new documents") {
    const TempDir dir;
    const fs::path index = dir.path() / "index";
    write_documents(dir.path() / "first", 0, 20, "Phụ lục zqxlohai.");
    REQUIRE(run_command({TRACUU_INDEX_BIN, "--index", index.string(), "--quiet", (dir.path() / "first").string()}).exit_code == 0);
    const Server server(index);  // --warm is on by default
    REQUIRE(server.port() > 0);
    const auto [first_status, first] = server.get("/api/search", {{"q", "zqxlohai"}});
    REQUIRE(first_status == 200);
    CHECK(first.value("total", 0) == 20);

    write_documents(dir.path() / "more", 20, 10, "Phụ lục zqxlohai.");
    REQUIRE(run_command({TRACUU_INDEX_BIN, "--index", index.string(), "--quiet", (dir.path() / "more").string()}).exit_code == 0);
    const auto caches = [&] { return server.get("/healthz").second["caches"]; };
    CHECK(wait_until([&] { return caches().value("warmed", 0) >= 1; }, 10));

    const int hits = caches()["answers"].value("hits", -1);
    const auto [again_status, again] = server.get("/api/search", {{"q", "zqxlohai"}});
    REQUIRE(again_status == 200);
    CHECK(again.value("total", 0) == 30);
    CHECK(caches()["answers"].value("hits", -1) == hits + 1);
}

}
