/** @file
 *  @brief Budget lines by document, reference, year or words, with totals and sum checks.
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "indexer/budget_index.h"
#include "indexer/error.h"
#include "server/search_types.h"

namespace tracuu::server {

/// Errors: InvalidArgument when the query sets no field.
[[nodiscard]] Result<BudgetAnswer> find_budget(const Xapian::Database& db, const BudgetQuery& query);

/// The lines as CSV: UTF-8 with a byte-order mark, so spreadsheet programs keep Vietnamese text.
[[nodiscard]] std::string budget_csv(const BudgetAnswer& answer);

}  // namespace tracuu::server
