#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/utf.h"
#include "indexer/extract.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_documents.h"

namespace {

namespace fs = std::filesystem;
using tracuu::ErrorCode;
using tracuu::indexer::extract_file;
using tracuu::indexer::extract_html;
using tracuu::indexer::extract_pdf;
using tracuu::indexer::extract_plain_text;
using tracuu::indexer::SourceFormat;
using tracuu::testing::legacy_bytes;
using tracuu::testing::make_pdf;
using tracuu::testing::pdf_stream;
using tracuu::testing::tcvn3_pdf;
using tracuu::testing::TempDir;
using tracuu::testing::text_pdf_objects;

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string utf16(std::u16string_view text, bool big_endian) {
    std::string bytes = big_endian ? "\xFE\xFF" : "\xFF\xFE";
    for (const char16_t unit : text) {
        const auto hi = static_cast<char>(unit >> 8);
        const auto lo = static_cast<char>(unit & 0xFF);
        bytes += big_endian ? std::string{hi, lo} : std::string{lo, hi};
    }
    return bytes;
}


/// A file of corpus/, or its original in the shared sources while corpus/ is being filled.
fs::path corpus_file(const std::string& corpus_path, const std::string& shared_path) {
    const fs::path in_repo = fs::path(TRACUU_SOURCE_DIR) / "corpus" / corpus_path;
    return fs::exists(in_repo) ? in_repo : fs::path(TRACUU_SOURCE_DIR) / "../shared/corpus-src" / shared_path;
}

const fs::path& plan_pdf() {
    static const fs::path path = corpus_file("plans/kh13-2025-ninh-binh.pdf", "plans/kh13-2025-ninh-binh.pdf");
    return path;
}

std::size_t count(std::string_view text, char c) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), c));
}

}  // namespace

