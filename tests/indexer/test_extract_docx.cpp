#include <doctest/doctest.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/extract.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_documents.h"

namespace {

namespace fs = std::filesystem;
using tracuu::ErrorCode;
using tracuu::indexer::extract_docx;
using tracuu::indexer::extract_file;
using tracuu::indexer::SourceFormat;
using tracuu::testing::make_docx;
using tracuu::testing::make_zip;
using tracuu::testing::TempDir;


std::string paragraph(std::string_view text) { return tracuu::testing::docx_paragraph(text); }

std::string cell(std::string_view text) { return "<w:tc><w:tcPr/>" + paragraph(text) + "</w:tc>"; }

// A plan's opening: a heading, runs split mid-phrase, a tab and a line break, a tracked deletion
// and insertion, and a 2x2 table.
const std::string kPlanBody =
    R"(<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>)"
    R"(<w:p><w:r><w:t xml:space="preserve">Ủy ban nhân </w:t></w:r>)"
    R"(<w:r><w:rPr><w:b/></w:rPr><w:t>dân tỉnh Ninh Bình</w:t></w:r></w:p>)"
    R"(<w:p><w:r><w:t>Số:</w:t><w:tab/><w:t>13/KH-UBND</w:t><w:br/><w:t>Ninh Bình, ngày 25 tháng 7 năm 2025</w:t></w:r></w:p>)"
    R"(<w:p><w:del w:id="1" w:author="A"><w:r><w:delText>bản nháp bị xóa </w:delText></w:r></w:del>)"
    R"(<w:ins w:id="2" w:author="A"><w:r><w:t>Nội dung được bổ sung</w:t></w:r></w:ins></w:p>)"
    R"(<w:p><w:pPr><w:pStyle w:val="Tiêuđề"/></w:pPr><w:r><w:t>I. MỤC ĐÍCH, YÊU CẦU</w:t></w:r></w:p>)"
    R"(<w:p/>)"
    R"(<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>)" +
    ("<w:tr>" + cell("Nhiệm vụ") + cell("Kinh phí") + "</w:tr>") +
    ("<w:tr>" + cell("Chuyển đổi số") + cell("1.200 triệu đồng") + "</w:tr>") + "</w:tbl>";

constexpr std::string_view kPlanText =
    "KẾ HOẠCH\n"
    "Ủy ban nhân dân tỉnh Ninh Bình\n"
    "Số: 13/KH-UBND\n"
    "Ninh Bình, ngày 25 tháng 7 năm 2025\n"
    "Nội dung được bổ sung\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "Nhiệm vụ | Kinh phí\n"
    "Chuyển đổi số | 1.200 triệu đồng";

/// Points PATH at one folder for the length of a test, so which converters exist is known.
class ScopedPath {
public:
    explicit ScopedPath(const fs::path& folder) {
        if (const char* old = std::getenv("PATH")) m_old = old;
        ::setenv("PATH", folder.c_str(), 1);
    }
    ~ScopedPath() {
        if (m_old) {
            ::setenv("PATH", m_old->c_str(), 1);
        } else {
            ::unsetenv("PATH");
        }
    }
    ScopedPath(const ScopedPath&) = delete;
    ScopedPath& operator=(const ScopedPath&) = delete;

private:
    std::optional<std::string> m_old;
};

fs::path write_tool(const TempDir& dir, const std::string& name, std::string_view script) {
    const fs::path path = dir.write("bin/" + name, script);
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add);
    return path;
}

/// The start of an OLE2 compound file with a WordDocument stream, as Word 97-2003 writes.
std::string legacy_doc_bytes() {
    std::string bytes = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(504, '\0');
    for (const char c : std::string_view("WordDocument")) bytes += std::string{c, '\0'};
    return bytes + std::string(512, '\0');
}

}  // namespace

