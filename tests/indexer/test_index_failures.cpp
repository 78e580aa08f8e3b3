// What a run reports and how it ends when the files or the index misbehave: blank files, files
// over the size limit, the reasons for skipping, the number of build threads, a full disk (a
// file size limit in a child process), and threads the system refuses.
#include <doctest/doctest.h>
#include <xapian.h>

#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "indexer/build_pool.h"
#include "indexer/index_run.h"
#include "indexer/progress.h"
#include "indexer/schema.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::indexer;
using tracuu::testing::in_child;
using tracuu::testing::limit_file_size;
using tracuu::testing::TempDir;
namespace fs = std::filesystem;
namespace schema = tracuu::schema;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A made-up word per number, so that every document adds terms of its own and the index grows.
std::string word(int n) {
    std::string w = "zq";
    for (int i = 0; i < 5; ++i, n /= 26) w += static_cast<char>('a' + n % 26);
    return w;
}

/// `files` documents of 300 words each, most of them their own.
void write_documents(const TempDir& docs, int files) {
    for (int f = 0; f < files; ++f) {
        std::string text = "Kế hoạch số " + std::to_string(f) + "/KH-UBND về chuyển đổi số.\n";
        for (int w = 0; w < 300; ++w) text += word(f * 300 + w) + (w % 15 == 14 ? ".\n" : " ");
        char name[32];
        std::snprintf(name, sizeof name, "vb-%04d.txt", f);
        docs.write(name, text);
    }
}

Xapian::doccount committed_documents(const fs::path& index) {
    return Xapian::Database(index.string()).get_termfreq(std::string(schema::kKind) + std::string(schema::kKindDocument));
}

long count_in(const std::string& text, const std::string& what) {
    std::smatch m;
    return std::regex_search(text, m, std::regex("(\\d+) " + what)) ? std::stol(m[1]) : -1;
}

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("files holding only white space or byte-order marks are skipped as empty, not failed") {
    const TempDir dir;
    const TempDir docs;
    const struct {
        const char* name;
        std::string bytes;
    } blanks[] = {
        {"zero.txt", ""},
        {"newlines.txt", "\n\n\r\n"},
        {"spaces-tabs.txt", "  \t \t\n  "},
        {"utf8-bom.txt", "\xEF\xBB\xBF"},
        {"utf8-bom-spaces.txt", "\xEF\xBB\xBF \n\xC2\xA0\xE3\x80\x80\n"},  // no-break and ideographic spaces
        {"utf16le-bom.txt", "\xFF\xFE"},
        {"utf16be-bom-spaces.txt", std::string("\xFE\xFF\x00\x20\x00\x0A\x30\x00", 8)},
        {"blank.html", "\n \n"},
    };
    for (const auto& b : blanks) docs.write(b.name, b.bytes);
    docs.write("text.txt", "Kế hoạch số 13/KH-UBND");
    docs.write("utf16-text.txt", std::string("\xFF\xFE\x4B\x00", 4));  // "K": not blank
    IndexWriter writer = IndexWriter::open(dir.path() / "index").value();
    const IndexSummary summary = index_paths(writer, {docs.path()}, IndexOptions{}, nullptr);
    for (const auto& p : summary.problems) MESSAGE(std::string(p.path + ": " + p.reason));
    CHECK(summary.problems.empty());
    CHECK(summary.empty == std::size(blanks));
    CHECK(summary.skipped == std::size(blanks));
    CHECK(summary.added == 2);
}

TEST_CASE("a blank file does not erase the document its path held") {
    const TempDir dir;
    const TempDir docs;
    const fs::path file = docs.write("ke-hoach.txt", "Kế hoạch số 13/KH-UBND");
    IndexWriter writer = IndexWriter::open(dir.path() / "index").value();
    REQUIRE(index_paths(writer, {docs.path()}, IndexOptions{}, nullptr).added == 1);
    docs.write("ke-hoach.txt", "\xEF\xBB\xBF\n\n");  // a copy interrupted after its first bytes
    const IndexSummary again = index_paths(writer, {docs.path()}, IndexOptions{}, nullptr);
    CHECK(again.empty == 1);
    CHECK(again.removed == 0);
    CHECK(writer.document_count() == 1);
}

TEST_CASE("is_blank_file tells white space from text in UTF-8 and UTF-16") {
    const struct {
        std::string bytes;
        bool blank;
    } cases[] = {
        {"", true},
        {" \t\n\r\f\v", true},
        {"\xEF\xBB\xBF\xEF\xBB\xBF", true},               // two byte-order marks (files glued together)
        {"\xC2\xA0", true},                               // U+00A0
        {".", false},
        {"\xEF\xBB\xBF" "a", false},
        {"\xC2", false},                                  // a truncated sequence is not white space
        {std::string("\xFF\xFE\x20\x00", 4), true},
        {std::string("\xFF\xFE\x20", 3), false},          // an odd byte left over
        {std::string("\xFF\xFE\x00\x20", 4), true},       // U+2000, an en quad
        {std::string("\xFF\xFE\x41\x00", 4), false},
        {std::string("\xFE\xFF\x00\x41", 4), false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.bytes);
        CHECK(is_blank_file(c.bytes) == c.blank);
    }
}

