/** @file
 *  @brief The JSON shapes of API.md.
 */
#pragma once

#include <nlohmann/json.hpp>

#include "indexer/error.h"
#include "server/search_types.h"

namespace tracuu::server {

[[nodiscard]] nlohmann::json to_json(const SearchAnswer& answer);
[[nodiscard]] nlohmann::json to_json(const DocumentAnswer& document);
[[nodiscard]] nlohmann::json to_json(const IndexStatus& status);
[[nodiscard]] nlohmann::json to_json(const std::vector<ResolvedReference>& references);
[[nodiscard]] nlohmann::json to_json(const KeyAnswer& answer);
[[nodiscard]] nlohmann::json to_json(const std::vector<KeyEntry>& keys);
[[nodiscard]] nlohmann::json to_json(const BudgetAnswer& budget);
/// `{"error": {"code": "bad_request", "message": …}}`
[[nodiscard]] nlohmann::json error_json(const Error& error);

/// Serialises JSON for the wire; invalid UTF-8 is replaced, never thrown on.
[[nodiscard]] std::string dump(const nlohmann::json& value);

}  // namespace tracuu::server
