// Re-running the indexer on a folder: what is re-read, what is followed, what is counted, and the
// progress text the run drives.
#include <doctest/doctest.h>
#include <xapian.h>

#include <sstream>

#include "indexer/budget_index.h"
#include "indexer/doc_id.h"
#include "indexer/document_builder.h"
#include "indexer/index_run.h"
#include "indexer/progress.h"
#include "indexer/schema.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_documents.h"

using namespace tracuu::indexer;
using tracuu::testing::TempDir;
namespace fs = std::filesystem;
namespace schema = tracuu::schema;

namespace {

/// An index and a folder of documents, indexed again and again as the folder changes.
struct Folder {
    TempDir index_dir;
    TempDir docs;
    IndexWriter writer = IndexWriter::open(index_dir.path()).value();
    std::vector<FileDone> files;  ///< what the last run reported, file by file

    IndexSummary run(IndexOptions options = {}) {
        files.clear();
        IndexEvents events;
        events.on_file = [this](const FileDone& f) { files.push_back(f); };
        return index_paths(writer, {docs.path()}, options, events);
    }

    /// The stored document with this id, read back from the committed index.
    [[nodiscard]] IndexedDocument stored(const std::string& id) const {
        const Xapian::Database db(index_dir.path().string());
        const std::string term = std::string(schema::kId) + id;
        const auto it = db.postlist_begin(term);
        return it == db.postlist_end(term) ? IndexedDocument{} : read_document(db.get_document(*it));
    }

    [[nodiscard]] std::string path_of(const std::string& id) const {
        const auto stored = writer.stored_version(id);
        return stored ? stored->source_path : "(none)";
    }
};

std::string counts(const IndexSummary& s) { return summary_counts(s); }

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("a touched file with the same content costs a read and no analysis") {
    Folder f;
    const auto file = f.docs.write("kh.txt", "Kế hoạch số 13/KH-UBND");
    CHECK(counts(f.run()) == "1 added, 0 updated, 0 unchanged, 0 renamed, 0 removed, 0 skipped, 0 failed");
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::hours(1));
    CHECK(counts(f.run()) == "0 added, 0 updated, 1 unchanged, 0 renamed, 0 removed, 0 skipped, 0 failed");
    REQUIRE(f.files.size() == 1);
    CHECK(f.files[0].outcome == FileOutcome::Unchanged);
    CHECK(f.files[0].pages == 0);
}

TEST_CASE("new files are added and changed files are updated in the same run") {
    Folder f;
    f.docs.write("a.txt", "văn bản một");
    f.run();
    f.docs.write("a.txt", "văn bản một, đã sửa");
    f.docs.write("b.txt", "văn bản hai");
    CHECK(counts(f.run()) == "1 added, 1 updated, 0 unchanged, 0 renamed, 0 removed, 0 skipped, 0 failed");
    CHECK(f.writer.document_count() == 2);
}

TEST_CASE("a file moved to another folder keeps its id and its old path is forgotten") {
    Folder f;
    f.docs.write("2025/kh.txt", "Kế hoạch chuyển đổi số năm 2025");
    f.run();
    fs::create_directories(f.docs.path() / "luu-tru");
    fs::rename(f.docs.path() / "2025/kh.txt", f.docs.path() / "luu-tru/kh.txt");
    CHECK(counts(f.run()) == "0 added, 0 updated, 0 unchanged, 1 renamed, 0 removed, 0 skipped, 0 failed");
    CHECK(f.path_of("kh") == (f.docs.path() / "luu-tru/kh.txt").string());
    CHECK(f.writer.document_count() == 1);
    CHECK(counts(f.run()) == "0 added, 0 updated, 1 unchanged, 0 renamed, 0 removed, 0 skipped, 0 failed");
}

TEST_CASE("a renamed file is re-keyed under its new name and the old id disappears") {
    Folder f;
    f.docs.write("du-thao.txt", "Dự thảo kế hoạch số 13/KH-UBND");
    f.run();
    fs::rename(f.docs.path() / "du-thao.txt", f.docs.path() / "ke-hoach-13.txt");
    const IndexSummary summary = f.run();
    CHECK(counts(summary) == "0 added, 0 updated, 0 unchanged, 1 renamed, 0 removed, 0 skipped, 0 failed");
    REQUIRE(f.files.size() == 1);
    CHECK(f.files[0].outcome == FileOutcome::Renamed);
    CHECK_FALSE(f.writer.stored_version("du-thao").has_value());
    CHECK(f.path_of("ke-hoach-13") == (f.docs.path() / "ke-hoach-13.txt").string());
    CHECK(f.writer.document_count() == 1);
    // The id is also in its value slot (what suggestions read): it follows the rename.
    const Xapian::Database db(f.index_dir.path().string());
    const auto it = db.postlist_begin(std::string(schema::kId) + "ke-hoach-13");
    REQUIRE(it != db.postlist_end(std::string(schema::kId) + "ke-hoach-13"));
    CHECK(db.get_document(*it).get_value(schema::kSlotId) == "ke-hoach-13");
}

