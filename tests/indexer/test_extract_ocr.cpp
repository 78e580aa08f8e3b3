#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/fold.h"
#include "indexer/extract.h"
#include "indexer/extract_ocr.h"
#include "tests/support/test_documents.h"

namespace {

namespace fs = std::filesystem;
using tracuu::ErrorCode;
using tracuu::analyzers::fold_text;
using tracuu::indexer::extract_pdf;
using tracuu::indexer::GrayImage;
using tracuu::indexer::OcrEngine;
using tracuu::indexer::OcrOptions;
using tracuu::indexer::ocr_pdf_page;
using tracuu::indexer::PdfOcr;
using tracuu::indexer::render_pdf_page;
using tracuu::testing::image_pdf;
using tracuu::testing::scanned_plan_header;

const fs::path kPlanPdf = fs::path(TRACUU_SOURCE_DIR) / "corpus/plans/kh13-2025-ninh-binh.pdf";

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}


bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

TEST_SUITE("indexer") {
    TEST_CASE("a PDF page renders to a grayscale image at the asked resolution") {
        const auto page = render_pdf_page(read_bytes(kPlanPdf), 0, 150);
        REQUIRE(page.ok());
        CHECK(page.value().dpi == 150);
        CHECK(page.value().width == 1240);  // 595.3 pt = 8.27 in
        CHECK(page.value().height == 1754);
        const auto& pixels = page.value().pixels;
        REQUIRE(pixels.size() == 1240u * 1754u);
        CHECK(std::count(pixels.begin(), pixels.end(), std::uint8_t{255}) > static_cast<long>(pixels.size() / 2));
        CHECK(std::count_if(pixels.begin(), pixels.end(), [](std::uint8_t p) { return p < 64; }) > 10000);
    }

    TEST_CASE("rendering a page that does not exist or a PDF that is not one is an error") {
        const auto missing = render_pdf_page(read_bytes(kPlanPdf), 16, 300);
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().message == "PDF page 17 does not exist");
        CHECK_FALSE(render_pdf_page("%PDF-1.4 junk", 0, 300).ok());
    }

    TEST_CASE("a scanned page without a text layer is read by OCR in Vietnamese") {
        const auto text = ocr_pdf_page(scanned_plan_header(), 0, OcrOptions{});
        REQUIRE(text.ok());
        CAPTURE(text.value());
        // OCR may misread a tone mark; the unaccented form of the words must be there.
        const std::string folded = fold_text(text.value());
        for (const char* words : {"uy ban nhan dan", "ninh binh", "ke hoach", "doc lap", "chuyen doi so"}) {
            CHECK_MESSAGE(contains(folded, words), words);
        }
        // And most words keep their exact diacritics.
        int exact = 0;
        for (const char* words : {"ỦY BAN NHÂN DÂN", "NINH BÌNH", "KẾ HOẠCH", "Độc lập", "Hạnh phúc", "Thực hiện"}) {
            exact += contains(text.value(), words) ? 1 : 0;
        }
        CHECK(exact >= 4);
    }

    TEST_CASE("a page time limit of 1 ms stops OCR with an error instead of hanging") {
        const std::string scan = scanned_plan_header();
        const auto started = std::chrono::steady_clock::now();
        const auto text = ocr_pdf_page(scan, 0, OcrOptions{.page_time_limit_ms = 1});
        const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        CHECK(seconds < 10.0);  // layout analysis is not interruptible; recognition is
        if (text.ok()) {
            CHECK(text.value().empty());
        } else {
            CHECK(text.error().code == ErrorCode::Unavailable);
            CHECK(text.error().message == "OCR stopped at the time limit of 1 ms per page");
        }
    }

    TEST_CASE("with OCR switched off a page without text layer is a clear error") {
        GrayImage blank{.width = 8, .height = 8, .dpi = 72, .pixels = std::vector<std::uint8_t>(64, 255)};
        const auto off = ocr_pdf_page(image_pdf(blank), 0, OcrOptions{.enabled = false});
        REQUIRE_FALSE(off.ok());
        CHECK(off.error().code == ErrorCode::Unsupported);
        CHECK(off.error().message == "page has no text layer; OCR is off");
        CHECK(OcrEngine(OcrOptions{.enabled = false}).read(blank).error().message == off.error().message);
    }

    TEST_CASE("missing Tesseract language data names the file and the package") {
        const auto result = OcrEngine(OcrOptions{.tessdata_dir = "/nonexistent/tessdata"})
                                .read(GrayImage{.width = 8, .height = 8, .dpi = 300,
                                                .pixels = std::vector<std::uint8_t>(64, 255)});
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::Unavailable);
        CHECK(result.error().message ==
              "OCR is not available: /nonexistent/tessdata/vie.traineddata is missing (Debian package tesseract-ocr-vie)");
    }

    TEST_CASE("a blank page reads as empty text and one engine serves several pages") {
        GrayImage blank{.width = 600, .height = 800, .dpi = 300, .pixels = std::vector<std::uint8_t>(600u * 800u, 255)};
        const std::string pdf = image_pdf(blank);  // PdfOcr keeps a view of the bytes
        PdfOcr ocr(pdf, OcrOptions{});
        for (int page = 0; page < 2; ++page) {
            const auto text = ocr.page_text(0);
            REQUIRE(text.ok());
            CHECK(text.value().empty());
        }
        const auto missing = ocr.page_text(1);
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().message == "PDF page 2 does not exist");
    }

    TEST_CASE("extract_pdf reads a scanned PDF by OCR and says the text is OCR text") {
        const std::string scan = scanned_plan_header();
        const auto result = extract_pdf(scan);
        REQUIRE(result.ok());
        CHECK(result.value().ocr);
        CHECK(result.value().pages == 1);
        CHECK(contains(fold_text(result.value().text), "uy ban nhan dan\ntinh ninh binh"));
        CHECK_FALSE(extract_pdf(read_bytes(kPlanPdf)).value().ocr);
        const auto off = extract_pdf(scan, OcrOptions{.enabled = false});
        REQUIRE_FALSE(off.ok());
        CHECK(off.error().message == "PDF has no text layer (scanned?); OCR is off");
    }
}
