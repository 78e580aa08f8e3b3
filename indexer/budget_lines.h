/** @file
 *  @brief Budget lines of a plan ("Chi cho các đơn vị sự nghiệp: 50,7 tỷ đồng") with their totals checked.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::indexer {

/// What a budget line budgets, decided from the words of its label.
enum class BudgetKind {
    Investment,  ///< chi đầu tư phát triển, vốn đầu tư, xây dựng cơ bản
    Recurrent,   ///< chi thường xuyên / sự nghiệp: labels led by chi, nhiệm vụ, kinh phí, sự nghiệp
    Revenue,     ///< thu, doanh thu
    Other,       ///< fines, prices, fees, rates (phạt tiền, giá, lệ phí, mức hỗ trợ): not budget lines
};

/// One `<label>: <amount>` statement.
struct BudgetLine {
    std::size_t index = 0;               ///< position in BudgetExtraction::lines
    std::optional<std::size_t> parent;   ///< index of the line whose total this one is part of
    std::string label;                   ///< `Nhiệm vụ triển khai theo Nghị quyết số 57-NQ/TW`
    std::int64_t amount_vnd = 0;         ///< exact VND; the lower bound for a range
    std::string amount_text;             ///< `666,3 tỷ đồng`, as written
    std::size_t offset = 0;              ///< byte offset of the label in the text
    int year = 0;                        ///< the year budgeted (see extract_budget_lines), or 0
    BudgetKind kind = BudgetKind::Other;
    std::vector<std::string> refs;       ///< document symbols cited, upper case (`57-NQ/TW`)
};

/// The sum of a line's children against the total it states.
struct BudgetCheck {
    std::size_t line = 0;  ///< index of the parent line
    bool ok = false;       ///< children add up exactly to the stated total
    std::int64_t stated_vnd = 0;
    std::int64_t children_sum_vnd = 0;
    std::size_t children = 0;
    /// Vietnamese: `7 khoản cộng lại 1.093 tỷ đồng, khớp tổng đã nêu`, or on a mismatch
    /// `2 khoản cộng lại 90 tỷ đồng, không khớp tổng đã nêu 100 tỷ đồng (thiếu 10 tỷ đồng)`.
    std::string message;
};

struct BudgetExtraction {
    std::vector<BudgetLine> lines;    ///< in text order
    std::vector<BudgetCheck> checks;  ///< one per line that has children, in line order
};

/** Finds the budget lines of a plan in normalised UTF-8 text (normalize_text() output).
 *
 *  A line is a money amount (analyzers::find_amounts) introduced by a colon or by `là`, with at
 *  most a few filler words in between (`… là: 1.093 tỷ đồng`, `Doanh thu …: ước đạt 13.000 tỷ
 *  đồng`, `phạt tiền là 05 triệu đồng`). Its label runs back to the previous colon, sentence
 *  end or paragraph start, without bullets (`-`, `+`, `*`), numbering (`1.`, `2.1.`, `a)`) or a
 *  trailing `là`. Semicolons do not end a label (the plan lists several activities in one),
 *  except the first one after an earlier amount in the paragraph, which ends that statement.
 *  The kind comes from the label (see BudgetKind); a rate such as `100.000 đồng/bài` is Other.
 *
 *  Parents: a line followed by `Trong đó:` / `Bao gồm:` / `gồm:` / `Cụ thể:` (in the same
 *  paragraph, or as the next paragraph), or a `Tổng …` line that ends its paragraph, takes the
 *  following list items (paragraphs that start with a bullet or number and whose first label
 *  opens the paragraph) as children; a different bullet under a child that itself opens a
 *  list nests one level deeper, and the first paragraph that is not such an item ends the
 *  list. Lines written after `trong đó:` inside the parent's own paragraph are children too.
 *
 *  Year: the first `năm YYYY` in the label, else in the rest of the sentence, else the
 *  parent's year, else the nearest earlier mention in the same paragraph, else the nearest
 *  preceding heading (a short paragraph not ending in punctuation) naming one; else 0. A
 *  heading naming a period (`GIAI ĐOẠN 2021-2025`) resets the heading year to 0, and a date
 *  (`ngày 25 tháng 7 năm 2025`) is not a year mention.
 *
 *  Refs: symbols such as `57-NQ/TW`, `60/2021/NĐ-CP`, `749/QĐ- TTg` (→ `749/QĐ-TTG`) in the label
 *  and its sentence, found by a deliberately small pattern: digits, an optional `/year`, then
 *  `-` or `/` segments starting with a capital. `xã/phường` is not a symbol.
 *
 *  Tables: rows written as cells joined by ` | ` (how DOCX tables and PDF tables found by
 *  extract_pdf come out) are read by extract_table_budget_lines (budget_table.h), with the unit
 *  from a `Đơn vị: triệu đồng` line above them; their lines join the text's lines in text
 *  order, and the text rules above skip table rows. Sums are checked alike for both.
 *
 *  Pure: no I/O, no state; safe to call from several threads.
 */
[[nodiscard]] BudgetExtraction extract_budget_lines(std::string_view text);

/// `investment`, `recurrent`, `revenue` or `other`, for logs and tests.
[[nodiscard]] std::string_view to_string(BudgetKind kind);

}  // namespace tracuu::indexer
