// tracuu-index stopped by SIGTERM, as a service manager stops it, or by SIGINT (Ctrl-C): the real
// binary, signalled once its progress log shows documents written.
#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "indexer/budget_index.h"
#include "indexer/document_builder.h"
#include "indexer/query_builder.h"
#include "indexer/schema.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

extern char** environ;

using tracuu::testing::run_command;
using tracuu::testing::TempDir;
namespace fs = std::filesystem;
namespace schema = tracuu::schema;

namespace {

constexpr int kExitInterrupted = 130;  // README: "Exit status"
constexpr int kFiles = 3000;

/** A program whose standard output and error come through one pipe, read line by line; it can
 *  be signalled (by its pid only) and waited for. Killed and reaped if still running at the end. */
class Watched {
public:
    explicit Watched(const std::vector<std::string>& argv) {
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        // Whatever the test runner blocks or ignores, the program starts as a shell would start it.
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        sigset_t none, stops;
        sigemptyset(&none);
        sigemptyset(&stops);
        sigaddset(&stops, SIGINT);
        sigaddset(&stops, SIGTERM);
        posix_spawnattr_setsigmask(&attributes, &none);
        posix_spawnattr_setsigdefault(&attributes, &stops);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        const int rc = posix_spawn(&m_pid, args[0], &actions, &attributes, args.data(), environ);
        posix_spawnattr_destroy(&attributes);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        m_out = fds[0];
        if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    }
    ~Watched() {
        if (!m_reaped) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
        close(m_out);
    }
    Watched(const Watched&) = delete;
    Watched& operator=(const Watched&) = delete;

    /// Reads lines until one matches `pattern` (returned) or the output ends or `seconds` pass ("").
    std::string wait_for(const std::regex& pattern, int seconds) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        std::size_t start = 0;
        while (std::chrono::steady_clock::now() < deadline) {
            for (std::size_t nl; (nl = m_output.find('\n', start)) != std::string::npos; start = nl + 1) {
                std::string line = m_output.substr(start, nl - start);
                if (std::regex_search(line, pattern)) {
                    m_output.erase(0, nl + 1);
                    m_seen += line + '\n';
                    return line;
                }
            }
            if (!read_some(100)) break;
        }
        return "";
    }

    void signal(int number) const { kill(m_pid, number); }

    /// Reads the rest of the output and waits for the program to end; its exit code, or -1.
    int finish() {
        while (read_some(1000)) {
        }
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_reaped = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    /// Everything read so far.
    [[nodiscard]] std::string output() const { return m_seen + m_output; }

private:
    bool read_some(int timeout_ms) {
        pollfd pfd{m_out, POLLIN, 0};
        if (poll(&pfd, 1, timeout_ms) <= 0) return true;  // nothing yet: not the end
        char buffer[4096];
        const ssize_t n = read(m_out, buffer, sizeof buffer);
        if (n <= 0) return false;
        m_output.append(buffer, static_cast<std::size_t>(n));
        return true;
    }

    pid_t m_pid = -1;
    int m_out = -1;
    bool m_reaped = false;
    std::string m_output;  ///< read and not yet matched
    std::string m_seen;    ///< lines matched so far
};

/// A made-up word of letters only, one per number, so that each file can be found by its own words.
std::string word(const char* lead, int n) {
    std::string w = lead;
    for (int i = 0; i < 4; ++i, n /= 26) w += static_cast<char>('a' + n % 26);
    return w;
}

/// File `n`: its own first and last words, a paragraph of a plan and one budget line.
void write_document(const fs::path& folder, int n, const std::string& edition = "") {
    char name[32];
    std::snprintf(name, sizeof name, "vb-%05d.txt", n);
    std::ofstream(folder / name, std::ios::binary)
        << "Kế hoạch " << word("zqdau", n) << " số " << n << "/KH-UBND " << edition << "\n"
        << "Triển khai chuyển đổi số trong cơ quan nhà nước, phát triển chính quyền số, kinh tế số và xã hội số;"
           " nâng cao chất lượng phục vụ người dân và doanh nghiệp.\n"
        << "Kinh phí thực hiện là: " << (n + 1) << " tỷ đồng.\n"
        << "Mã cuối " << word("zqcuoi", n) << "\n";
}

void write_documents(const fs::path& folder, const std::string& edition = "") {
    fs::create_directories(folder);
    for (int n = 0; n < kFiles; ++n) write_document(folder, n, edition);
}

/// `N added` (or another count) read from a summary line; -1 when absent.
long count_in(const std::string& output, const std::string& what) {
    std::smatch m;
    return std::regex_search(output, m, std::regex("(\\d+) " + what + ",")) ? std::stol(m[1]) : -1;
}

/// Starts `command`, sends `signal` as soon as its log shows files done, and returns its exit code.
int run_and_interrupt(const std::vector<std::string>& command, int signal, std::string& output) {
    Watched indexer(command);
    // LogLines progress (stderr is not a terminal): `tracuu-index: 100/3000 files, …`.
    const std::string progress = indexer.wait_for(std::regex("tracuu-index: [1-9][0-9]*/[0-9]+ files, "), 60);
    indexer.signal(signal);
    const int code = indexer.finish();
    output = indexer.output();
    CAPTURE(output);
    REQUIRE_MESSAGE(!progress.empty(), "no progress line came");
    REQUIRE_MESSAGE(output.find("0 failed in") != std::string::npos, "no summary line");
    REQUIRE_MESSAGE(code != 0, "the indexer finished before the signal: give it more files");
    return code;
}

}  // namespace

