// The server's background re-index: a server that stops does not wait for a whole run.
#include <doctest/doctest.h>

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "indexer/schema.h"
#include "indexer/writer.h"
#include "server/reindexer.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using tracuu::server::Reindexer;
using tracuu::testing::TempDir;

namespace {

constexpr int kFiles = 3000;

void write_files(const TempDir& dir) {
    for (int i = 0; i < kFiles; ++i) {
        dir.write("docs/d" + std::to_string(i) + ".txt", "KẾ HOẠCH\nVề việc số " + std::to_string(i) + "\n\nNội dung về chuyển đổi số của đơn vị " +
                                                           std::to_string(i) + ".\n");
    }
}

Xapian::doccount documents_in(const TempDir& dir) {
    const std::string kind = std::string(tracuu::schema::kKind) + std::string(tracuu::schema::kKindDocument);
    return Xapian::Database((dir.path() / "index").string()).get_termfreq(kind);
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("a server stopping mid re-index stops the run after the files in progress, with what it read committed") {
    TempDir dir;
    write_files(dir);
    {
        Reindexer reindexer(dir.path() / "index", {dir.path() / "docs"});
        REQUIRE(reindexer.start());
        // Destroyed at once: a run of 3,000 files takes far longer than this scope.
    }
    const Xapian::doccount after_stop = documents_in(dir);  // the index opens
    CHECK(after_stop < kFiles);

    Reindexer again(dir.path() / "index", {dir.path() / "docs"});
    REQUIRE(again.start());
    while (again.running()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(documents_in(dir) == kFiles);
    const std::string result = again.last_result();
    CAPTURE(result);
    CHECK(result.find(std::to_string(kFiles - after_stop) + " added") == 0);
    CHECK(result.find("interrupted") == std::string::npos);
}

TEST_CASE("a re-index that the index itself fails (a full disk) says so, with what was committed before") {
    TempDir dir;
    write_files(dir);
    {
        // Created whole before the limit: the failure comes while documents are written.
        auto created = tracuu::indexer::IndexWriter::open(dir.path() / "index");
        REQUIRE(created.ok());
    }
    const std::string child = tracuu::testing::in_child([&](FILE* out) {
        tracuu::testing::limit_file_size(256u << 10);
        Reindexer reindexer(dir.path() / "index", {dir.path() / "docs"});
        if (!reindexer.start()) return;
        while (reindexer.running()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::fprintf(out, "%s\n", reindexer.last_result().c_str());
    });
    CAPTURE(child);
    CHECK(child.rfind("failed: cannot write the index ", 0) == 0);
    CHECK(child.find("disk full or file too large") != std::string::npos);
    CHECK(child.find(" added, ") != std::string::npos);
    CHECK(child.ends_with("exit 0"));
}

}  // TEST_SUITE
