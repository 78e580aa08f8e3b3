/** @file
 *  @brief The OpenAPI 3 description of tracuu-server's HTTP API, served at `GET /api/openapi.json`.
 */
#pragma once

#include <string_view>

namespace tracuu::server {

/** The text of server/openapi.json, built into the server when it is compiled (the JSON file in
 *  the repository is the one to edit). Every route register_routes() adds is among its `paths`,
 *  and every path there is a route (tests/server/test_openapi.cpp holds them to it). */
[[nodiscard]] std::string_view openapi_json();

}  // namespace tracuu::server
