#include "server/routes.h"

#include <charconv>

#include "server/index_metrics.h"
#include "server/json_output.h"
#include "server/openapi.h"
#include "server/original_file.h"

namespace tracuu::server {
namespace {

HttpResponse json_response(int status, const nlohmann::json& body) {
    HttpResponse res;
    res.status = status;
    res.body = dump(body);
    return res;
}

HttpResponse error_response(const Error& error) { return json_response(http_status(error.code), error_json(error)); }

HttpResponse bad_request(std::string message) { return error_response(Error{ErrorCode::InvalidArgument, std::move(message)}); }

/// Parses an optional positive integer parameter within [1, max].
Result<unsigned> bounded_param(const HttpRequest& req, const std::string& name, unsigned fallback, unsigned max) {
    const auto text = req.param(name);
    if (!text) return fallback;
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < 1 || value > max) {
        return Error{ErrorCode::InvalidArgument,
                     "parameter \"" + name + "\" must be a whole number from 1 to " + std::to_string(max)};
    }
    return value;
}

}  // namespace

int http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument: return 400;
        case ErrorCode::NotFound: return 404;
        case ErrorCode::Unsupported: return 415;
        case ErrorCode::Unavailable: return 503;
        case ErrorCode::Internal: break;
    }
    return 500;
}

HttpResponse handle_search(const HttpRequest& request, Services& services) {
    const std::string q = request.param("q").value_or("");
    if (q.find_first_not_of(" \t\r\n") == std::string::npos) return bad_request("parameter \"q\" is empty: type something to search for");
    if (q.size() > kMaxQueryBytes) {
        return bad_request("the query is too long (" + std::to_string(q.size()) + " bytes; at most " + std::to_string(kMaxQueryBytes) + ")");
    }
    const Result<unsigned> page = bounded_param(request, "page", 1, kMaxPage);
    if (!page.ok()) return error_response(page.error());
    const Result<unsigned> size = bounded_param(request, "size", 10, kMaxPageSize);
    if (!size.ok()) return error_response(size.error());

    SearchRequest search{q, page.value(), size.value(), {}, SortOrder::Relevance};
    search.filters.types = request.params_named("type");
    search.filters.issuers = request.params_named("issuer");
    search.filters.years = request.params_named("year");
    search.filters.statuses = request.params_named("status");
    search.filters.from = request.param("from").value_or("");
    search.filters.to = request.param("to").value_or("");
    const std::string sort = request.param("sort").value_or("relevance");
    if (sort == "date_desc") {
        search.sort = SortOrder::DateDescending;
    } else if (sort == "date_asc") {
        search.sort = SortOrder::DateAscending;
    } else if (sort != "relevance") {
        return bad_request("parameter \"sort\" must be relevance, date_desc or date_asc");
    }

    auto searcher = services.searchers.acquire();
    const Result<SearchAnswer> answer = searcher->search(search);
    if (!answer.ok()) return error_response(answer.error());
    return json_response(200, to_json(answer.value()));
}

HttpResponse handle_document(const HttpRequest& request, Services& services) {
    auto searcher = services.searchers.acquire();
    const Result<DocumentAnswer> document = searcher->document(request.captures.at(0));
    if (!document.ok()) return error_response(document.error());
    return json_response(200, to_json(document.value()));
}

HttpResponse handle_document_file(const HttpRequest& request, Services& services) {
    // The lease ends with the look-up: sending a large file must not hold a searcher.
    const Result<DocumentAnswer> document = services.searchers.acquire()->document(request.captures.at(0));
    if (!document.ok()) return error_response(document.error());
    Result<OriginalFile> file = open_original(document.value());
    if (!file.ok()) return error_response(file.error());
    HttpResponse res;
    res.content_type = file.value().content_type;
    res.streamed = StreamedBody{file.value().stream, file.value().size};
    res.headers.emplace_back("Content-Disposition", inline_disposition(file.value().file_name));
    res.headers.emplace_back("Cache-Control", "no-cache");  // re-indexing may change what the id names
    if (res.content_type.rfind("text/html", 0) == 0) {
        res.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'");
    }
    return res;
}

HttpResponse handle_document_references(const HttpRequest& request, Services& services) {
    auto searcher = services.searchers.acquire();
    const auto refs = searcher->references(request.captures.at(0));
    if (!refs.ok()) return error_response(refs.error());
    return json_response(200, to_json(refs.value()));
}

