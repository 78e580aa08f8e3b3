/** @file
 *  @brief Budget lines from table rows (`II | Chi thường xuyên | 1.093.000 | 1.050.200`), the
 *         form DOCX and PDF tables are extracted in.
 */
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/budget_lines.h"

namespace tracuu::indexer {

/// The budget lines of a text's tables and where those tables are.
struct TableBudget {
    /// In text order; `index` and `parent` are positions in this vector.
    std::vector<BudgetLine> lines;
    /// Byte ranges [begin, end) of the tables (their row lines) in the text, in text order.
    std::vector<std::pair<std::size_t, std::size_t>> tables;
};

/** Reads the tables of normalised text (normalize_text() output) as budget lines.
 *
 *  A table is a run of row lines: lines holding ` | ` or starting with `| ` or ending with ` |`
 *  (blank lines and page breaks between them do not end it). Cells are split on `|`; a row
 *  with fewer cells than the header is aligned to the right (a merged `Tổng cộng` cell).
 *
 *  Header: the leading rows before the first row that is numbered or holds an amount, merged
 *  column by column (`Dự toán` over `năm 2026` is `Dự toán năm 2026`).
 *
 *  Unit: `Đơn vị: triệu đồng`, `ĐVT: triệu đồng`, `Đơn vị tính: nghìn đồng`, `(Đơn vị: tỷ
 *  đồng)`, `Đơn vị: 1.000 đồng` in one of the four lines above the table or in its header,
 *  or a column header's own `(triệu đồng)`. Without a unit a cell is money only when it names
 *  its currency (`1.200 triệu đồng`); a unit that is not money (`Đơn vị: người`) gives no lines.
 *
 *  Columns: a row-number column (header `STT`, `TT`, `Số TT`, or a first column holding only
 *  `I`, `2`, `1.1`, `a`, `-` …) is not an amount; the label is the first other column; every
 *  later column with a header that is not a code, a rate or a note (`Mã số`, `%`, `Tỷ lệ`,
 *  `So sánh`, `Ghi chú`) and with at least one amount is an amount column. A row yields one
 *  BudgetLine per amount column whose cell is exactly one amount (analyzers::find_amounts with
 *  the unit): amount_vnd exact, amount_text the cell followed by the unit (`422.880 triệu
 *  đồng`), offset the label cell's, year the column header's year (`Dự toán 2026`, `Ước thực
 *  hiện năm 2025`), else the one year the lines above the table name, else 0.
 *
 *  Hierarchy: the row number (STT cell, else a leading `1.`, `a)`, `-` of the label) nests a
 *  row under the nearest row above with another numbering style and closes the rows below the
 *  last row of its own style (I > 1 > a, in whatever order the table uses them). A `Trong đó:`
 *  row puts the rows after it under the row before it. A row labelled `Tổng cộng`, `Tổng số`,
 *  `Tổng …` or `Cộng` without a number is the parent of the top-level rows: the ones after it
 *  when it opens the table, else the ones since the previous total. A line's parent is the
 *  line of the nearest ancestor row in the same amount column.
 *
 *  Kind: from the label (classify_budget_label); a label that tells none (`Tổng cộng`,
 *  `Nhiệm vụ cấp tỉnh` under a chi row) takes its parent row's kind, then its children's
 *  common kind, then the kind of the lines above the table, else Recurrent: a money table in a
 *  plan budgets spending. Refs: symbols in the label. Pure: no I/O, no state.
 */
[[nodiscard]] TableBudget extract_table_budget_lines(std::string_view text);

}  // namespace tracuu::indexer
