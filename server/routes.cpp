#include "server/routes.h"

#include <charconv>

#include "server/json_output.h"

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

    auto searcher = services.searchers.acquire();
    const Result<SearchAnswer> answer = searcher->search(SearchRequest{q, page.value(), size.value()});
    if (!answer.ok()) return error_response(answer.error());
    return json_response(200, to_json(answer.value()));
}

HttpResponse handle_document(const HttpRequest& request, Services& services) {
    auto searcher = services.searchers.acquire();
    const Result<DocumentAnswer> document = searcher->document(request.captures.at(0));
    if (!document.ok()) return error_response(document.error());
    return json_response(200, to_json(document.value()));
}

HttpResponse handle_health(const HttpRequest&, Services& services) {
    auto searcher = services.searchers.acquire();
    return json_response(200, to_json(searcher->status()));
}

void register_routes(HttpServer& http, Services& services) {
    const auto bind = [&services](HttpResponse (*handler)(const HttpRequest&, Services&)) {
        return [handler, &services](const HttpRequest& request) { return handler(request, services); };
    };
    http.get("/healthz", bind(handle_health));
    http.get("/api/search", bind(handle_search));
    http.get("/api/documents/(.+)", bind(handle_document));

    const std::filesystem::path web_root = services.web_root;
    http.get("/", [web_root](const HttpRequest&) { return serve_web_file(web_root, "index.html"); });
    http.get("/doc/(.+)", [web_root](const HttpRequest&) { return serve_web_file(web_root, "doc.html"); });
    http.get("/([A-Za-z0-9_-][A-Za-z0-9_.-]*)", [web_root](const HttpRequest& request) {
        return serve_web_file(web_root, request.captures.at(0));
    });
}

}  // namespace tracuu::server
