/** @file
 *  @brief Reading scanned PDF pages by optical character recognition (Poppler + Tesseract).
 *
 *  A page without a text layer is rendered with Poppler to a grayscale image (300 dpi by
 *  default) and read with Tesseract's LSTM engine and its Vietnamese model ("vie", Debian
 *  package tesseract-ocr-vie). extract_pdf() calls PdfOcr for every page whose text layer is
 *  blank; the rest of tracuu sees the result only through ExtractedText::ocr.
 *
 *  Cost, measured on the 2-core development machine (Release build, other builds running):
 *  loading the model takes 0.1-0.15 s once per OcrEngine or PdfOcr; an A4 page of dense text
 *  takes 1.6-2.9 s (2.0 s on average over the 16 pages of the corpus plan) at 300 dpi, of which
 *  rendering is 0.02-0.1 s; peak memory about 100 MB. OcrOptions::page_time_limit_ms bounds each
 *  page.
 */
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/error.h"
#include "indexer/extract.h"

namespace tracuu::indexer {

/// An 8-bit grayscale image: `height` rows of `width` bytes, no padding; 0 is black, 255 white.
struct GrayImage {
    int width = 0;
    int height = 0;
    /// The resolution the page was rendered at, in dots per inch (Tesseract sizes text with it).
    int dpi = 0;
    std::vector<std::uint8_t> pixels;
};

/** Renders one page of a PDF to a grayscale image, as a scanner would have seen it.
 *
 *  @param pdf_bytes   the whole PDF file.
 *  @param page_index  the page, 0-based.
 *  @param dpi         the resolution in dots per inch; lowered for pages so large that the image
 *                     would pass 50 megapixels (an A4 page at 300 dpi is 8.7 megapixels).
 *  @return the image, or an Error for a corrupt or encrypted PDF, a page out of range or a page
 *          Poppler cannot render.
 */
Result<GrayImage> render_pdf_page(std::string_view pdf_bytes, int page_index, int dpi);

/** One Tesseract engine, loaded on first use and reused for every image after.
 *
 *  Not thread-safe: use one engine per thread (engines in different threads are independent).
 */
class OcrEngine {
public:
    explicit OcrEngine(OcrOptions options);
    ~OcrEngine();
    OcrEngine(OcrEngine&&) noexcept;
    OcrEngine& operator=(OcrEngine&&) noexcept;
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;

    /** Reads the text of an image: one line per line of print, no empty lines, passed through
     *  analyzers::normalize_text().
     *
     *  @return the text (empty when the image holds none), or an Error: OCR switched off
     *          (Unsupported, "page has no text layer; OCR is off"), the language data missing
     *          (Unavailable, naming the file and the Debian package), the page time limit
     *          reached (Unavailable, "OCR stopped at the time limit of N ms per page") or an
     *          empty image (InvalidArgument).
     */
    [[nodiscard]] Result<std::string> read(const GrayImage& image);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/** Reads pages of one PDF by OCR, parsing the PDF and loading the model once for all pages.
 *
 *  The PDF bytes are not copied: they must outlive this object. Not thread-safe.
 */
class PdfOcr {
public:
    PdfOcr(std::string_view pdf_bytes, OcrOptions options);
    ~PdfOcr();
    PdfOcr(PdfOcr&&) noexcept;
    PdfOcr& operator=(PdfOcr&&) noexcept;
    PdfOcr(const PdfOcr&) = delete;
    PdfOcr& operator=(const PdfOcr&) = delete;

    /// Renders page `page_index` (0-based) at OcrOptions::dpi and reads it; errors as
    /// render_pdf_page() and OcrEngine::read(). Switched off, it renders nothing.
    [[nodiscard]] Result<std::string> page_text(int page_index);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// One-shot form of PdfOcr::page_text(); a document with several scanned pages should keep one
/// PdfOcr instead, which loads the model once.
Result<std::string> ocr_pdf_page(std::string_view pdf_bytes, int page_index, const OcrOptions& options);

}  // namespace tracuu::indexer
