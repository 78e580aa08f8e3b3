/** @file
 *  @brief Documents the tests generate themselves: PDFs (text, legacy-font, scanned, encrypted)
 *  and Word files, so no test depends on a file it cannot explain byte by byte.
 */
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/extract_ocr.h"

namespace tracuu::testing {

/// A minimal PDF from numbered object bodies (object 1 is the catalog), with a correct xref table.
[[nodiscard]] std::string make_pdf(const std::vector<std::string>& objects, const std::string& trailer_extra = "");

/// A PDF stream object holding `content` uncompressed.
[[nodiscard]] std::string pdf_stream(const std::string& content);

/// Objects of a PDF with one page per string, each drawn in Helvetica (ASCII only).
[[nodiscard]] std::vector<std::string> text_pdf_objects(const std::vector<std::string>& pages);

/** The bytes of a legacy 8-bit text from the way Windows-1252 shows it: `Céng` is TCVN3 for
 *  `Cộng` (0xE9 = ộ), `Coäng` is VNI for it, U+00AD is TCVN3's ư (0xAD). Every character must be
 *  below U+0100. */
[[nodiscard]] std::string legacy_bytes(std::string_view shown);

/** A PDF whose text layer carries TCVN3 bytes, as Word printed .VnTime documents: simple Type1
 *  fonts named `.VnTime` and `.VnTimeH` with WinAnsiEncoding and no ToUnicode map, so the text
 *  comes out as Windows-1252 (and byte 0xAD, ư, as WinAnsi's "hyphen"). One line is in
 *  Helvetica, and one font has a name that says nothing about its TCVN3 bytes. Its text:
 *  `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`, `Độc lập - Tự do - Hạnh phúc`, `Cộng hòa xã hội chủ nghĩa
 *  Việt Nam`, `Bộ trưởng Bộ Tài chính`, `Ninh Binh, 2025`, `Quyết định về việc giao dự toán ngân
 *  sách`; its Title `Quyết định số 12`. */
[[nodiscard]] std::string tcvn3_pdf();

/// A one-page PDF whose only content is the image, as a scanner writes it: no text layer.
[[nodiscard]] std::string image_pdf(const indexer::GrayImage& image);

/** A scan of the top of the Ninh Bình plan's first page (corpus/plans/kh13-2025-ninh-binh.pdf:
 *  issuer, motto, number, date, title and the first paragraph), rendered by Poppler at 300 dpi
 *  and wrapped as an image-only PDF. The top 40% keeps OCR to a few seconds. */
[[nodiscard]] std::string scanned_plan_header();

/// A PDF whose standard security handler wants a password the empty one does not match.
[[nodiscard]] std::string encrypted_pdf();

/// The bytes of a ZIP archive holding the entries (name, content), written with libzip.
[[nodiscard]] std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries);

/// The minimal parts of a .docx package around a WordprocessingML body, with an optional dc:title.
[[nodiscard]] std::string make_docx(std::string_view body, std::string_view title = "");

/// One WordprocessingML paragraph holding `text` (XML-escaped by the caller).
[[nodiscard]] std::string docx_paragraph(std::string_view text);

}  // namespace tracuu::testing
