// The OCR shared by the files of one run: engines lent between threads, a page image read once.
#include <doctest/doctest.h>

#include <xapian.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "indexer/extract_ocr.h"
#include "indexer/index_run.h"
#include "indexer/ocr_pages.h"
#include "indexer/schema.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_documents.h"

using tracuu::indexer::GrayImage;
using tracuu::indexer::OcrOptions;
using tracuu::indexer::OcrPages;
using tracuu::testing::TempDir;

namespace {

/// The top of the Ninh Bình plan's first page as a scanner would give it.
GrayImage scanned_header() {
    const std::string pdf = tracuu::testing::scanned_plan_header();
    auto image = tracuu::indexer::render_pdf_page(pdf, 0, 300);
    REQUIRE(image.ok());
    return image.value();
}

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("a page image read once is answered from memory, another image is read") {
    OcrPages pages{OcrOptions{}};
    const GrayImage header = scanned_header();
    const auto first = pages.read(header);
    REQUIRE(first.ok());
    CHECK(first.value().find("NINH BÌNH") != std::string::npos);
    const auto again = pages.read(header);
    REQUIRE(again.ok());
    CHECK(again.value() == first.value());
    CHECK(pages.recognized() == 1);
    CHECK(pages.reused() == 1);

    GrayImage other = header;
    other.height /= 2;  // the upper half only: other pixels, another page
    other.pixels.resize(static_cast<std::size_t>(other.width) * static_cast<std::size_t>(other.height));
    REQUIRE(pages.read(other).ok());
    CHECK(pages.recognized() == 2);
}

TEST_CASE("threads asking for the same page at once get one reading") {
    OcrPages pages{OcrOptions{}};
    const GrayImage header = scanned_header();
    std::vector<std::string> texts(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        threads.emplace_back([&, i] {
            const auto text = pages.read(header);
            texts[i] = text.ok() ? text.value() : "error: " + text.error().message;
        });
    }
    for (auto& t : threads) t.join();
    CHECK(pages.recognized() == 1);
    CHECK(pages.reused() == 3);
    for (const auto& text : texts) CHECK(text == texts.front());
    CHECK(texts.front().find("NINH BÌNH") != std::string::npos);
}

TEST_CASE("two PDFs holding the same scanned page are both indexed with its text, read once") {
    TempDir dir;
    const std::string scan = tracuu::testing::scanned_plan_header();
    dir.write("docs/scan-2015.pdf", scan);
    dir.write("docs/scan-2016.pdf", scan + "% another issue\n");  // other bytes, the same page
    tracuu::indexer::IndexOptions options;
    auto pages = std::make_shared<OcrPages>(options.extract.ocr);
    options.extract.ocr.shared = pages;
    {
        auto writer = tracuu::indexer::IndexWriter::open(dir.path() / "index").value();
        const auto summary = tracuu::indexer::index_paths(writer, {dir.path() / "docs"}, options, nullptr);
        CHECK(summary.added == 2);
        CHECK(summary.problems.empty());
    }
    CHECK(pages->recognized() == 1);
    CHECK(pages->reused() == 1);
    const Xapian::Database db((dir.path() / "index").string());
    CHECK(db.get_termfreq(std::string(tracuu::schema::kFolded) + "ninh") == 2);
}

}  // TEST_SUITE
