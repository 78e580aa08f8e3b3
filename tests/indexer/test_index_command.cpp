// tracuu-index as an administrator meets it when something is wrong: a full disk, a damaged index,
// a folder that is not a tracuu index, an index of another version, out-of-range options. The
// real binary, run to completion; each case checks the exit status, the words on standard error
// and that nothing it does not own was changed.
#include <doctest/doctest.h>
#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "indexer/schema.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using tracuu::testing::run_command;
using tracuu::testing::snapshot;
using tracuu::testing::TempDir;
namespace fs = std::filesystem;
namespace schema = tracuu::schema;

namespace {

constexpr int kExitDone = 0;
constexpr int kExitUsage = 2;  // API.md: "2 bad usage or the database cannot be opened"

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// `N what` read from a summary line; -1 when absent.
long count_in(const std::string& output, const std::string& what) {
    std::smatch m;
    return std::regex_search(output, m, std::regex("(\\d+) " + what)) ? std::stol(m[1]) : -1;
}

/// A made-up word per number, so that every document adds terms of its own and the index grows.
std::string word(int n) {
    std::string w = "zq";
    for (int i = 0; i < 5; ++i, n /= 26) w += static_cast<char>('a' + n % 26);
    return w;
}

void write_documents(const TempDir& dir, const std::string& folder, int files) {
    for (int f = 0; f < files; ++f) {
        std::string text = "Kế hoạch số " + std::to_string(f) + "/KH-UBND về chuyển đổi số.\n";
        for (int w = 0; w < 300; ++w) text += word(f * 300 + w) + (w % 15 == 14 ? ".\n" : " ");
        char name[32];
        std::snprintf(name, sizeof name, "/vb-%04d.txt", f);
        dir.write(folder + name, text);
    }
}

Xapian::doccount documents_in(const fs::path& index) {
    return Xapian::Database(index.string()).get_termfreq(std::string(schema::kKind) + std::string(schema::kKindDocument));
}


/// Overwrites a file after its first block with bytes from a fixed sequence, as a failing disk might.
void scramble_after_first_block(const fs::path& file) {
    const auto size = fs::file_size(file);
    std::string junk;
    std::uint32_t state = 12345;
    for (std::uintmax_t i = 8192; i < size; ++i) {
        state = state * 1664525u + 1013904223u;
        junk += static_cast<char>(state >> 24);
    }
    std::fstream out(file, std::ios::binary | std::ios::in | std::ios::out);
    out.seekp(8192);
    out.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

void expect_no_abort(const tracuu::testing::CommandResult& result) {
    CHECK_FALSE(contains(result.output, "terminate called"));
    CHECK_FALSE(contains(result.output, "what():"));
}

}  // namespace

TEST_SUITE("indexer command") {

TEST_CASE("a full disk stops the indexer with the reason, the summary of what was committed and status 2; the same command then completes") {
    const TempDir dir;
    constexpr int kFiles = 200;
    write_documents(dir, "docs", kFiles);
    const std::string index = (dir.path() / "index").string();
    const std::string docs = (dir.path() / "docs").string();
    // A file size limit makes writes fail with EFBIG, as a full disk fails them with ENOSPC.
    const auto full = run_command({"/bin/bash", "-c",
                                   "trap '' XFSZ; ulimit -f 512; exec \"$0\" --index \"$1\" --quiet --commit-every 5 \"$2\"",
                                   TRACUU_INDEX_BIN, index, docs});
    CAPTURE(full.output);
    CHECK(full.exit_code == kExitUsage);
    expect_no_abort(full);
    CHECK(contains(full.output, "tracuu-index: cannot write the index " + index + ": disk full or file too large"));
    const long added = count_in(full.output, "added");
    CHECK(added > 0);
    CHECK(added < kFiles);
    CHECK(contains(full.output, "(committed before the failure); index " + index + " holds " + std::to_string(added) + " documents"));
    CHECK(documents_in(index) == static_cast<Xapian::doccount>(added));

    const auto rest = run_command({TRACUU_INDEX_BIN, "--index", index, "--quiet", docs});
    CAPTURE(rest.output);
    CHECK(rest.exit_code == kExitDone);
    CHECK(count_in(rest.output, "unchanged") == added);
    CHECK(count_in(rest.output, "added") == kFiles - added);
    CHECK(documents_in(index) == static_cast<Xapian::doccount>(kFiles));
}

TEST_CASE("a damaged index is reported as damaged with status 2, and --rebuild starts it over") {
    const TempDir dir;
    write_documents(dir, "docs", 40);
    const std::string index = (dir.path() / "index").string();
    const std::string docs = (dir.path() / "docs").string();
    REQUIRE(run_command({TRACUU_INDEX_BIN, "--index", index, "--quiet", docs}).exit_code == kExitDone);
    scramble_after_first_block(dir.path() / "index" / "termlist.glass");
    dir.write("docs/vb-0000.txt", "Kế hoạch số 0/KH-UBND, bản sửa đổi");

    const auto damaged = run_command({TRACUU_INDEX_BIN, "--index", index, "--quiet", docs});
    CAPTURE(damaged.output);
    CHECK(damaged.exit_code == kExitUsage);
    expect_no_abort(damaged);
    CHECK(contains(damaged.output, "tracuu-index: the index " + index + " is damaged ("));
    CHECK(contains(damaged.output, "--rebuild"));

    const auto rebuilt = run_command({TRACUU_INDEX_BIN, "--index", index, "--quiet", "--rebuild", docs});
    CAPTURE(rebuilt.output);
    CHECK(rebuilt.exit_code == kExitDone);
    CHECK(count_in(rebuilt.output, "added") == 40);
    CHECK(documents_in(index) == 40);
}

TEST_CASE("a folder that is not a tracuu index is refused with status 2 and left as it was, --rebuild or not") {
    const TempDir dir;
    const fs::path text = dir.write("one.txt", "Kế hoạch số 13/KH-UBND");
    // Another program's database (omindex writes such): documents and no tracuu schema key.
    const fs::path omega = dir.path() / "omega";
    {
        Xapian::WritableDatabase db(omega.string(), Xapian::DB_CREATE);
        Xapian::Document doc;
        doc.add_term("hello");
        db.add_document(doc);
        db.commit();
    }
    dir.write("home/bao-cao.docx", "tài liệu của người dùng");
    const struct {
        fs::path folder;
        std::string words;
    } cases[] = {
        {omega, "the folder " + omega.string() + " holds a Xapian database that is not a tracuu index"},
        {dir.path() / "home", "the folder " + (dir.path() / "home").string() + " holds other files (bao-cao.docx) and no tracuu index"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.folder);
        const auto before = snapshot(c.folder);
        for (const bool rebuild : {false, true}) {
            std::vector<std::string> command{TRACUU_INDEX_BIN, "--index", c.folder.string(), text.string()};
            if (rebuild) command.push_back("--rebuild");
            const auto result = run_command(command);
            CAPTURE(result.output);
            CHECK(result.exit_code == kExitUsage);
            CHECK(contains(result.output, "tracuu-index: " + c.words));
            CHECK_FALSE(contains(result.output, "added"));
        }
        CHECK(snapshot(c.folder) == before);
    }
    CHECK(Xapian::Database(omega.string()).get_doccount() == 1);
}

TEST_CASE("an index written by an older tracuu is refused with status 2 and its documents kept, until --rebuild") {
    const TempDir dir;
    write_documents(dir, "docs", 3);
    const fs::path one = dir.write("one.txt", "Kế hoạch số 13/KH-UBND");
    const std::string index = (dir.path() / "index").string();
    REQUIRE(run_command({TRACUU_INDEX_BIN, "--index", index, "--quiet", (dir.path() / "docs").string()}).exit_code == kExitDone);
    {
        Xapian::WritableDatabase db(index, Xapian::DB_OPEN);
        db.set_metadata(std::string(schema::kVersionKey), "4");
        db.commit();
    }
    const auto refused = run_command({TRACUU_INDEX_BIN, "--index", index, one.string()});
    CAPTURE(refused.output);
    CHECK(refused.exit_code == kExitUsage);
    CHECK(contains(refused.output, "tracuu-index: the index " + index + " was written by an older version of tracuu (schema 4"));
    CHECK(contains(refused.output, "tracuu-index --rebuild"));
    CHECK(documents_in(index) == 3);

    const auto rebuilt = run_command({TRACUU_INDEX_BIN, "--index", index, "--rebuild", one.string()});
    CAPTURE(rebuilt.output);
    CHECK(rebuilt.exit_code == kExitDone);
    CHECK(documents_in(index) == 1);
    CHECK(Xapian::Database(index).get_metadata(std::string(schema::kVersionKey)) == schema::kVersion);
}

TEST_CASE("an empty --index and --threads out of 0-64 are usage errors; --help names --rebuild and every exit status") {
    const TempDir dir;
    const fs::path one = dir.write("one.txt", "Kế hoạch số 13/KH-UBND");
    const std::string index = (dir.path() / "index").string();
    const struct {
        std::vector<std::string> args;
        int exit_code;
        std::string words;
    } cases[] = {
        {{"--index", "", one.string()}, kExitUsage, "the index folder name is empty"},
        {{"--index", index, "--threads", "100000", one.string()}, kExitUsage, "--threads: Value 100000 not in range 0 to 64"},
        {{"--index", index, "--threads", "-1", one.string()}, kExitUsage, "--threads"},
        {{"--index", index, "--threads", "64", one.string()}, kExitDone, "1 added"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> command{TRACUU_INDEX_BIN};
        command.insert(command.end(), c.args.begin(), c.args.end());
        const auto result = run_command(command);
        CAPTURE(result.output);
        CHECK(result.exit_code == c.exit_code);
        CHECK(contains(result.output, c.words));
    }
    const auto help = run_command({TRACUU_INDEX_BIN, "--help"});
    CHECK(contains(help.output, "--rebuild"));
    CHECK(contains(help.output, "2 bad usage, or the index cannot be opened,"));
}

TEST_CASE("blank files are skipped as empty, and the summary names every reason for skipping") {
    const TempDir dir;
    dir.write("docs/a.txt", "Kế hoạch số 13/KH-UBND");
    dir.write("docs/rong.txt", "");
    dir.write("docs/dong-trong.txt", "\n\n  \t\n");
    dir.write("docs/bom.txt", "\xEF\xBB\xBF");
    dir.write("docs/bom16.txt", "\xFF\xFE");
    dir.write("docs/bang-tinh.xlsx", "PK");
    fs::create_directory_symlink(dir.path() / "docs", dir.path() / "docs" / "vong");
    const auto result = run_command({TRACUU_INDEX_BIN, "--index", (dir.path() / "index").string(), (dir.path() / "docs").string()});
    CAPTURE(result.output);
    CHECK(result.exit_code == kExitDone);
    CHECK_FALSE(contains(result.output, "file is empty"));
    CHECK(contains(result.output, "1 added, 0 updated, 0 unchanged, 0 renamed, 0 removed, 6 skipped (4 empty, 1 other type, 1 folder link), 0 failed"));
}

}  // TEST_SUITE