HttpResponse handle_reference(const HttpRequest& request, Services& services) {
    auto searcher = services.searchers.acquire();
    const auto answer = searcher->reference(request.captures.at(0));
    if (!answer.ok()) return error_response(answer.error());
    return json_response(200, to_json(answer.value()));
}

HttpResponse handle_reference_list(const HttpRequest& request, Services& services) {
    const std::string q = request.param("q").value_or("");
    if (q.size() > kMaxQueryBytes) return bad_request("parameter \"q\" is too long");
    const std::string unresolved = request.param("unresolved").value_or("false");
    if (unresolved != "true" && unresolved != "false") return bad_request("parameter \"unresolved\" must be true or false");
    const Result<unsigned> limit = bounded_param(request, "limit", 100, 10000);
    if (!limit.ok()) return error_response(limit.error());
    const std::string type = request.param("type").value_or("");
    if (type.size() > kMaxQueryBytes) return bad_request("parameter \"type\" is too long");
    auto searcher = services.searchers.acquire();
    const auto keys = searcher->list_references(q, unresolved == "true", limit.value(), type);
    if (!keys.ok()) return error_response(keys.error());
    return json_response(200, to_json(keys.value()));
}

/// The budget query of /api/budget and /api/budget.csv, or a 400 response.
Result<BudgetAnswer> budget_answer(const HttpRequest& request, Services& services) {
    BudgetQuery query;
    query.doc_id = request.param("doc").value_or("");
    query.ref = request.param("ref").value_or("");
    query.words = request.param("q").value_or("");
    if (query.words.size() > kMaxQueryBytes) return Error{ErrorCode::InvalidArgument, "parameter \"q\" is too long"};
    if (const auto year = request.param("year")) {
        const auto [end, ec] = std::from_chars(year->data(), year->data() + year->size(), query.year);
        if (ec != std::errc() || end != year->data() + year->size() || query.year < 1900 || query.year > 2100) {
            return Error{ErrorCode::InvalidArgument, "parameter \"year\" must be a year such as 2026"};
        }
    }
    return services.searchers.acquire()->budget(query);
}

HttpResponse handle_budget(const HttpRequest& request, Services& services) {
    const auto answer = budget_answer(request, services);
    if (!answer.ok()) return error_response(answer.error());
    return json_response(200, to_json(answer.value()));
}

HttpResponse handle_budget_csv(const HttpRequest& request, Services& services) {
    const auto answer = budget_answer(request, services);
    if (!answer.ok()) return error_response(answer.error());
    HttpResponse res;
    res.content_type = "text/csv; charset=utf-8";
    res.body = budget_csv(answer.value());
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"tracuu-ngan-sach.csv\"");
    return res;
}

HttpResponse handle_health(const HttpRequest&, Services& services) {
    auto searcher = services.searchers.acquire();
    return json_response(200, to_json(searcher->status()));
}

HttpResponse handle_metrics(const HttpRequest&, Services& services) {
    const IndexStatus status = services.searchers.acquire()->status();
    std::vector<IndexFolderSize> sizes;
    for (const auto& folder : services.local_indexes) {
        if (const auto bytes = folder_bytes(folder)) sizes.push_back({folder, *bytes});
    }
    HttpResponse res;
    res.content_type = "text/plain; version=0.0.4; charset=utf-8";
    res.body = (services.metrics != nullptr ? services.metrics->prometheus_text() : std::string()) + index_metrics_text(status, sizes);
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

HttpResponse handle_openapi(const HttpRequest&, Services&) {
    HttpResponse res;
    res.body = std::string(openapi_json());
    res.headers.emplace_back("Cache-Control", "no-cache");
    return res;
}

HttpResponse handle_suggest(const HttpRequest& request, Services& services) {
    const std::string q = request.param("q").value_or("");
    if (q.size() > kMaxQueryBytes) return bad_request("the text is too long for suggestions");
    const Result<unsigned> size = bounded_param(request, "size", 8, kMaxSuggestions);
    if (!size.ok()) return error_response(size.error());
    std::vector<Suggestion> found;
    if (q.find_first_not_of(' ') != std::string::npos) found = services.searchers.acquire()->suggest(q, size.value());
    if (request.param("format") == "opensearch") {  // the browser search-bar format: [query, [texts]]
        nlohmann::json texts = nlohmann::json::array();
        for (const auto& s : found) texts.push_back(s.text);
        return json_response(200, nlohmann::json::array({q, texts}));
    }
    nlohmann::json suggestions = nlohmann::json::array();
    for (const auto& s : found) {
        suggestions.push_back({{"text", s.text}, {"id", s.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.id)}, {"kind", s.kind}});
    }
    return json_response(200, {{"suggestions", std::move(suggestions)}});
}