TEST_CASE("a file over the size limit by less than a tenth of a MiB is not shown as the limit") {
    const TempDir dir;
    const TempDir docs;
    const struct {
        const char* name;
        std::uintmax_t bytes;
        const char* reason;
    } cases[] = {
        {"just-over.txt", 1'100'000, "file too large (1.1 MiB, limit 1 MiB)"},
        {"one-byte-over.txt", (1u << 20) + 1, "file too large (1.1 MiB, limit 1 MiB)"},
        {"twice.txt", 2u << 20, "file too large (2 MiB, limit 1 MiB)"},
        {"two-and-a-half.txt", (5u << 20) / 2, "file too large (2.5 MiB, limit 1 MiB)"},
    };
    for (const auto& c : cases) fs::resize_file(docs.write(c.name, ""), c.bytes);  // sparse: no disk, no time
    IndexWriter writer = IndexWriter::open(dir.path() / "index").value();
    IndexOptions options;
    options.max_file_bytes = 1u << 20;
    const IndexSummary summary = index_paths(writer, {docs.path()}, options, nullptr);
    REQUIRE(summary.problems.size() == std::size(cases));
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto found = std::find_if(summary.problems.begin(), summary.problems.end(),
                                        [&](const IndexProblem& p) { return fs::path(p.path).filename() == c.name; });
        REQUIRE(found != summary.problems.end());
        CHECK(found->reason == c.reason);
    }
}

TEST_CASE("the summary names every reason for skipping") {
    const struct {
        std::size_t empty, other_types, folder_links;
        const char* expected;
    } cases[] = {
        {0, 0, 0, "0 skipped, 0 failed"},
        {1, 0, 0, "1 skipped (1 empty), 0 failed"},
        {2, 1, 0, "3 skipped (2 empty, 1 other type), 0 failed"},
        {0, 2, 1, "3 skipped (2 other types, 1 folder link), 0 failed"},
        {1, 1, 2, "4 skipped (1 empty, 1 other type, 2 folder links), 0 failed"},
    };
    for (const auto& c : cases) {
        IndexSummary s;
        s.empty = c.empty;
        s.other_types = c.other_types;
        s.folder_links = c.folder_links;
        s.skipped = c.empty + c.other_types + c.folder_links;
        CHECK(summary_counts(s) == std::string("0 added, 0 updated, 0 unchanged, 0 renamed, 0 removed, ") + c.expected);
    }
}

TEST_CASE("a run counts each reason for skipping") {
    const TempDir dir;
    const TempDir docs;
    docs.write("a.txt", "Kế hoạch số 13/KH-UBND");
    docs.write("rong.txt", "");
    docs.write("trang.txt", " \n");
    docs.write("bang-tinh.xlsx", "PK");
    fs::create_directory_symlink(docs.path(), docs.path() / "vong");
    IndexWriter writer = IndexWriter::open(dir.path() / "index").value();
    const IndexSummary summary = index_paths(writer, {docs.path()}, IndexOptions{}, nullptr);
    CHECK(summary_counts(summary) == "1 added, 0 updated, 0 unchanged, 0 renamed, 0 removed, 4 skipped (2 empty, 1 other type, 1 folder link), 0 failed");
}

TEST_CASE("build threads: as asked or one per core, at most kMaxThreads and never more than the files") {
    const struct {
        std::size_t requested, files;
        unsigned cores;
        std::size_t expected;
    } cases[] = {
        {0, 1000, 2, 2},     {0, 1000, 0, 1},  // hardware_concurrency() may say 0: unknown
        {3, 1000, 2, 3},     {100000, 1, 2, 1}, {100000, 1000, 2, kMaxThreads},
        {0, 1000, 512, kMaxThreads},            {4, 0, 2, 1},
    };
    for (const auto& c : cases) {
        CAPTURE(c.requested);
        CAPTURE(c.files);
        CAPTURE(c.cores);
        CHECK(build_threads(c.requested, c.files, c.cores) == c.expected);
    }
}

