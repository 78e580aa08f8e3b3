/** @file
 *  @brief The rules budget_lines.cpp applies to a line, shared with the table reader
 *         (budget_table.cpp) so that text lines and table rows are judged alike.
 *
 *  Defined in budget_lines.cpp. Pure functions; safe to call from several threads.
 */
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/budget_lines.h"

namespace tracuu::indexer {

/// The kind of a budget line from the words of its label (see BudgetKind).
[[nodiscard]] BudgetKind classify_budget_label(std::string_view label);

/// Document symbols cited in a text (`57-NQ/TW`, `60/2021/NĐ-CP`), upper case, without repeats.
[[nodiscard]] std::vector<std::string> find_budget_refs(std::string_view text);

/** One check per line that has children: the children's amounts added up against the line's
 *  own amount (BudgetCheck), in line order. `lines[k].parent` must index into `lines`. */
[[nodiscard]] std::vector<BudgetCheck> check_budget_totals(const std::vector<BudgetLine>& lines);

}  // namespace tracuu::indexer
