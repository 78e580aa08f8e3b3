/** @file
 *  @brief The route table of tracuu-server and the mapping of domain errors to HTTP statuses.
 */
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "indexer/error.h"
#include "server/http_server.h"
#include "server/reindexer.h"
#include "server/request_metrics.h"
#include "server/searcher_pool.h"

namespace tracuu::server {

/// What the handlers need, wired in main.
struct Services {
    SearcherPool& searchers;
    std::filesystem::path web_root;  ///< folder with index.html, doc.html and their assets
    Reindexer* reindexer = nullptr;  ///< null: POST /api/admin/reindex is not available
    std::string admin_token;         ///< empty: admin routes are disabled
    const RequestMetrics* metrics = nullptr;  ///< what the HttpServer recorded; null: /metrics reports the index only
    std::vector<std::string> local_indexes{};  ///< local index folders, whose size /metrics reports (not `tcp://` shards)
};

/// Limits on what a request may ask for. A query's bytes: room for a pasted paragraph (the query
/// builder searches its first 64 words), while its URL-encoded form (Vietnamese letters take 6–9
/// characters) stays under cpp-httplib's 8,192-byte request line.
inline constexpr std::size_t kMaxQueryBytes = 2000;
inline constexpr unsigned kMaxPageSize = 100;
inline constexpr unsigned kMaxPage = 1000;
inline constexpr unsigned kMaxSuggestions = 20;

/// The one place where an ErrorCode becomes an HTTP status.
[[nodiscard]] int http_status(ErrorCode code);

/** Registers every route: the JSON API, /healthz, /metrics, and the web pages, each with its
 *  name (`/api/documents/{id}`), which server/openapi.json describes. */
void register_routes(HttpServer& http, Services& services);

// Handlers, exposed so tests can call them without a socket.
[[nodiscard]] HttpResponse handle_search(const HttpRequest& request, Services& services);
[[nodiscard]] HttpResponse handle_document(const HttpRequest& request, Services& services);
/** The original file of a document (original_file.h), streamed, with its Content-Type, an
 *  inline Content-Disposition naming it, and for HTML a sandboxing Content-Security-Policy (a
 *  saved web page's scripts never run on tracuu's origin). 404 for an unknown id, an imported
 *  document, or a file moved or deleted since indexing. */
[[nodiscard]] HttpResponse handle_document_file(const HttpRequest& request, Services& services);
/// Prometheus text 0.0.4: the requests recorded in `services.metrics`, then the index (index_metrics.h).
[[nodiscard]] HttpResponse handle_metrics(const HttpRequest& request, Services& services);
/// The OpenAPI description of this API (server/openapi.json, built into the server).
[[nodiscard]] HttpResponse handle_openapi(const HttpRequest& request, Services& services);
[[nodiscard]] HttpResponse handle_health(const HttpRequest& request, Services& services);
[[nodiscard]] HttpResponse handle_document_references(const HttpRequest& request, Services& services);
[[nodiscard]] HttpResponse handle_reference(const HttpRequest& request, Services& services);
[[nodiscard]] HttpResponse handle_reference_list(const HttpRequest& request, Services& services);
[[nodiscard]] HttpResponse handle_budget(const HttpRequest& request, Services& services);
[[nodiscard]] HttpResponse handle_budget_csv(const HttpRequest& request, Services& services);
[[nodiscard]] HttpResponse handle_suggest(const HttpRequest& request, Services& services);
/// 403 when no token is configured, 401 without the right `Authorization: Bearer` token.
[[nodiscard]] HttpResponse handle_reindex(const HttpRequest& request, Services& services);
/// The OpenSearch description, with URLs on the host the browser used.
[[nodiscard]] HttpResponse handle_opensearch(const HttpRequest& request, Services& services);

/** Serves a file of the web folder. `name` must be a plain file name (no slash, no leading
 *  dot), so nothing outside the folder can be reached. HTML pages get a Content-Security-Policy
 *  that allows only tracuu's own scripts and styles. */
[[nodiscard]] HttpResponse serve_web_file(const std::filesystem::path& web_root, const std::string& name);

}  // namespace tracuu::server