TEST_CASE("a full disk ends a run with a failure in words and the counts of what was committed, which the index holds") {
    const TempDir dir;
    const TempDir docs;
    constexpr int kFiles = 200;
    write_documents(docs, kFiles);
    const fs::path index = dir.path() / "index";
    {
        IndexWriter created = IndexWriter::open(index).value();
    }
    const std::string child = in_child([&](FILE* out) {
        limit_file_size(512u << 10);
        IndexWriter writer = IndexWriter::open(index).value();
        IndexOptions options;
        options.commit_every = 5;
        options.commit_seconds = 0;
        options.threads = 2;
        const IndexSummary summary = index_paths(writer, {docs.path()}, options, nullptr);
        std::fprintf(out, "%s\n%s\n", summary_counts(summary).c_str(), summary.failure ? summary.failure->message.c_str() : "no failure");
    });
    CAPTURE(child);
    CHECK(child.ends_with("exit 0"));  // returned: no exception, no abort
    CHECK(contains(child, "cannot write the index " + index.string() + ": disk full or file too large"));
    const long added = count_in(child, "added");
    CHECK(added > 0);
    CHECK(added < kFiles);
    CHECK(added % 5 == 0);
    CHECK(committed_documents(index) == static_cast<Xapian::doccount>(added));

    // Space is back: the same run continues where the committed work ends.
    IndexWriter writer = IndexWriter::open(index).value();
    const IndexSummary rest = index_paths(writer, {docs.path()}, IndexOptions{}, nullptr);
    CHECK_FALSE(rest.failure.has_value());
    CHECK(rest.unchanged == static_cast<std::size_t>(added));
    CHECK(rest.added == kFiles - static_cast<std::size_t>(added));
}

TEST_CASE("a full disk ends a JSON-lines import with a failure and the counts of what was committed") {
    const TempDir dir;
    std::string lines;
    constexpr int kLines = 200;
    for (int n = 0; n < kLines; ++n) {
        std::string text;
        for (int w = 0; w < 300; ++w) text += word(n * 300 + w) + ' ';
        lines += "{\"_id\": " + std::to_string(n) + ", \"text\": \"" + text + "\"}\n";
    }
    const fs::path file = dir.write("set.jsonl", lines);
    const fs::path index = dir.path() / "index";
    {
        IndexWriter created = IndexWriter::open(index).value();
    }
    const std::string child = in_child([&](FILE* out) {
        limit_file_size(512u << 10);
        IndexWriter writer = IndexWriter::open(index).value();
        IndexOptions options;
        options.commit_every = 5;
        options.commit_seconds = 0;
        const IndexSummary summary = import_jsonl(writer, file, options, nullptr);
        std::fprintf(out, "%s\n%s\n", summary_counts(summary).c_str(), summary.failure ? summary.failure->message.c_str() : "no failure");
    });
    CAPTURE(child);
    CHECK(child.ends_with("exit 0"));
    CHECK(contains(child, "disk full or file too large"));
    CHECK(contains(child, "0 failed"));  // the lines after the failure are not reported as bad lines
    const long added = count_in(child, "added");
    CHECK(added > 0);
    CHECK(added < kLines);
    CHECK(committed_documents(index) == static_cast<Xapian::doccount>(added));
}

TEST_CASE("a pool the system refuses threads to works with the threads it got") {
    const TempDir docs;
    const fs::path file = docs.write("a.txt", "Kế hoạch số 13/KH-UBND");
    const std::string child = in_child([&](FILE* out) {
        // Address space for one more thread stack and a half: the second thread is refused.
        pthread_attr_t attributes;
        pthread_getattr_default_np(&attributes);
        std::size_t stack = 0;
        pthread_attr_getstacksize(&attributes, &stack);
        pthread_attr_destroy(&attributes);
        std::ifstream status("/proc/self/status");
        std::size_t used_kib = 0;
        for (std::string line; std::getline(status, line);) {
            if (line.rfind("VmSize:", 0) == 0) used_kib = std::stoul(line.substr(7));
        }
        const rlim_t room = static_cast<rlim_t>(used_kib) * 1024 + stack * 3 / 2;
        rlimit limit{};
        getrlimit(RLIMIT_AS, &limit);
        const rlim_t hard = limit.rlim_max;
        limit.rlim_cur = room;
        setrlimit(RLIMIT_AS, &limit);
        BuildPool pool(4, {});
        limit.rlim_cur = hard;  // room again for the job below
        setrlimit(RLIMIT_AS, &limit);
        BuildTicket ticket = pool.submit(BuildJob{file, file.string(), "a", "hash", 10});
        const Built built = pool.collect(ticket);
        std::fprintf(out, "threads %zu, built %s\n", pool.threads(), built.document ? "yes" : built.problem.c_str());
    });
    CAPTURE(child);
    CHECK(child.ends_with("exit 0"));  // no std::terminate for a thread the system refused
    std::smatch m;
    REQUIRE(std::regex_search(child, m, std::regex("threads (\\d+), built yes")));
    CHECK(std::stoul(m[1]) < 4);
}

}  // TEST_SUITE
