// Importing JSON lines (tracuu-index --jsonl): bad lines are reported with their number and
// skipped, good ones are searchable, and commits follow commit_every and commit_seconds.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "indexer/document_builder.h"
#include "indexer/index_run.h"
#include "indexer/query_builder.h"
#include "indexer/schema.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::indexer;
using tracuu::testing::TempDir;

namespace {

/// An index to import into, searched through the real query path.
struct Import {
    TempDir dir;
    IndexWriter writer = IndexWriter::open(dir.path() / "index").value();

    IndexSummary run(const std::string& lines, const IndexOptions& options = {}, const ProblemSink& on_problem = nullptr) {
        return import_jsonl(writer, dir.write("set.jsonl", lines), options, on_problem);
    }

    /// Ids of the committed documents matching `query`.
    [[nodiscard]] std::vector<std::string> search(const std::string& query) const {
        const Xapian::Database db((dir.path() / "index").string());
        const auto parsed = QueryBuilder().build(query, db);
        if (!parsed.ok()) return {"error: " + parsed.error().message};
        Xapian::Enquire enquire(db);
        enquire.set_query(parsed.value().query);
        std::vector<std::string> ids;
        const Xapian::MSet found = enquire.get_mset(0, 100);
        for (auto it = found.begin(); it != found.end(); ++it) ids.push_back(read_document(it.get_document()).id);
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    [[nodiscard]] Xapian::doccount committed() const {
        const Xapian::Database db((dir.path() / "index").string());
        return db.get_termfreq(std::string(tracuu::schema::kKind) + std::string(tracuu::schema::kKindDocument));
    }
};

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("each bad JSON line is reported with its number and reason, and every good line is imported") {
    struct Line {
        std::string text;
        std::string problem;  ///< the reason expected after "line N: ", or "" for a line that is fine
    };
    const std::vector<Line> lines = {
        {R"({"_id": "tot-1", "text": "Kế hoạch chuyển đổi số zqmot"})", ""},
        {R"({"_id": "hong", "text": "thiếu ngoặc zqhong")", "not valid JSON"},
        {R"({"text": "không có mã zqkhongma"})", "missing or unusable \"_id\" (a string or integer of at most 200 bytes)"},
        {R"({"_id": "so", "text": 12345})", "missing \"text\" string"},
        {"", ""},  // blank lines are ignored, not reported
        {R"({"_id": 7, "text": "Văn bản số bảy zqbay", "title": "Bảy"})", ""},
        {R"(["_id", "text"])", "not a JSON object"},
        {R"({"_id": 1.5, "text": "mã thập phân zqthapphan"})", "missing or unusable \"_id\" (a string or integer of at most 200 bytes)"},
        {R"({"_id": "", "text": "mã rỗng zqrong"})", "missing or unusable \"_id\" (a string or integer of at most 200 bytes)"},
        {"{\"_id\": \"" + std::string(201, 'x') + "\", \"text\": \"mã dài zqdai\"}", "missing or unusable \"_id\" (a string or integer of at most 200 bytes)"},
        {R"({"_id": "null", "text": null})", "missing \"text\" string"},
        {"   \t", ""},
        {R"({"_id": 18446744073709551615, "text": "mã số rất lớn zqlon"})", ""},
        {R"({"_id": "tot-2", "text": "Quyết định về cải cách hành chính zqhai"})", ""},
    };
    std::string file;
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        file += lines[i].text + "\n";
        if (!lines[i].problem.empty()) expected.push_back("line " + std::to_string(i + 1) + ": " + lines[i].problem);
    }
    Import import;
    std::vector<std::string> reported;
    const IndexSummary summary = import.run(file, {}, [&](const IndexProblem& p) { reported.push_back(p.reason); });
    CHECK(reported == expected);
    REQUIRE(summary.problems.size() == expected.size());
    CHECK(summary.problems[0].path == (import.dir.path() / "set.jsonl").string());
    CHECK(summary.added == 4);
    CHECK_FALSE(summary.interrupted);
    CHECK(import.search("zqmot") == std::vector<std::string>{"tot-1"});
    CHECK(import.search("zqbay") == std::vector<std::string>{"7"});
    CHECK(import.search("zqlon") == std::vector<std::string>{"18446744073709551615"});
    CHECK(import.search("zqhai") == std::vector<std::string>{"tot-2"});
    for (const char* never : {"zqhong", "zqkhongma", "zqthapphan", "zqrong", "zqdai"}) {
        CAPTURE(never);
        CHECK(import.search(never).empty());
    }
}

TEST_CASE("a JSON-lines file that cannot be read is one problem") {
    Import import;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"missing.jsonl", "cannot read file"},
        {"", "cannot read file: is a directory"},  // the scratch folder itself
    };
    for (const auto& [name, reason] : cases) {
        CAPTURE(name);
        const IndexSummary summary = import_jsonl(import.writer, import.dir.path() / name, {}, nullptr);
        REQUIRE(summary.problems.size() == 1);
        CHECK(summary.problems[0].reason == reason);
        CHECK(summary.added == 0);
    }
}

