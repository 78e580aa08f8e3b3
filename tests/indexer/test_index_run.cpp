#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>

#include "indexer/index_run.h"
#include "indexer/progress.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::indexer;
using tracuu::testing::TempDir;

namespace {

struct Runner {
    TempDir dir;
    IndexWriter writer = IndexWriter::open(dir.path() / "index").value();

    IndexSummary run(const std::vector<std::filesystem::path>& paths) {
        return index_paths(writer, paths, IndexOptions{}, nullptr);
    }
};

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("bad files are reported one by one with a reason, empty ones are skipped and the rest is indexed") {
    Runner r;
    const TempDir docs;
    docs.write("good.txt", "Kế hoạch số 13/KH-UBND");
    docs.write("empty.txt", "");
    docs.write("junk.txt", std::string("\x00\x01\x02\xff\xfe\x00\x13", 7) + std::string(200, '\0'));
    docs.write("broken.pdf", "%PDF-1.4 this is not really a pdf");
    docs.write("notes.docx.bak", "ignored: not a type tracuu reads");
    const IndexSummary summary = r.run({docs.path(), docs.path() / "missing.txt"});
    CHECK(summary.added == 1);
    CHECK(summary.skipped == 2);  // the .bak file and the empty one: nothing to index, nothing wrong
    CHECK(summary.empty == 1);
    REQUIRE(summary.problems.size() == 3);
    std::set<std::string> names;
    for (const auto& p : summary.problems) {
        CAPTURE(p.path);
        CHECK_FALSE(p.reason.empty());
        names.insert(std::filesystem::path(p.path).filename().string());
    }
    CHECK(names == std::set<std::string>{"junk.txt", "broken.pdf", "missing.txt"});
    CHECK(r.writer.document_count() == 1);
}

TEST_CASE("re-running skips unchanged files, updates changed ones and removes deleted ones") {
    Runner r;
    const TempDir docs;
    docs.write("a.txt", "văn bản một");
    const auto b = docs.write("b.txt", "văn bản hai");
    CHECK(r.run({docs.path()}).added == 2);

    const IndexSummary again = r.run({docs.path()});
    CHECK(again.unchanged == 2);
    CHECK(again.added == 0);

    docs.write("a.txt", "văn bản một, sửa lại");
    std::filesystem::remove(b);
    const IndexSummary third = r.run({docs.path()});
    CHECK(third.updated == 1);
    CHECK(third.removed == 1);
    CHECK(r.writer.document_count() == 1);
}

TEST_CASE("two files with the same name in different folders get different ids") {
    Runner r;
    const TempDir docs;
    docs.write("one/doc.txt", "thứ nhất");
    docs.write("two/doc.txt", "thứ hai");
    CHECK(r.run({docs.path()}).added == 2);
    CHECK(r.writer.document_count() == 2);
    CHECK(r.writer.stored_version("doc").has_value());
}

TEST_CASE("JSON lines are imported with their own ids and bad lines are reported") {
    Runner r;
    const TempDir docs;
    const auto file = docs.write("set.jsonl",
                                 "{\"_id\": \"Luật Cư trú 2020|12\", \"text\": \"Điều 12. Nơi cư trú\"}\n"
                                 "not json\n"
                                 "{\"_id\": 7, \"text\": \"Văn bản số bảy\", \"title\": \"Bảy\"}\n"
                                 "{\"text\": \"thiếu id\"}\n");
    const IndexSummary summary = import_jsonl(r.writer, file, IndexOptions{}, nullptr);
    CHECK(summary.added == 2);
    REQUIRE(summary.problems.size() == 2);
    CHECK(summary.problems[0].reason.rfind("line 2:", 0) == 0);
    CHECK(summary.problems[1].reason.rfind("line 4:", 0) == 0);
    CHECK(r.writer.stored_version("Luật Cư trú 2020|12").has_value());
    CHECK(r.writer.stored_version("7").has_value());
}

}

TEST_SUITE("indexer") {

TEST_CASE("several build threads write the same documents and report files in the same order as one") {
    const TempDir docs;
    for (int i = 0; i < 24; ++i) {
        const std::string n = std::to_string(i);
        docs.write("vb-" + std::string(i < 10 ? "0" : "") + n + ".txt",
                   i % 7 == 3 ? std::string("\x01\x02\xff\xfe", 4) + std::string(100, '\0')  // a bad file now and then
                              : "Quyết định số " + n + "/QĐ-UBND về kế hoạch năm 2025.\nKinh phí thực hiện là: " + n + " tỷ đồng.");
    }
    const auto index_with = [&](std::size_t threads, std::vector<std::string>& order) {
        Runner r;
        IndexOptions options;
        options.threads = threads;
        options.commit_every = 5;
        IndexEvents events;
        events.on_file = [&](const FileDone& f) { order.push_back(f.path.filename().string() + ":" + std::to_string(static_cast<int>(f.outcome))); };
        const IndexSummary summary = index_paths(r.writer, {docs.path()}, options, events);
        r.writer.commit();
        const Xapian::Database db((r.dir.path() / "index").string());
        std::vector<std::string> stored;
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            const Xapian::Document d = db.get_document(*it);
            std::string terms;
            for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) terms += *t + ' ';
            stored.push_back(d.get_data() + '|' + terms);
        }
        std::sort(stored.begin(), stored.end());
        return std::make_pair(summary_counts(summary), stored);
    };
    std::vector<std::string> one_order, four_order;
    const auto one = index_with(1, one_order);
    const auto four = index_with(4, four_order);
    CHECK(one.first == "21 added, 0 updated, 0 unchanged, 0 renamed, 0 removed, 0 skipped, 3 failed");
    CHECK(four.first == one.first);
    CHECK(four.second == one.second);
    CHECK(four_order == one_order);
    CHECK(one_order.front().rfind("vb-00.txt", 0) == 0);
}

}
