#include "tests/support/test_documents.h"

#include <doctest/doctest.h>
#include <zip.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

#include "analyzers/utf.h"
#include "tests/support/temp_dir.h"

namespace tracuu::testing {
namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// PDF RunLengthDecode: a scanned page is mostly runs of white, so this keeps it small
/// without zlib.
std::string run_length(const std::vector<std::uint8_t>& data) {
    std::string out;
    std::size_t i = 0;
    while (i < data.size()) {
        std::size_t run = 1;
        while (i + run < data.size() && run < 128 && data[i + run] == data[i]) ++run;
        if (run >= 2) {
            out.push_back(static_cast<char>(257 - run));
            out.push_back(static_cast<char>(data[i]));
            i += run;
            continue;
        }
        std::size_t end = i + 1;
        while (end < data.size() && end - i < 128 && !(end + 1 < data.size() && data[end] == data[end + 1])) ++end;
        out.push_back(static_cast<char>(end - i - 1));
        out.append(reinterpret_cast<const char*>(data.data() + i), end - i);
        i = end;
    }
    out.push_back(static_cast<char>(128));
    return out;
}

struct ZipDiscard {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" )"
    R"(ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)";

constexpr std::string_view kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Target="word/document.xml" )"
    R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>)"
    R"(<Relationship Id="rId2" Target="docProps/core.xml" )"
    R"(Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"/>)"
    R"(</Relationships>)";

std::string document_xml(std::string_view body) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                       R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
                       R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" )"
                       R"(xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>)") +
           std::string(body) + "<w:sectPr/></w:body></w:document>";
}

}  // namespace

std::string make_pdf(const std::vector<std::string>& objects, const std::string& trailer_extra) {
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const std::size_t offset : offsets) {
        char line[24];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " + trailer_extra + ">>\n";
    return pdf + "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
}

std::string pdf_stream(const std::string& content) {
    return "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream";
}

std::vector<std::string> text_pdf_objects(const std::vector<std::string>& pages) {
    std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", "",
                                        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
    std::string kids;
    for (const std::string& text : pages) {
        const std::size_t page = objects.size() + 1;
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 3 0 R >> >>"
                          " /Contents " + std::to_string(page + 1) + " 0 R >>");
        objects.push_back(pdf_stream("BT /F1 12 Tf 20 100 Td (" + text + ") Tj ET"));
        kids += std::to_string(page) + " 0 R ";
    }
    objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
    return objects;
}

std::string legacy_bytes(std::string_view shown) {
    std::string bytes;
    for (const char32_t c : analyzers::to_utf32(shown)) {
        if (c >= 0x100) throw std::invalid_argument("legacy_bytes: a character above U+00FF has no single byte");
        bytes.push_back(static_cast<char>(c));
    }
    return bytes;
}

std::string tcvn3_pdf() {
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 220] /Resources << /Font << /F1 5 0 R /F2 6 0 R "
        "/F3 7 0 R /F4 8 0 R >> >> /Contents 4 0 R >>",
        "",
        "<< /Type /Font /Subtype /Type1 /BaseFont /.VnTime /Encoding /WinAnsiEncoding >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /.VnTimeH /Encoding /WinAnsiEncoding >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        "<< /Title (" + legacy_bytes("QuyÕt ®Þnh sè 12") + ") >>",
    };
    const std::pair<const char*, std::string_view> lines[] = {
        {"/F2", "céng hßa x· héi chñ nghÜa viÖt nam"},  // .VnTimeH draws these codes as capitals
        {"/F1", "§éc lËp - Tù do - H¹nh phóc"},
        {"/F1", "Céng hßa x· héi chñ nghÜa ViÖt Nam"},
        {"/F1", "Bé tr\u00ADëng Bé Tµi chÝnh"},
        {"/F3", "Ninh Binh, 2025"},
        {"/F4", "QuyÕt ®Þnh vÒ viÖc giao dù to¸n ng©n s¸ch"},
    };
    std::string content;
    int y = 200;
    for (const auto& [font, text] : lines) {
        content += std::string("BT ") + font + " 12 Tf 20 " + std::to_string(y) + " Td (" + legacy_bytes(text) + ") Tj ET\n";
        y -= 20;
    }
    objects[3] = pdf_stream(content);
    return make_pdf(objects, "/Info 9 0 R ");
}

std::string image_pdf(const indexer::GrayImage& image) {
    const double width = image.width * 72.0 / image.dpi;
    const double height = image.height * 72.0 / image.dpi;
    char size[64];
    std::snprintf(size, sizeof size, "%.2f 0 0 %.2f 0 0", width, height);
    const std::string pixels = run_length(image.pixels);
    const std::string content = std::string("q ") + size + " cm /Im0 Do Q";
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        std::string("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ") + std::to_string(width) + " " +
            std::to_string(height) + "] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /XObject /Subtype /Image /Width " + std::to_string(image.width) + " /Height " +
            std::to_string(image.height) + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /RunLengthDecode" +
            " /Length " + std::to_string(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
    };
    return make_pdf(objects);
}

std::string scanned_plan_header() {
    const auto page = indexer::render_pdf_page(read_bytes(fs::path(TRACUU_SOURCE_DIR) / "corpus/plans/kh13-2025-ninh-binh.pdf"), 0, 300);
    REQUIRE(page.ok());
    indexer::GrayImage top = page.value();
    top.height = top.height * 2 / 5;
    top.pixels.resize(static_cast<std::size_t>(top.width) * static_cast<std::size_t>(top.height));
    return image_pdf(top);
}

std::string encrypted_pdf() {
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>",
        "<< /Filter /Standard /V 1 /R 2 /Length 40 /O <" + std::string(64, '1') + "> /U <" + std::string(64, '2') + "> /P -44 >>"};
    const std::string id = "<0123456789abcdef0123456789abcdef>";
    return make_pdf(objects, "/Encrypt 4 0 R /ID [" + id + id + "] ");
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
    const TempDir dir;
    const fs::path path = dir.path() / "package.zip";
    int error = 0;
    std::unique_ptr<zip_t, ZipDiscard> archive(zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error));
    REQUIRE(archive);
    for (const auto& [name, content] : entries) {
        // libzip reads the buffers at zip_close(); `entries` outlives it.
        zip_source_t* source = zip_source_buffer(archive.get(), content.data(), content.size(), 0);
        REQUIRE(source != nullptr);
        if (zip_file_add(archive.get(), name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(source);
            FAIL("cannot add " << name);
        }
    }
    REQUIRE(zip_close(archive.get()) == 0);
    (void)archive.release();  // closed and written
    return read_bytes(path);
}




std::string make_docx(std::string_view body, std::string_view title) {
    std::vector<std::pair<std::string, std::string>> entries = {{"[Content_Types].xml", std::string(kContentTypes)},
                       {"_rels/.rels", std::string(kRels)},
                       {"word/document.xml", document_xml(body)}};
    if (!title.empty()) {
        entries.emplace_back("docProps/core.xml",
                             R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                             R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
                             R"(xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>)" +
                                 std::string(title) + "</dc:title></cp:coreProperties>");
    }
    return make_zip(entries);
}

std::string docx_paragraph(std::string_view text) { return "<w:p><w:r><w:t>" + std::string(text) + "</w:t></w:r></w:p>"; }

}  // namespace tracuu::testing