TEST_CASE("importing a JSON line again updates its document") {
    Import import;
    CHECK(import.run(R"({"_id": "a", "text": "bản đầu zqdau"})" "\n").added == 1);
    const IndexSummary again = import.run(R"({"_id": "a", "text": "bản sau zqsau"})" "\n");
    CHECK(again.updated == 1);
    CHECK(again.added == 0);
    CHECK(import.search("zqdau").empty());
    CHECK(import.search("zqsau") == std::vector<std::string>{"a"});
}

/// Good lines with a bad one after each: what a reader saw as each bad line was met, then at the end.
std::vector<Xapian::doccount> committed_after_each_line(const IndexOptions& options) {
    Import import;
    std::string file;
    for (int i = 0; i < 4; ++i) file += R"({"_id": "vb)" + std::to_string(i) + R"(", "text": "văn bản"})" "\n" "not json\n";
    std::vector<Xapian::doccount> seen;
    (void)import.run(file, options, [&](const IndexProblem&) { seen.push_back(import.committed()); });
    seen.push_back(import.committed());
    return seen;
}

TEST_CASE("a JSON-lines import commits every commit_every documents") {
    IndexOptions options;
    options.commit_every = 3;
    options.commit_seconds = 0;
    CHECK(committed_after_each_line(options) == std::vector<Xapian::doccount>{0, 0, 3, 3, 4});
}

TEST_CASE("a JSON-lines import commits once commit_seconds have passed, so readers see documents before it ends") {
    IndexOptions options;
    options.commit_every = 1000;
    options.commit_seconds = 1e-9;  // any time at all: every document written is committed at once
    CHECK(committed_after_each_line(options) == std::vector<Xapian::doccount>{1, 2, 3, 4, 4});
    options.commit_seconds = 0;  // by count only: nothing before the end
    CHECK(committed_after_each_line(options) == std::vector<Xapian::doccount>{0, 0, 0, 0, 4});
}

// Xapian refuses a term over 245 bytes and then drops every uncommitted document: a budget line
// citing a symbol made of junk must neither stop the run nor cost the documents before it.
TEST_CASE("a document with a term too long for Xapian is stored without that term, and nothing else is lost") {
    const std::string junk = "Kinh phí thực hiện Nghị quyết số 57-NQ/TW" + std::string(300, 'A') + " là: 5 tỷ đồng. zqrac";
    SUBCASE("JSON lines") {
        Import import;
        const IndexSummary summary = import.run(R"({"_id": "truoc", "text": "văn bản trước zqtruoc"})" "\n"
                                                R"({"_id": "rac", "text": ")" + junk + "\"}\n");
        CHECK(summary.problems.empty());
        CHECK(summary.added == 2);
        CHECK(import.search("zqtruoc") == std::vector<std::string>{"truoc"});
        CHECK(import.search("zqrac") == std::vector<std::string>{"rac"});
    }
    SUBCASE("files") {
        Import import;
        const TempDir docs;
        docs.write("truoc.txt", "văn bản trước zqtruoc");
        docs.write("rac.txt", junk);
        const IndexSummary summary = index_paths(import.writer, {docs.path()}, IndexOptions{}, nullptr);
        CHECK(summary.problems.empty());
        CHECK(summary.added == 2);
        CHECK(import.search("zqtruoc") == std::vector<std::string>{"truoc"});
        CHECK(import.search("zqrac") == std::vector<std::string>{"rac"});
    }
}

}