TEST_CASE("a renamed scanned PDF moves with its OCR text and is not read again") {
    Folder f;
    f.docs.write("scan.pdf", tracuu::testing::scanned_plan_header());
    REQUIRE(counts(f.run()) == "1 added, 0 updated, 0 unchanged, 0 renamed, 0 removed, 0 skipped, 0 failed");
    const std::string old_id = id_for_file("scan.pdf");
    const IndexedDocument before = f.stored(old_id);
    REQUIRE(before.ocr);
    fs::rename(f.docs.path() / "scan.pdf", f.docs.path() / "ke-hoach-quet.pdf");
    // With OCR off, reading the file again would fail: "no text layer; OCR is off".
    IndexOptions no_ocr;
    no_ocr.extract.ocr.enabled = false;
    CHECK(counts(f.run(no_ocr)) == "0 added, 0 updated, 0 unchanged, 1 renamed, 0 removed, 0 skipped, 0 failed");
    const IndexedDocument after = f.stored(id_for_file("ke-hoach-quet.pdf"));
    CHECK(after.ocr);
    CHECK(after.text == before.text);
    CHECK(after.title == before.title);
    CHECK(after.source_path == (f.docs.path() / "ke-hoach-quet.pdf").string());
    CHECK(f.stored(old_id).id.empty());
    CHECK(f.writer.document_count() == 1);
}

TEST_CASE("a renamed plan takes its budget lines and their checks along under the new id") {
    Folder f;
    f.docs.write("du-thao.txt", "KẾ HOẠCH\nChuyển đổi số năm 2026\n"
                                "Tổng kinh phí thực hiện là: 10 tỷ đồng. Trong đó:\n"
                                "- Chi mua sắm thiết bị: 4 tỷ đồng;\n- Chi đào tạo cán bộ: 6 tỷ đồng.\n");
    f.run();
    const Xapian::Database first(f.index_dir.path().string());
    REQUIRE(first.get_termfreq(budget_owner_term("du-thao")) == 3);
    fs::rename(f.docs.path() / "du-thao.txt", f.docs.path() / "kh-13.txt");
    CHECK(counts(f.run()) == "0 added, 0 updated, 0 unchanged, 1 renamed, 0 removed, 0 skipped, 0 failed");

    const Xapian::Database db(f.index_dir.path().string());
    CHECK(db.get_termfreq(budget_owner_term("du-thao")) == 0);
    CHECK(db.get_termfreq(budget_owner_term("kh-13")) == 3);
    for (auto it = db.postlist_begin(budget_owner_term("kh-13")); it != db.postlist_end(budget_owner_term("kh-13")); ++it) {
        const StoredBudgetLine line = read_budget_line(db.get_document(*it));
        CAPTURE(line.label);
        CHECK(line.doc_id == "kh-13");
        CHECK(line.id.rfind("kh-13-b", 0) == 0);
        CHECK(db.get_termfreq(std::string(schema::kId) + line.id) == 1);
        if (!line.parent_id.empty()) CHECK(line.parent_id.rfind("kh-13-b", 0) == 0);
    }
    const std::string data = db.get_document(*db.postlist_begin(std::string(schema::kId) + "kh-13")).get_data();
    CHECK(data.find("\"line_id\":\"kh-13-b") != std::string::npos);
    CHECK(data.find("du-thao") == std::string::npos);
}

TEST_CASE("a renamed file whose title was its old name is rebuilt so the title follows the name") {
    Folder f;
    // No line of text in the head of the document: the title falls back to the file name.
    f.docs.write("ghi-chu.txt", std::string(100, '\f') + "nội dung ở trang sau");
    f.run();
    REQUIRE(f.stored("ghi-chu").title == "ghi-chu.txt");
    fs::rename(f.docs.path() / "ghi-chu.txt", f.docs.path() / "bien-ban.txt");
    CHECK(counts(f.run()) == "0 added, 0 updated, 0 unchanged, 1 renamed, 0 removed, 0 skipped, 0 failed");
    CHECK(f.stored("bien-ban").title == "bien-ban.txt");
}