TEST_SUITE("indexer") {
    TEST_CASE("plain text in UTF-8 or UTF-16 with a byte-order mark comes out as the same UTF-8") {
        const std::string expected = "Số: 13/KH-UBND\nNinh Bình, ngày 25 tháng 7 năm 2025";
        const struct {
            const char* name;
            std::string bytes;
        } cases[] = {
            {"UTF-8", expected},
            {"UTF-8 with BOM", "\xEF\xBB\xBF" + expected},
            {"UTF-16LE with BOM", utf16(u"Số: 13/KH-UBND\nNinh Bình, ngày 25 tháng 7 năm 2025", false)},
            {"UTF-16BE with BOM", utf16(u"Số: 13/KH-UBND\nNinh Bình, ngày 25 tháng 7 năm 2025", true)},
            {"CRLF line ends", "Số: 13/KH-UBND\r\nNinh Bình, ngày 25 tháng 7 năm 2025"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.name);
            const auto result = extract_plain_text(c.bytes);
            REQUIRE(result.ok());
            CHECK(result.value().text == expected);
            CHECK(result.value().format == SourceFormat::Text);
            CHECK(result.value().pages == 1);
        }
    }

    TEST_CASE("plain text is repaired by normalize_text") {
        // A decomposed grave accent (A + U+0300) and an Icelandic Eth (U+00D0) standing for Đ.
        const auto result = extract_plain_text("CỘNG HOA\xCC\x80 \xC3\x90ộc lập");
        REQUIRE(result.ok());
        CHECK(result.value().text == "CỘNG HOÀ Độc lập");
    }

    TEST_CASE("a form feed in a text file is not a page break") {
        const auto result = extract_plain_text("trang một\ftrang hai");
        REQUIRE(result.ok());
        CHECK(result.value().text == "trang một\ntrang hai");
        CHECK(result.value().pages == 1);
    }

    TEST_CASE("empty or whitespace-only text is reported as an empty file") {
        for (const std::string_view bytes : {"", " \t\r\n \n", "\xEF\xBB\xBF", "\xFF\xFE"}) {
            CAPTURE(bytes);
            const auto result = extract_plain_text(bytes);
            REQUIRE_FALSE(result.ok());
            CHECK(result.error().code == ErrorCode::InvalidArgument);
            CHECK(result.error().message == "file is empty");
        }
    }

    TEST_CASE("binary junk is rejected as not text") {
        std::string random;
        std::uint32_t state = 12345;
        for (int i = 0; i < 4096; ++i) {
            state = state * 1664525u + 1013904223u;
            random += static_cast<char>(state >> 24);
        }
        const struct {
            const char* name;
            std::string bytes;
        } cases[] = {
            {"random bytes with NULs", random},
            {"one NUL in text", std::string("Số: 13/KH-UBND") + '\0' + "Ninh Bình"},
            {"control characters", std::string(200, 'a') + std::string(20, '\x01')},
            // High bytes that read as no Vietnamese in any legacy encoding.
            {"Latin-1 bytes", std::string(40, ' ') + "Caf\xe9 M\xfc" "ller \xfc" "ber Stra\xdf" "e"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.name);
            const auto result = extract_plain_text(c.bytes);
            REQUIRE_FALSE(result.ok());
            CHECK(result.error().code == ErrorCode::Unsupported);
            CHECK(result.error().message == "binary or unknown-encoding content, not text");
        }
    }

    TEST_CASE("text files in legacy 8-bit Vietnamese encodings are decoded to Unicode") {
        const TempDir dir;
        const struct {
            const char* name;
            std::string bytes;
            std::string_view expected;
        } cases[] = {
            {"tcvn3.txt", legacy_bytes("Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n"
                                       "QuyÕt ®Þnh vÒ viÖc bæ nhiÖm Bé tr\u00ADëng Bé Tµi chÝnh"),
             "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
             "Quyết định về việc bổ nhiệm Bộ trưởng Bộ Tài chính"},
            {"vni.txt", legacy_bytes("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\n"
                                     "Quyeát ñònh soá 12/QÑ-UBND"),
             "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nQuyết định số 12/QĐ-UBND"},
            {"viscii.txt", legacy_bytes("Cµng hòa xã hµi chü nghîa Vi®t Nam"), "Cộng hòa xã hội chủ nghĩa Việt Nam"},
            {"windows-1258.txt", legacy_bytes("Côòng hoÌa xaÞ hôòi chuÒ nghiÞa Viêòt Nam"),
             "Cộng hòa xã hội chủ nghĩa Việt Nam"},
            // UTF-8 with a TCVN3 table pasted in as Windows-1252 characters.
            {"mixed.txt", "Bảng 1. Dự toán chi ngân sách năm 2026\nSTT | Néi dung | Sè tiÒn\n1 | Chi ®Çu t\u00AD | 89.000",
             "Bảng 1. Dự toán chi ngân sách năm 2026\nSTT | Nội dung | Số tiền\n1 | Chi đầu tư | 89.000"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.name);
            const auto result = extract_file(dir.write(c.name, c.bytes));
            REQUIRE(result.ok());
            CHECK(result.value().text == c.expected);
            CHECK(result.value().format == SourceFormat::Text);
        }
    }

    TEST_CASE("a PDF whose text layer carries TCVN3 bytes gives Unicode Vietnamese") {
        const TempDir dir;
        const auto result = extract_file(dir.write("tcvn3.pdf", tcvn3_pdf()));
        REQUIRE(result.ok());
        // Runs in .VnTime are converted by their font, the .VnTimeH heading shown in capitals,
        // and the Times-Roman line by its statistics (it cannot know the capitals).
        CHECK(result.value().text ==
              "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\n"
              "Cộng hòa xã hội chủ nghĩa Việt Nam\n"
              "Bộ trưởng Bộ Tài chính\n"
              "Ninh Binh, 2025\n"
              "Quyết định về việc giao dự toán ngân sách");
        CHECK(result.value().text.find("Cộng hòa xã hội chủ nghĩa Việt Nam") != std::string::npos);
        CHECK(result.value().format_title == "Quyết định số 12");
    }

    TEST_CASE("the corpus plan PDF gives 16 pages separated by 15 form feeds") {
        const auto result = extract_file(plan_pdf());
        REQUIRE(result.ok());
        const auto& text = result.value().text;
        CHECK(result.value().format == SourceFormat::Pdf);
        CHECK(result.value().pages == 16);
        CHECK(count(text, '\f') == 15);
        CHECK(text.find("Số: 13/KH-UBND") != std::string::npos);
        CHECK(text.find("Ninh Bình, ngày 25 tháng 7 năm 2025") != std::string::npos);
    }

    TEST_CASE("PDF text keeps the header in reading order on the first page") {
        const auto result = extract_pdf(read_bytes(plan_pdf()));
        REQUIRE(result.ok());
        const std::string first_page = result.value().text.substr(0, result.value().text.find('\f'));
        CHECK(first_page.find("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH") != std::string::npos);
        CHECK(first_page.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc") != std::string::npos);
        CHECK(first_page.find("CỘNG HÒA") < first_page.find("Số: 13/KH-UBND"));
    }

    TEST_CASE("a generated PDF gives its pages and its Title") {
        std::vector<std::string> objects = text_pdf_objects({"Trang mot", "Trang hai"});
        objects.push_back("<< /Title (Ke hoach mau) >>");
        const auto result = extract_pdf(make_pdf(objects, "/Info " + std::to_string(objects.size()) + " 0 R "));
        REQUIRE(result.ok());
        CHECK(result.value().text == "Trang mot\fTrang hai");
        CHECK(result.value().pages == 2);
        CHECK(result.value().format_title == "Ke hoach mau");
    }

    TEST_CASE("damaged PDFs give an error, not a crash") {
        // Poppler rebuilds a missing xref table when it can; 2,000 bytes of the plan hold no page
        // tree, so there is nothing to rebuild and loading fails.
        const std::string plan = read_bytes(plan_pdf());
        for (const std::string& bytes : {plan.substr(0, 2000), std::string("%PDF-1.4 garbage")}) {
            const auto result = extract_pdf(bytes);
            REQUIRE_FALSE(result.ok());
            CHECK(result.error().code == ErrorCode::Unsupported);
            CHECK(result.error().message == "corrupt or unreadable PDF");
        }
    }

    TEST_CASE("a PDF whose pages have no text has no text layer") {
        // One page that only fills a rectangle, as a scan without OCR has only an image.
        const std::string pdf = make_pdf({"<< /Type /Catalog /Pages 2 0 R >>",
                                          "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>",
                                          pdf_stream("0 0 1 rg 10 10 100 100 re f")});
        const auto result = extract_pdf(pdf);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message == "PDF has no text layer (scanned?) and OCR found no text");
        const auto off = extract_pdf(pdf, {.enabled = false});
        REQUIRE_FALSE(off.ok());
        CHECK(off.error().message == "PDF has no text layer (scanned?); OCR is off");
    }

    TEST_CASE("a PDF with an empty page tree has no pages") {
        const auto result =
            extract_pdf(make_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}));
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message == "PDF has no pages");
    }

    TEST_CASE("an encrypted PDF asks for a password") {
        // The standard security handler with an /U entry that the empty user password does not
        // match: what a reader sees of a password-protected file.
        const auto result = extract_pdf(tracuu::testing::encrypted_pdf());
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message == "encrypted PDF (password required)");
    }

    TEST_CASE("HTML keeps readable text and drops scripts, styles, navigation and hidden blocks") {
        const auto result = extract_html(R"(<!DOCTYPE html><html><head><title>Kế hoạch 13 | Cổng</title>
            <style>p { color: red }</style><script>var x = "<p>không</p>";</script></head>
            <body><nav><a href="/">Trang chủ</a></nav><header>Cổng thông tin</header>
            <h1>Kế hoạch   số 13</h1><p>Dự toán  ngân sách
            năm 2026:</p>
            <table><tr><th>STT</th><th>Nội dung</th><th>Số tiền</th></tr>
            <tr><td>1</td><td>Chi đầu tư</td><td>89.000</td></tr>
            <tr><td>2</td><td><p>Chi thường xuyên</p></td><td>12.000</td></tr></table>
            <div style="display: none">Ẩn</div><p>Đơn vị:&nbsp;triệu đồng</p>
            <footer>© 2025</footer></body></html>)");
        REQUIRE(result.ok());
        CHECK(result.value().format == SourceFormat::Html);
        CHECK(result.value().format_title == "Kế hoạch 13 | Cổng");
        CHECK(result.value().text ==
              "Kế hoạch số 13\n\nDự toán ngân sách năm 2026:\n\n"
              "STT | Nội dung | Số tiền\n1 | Chi đầu tư | 89.000\n2 | Chi thường xuyên | 12.000\n\n"
              "Đơn vị: triệu đồng");
    }

    TEST_CASE("a two-column layout table with several lines per cell reads cell after cell") {
        const auto result = extract_html(
            "<table><tr><td><b>UBND TỈNH NINH BÌNH</b><br>-------</td>"
            "<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></td></tr>"
            "<tr><td>Số: 13/KH-UBND</td><td><i>Ninh Bình, ngày 25 tháng 7 năm 2025</i></td></tr></table>");
        REQUIRE(result.ok());
        CHECK(result.value().text ==
              "UBND TỈNH NINH BÌNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "Số: 13/KH-UBND\nNinh Bình, ngày 25 tháng 7 năm 2025");
    }

    TEST_CASE("tables nested in table cells keep their text") {
        // Deciding a table's layout renders its cells; nested tables must not multiply that work.
        std::string html;
        for (int depth = 0; depth < 40; ++depth) html += "<table><tr><td>a<br>b";
        html += "<p>đáy</p>";
        for (int depth = 0; depth < 40; ++depth) html += "</td></tr></table>";
        const auto result = extract_html(html);
        REQUIRE(result.ok());
        CHECK(count(result.value().text, 'a') == 40);
        CHECK(result.value().text.ends_with("a\nb\n\nđáy"));
    }

    TEST_CASE("an HTML page in a declared legacy charset is decoded") {
        const auto result = extract_html(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
            "</head><body><p>caf\xE9</p></body></html>");
        REQUIRE(result.ok());
        CHECK(result.value().text == "café");
    }

    TEST_CASE("an HTML page with nothing readable is an error") {
        const auto result =
            extract_html("<html><head><title>Trống</title></head><body><script>x()</script><nav>Menu</nav></body></html>");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::Unsupported);
        CHECK(result.error().message == "HTML page has no readable text");
    }

    TEST_CASE("a vbpl.vn page gives the document body and the portal's properties, not its chrome") {
        const fs::path page = corpus_file("html/doc_000038.html", "vbpl/html/doc_000038.html");
        REQUIRE(fs::exists(page));
        const auto result = extract_file(page);
        REQUIRE(result.ok());
        const std::string& text = result.value().text;
        CHECK(text.starts_with("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"));
        CHECK(text.find("Số: 101/2025/TT-BNNMT") != std::string::npos);
        CHECK(text.find("Căn cứ Nghị định số 181/2025/NĐ-CP ngày 01 tháng 7 năm 2025") != std::string::npos);
        CHECK(text.find("Điều 4. Hiệu lực thi hành") != std::string::npos);
        CHECK(text.find("Võ Văn Hưng") != std::string::npos);
        for (const char* chrome : {"Hiển thị chi tiết cập nhật", "Mục lục", "Tải về", "Cơ sở dữ liệu quốc gia"}) {
            CAPTURE(chrome);
            CHECK(text.find(chrome) == std::string::npos);
        }
        CHECK(text.ends_with("\n\nThuộc tính văn bản\nTình trạng hiệu lực: Còn hiệu lực\n"
                             "Ngày có hiệu lực: 31/12/2025\nNgày cập nhật: 16/04/2026"));
        CHECK(result.value().format_title.starts_with("Thông tư số 101/2025/TT-BNNMT Hướng dẫn các loại máy"));
    }

    TEST_CASE("extract_file reports missing, empty and directory paths in plain words") {
        const TempDir dir;
        const struct {
            fs::path path;
            ErrorCode code;
            const char* message;
        } cases[] = {
            {dir.path() / "khong-co.pdf", ErrorCode::NotFound, "file not found"},
            {dir.write("rong.txt", ""), ErrorCode::InvalidArgument, "file is empty"},
            {dir.path(), ErrorCode::InvalidArgument, "is a directory, not a file"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.path);
            const auto result = extract_file(c.path);
            REQUIRE_FALSE(result.ok());
            CHECK(result.error().code == c.code);
            CHECK(result.error().message == c.message);
        }
    }

    TEST_CASE("extract_file picks the format from the content before the extension") {
        const TempDir dir;
        const std::string pdf = make_pdf(text_pdf_objects({"Trang mot"}));
        const struct {
            const char* name;
            std::string bytes;
            SourceFormat format;
        } cases[] = {
            {"ke-hoach.txt", pdf, SourceFormat::Pdf},
            {"trang.dat", "\xEF\xBB\xBF  <!doctype HTML><p>Xin chào</p>", SourceFormat::Html},
            {"trang.htm", "<p>Xin chào</p>", SourceFormat::Html},
            {"ghi-chu", "Xin chào", SourceFormat::Text},
            {"ghi-chu.md", "# Xin chào", SourceFormat::Text},
        };
        for (const auto& c : cases) {
            CAPTURE(c.name);
            const auto result = extract_file(dir.write(c.name, c.bytes));
            REQUIRE(result.ok());
            CHECK(result.value().format == c.format);
        }
    }

    TEST_CASE("extract_file names the reason a file is not readable text") {
        const TempDir dir;
        constexpr char zip_header[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00";  // a DOCX starts so
        const std::string junk(zip_header, sizeof zip_header - 1);
        const struct {
            const char* name;
            std::string bytes;
            const char* message;
        } cases[] = {
            {"bao-cao.pdf", "Xin chào", "not a PDF file (corrupt or wrong extension)"},
            {"bao-cao.docx", junk, "corrupt Word document (not a readable ZIP archive)"},
            {"bao-cao.txt", junk, "binary or unknown-encoding content, not text"},
            {"hong.pdf", "%PDF-1.4 garbage", "corrupt or unreadable PDF"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.name);
            const auto result = extract_file(dir.write(c.name, c.bytes));
            REQUIRE_FALSE(result.ok());
            CHECK(result.error().code == ErrorCode::Unsupported);
            CHECK(result.error().message == c.message);
        }
    }
}
