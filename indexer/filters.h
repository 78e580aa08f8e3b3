/** @file
 *  @brief Filters on document identity: the terms both sides agree on, and the queries that
 *  restrict a search to them.
 */
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/error.h"

namespace tracuu::indexer {

/// Filters a user chose (URL parameters or facet clicks). Values are display values or typed text.
struct SearchFilters {
    std::vector<std::string> types;     ///< any of these types (`Kế hoạch`)
    std::vector<std::string> issuers;   ///< any of these issuers, whole (`Ủy ban nhân dân tỉnh Ninh Bình`)
    std::vector<std::string> years;     ///< any of these years (`2025`)
    std::vector<std::string> statuses;  ///< any of these validity statuses
    std::string from;                   ///< issue date on or after, ISO, or ""
    std::string to;                     ///< issue date on or before, ISO, or ""

    [[nodiscard]] bool empty() const;
};

/// The filter term of a type, issuer or status value: prefix + folded lower-case value.
[[nodiscard]] std::string filter_term(std::string_view prefix, std::string_view value);

/** The query that keeps only documents passing every filter (OR within a field, AND across
 *  fields). Errors (InvalidArgument): a year that is not four digits, a date that is not
 *  YYYY-MM-DD, `from` after `to`. An empty SearchFilters gives an empty query. */
[[nodiscard]] Result<Xapian::Query> filter_query(const SearchFilters& filters);

/** A field written in the query (`loai:"kế hoạch"`, `nam:2025`, `co-quan:ubnd`, `tinh-trang:…`,
 *  and the English aliases `type:`, `year:`, `issuer:`, `status:`) as a filter query, or
 *  nullopt if `name` is not a field. `co-quan:` matches the words of the issuer (and their
 *  abbreviations), not the whole name. */
[[nodiscard]] std::optional<Result<Xapian::Query>> field_query(std::string_view name, std::string_view value);

}  // namespace tracuu::indexer