TEST_CASE("a file renamed and edited at once is a new document and the old one is removed") {
    Folder f;
    f.docs.write("cu.txt", "nội dung cũ");
    f.run();
    fs::remove(f.docs.path() / "cu.txt");
    f.docs.write("moi.txt", "nội dung mới");
    CHECK(counts(f.run()) == "1 added, 0 updated, 0 unchanged, 0 renamed, 1 removed, 0 skipped, 0 failed");
    CHECK(f.writer.document_count() == 1);
}

TEST_CASE("a copy is a second document, not a rename") {
    Folder f;
    f.docs.write("goc.txt", "bản gốc");
    f.run();
    fs::copy_file(f.docs.path() / "goc.txt", f.docs.path() / "ban-sao.txt");
    CHECK(counts(f.run()) == "1 added, 0 updated, 1 unchanged, 0 renamed, 0 removed, 0 skipped, 0 failed");
    CHECK(f.writer.document_count() == 2);
}

TEST_CASE("two vanished files with the same content come back as two renames") {
    Folder f;
    f.docs.write("a/mau.txt", "mẫu biểu giống nhau");
    f.docs.write("b/mau.txt", "mẫu biểu giống nhau");
    f.run();
    fs::rename(f.docs.path() / "a", f.docs.path() / "c");
    fs::rename(f.docs.path() / "b", f.docs.path() / "d");
    CHECK(counts(f.run()) == "0 added, 0 updated, 0 unchanged, 2 renamed, 0 removed, 0 skipped, 0 failed");
    CHECK(f.writer.document_count() == 2);
}

TEST_CASE("a path keeps its id when the file that held the plain id disappears") {
    Folder f;
    f.docs.write("mot/vb.txt", "thứ nhất");
    f.docs.write("hai/vb.txt", "thứ hai");
    f.run();
    const auto second = f.writer.stored_version("vb");
    REQUIRE(second.has_value());
    fs::remove(second->source_path);
    CHECK(counts(f.run()) == "0 added, 0 updated, 1 unchanged, 0 renamed, 1 removed, 0 skipped, 0 failed");
    CHECK_FALSE(f.writer.stored_version("vb").has_value());
    CHECK(f.writer.document_count() == 1);
}

TEST_CASE("a file reached through overlapping folders or named twice is read once") {
    Folder f;
    const auto file = f.docs.write("con/vb.txt", "một văn bản");
    f.docs.write("khac.txt", "văn bản khác");
    const IndexSummary summary = index_paths(f.writer, {f.docs.path(), f.docs.path() / "con", file}, IndexOptions{}, nullptr);
    CHECK(counts(summary) == "2 added, 0 updated, 0 unchanged, 0 renamed, 0 removed, 0 skipped, 0 failed");
}

/// Indexes `files` small documents and returns how many documents a reader saw after each file.
std::vector<Xapian::doccount> committed_after_each_file(int files, const IndexOptions& options) {
    Folder f;
    for (int i = 0; i < files; ++i) f.docs.write("vb" + std::to_string(i) + ".txt", "văn bản số " + std::to_string(i));
    Xapian::Database reader(f.index_dir.path().string());
    std::vector<Xapian::doccount> seen;
    IndexEvents events;
    events.on_file = [&](const FileDone&) {
        reader.reopen();
        seen.push_back(reader.get_termfreq(std::string(tracuu::schema::kKind) + std::string(tracuu::schema::kKindDocument)));
    };
    (void)index_paths(f.writer, {f.docs.path()}, options, events);
    reader.reopen();
    seen.push_back(reader.get_termfreq(std::string(tracuu::schema::kKind) + std::string(tracuu::schema::kKindDocument)));
    return seen;
}

TEST_CASE("documents are committed every commit_every documents, so readers see whole batches") {
    IndexOptions options;
    options.commit_every = 3;
    options.commit_seconds = 0;
    // After each of the 7 files, then after the run's final commit.
    CHECK(committed_after_each_file(7, options) == std::vector<Xapian::doccount>{0, 0, 3, 3, 3, 6, 6, 7});
}

TEST_CASE("documents are committed once commit_seconds have passed, however few") {
    IndexOptions options;
    options.commit_every = 1000;
    options.commit_seconds = 1e-9;  // any time at all: every document written is committed at once
    CHECK(committed_after_each_file(4, options) == std::vector<Xapian::doccount>{1, 2, 3, 4, 4});
}

