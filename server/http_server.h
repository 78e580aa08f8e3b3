/** @file
 *  @brief A small HTTP server over cpp-httplib, with plain request/response values so handlers
 *  never see httplib types.
 */
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tracuu::server {

class RequestMetrics;

struct HttpRequest {
    std::string method;
    std::string path;
    std::multimap<std::string, std::string> params;  ///< decoded query parameters
    std::vector<std::string> captures;                ///< regex groups of the route pattern, decoded
    std::multimap<std::string, std::string> headers;
    std::string body;
    std::string client;  ///< the peer's address, for logs and rate limits

    /// The first value of a query parameter, if present.
    [[nodiscard]] std::optional<std::string> param(const std::string& name) const;
    /// Every value of a repeatable query parameter, in order.
    [[nodiscard]] std::vector<std::string> params_named(const std::string& name) const;
    /// A request header (case-insensitive name), or "".
    [[nodiscard]] std::string header(const std::string& name) const;
};

/// A body read from an open stream while it is sent, so a large file is never held in memory whole.
struct StreamedBody {
    std::shared_ptr<std::istream> stream;  ///< read from its start; used by one connection thread at a time
    std::uint64_t size = 0;                ///< bytes to send
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    /** When set, sent instead of `body`, in pieces, with `Accept-Ranges: bytes`: a request with
     *  a `Range` header of one range gets 206 and those bytes (416 when they are not in the
     *  body); with several ranges, the whole body. A `Range` header on a response held in
     *  `body` is ignored: the whole body goes, with its status. */
    std::optional<StreamedBody> streamed;
};

/// A handler must not throw for bad input; anything it does throw becomes a generic 500.
using Handler = std::function<HttpResponse(const HttpRequest&)>;

/// Whether pages of other origins may call a route (CORS), for origins on the allow-list.
enum class Exposure { CrossOrigin, SameOrigin };

/// How a GET route is registered.
struct RouteOptions {
    Exposure exposure = Exposure::SameOrigin;
    /** The route's name, as metrics label it and the API description (server/openapi.json)
     *  lists it: the path with `{placeholders}` for the pattern's groups
     *  (`/api/documents/{id}`). Empty: the pattern itself, right for a pattern without groups. */
    std::string name;
};

/// A registered route: its method (`GET`, `POST`) and name (RouteOptions::name).
struct RouteEntry {
    std::string method;
    std::string name;
};

struct HttpServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;          ///< 0 picks a free port
    /// Connections served at once, one thread each. A keep-alive connection holds its thread
    /// while it waits for its next request, so this must exceed the clients' connections, or
    /// new connections queue behind idle ones. Searches themselves are bounded by SearcherPool.
    std::size_t threads = 64;
    int keep_alive_seconds = 2;           ///< an idle keep-alive connection is closed after this
    std::size_t keep_alive_requests = 100;  ///< requests on one connection before it is closed
    std::size_t max_request_bytes = 64 * 1024;
    int read_timeout_seconds = 5;
    int write_timeout_seconds = 10;
    /// Origins (`https://example.gov.vn`) whose pages may call CrossOrigin routes; empty: same origin only.
    std::vector<std::string> cors_origins;
    double requests_per_second = 20;  ///< per client, sustained
    double request_burst = 60;        ///< per client, at once
};

/** Routes requests to handlers and answers errors with tracuu's JSON envelope. Every response
 *  carries `X-Content-Type-Options: nosniff`. Each client address gets a request budget for
 *  `/api/` paths; past it the answer is 429 with `Retry-After` (pages, scripts, `/healthz` and
 *  `/metrics` are not rationed). CrossOrigin routes answer allow-listed origins with
 *  `Access-Control-Allow-Origin` (never `*`), and their pre-flight OPTIONS requests with 204.
 *
 *  With `metrics`, every request answered is recorded there (RequestMetrics::record) once its
 *  answer is written: under the name of the route that handled it; a request refused before
 *  its handler (429, a pre-flight) under the name of the first route whose pattern matches its
 *  path; anything else (no route, a request line that could not be read) as `unmatched`. */
class HttpServer {
public:
    /// `metrics`, if given, must outlive the server.
    explicit HttpServer(HttpServerOptions options, RequestMetrics* metrics = nullptr);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /** Registers a handler for GET (and HEAD) on a full-match regex such as
     *  `/api/documents/([^/]+)`. Routes are tried in the order they were registered. */
    void get(const std::string& pattern, Handler handler, RouteOptions options = {});
    void get(const std::string& pattern, Handler handler, Exposure exposure) { get(pattern, std::move(handler), RouteOptions{exposure, {}}); }
    /// Registers a handler for POST; POST routes are never exposed to other origins. `name` as RouteOptions::name.
    void post(const std::string& pattern, Handler handler, std::string name = {});

    /// Every route registered, in order (what the API description must cover).
    [[nodiscard]] std::vector<RouteEntry> routes() const;

    /// Binds the socket; returns the port, or -1 when it cannot bind.
    [[nodiscard]] int bind();
    /// Serves until stop(); call after bind(). Returns at once when stop() came first.
    bool listen();
    /// Stops listen() from another thread, whether it is serving, starting or not called yet.
    void stop();

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace tracuu::server
