/** @file
 *  @brief A small PDF writer for tests: UTF-8 text drawn at given positions, read back by Poppler.
 */
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tracuu::testing {

/// One run of text drawn on a page.
struct PdfText {
    double x = 0;       ///< left edge of the run, in points from the left of the page
    double top = 0;     ///< baseline, in points from the top of the page
    double size = 11;   ///< font size in points
    std::string text;   ///< UTF-8; code points above U+FFFF are not supported
};

/// The advance of `text` in the writer's font: every character is half the font size wide.
[[nodiscard]] double pdf_text_width(std::string_view text, double size);

/** An A4 PDF (595 x 842 points) with one page per element of `pages`, each run drawn in a
 *  Type0 font with Identity-H encoding whose 2-byte codes are the Unicode code points and whose
 *  /ToUnicode CMap maps each code to itself, so Poppler extracts exactly the UTF-8 given. No
 *  glyphs are embedded (viewers substitute a font; text extraction does not need shapes). The
 *  font's widths are uniform (see pdf_text_width), so callers can right-align numbers. */
[[nodiscard]] std::string make_text_pdf(const std::vector<std::vector<PdfText>>& pages);

}  // namespace tracuu::testing