TEST_SUITE("indexer") {
    TEST_CASE("a generated .docx gives headings and paragraphs as lines and table rows with cells joined by bars") {
        const auto result = extract_docx(make_docx(kPlanBody));
        REQUIRE(result.ok());
        CHECK(result.value().format == SourceFormat::Docx);
        CHECK(result.value().text == kPlanText);
        CHECK(result.value().pages == 1);
        CHECK_FALSE(result.value().ocr);
    }

    TEST_CASE("deleted and moved-away revisions and field codes are not read") {
        const std::string body =
            R"(<w:p><w:r><w:t xml:space="preserve">Trang </w:t></w:r>)"
            R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>)"
            R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>)"
            R"(<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>)"
            R"(<w:p><w:moveFrom w:id="3" w:author="A"><w:r><w:t>cũ</w:t></w:r></w:moveFrom>)"
            R"(<w:moveTo w:id="4" w:author="A"><w:r><w:t>mới</w:t></w:r></w:moveTo></w:p>)";
        const auto result = extract_docx(make_docx(body));
        REQUIRE(result.ok());
        CHECK(result.value().text == "Trang 2\nmới");
    }

    TEST_CASE("a text box is read once although the file stores it twice") {
        const std::string box = "<w:txbxContent>" + paragraph("Dự thảo") + "</w:txbxContent>";
        const std::string body = "<w:p><w:r><w:t>Trước</w:t></w:r><w:r><mc:AlternateContent>"
                                 "<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>" + box +
                                 "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>" + box +
                                 "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
        const auto result = extract_docx(make_docx(body));
        REQUIRE(result.ok());
        CHECK(result.value().text == "Trước\nDự thảo");
    }

    TEST_CASE("empty cells keep their place in a table row") {
        const std::string body = "<w:tbl><w:tr>" + cell("STT") + "<w:tc><w:p/></w:tc>" + cell("Ghi chú") +
                                 "</w:tr><w:tr><w:tc><w:p/></w:tc>" + cell("Tổng") + "</w:tr></w:tbl>";
        const auto result = extract_docx(make_docx(body));
        REQUIRE(result.ok());
        CHECK(result.value().text == "STT | | Ghi chú\n| Tổng");
    }

    TEST_CASE("dc:title of the core properties is the format title") {
        const auto result = extract_docx(make_docx(paragraph("Nội dung"), "Kế hoạch  chuyển đổi số\nnăm 2026"));
        REQUIRE(result.ok());
        CHECK(result.value().format_title == "Kế hoạch chuyển đổi số năm 2026");
        CHECK(extract_docx(make_docx(paragraph("Nội dung"))).value().format_title.empty());
    }

    TEST_CASE("extract_file reads a Word package by its content whatever its extension") {
        const TempDir dir;
        const std::string docx = make_docx(kPlanBody);
        for (const char* name : {"ke-hoach.docx", "ke-hoach.bin", "ke-hoach"}) {
            CAPTURE(name);
            const auto result = extract_file(dir.write(name, docx));
            REQUIRE(result.ok());
            CHECK(result.value().format == SourceFormat::Docx);
            CHECK(result.value().text == kPlanText);
        }
    }

    TEST_CASE("a corrupt or truncated .docx gives an error, not a crash") {
        const std::string docx = make_docx(kPlanBody);
        const TempDir dir;
        const auto truncated = extract_file(dir.write("hong.docx", docx.substr(0, docx.size() / 2)));
        REQUIRE_FALSE(truncated.ok());
        CHECK(truncated.error().code == ErrorCode::Unsupported);
        CHECK(truncated.error().message == "corrupt Word document (not a readable ZIP archive)");
        const auto junk = extract_docx("PK\x03\x04 not a zip at all");
        REQUIRE_FALSE(junk.ok());
        CHECK(junk.error().message == "corrupt Word document (not a readable ZIP archive)");
        const auto text = extract_docx("just text");
        REQUIRE_FALSE(text.ok());
        CHECK(text.error().message == "not a Word document (corrupt or wrong extension)");
    }

    TEST_CASE("a ZIP without word/document.xml or with broken XML is not a Word document") {
        const auto missing = extract_docx(make_zip({{"[Content_Types].xml", "<Types/>"}}));
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().message == "not a Word document: word/document.xml is missing");
        const auto broken = extract_docx(make_zip({{"word/document.xml", "<w:document><w:body><w:p>"}}));
        REQUIRE_FALSE(broken.ok());
        CHECK(broken.error().message == "corrupt Word document (word/document.xml is not XML)");
    }

    TEST_CASE("a password-protected .docx asks for a password") {
        // Word stores it as an OLE2 file with an EncryptedPackage stream instead of a ZIP.
        std::string bytes = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(504, '\0');
        for (const char c : std::string_view("EncryptedPackage")) bytes += std::string{c, '\0'};
        const TempDir dir;
        const auto result = extract_file(dir.write("mat.docx", bytes));
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message == "encrypted Word document (password required)");
    }

    TEST_CASE("a legacy .doc without antiword or catdoc asks to be saved as .docx") {
        const TempDir dir;
        const fs::path doc = dir.write("cu.doc", legacy_doc_bytes());
        fs::create_directories(dir.path() / "bin");
        const ScopedPath path(dir.path() / "bin");
        const auto result = extract_file(doc);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::Unsupported);
        CHECK(result.error().message == "legacy .doc is not supported; save as .docx");
    }

    TEST_CASE("a legacy .doc is read through antiword when it is installed") {
        const TempDir dir;
        const fs::path doc = dir.write("cu", legacy_doc_bytes());  // found by content, no extension
        // Stands in for antiword: answers only when given an absolute file path last.
        write_tool(dir, "antiword",
                   "#!/bin/sh\nfor a; do last=$a; done\n"
                   "case $last in /*) printf 'K\\341\\272\\276 HO\\341\\272\\240CH\\r\\nS\\341\\273\\221 13\\n';; *) exit 2;; esac\n");
        const ScopedPath path(dir.path() / "bin");
        const auto result = extract_file(doc);
        REQUIRE(result.ok());
        CHECK(result.value().format == SourceFormat::Docx);
        CHECK(result.value().text == "KẾ HOẠCH\nSố 13\n");
    }

    TEST_CASE("a converter that fails is named in the error") {
        const TempDir dir;
        const fs::path doc = dir.write("cu.doc", legacy_doc_bytes());
        write_tool(dir, "antiword", "#!/bin/sh\necho 'is not a Word Document.' >&2\nexit 1\n");
        const ScopedPath path(dir.path() / "bin");
        const auto result = extract_file(doc);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message == "legacy .doc could not be read by antiword; save as .docx");
    }
}
