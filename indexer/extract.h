/** @file
 *  @brief Turning a file on disk into repaired, analysable text.
 */
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "indexer/error.h"

namespace tracuu::indexer {

/// The formats tracuu reads. Docx is any Word document, a legacy .doc read by a converter included.
enum class SourceFormat { Text, Pdf, Html, Docx };

/// What an extractor found in one file.
struct ExtractedText {
    SourceFormat format = SourceFormat::Text;
    /** The document text in UTF-8, already passed through analyzers::normalize_text().
     *  Pages are separated by a form feed ('\f'), so page N (1-based) starts after N-1 form feeds;
     *  formats without pages have no form feed. */
    std::string text;
    /// The number of pages (1 for formats without pages).
    unsigned pages = 1;
    /// A title offered by the format itself (HTML <title>, PDF Title metadata, DOCX dc:title), or empty.
    std::string format_title;
    /** True when some of the text was read by optical character recognition from a page image
     *  (a scanned PDF page); such text may contain misread letters and tone marks. */
    bool ocr = false;
};

class OcrPages;

/** How scanned pages (PDF pages without a text layer) are read.
 *
 *  OCR renders the page with Poppler and reads it with Tesseract's Vietnamese model. It costs
 *  seconds per page (see indexer/extract_ocr.h), so it can be switched off.
 */
struct OcrOptions {
    /// When false, a page without a text layer gives no text and a PDF with no text layer at all
    /// is an error ("no text layer; OCR is off").
    bool enabled = true;
    /** Recognition time per page in milliseconds; a page that takes longer is an error. It bounds
     *  Tesseract's word recognition, not its layout analysis (a fraction of a second per page).
     *  0 or less: no limit. */
    int page_time_limit_ms = 30000;
    /// Rendering resolution in dots per inch; 300 is what Tesseract is trained for.
    int dpi = 300;
    /// Tesseract language codes joined with '+', each needing a <code>.traineddata file.
    std::string languages = "vie";
    /// The folder holding the .traineddata files (Debian's tesseract-ocr-vie installs here).
    std::filesystem::path tessdata_dir = "/usr/share/tesseract-ocr/5/tessdata";
    /// Engines and pages shared by the files of one run (see OcrPages in ocr_pages.h); null:
    /// each PDF loads its own engine and reads every page itself.
    std::shared_ptr<OcrPages> shared{};
};

/// Options of extract_file(); the defaults suit indexing.
struct ExtractOptions {
    OcrOptions ocr;
};

/** Reads a file and returns its text.
 *
 *  The format is chosen from the file's content (PDF magic, a ZIP holding word/document.xml,
 *  an OLE2 Word file, HTML markup), falling back to its extension.
 *  A legacy Word .doc is read through `antiword` or `catdoc` when one of them is installed;
 *  otherwise it is an Error asking for .docx. Never throws for bad input: a missing, unreadable,
 *  empty, corrupt, encrypted or binary file yields an Error whose message names the reason in
 *  plain words (the caller adds the file name).
 */
Result<ExtractedText> extract_file(const std::filesystem::path& path, const ExtractOptions& options = {});

/// Extracts text from the bytes of a plain-text file (UTF-8, or UTF-16 with a byte-order mark).
Result<ExtractedText> extract_plain_text(std::string_view bytes);

/** True when `bytes` hold no text at all: nothing, or only white space (Unicode White_Space:
 *  spaces, tabs, line and page breaks, no-break spaces) and byte-order marks, in UTF-8 or in
 *  UTF-16 after its byte-order mark. Such a file is empty whatever its extension: there is
 *  nothing to index in it and nothing wrong with it. */
[[nodiscard]] bool is_blank_file(std::string_view bytes);

/// Extracts text from the bytes of a PDF file, one '\f'-separated chunk per page, with OCR on.
Result<ExtractedText> extract_pdf(std::string_view bytes);

/** Extracts text from the bytes of a PDF file, one '\f'-separated chunk per page.
 *
 *  Text comes in content-stream order, except tables (rows of words aligned in columns, some
 *  holding figures: indexer/pdf_table.h), which come out one row per line with cells joined by
 *  " | ", as extract_docx writes Word tables, so budget lines read both alike.
 *  A page whose text layer is blank is read by OCR (indexer/extract_ocr.h) unless `ocr` says
 *  not to; ExtractedText::ocr then tells that some text was recognised. A page that OCR cannot
 *  read stays empty. No text at all is an Error: "PDF has no text layer (scanned?); OCR is off",
 *  "… and OCR found no text" or "… and OCR failed: <reason>".
 */
Result<ExtractedText> extract_pdf(std::string_view bytes, const OcrOptions& ocr);

/// Extracts the readable text of an HTML page, dropping markup, scripts, styles and page chrome.
Result<ExtractedText> extract_html(std::string_view bytes);

/** Extracts the text of a Word 2007+ document (.docx, .docm, .dotx) from the bytes of its ZIP.
 *
 *  Reads the main document part (word/document.xml): one line per paragraph or heading, a table
 *  row per line with its cells separated by " | ", line breaks kept and tabs as spaces. Tracked
 *  changes are read as accepted: deleted and moved-away text is dropped, inserted text kept.
 *  Headers, footers, footnotes, comments and automatic list numbers are not read. The title is
 *  dc:title of docProps/core.xml. A corrupt ZIP, a missing document part or a password-protected
 *  document (an OLE2 file holding an EncryptedPackage) is an Error.
 */
Result<ExtractedText> extract_docx(std::string_view bytes);

/** Extracts the text of a legacy Word 97-2003 file (.doc) by running `antiword`, then `catdoc`.
 *
 *  Each tool is run only if installed (found on PATH), with a time limit; the first that
 *  succeeds with some text wins. With neither installed the Error says "legacy .doc is not
 *  supported; save as .docx".
 */
Result<ExtractedText> extract_legacy_doc(const std::filesystem::path& path);

}  // namespace tracuu::indexer
