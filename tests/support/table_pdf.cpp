#include "tests/support/table_pdf.h"

#include <cstdio>
#include <string>

#include "analyzers/utf.h"
#include "tests/support/test_documents.h"

namespace tracuu::testing {
namespace {

constexpr double kPageWidth = 595;
constexpr double kPageHeight = 842;

std::string hex4(unsigned value) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04X", value & 0xFFFFU);
    return buffer;
}

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

/// Identity ToUnicode: bfrange entries may not cross a first-byte boundary, hence 256 of them.
std::string to_unicode_cmap() {
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (unsigned block = 0; block < 256; block += 100) {
        const unsigned count = block + 100 <= 256 ? 100 : 256 - block;
        cmap += std::to_string(count) + " beginbfrange\n";
        for (unsigned high = block; high < block + count; ++high) {
            const std::string first = hex4(high << 8);
            cmap += "<" + first + "> <" + hex4((high << 8) | 0xFF) + "> <" + first + ">\n";
        }
        cmap += "endbfrange\n";
    }
    return cmap + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

std::string content_of(const std::vector<PdfText>& runs) {
    std::string content;
    for (const PdfText& run : runs) {
        std::string codes;
        for (const char32_t c : analyzers::to_utf32(run.text)) codes += hex4(static_cast<unsigned>(c));
        content += "BT /F1 " + number(run.size) + " Tf " + number(run.x) + " " + number(kPageHeight - run.top) +
                   " Td <" + codes + "> Tj ET\n";
    }
    return content;
}

}  // namespace

double pdf_text_width(std::string_view text, double size) {
    return static_cast<double>(analyzers::to_utf32(text).size()) * size / 2;
}

std::string make_text_pdf(const std::vector<std::vector<PdfText>>& pages) {
    // Objects: 1 catalog, 2 page tree, 3 Type0 font, 4 CID font, 5 descriptor, 6 ToUnicode,
    // then a page and its content stream for each page.
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "",
        "<< /Type /Font /Subtype /Type0 /BaseFont /TracuuTest /Encoding /Identity-H "
        "/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TracuuTest "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        "/FontDescriptor 5 0 R /DW 500 /CIDToGIDMap /Identity >>",
        "<< /Type /FontDescriptor /FontName /TracuuTest /Flags 32 /FontBBox [0 -200 1000 800] "
        "/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
        pdf_stream(to_unicode_cmap()),
    };
    std::string kids;
    for (const auto& runs : pages) {
        const std::size_t page = objects.size() + 1;
        kids += std::to_string(page) + " 0 R ";
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + number(kPageWidth) + " " +
                          number(kPageHeight) + "] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                          std::to_string(page + 1) + " 0 R >>");
        objects.push_back(pdf_stream(content_of(runs)));
    }
    objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";

    return make_pdf(objects);
}

}  // namespace tracuu::testing