TEST_CASE("every planned file is reported once and the plan counts its bytes") {
    Folder f;
    f.docs.write("a.txt", "một");
    f.docs.write("b.txt", "");
    f.docs.write("c.bin", "bỏ qua");
    std::size_t planned_files = 0;
    std::uintmax_t planned_bytes = 0;
    std::vector<FileOutcome> outcomes;
    IndexEvents events;
    events.on_planned = [&](std::size_t files, std::uintmax_t bytes) {
        planned_files = files;
        planned_bytes = bytes;
    };
    events.on_file = [&](const FileDone& done) { outcomes.push_back(done.outcome); };
    (void)index_paths(f.writer, {f.docs.path()}, IndexOptions{}, events);
    CHECK(planned_files == 2);
    CHECK(planned_bytes == std::string("một").size());
    CHECK(outcomes == std::vector<FileOutcome>{FileOutcome::Added, FileOutcome::Skipped});
}

TEST_CASE("the progress status shows files, pages, rates and the time left") {
    std::ostringstream out;
    ProgressReporter progress(out, ProgressStyle::Quiet);
    const auto t0 = ProgressReporter::Clock::time_point{} + std::chrono::hours(1);
    progress.planned(10, 10'000'000, t0);
    CHECK(progress.status(t0) == "0/10 files, 0 pages");
    for (int i = 0; i < 5; ++i) progress.file_done(FileDone{"a.pdf", FileOutcome::Added, 1'000'000, 2}, t0);
    CHECK(progress.status(t0 + std::chrono::seconds(2)) == "5/10 files, 10 pages, 2.5 files/s, 2.5 MB/s, ETA 2 s");
    CHECK(out.str().empty());
}

TEST_CASE("log lines come every N files and each problem has its own line") {
    std::ostringstream out;
    ProgressReporter progress(out, ProgressStyle::LogLines, "ti: ", 2);
    const auto t0 = ProgressReporter::Clock::time_point{} + std::chrono::hours(1);
    progress.planned(3, 3'000'000, t0);
    progress.file_done(FileDone{"a.txt", FileOutcome::Added, 1'000'000, 1}, t0 + std::chrono::seconds(1));
    progress.problem(IndexProblem{"b.pdf", "encrypted PDF (password required)"});
    progress.file_done(FileDone{"b.pdf", FileOutcome::Failed, 1'000'000, 0}, t0 + std::chrono::seconds(1));
    progress.file_done(FileDone{"c.txt", FileOutcome::Unchanged, 1'000'000, 0}, t0 + std::chrono::seconds(2));
    progress.finish();
    CHECK(out.str() ==
          "ti: 3 files to read (3.0 MB)\n"
          "ti: b.pdf: encrypted PDF (password required)\n"
          "ti: 2/3 files, 1 pages, 2.0 files/s, 2.0 MB/s, ETA 1 s\n");
}

TEST_CASE("on a terminal one line is redrawn in place and cleared for problems and at the end") {
    std::ostringstream out;
    ProgressReporter progress(out, ProgressStyle::TerminalLine, "ti: ");
    const auto t0 = ProgressReporter::Clock::time_point{} + std::chrono::hours(1);
    progress.planned(2, 2, t0);
    progress.file_done(FileDone{"a.txt", FileOutcome::Added, 1, 1}, t0 + std::chrono::milliseconds(10));  // too soon to redraw
    progress.problem(IndexProblem{"b.txt", "file is empty"});
    progress.file_done(FileDone{"b.txt", FileOutcome::Failed, 1, 0}, t0 + std::chrono::milliseconds(20));  // the last: drawn
    progress.finish();
    const std::string clear = "\r\x1b[K";
    CHECK(out.str() == clear + "ti: 0/2 files, 0 pages" + clear + "ti: b.txt: file is empty\n" + clear + "ti: 1/2 files, 1 pages" +
                           clear + "ti: 2/2 files, 1 pages, 100.0 files/s, 0.0 MB/s" + clear);
}

TEST_CASE("quiet progress still writes problems") {
    std::ostringstream out;
    ProgressReporter progress(out, ProgressStyle::Quiet);
    progress.planned(1, 1, ProgressReporter::Clock::now());
    progress.problem(IndexProblem{"x.txt", "file is empty"});
    progress.file_done(FileDone{"x.txt", FileOutcome::Failed, 0, 0}, ProgressReporter::Clock::now());
    progress.finish();
    CHECK(out.str() == "tracuu-index: x.txt: file is empty\n");
}

TEST_CASE("durations read as seconds, minutes or hours") {
    struct Case {
        double seconds;
        const char* expected;
    };
    for (const Case& c : {Case{-3, "0 s"}, Case{0.4, "0 s"}, Case{59.4, "59 s"}, Case{125, "2 min 05 s"}, Case{3720, "1 h 02 min"}}) {
        CAPTURE(c.seconds);
        CHECK(format_duration(c.seconds) == c.expected);
    }
}

}