HttpResponse handle_reindex(const HttpRequest& request, Services& services) {
    if (services.admin_token.empty() || services.reindexer == nullptr) {
        return json_response(403, {{"error", {{"code", "forbidden"}, {"message", "admin routes are disabled on this server (no admin token or no source folders configured)"}}}});
    }
    if (request.header("Authorization") != "Bearer " + services.admin_token) {
        HttpResponse res = json_response(401, {{"error", {{"code", "unauthorized"}, {"message", "a valid Authorization: Bearer token is required"}}}});
        res.headers.emplace_back("WWW-Authenticate", "Bearer");
        return res;
    }
    if (!services.reindexer->start()) {
        return json_response(409, {{"error", {{"code", "conflict"}, {"message", "a re-index is already running"}}}});
    }
    return json_response(202, {{"status", "started"}, {"last_result", services.reindexer->last_result()}});
}

HttpResponse handle_opensearch(const HttpRequest& request, Services&) {
    const std::string host = request.header("Host").empty() ? "127.0.0.1" : request.header("Host");
    std::string safe_host;
    for (char c : host) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == ':' || c == '-' || c == '[' || c == ']') safe_host += c;
    }
    const std::string base = "http://" + safe_host;
    HttpResponse res;
    res.content_type = "application/opensearchdescription+xml; charset=utf-8";
    res.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
               "  <ShortName>tracuu</ShortName>\n"
               "  <Description>Tra cứu văn bản</Description>\n"
               "  <InputEncoding>UTF-8</InputEncoding>\n"
               "  <Image height=\"16\" width=\"16\" type=\"image/svg+xml\">" + base + "/favicon.svg</Image>\n"
               "  <Url type=\"text/html\" method=\"get\" template=\"" + base + "/?q={searchTerms}\"/>\n"
               "  <Url type=\"application/x-suggestions+json\" method=\"get\" template=\"" + base + "/api/suggest?q={searchTerms}&amp;format=opensearch\"/>\n"
               "</OpenSearchDescription>\n";
    return res;
}

void register_routes(HttpServer& http, Services& services) {
    const auto bind = [&services](HttpResponse (*handler)(const HttpRequest&, Services&)) {
        return [handler, &services](const HttpRequest& request) { return handler(request, services); };
    };
    const RouteOptions api{.exposure = Exposure::CrossOrigin, .name = {}};
    const auto named = [](std::string name, Exposure exposure = Exposure::CrossOrigin) { return RouteOptions{exposure, std::move(name)}; };
    // Operations: same origin only, and outside /api/, so not rationed (HttpServer).
    http.get("/healthz", bind(handle_health));
    http.get("/metrics", bind(handle_metrics));
    http.get("/api/search", bind(handle_search), api);
    http.get("/api/suggest", bind(handle_suggest), api);
    // Before /api/documents/(.+), which would take "…/file" as part of the id.
    http.get("/api/documents/(.+)/references", bind(handle_document_references), named("/api/documents/{id}/references"));
    http.get("/api/documents/(.+)/file", bind(handle_document_file), named("/api/documents/{id}/file"));
    http.get("/api/documents/(.+)", bind(handle_document), named("/api/documents/{id}"));
    http.get("/api/references", bind(handle_reference_list), api);
    http.get("/api/budget", bind(handle_budget), api);
    http.get("/api/budget.csv", bind(handle_budget_csv), api);
    http.get("/api/references/(.+)", bind(handle_reference), named("/api/references/{key}"));
    http.get("/api/openapi.json", bind(handle_openapi), api);
    http.post("/api/admin/reindex", bind(handle_reindex));
    http.get("/opensearch.xml", bind(handle_opensearch));

    const std::filesystem::path web_root = services.web_root;
    http.get("/", [web_root](const HttpRequest&) { return serve_web_file(web_root, "index.html"); });
    http.get("/doc/(.+)", [web_root](const HttpRequest&) { return serve_web_file(web_root, "doc.html"); }, named("/doc/{id}", Exposure::SameOrigin));
    http.get("/ref/(.+)", [web_root](const HttpRequest&) { return serve_web_file(web_root, "ref.html"); }, named("/ref/{key}", Exposure::SameOrigin));
    http.get("/([A-Za-z0-9_-][A-Za-z0-9_.-]*)", [web_root](const HttpRequest& request) {
        return serve_web_file(web_root, request.captures.at(0));
    }, named("/{file}", Exposure::SameOrigin));
}

}  // namespace tracuu::server
