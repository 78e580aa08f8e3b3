// The original file of a document: which file, its content type and its Content-Disposition.
#include <doctest/doctest.h>

#include <iterator>

#include "server/original_file.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::server;
using tracuu::testing::TempDir;

namespace {

DocumentAnswer stored(const std::string& id, const std::string& source_file, const std::string& source_path, const std::string& format) {
    DocumentAnswer doc;
    doc.id = id;
    doc.source_file = source_file;
    doc.source_path = source_path;
    doc.format = format;
    return doc;
}

std::string read_all(std::istream& in) { return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}; }

}  // namespace

TEST_SUITE("server") {

TEST_CASE("an original file's content type follows its extension, and a text file's bytes name its charset") {
    const std::string utf8_cut_at_64k = std::string(64 * 1024 - 2, 'a') + "\xE1\xBA";  // ế cut by the 64 KiB head
    const struct {
        const char* file;
        std::string head;
        const char* type;
    } rows[] = {
        {"kh13.pdf", "%PDF-1.4", "application/pdf"},
        {"KH13.PDF", "%PDF-1.4", "application/pdf"},
        {"ban.docx", "PK", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"cu.doc", "", "application/msword"},
        {"trang.html", "<html>", "text/html"},
        {"trang.HTM", "<html>", "text/html"},
        {"a.txt", "Kế hoạch số 13", "text/plain; charset=utf-8"},
        {"a.txt", "plain ASCII", "text/plain; charset=utf-8"},
        {"a.txt", std::string("\xFF\xFEK\0", 4), "text/plain; charset=utf-16"},
        {"a.txt", "C\xE9ng h\xDF" "a", "text/plain"},  // TCVN3: no charset a browser knows
        {"a.txt", "abc\xE1\xBA", "text/plain"},     // a cut sequence in a whole (short) file is not UTF-8
        {"a.txt", utf8_cut_at_64k, "text/plain; charset=utf-8"},
        {"scan.jpg", "", "application/octet-stream"},
        {"README", "", "application/octet-stream"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.file);
        CAPTURE(row.head.size());
        CHECK(original_content_type(row.file, row.head) == row.type);
    }
}

TEST_CASE("Content-Disposition names the file inline, with an ASCII fallback and the exact UTF-8 name (RFC 6266, 5987)") {
    const struct {
        const char* name;
        const char* disposition;
    } rows[] = {
        {"kh13.pdf", "inline; filename=\"kh13.pdf\"; filename*=UTF-8''kh13.pdf"},
        {"Kế hoạch 13.pdf", "inline; filename=\"Ke hoach 13.pdf\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2013.pdf"},
        {"Đề án \"số 1\".txt",
         "inline; filename=\"De an _so 1_.txt\"; filename*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n%20%22s%E1%BB%91%201%22.txt"},
        {"Ke\xCC\x82\xCC\x81.txt", "inline; filename=\"Ke.txt\"; filename*=UTF-8''Ke%CC%82%CC%81.txt"},  // NFD, as macOS names files
        {"a;b\\c%.txt", "inline; filename=\"a;b_c%.txt\"; filename*=UTF-8''a%3Bb%5Cc%25.txt"},
        {"x\r\ny.txt", "inline; filename=\"x__y.txt\"; filename*=UTF-8''x%0D%0Ay.txt"},  // no header injection
    };
    for (const auto& row : rows) {
        CAPTURE(row.name);
        CHECK(inline_disposition(row.name) == row.disposition);
    }
}

TEST_CASE("the recorded file of a document is opened from its start with its size") {
    TempDir dir;
    const std::string bytes = "Kế hoạch số 13/KH-UBND\nnội dung";
    const auto path = dir.write("Kế hoạch 13.txt", bytes);
    auto file = open_original(stored("ke-hoach-13", "docs/Kế hoạch 13.txt", path.string(), "text"));
    REQUIRE(file.ok());
    CHECK(file.value().size == bytes.size());
    CHECK(file.value().file_name == "Kế hoạch 13.txt");
    CHECK(file.value().content_type == "text/plain; charset=utf-8");
    CHECK(read_all(*file.value().stream) == bytes);  // the charset look did not move the start
}

TEST_CASE("a document without a file, or whose file is gone, is not found, with a message saying which") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "now-a-folder.pdf");
    const struct {
        DocumentAnswer doc;
        const char* says;
    } rows[] = {
        {stored("q1", "import.jsonl", "", "jsonl"), "no original file"},
        {stored("gone", "docs/gone.pdf", (dir.path() / "gone.pdf").string(), "pdf"), "moved or deleted"},
        {stored("dir", "docs/now-a-folder.pdf", (dir.path() / "now-a-folder.pdf").string(), "pdf"), "moved or deleted"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.doc.id);
        const auto file = open_original(row.doc);
        REQUIRE_FALSE(file.ok());
        CHECK(file.error().code == tracuu::ErrorCode::NotFound);
        CHECK(file.error().message.find(row.says) != std::string::npos);
        CHECK(file.error().message.find("\"" + row.doc.id + "\"") != std::string::npos);
    }
}

}  // TEST_SUITE
