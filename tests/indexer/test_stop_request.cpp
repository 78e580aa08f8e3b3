// A stop request (what tracuu-index turns SIGINT and SIGTERM into): where a run stops, what it
// commits, and that it removes nothing. The stop is requested from the run's own callbacks, so
// the point where it lands is exact.
#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <stop_token>
#include <string>

#include "indexer/index_run.h"
#include "indexer/progress.h"
#include "indexer/schema.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::indexer;
using tracuu::testing::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr int kFiles = 30;

/// An index, and a folder of kFiles small documents vb-00.txt … vb-29.txt.
struct StoppableRun {
    TempDir index_dir;
    TempDir docs;
    IndexWriter writer = IndexWriter::open(index_dir.path()).value();
    std::stop_source stop;
    std::size_t files_reported = 0;
    bool planned = false;

    StoppableRun() {
        for (int i = 0; i < kFiles; ++i) {
            const std::string n = std::to_string(i), amount = std::to_string(i + 1);
            write(i, "Kế hoạch số " + n + "/KH-UBND về chuyển đổi số.\nKinh phí thực hiện là: " + amount + " tỷ đồng.");
        }
    }

    void write(int i, const std::string& text) const { docs.write(name(i), text); }
    static std::string name(int i) { return std::string("vb-") + (i < 10 ? "0" : "") + std::to_string(i) + ".txt"; }

    /// Indexes the folder with one build thread, asking to stop once `stop_after` files were reported.
    IndexSummary run(std::size_t stop_after) {
        files_reported = 0;
        planned = false;
        IndexOptions options;
        options.threads = 1;
        options.commit_every = 1000;
        options.commit_seconds = 0;  // nothing committed before the run ends, stopped or not
        options.stop = stop.get_token();
        IndexEvents events;
        events.on_planned = [this](std::size_t, std::uintmax_t) { planned = true; };
        events.on_file = [this, stop_after](const FileDone&) {
            if (++files_reported == stop_after) stop.request_stop();
        };
        return index_paths(writer, {docs.path()}, options, events);
    }

    /// Documents (not budget lines) a fresh reader sees: what was committed.
    [[nodiscard]] Xapian::doccount committed() const {
        const Xapian::Database db(index_dir.path().string());
        return db.get_termfreq(std::string(tracuu::schema::kKind) + std::string(tracuu::schema::kKindDocument));
    }
};

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("a stop request ends the run after the files in flight, which are written and committed whole") {
    StoppableRun r;
    const IndexSummary stopped = r.run(5);
    CHECK(stopped.interrupted);
    // The files already handed to the build thread are finished: at most 4 × threads more.
    CHECK(stopped.added == r.files_reported);
    CHECK(stopped.added >= 5);
    CHECK(stopped.added <= 5 + 4);
    CHECK(r.committed() == stopped.added);
    const Xapian::Database db(r.index_dir.path().string());
    // Every document came with its budget line.
    CHECK(db.get_termfreq(std::string(tracuu::schema::kKind) + std::string(tracuu::schema::kKindBudget)) == stopped.added);

    r.stop = std::stop_source();
    const IndexSummary rest = r.run(0);
    CHECK_FALSE(rest.interrupted);
    CHECK(summary_counts(rest) == std::to_string(kFiles - stopped.added) + " added, 0 updated, " + std::to_string(stopped.added) +
                                      " unchanged, 0 renamed, 0 removed, 0 skipped, 0 failed");
    CHECK(r.committed() == kFiles);
}

TEST_CASE("a stopped run removes no document, even of a file that is gone, and a whole run then does") {
    StoppableRun r;
    REQUIRE(r.run(0).added == kFiles);
    fs::remove(r.docs.path() / StoppableRun::name(0));
    for (int i = 1; i < kFiles; ++i) r.write(i, "Văn bản sửa lại số " + std::to_string(i));

    r.stop = std::stop_source();
    const IndexSummary stopped = r.run(3);
    CHECK(stopped.interrupted);
    CHECK(stopped.updated == r.files_reported);
    CHECK(stopped.removed == 0);
    CHECK(r.writer.stored_version("vb-00").has_value());
    CHECK(r.committed() == kFiles);

    r.stop = std::stop_source();
    const IndexSummary whole = r.run(0);
    CHECK_FALSE(whole.interrupted);
    CHECK(whole.removed == 1);
    CHECK(whole.updated == static_cast<std::size_t>(kFiles - 1) - stopped.updated);
    CHECK_FALSE(r.writer.stored_version("vb-00").has_value());
}

TEST_CASE("a stop requested before the walk ends reads nothing, plans nothing and removes nothing") {
    StoppableRun r;
    REQUIRE(r.run(0).added == kFiles);
    for (int i = 0; i < kFiles; ++i) fs::remove(r.docs.path() / StoppableRun::name(i));
    r.docs.write("moi.txt", "Văn bản mới");

    r.stop = std::stop_source();
    r.stop.request_stop();
    const IndexSummary stopped = r.run(0);
    CHECK(stopped.interrupted);
    CHECK(summary_counts(stopped) == "0 added, 0 updated, 0 unchanged, 0 renamed, 0 removed, 0 skipped, 0 failed");
    CHECK_FALSE(r.planned);
    CHECK(r.files_reported == 0);
    CHECK(r.committed() == kFiles);
}

TEST_CASE("a run that is never asked to stop is not interrupted") {
    StoppableRun r;
    const IndexSummary whole = r.run(0);
    CHECK_FALSE(whole.interrupted);
    CHECK(whole.added == kFiles);
    CHECK(r.planned);
}

TEST_CASE("a stop request ends a JSON-lines import before its next line, committing what it imported") {
    TempDir dir;
    const auto file = dir.write("set.jsonl",
                                "{\"_id\": \"a\", \"text\": \"Văn bản thứ nhất\"}\n"
                                "{\"_id\": \"b\", \"text\": \"Văn bản thứ hai\"}\n"
                                "not json\n"
                                "{\"_id\": \"c\", \"text\": \"Văn bản thứ ba\"}\n");
    auto writer = IndexWriter::open(dir.path() / "index").value();
    std::stop_source stop;
    IndexOptions options;
    options.commit_every = 1000;
    options.commit_seconds = 0;
    options.stop = stop.get_token();
    const IndexSummary summary = import_jsonl(writer, file, options, [&](const IndexProblem&) { stop.request_stop(); });
    CHECK(summary.interrupted);
    CHECK(summary.added == 2);
    REQUIRE(summary.problems.size() == 1);
    CHECK(summary.problems[0].reason.rfind("line 3:", 0) == 0);
    const Xapian::Database db((dir.path() / "index").string());
    CHECK(db.get_doccount() == 2);
    CHECK(db.term_exists(std::string(tracuu::schema::kId) + "b"));
    CHECK_FALSE(db.term_exists(std::string(tracuu::schema::kId) + "c"));
}

}
