/** @file
 *  @brief Tables on a PDF page, found from the boxes of its words, as rows of cells.
 */
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tracuu::indexer {

/// A word as Poppler places it on a page: points, origin at the top left of the page.
struct PdfWord {
    std::string text;  ///< UTF-8
    double x0 = 0;     ///< left
    double y0 = 0;     ///< top
    double x1 = 0;     ///< right
    double y1 = 0;     ///< bottom
};

/// A table found on a page.
struct PdfTable {
    double top = 0;     ///< top of its first line's words
    double bottom = 0;  ///< bottom of its last line's words
    /// Rows top to bottom, each with one cell per column (empty when the row has nothing there).
    /// Header lines above the first row of amounts form one row; a line that continues the
    /// label of the row above (see find_pdf_tables) is joined to that row's cells.
    std::vector<std::vector<std::string>> rows;
};

/** The tables among a page's words, top to bottom.
 *
 *  Words are grouped into lines by their vertical overlap. A table is seeded by at least two
 *  nearby lines that hold a figure (`422.880`, `1.093,5`, `12`; not `080.44417`) apart from
 *  their first cell and a word of two letters or more (the column letters `A B 1 2 3` over an
 *  empty form are no row):
 *  columns are the x-ranges those lines' words cover, separated by gaps of at least 0.7 times
 *  the text height, and at least one column after the first must hold numbers in two of them.
 *  A line belongs to the table when each of its runs of words (words closer than that gap)
 *  touches at most one column: running text that flows across a column gap ends the table.
 *  Lines above the first numbered line that fit are its header (the topmost must fill two
 *  columns, so a lone `Đơn vị: triệu đồng` above the table stays outside it). Below it, a line
 *  with text only in columns that hold no numbers, starting with a lower-case letter or
 *  following a cell that ends in `,` or `-`, continues the row above (a wrapped label);
 *  any other line starts a new row.
 *
 *  Pages with two header blocks side by side, signature blocks and forms without figures hold
 *  no such numbers and give no table. Pure: no I/O, no state.
 */
[[nodiscard]] std::vector<PdfTable> find_pdf_tables(const std::vector<PdfWord>& words);

/** A row as one line of text: cells joined by ` | `, an empty cell leaving its separators
 *  (`a | | c`, `| Tổng`), the form DOCX tables are extracted in; "" when every cell is empty. */
[[nodiscard]] std::string table_row_line(const std::vector<std::string>& cells);

/** True when a page's text (raw order, lines separated by '\n') has at least two lines ending
 *  in a figure that is not a year and does not follow `năm`, `khoản`, `Điều`, `số`, `ngày` …
 *  (running text wrapped before a number): the cheap test that decides whether a page is worth
 *  find_pdf_tables(). A table whose rows all end in such a number is not looked for. The
 *  running header of a Công báo page (`CÔNG BÁO/Số 279 + 280/Ngày 28-02-2015 7`) ends in its
 *  page number and does not count. */
[[nodiscard]] bool may_hold_table(std::string_view page_text);

}  // namespace tracuu::indexer