TEST_SUITE("indexer command") {

TEST_CASE("SIGTERM stops the indexer with whole documents committed, and the same command completes the rest") {
    const TempDir dir;
    const fs::path docs = dir.path() / "docs";
    const fs::path index = dir.path() / "index";
    write_documents(docs);
    // Nothing is committed before the signal: what the index holds was committed by the stop.
    const std::vector<std::string> command = {TRACUU_INDEX_BIN, "--index", index.string(), "--commit-every", "100000",
                                              "--commit-seconds", "0", docs.string()};
    std::string output;
    const int code = run_and_interrupt(command, SIGTERM, output);
    CAPTURE(output);
    CHECK(code == kExitInterrupted);
    CHECK(output.find("tracuu-index: SIGTERM received: stopping after the files in progress") != std::string::npos);
    CHECK(output.find("tracuu-index: interrupted by SIGTERM: what was read is committed; run the same command again to continue") !=
          std::string::npos);

    const long added = count_in(output, "added");
    const Xapian::Database db(index.string());
    const Xapian::doccount kept = db.get_termfreq(std::string(schema::kKind) + std::string(schema::kKindDocument));
    MESSAGE(kept << " of " << kFiles << " documents committed at the stop");
    CHECK(kept > 0);
    CHECK(kept < static_cast<Xapian::doccount>(kFiles));
    CHECK(static_cast<long>(kept) == added);
    // Whole: each document is found by its first and its last word, and has its budget line.
    CHECK(db.get_termfreq(std::string(schema::kKind) + std::string(schema::kKindBudget)) == kept);
    const tracuu::indexer::QueryBuilder queries;
    int checked = 0;
    for (auto it = db.postlist_begin(std::string(schema::kKind) + std::string(schema::kKindDocument));
         it != db.postlist_end(std::string(schema::kKind) + std::string(schema::kKindDocument)); ++it, ++checked) {
        const std::string id = tracuu::indexer::read_document(db.get_document(*it)).id;
        const int n = std::stoi(id.substr(3));  // vb-00042
        for (const std::string& w : {word("zqdau", n), word("zqcuoi", n)}) {
            Xapian::Enquire enquire(db);
            enquire.set_query(queries.build(w, db).value().query);
            const Xapian::MSet found = enquire.get_mset(0, 2);
            CAPTURE(w);
            REQUIRE(found.size() == 1);
            CHECK(found.begin().get_document().get_docid() == *it);
        }
        CHECK(db.get_termfreq(tracuu::indexer::budget_owner_term(id)) == 1);
    }
    CHECK(checked == static_cast<int>(kept));

    const auto second = run_command(command);
    CAPTURE(second.output);
    CHECK(second.exit_code == 0);
    CHECK(second.output.find(std::to_string(kFiles - static_cast<int>(kept)) + " added, 0 updated, " + std::to_string(kept) +
                             " unchanged, 0 renamed, 0 removed") != std::string::npos);
    CHECK(second.output.find("interrupted") == std::string::npos);
    CHECK(Xapian::Database(index.string()).get_doccount() == static_cast<Xapian::doccount>(2 * kFiles));  // each with its budget line
}

TEST_CASE("an interrupted re-index removes nothing, the next whole run removes what disappeared, and SIGINT acts as SIGTERM") {
    const TempDir dir;
    const fs::path docs = dir.path() / "docs";
    const std::string index = (dir.path() / "index").string();
    write_documents(docs);
    const auto first = run_command({TRACUU_INDEX_BIN, "--index", index, "--quiet", docs.string()});
    REQUIRE(first.exit_code == 0);
    write_documents(docs, "(sửa đổi)");  // every file changed: the re-index is as long as the first run
    fs::remove(docs / "vb-00000.txt");

    const std::vector<std::string> command = {TRACUU_INDEX_BIN, "--index", index, "--commit-every", "100000", "--commit-seconds", "0",
                                              docs.string()};
    std::string output;
    CHECK(run_and_interrupt(command, SIGINT, output) == kExitInterrupted);
    CAPTURE(output);
    CHECK(output.find("tracuu-index: interrupted by SIGINT") != std::string::npos);
    CHECK(count_in(output, "removed") == 0);
    CHECK(count_in(output, "updated") > 0);
    CHECK(Xapian::Database(index).term_exists(std::string(schema::kId) + "vb-00000"));

    const auto whole = run_command(command);
    CAPTURE(whole.output);
    CHECK(whole.exit_code == 0);
    CHECK(count_in(whole.output, "removed") == 1);
    CHECK_FALSE(Xapian::Database(index).term_exists(std::string(schema::kId) + "vb-00000"));
}

}
