/** @file
 *  @brief A small HTTP server over cpp-httplib, with plain request/response values so handlers
 *  never see httplib types.
 */
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tracuu::server {

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

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// A handler must not throw for bad input; anything it does throw becomes a generic 500.
using Handler = std::function<HttpResponse(const HttpRequest&)>;

/// Whether pages of other origins may call a route (CORS), for origins on the allow-list.
enum class Exposure { CrossOrigin, SameOrigin };

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
 *  carries `X-Content-Type-Options: nosniff`. Each client address gets a request budget; past it
 *  the answer is 429 with `Retry-After`. CrossOrigin routes answer allow-listed origins with
 *  `Access-Control-Allow-Origin` (never `*`), and their pre-flight OPTIONS requests with 204. */
class HttpServer {
public:
    explicit HttpServer(HttpServerOptions options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Registers a handler for GET (and HEAD) on a full-match regex such as `/api/documents/([^/]+)`.
    void get(const std::string& pattern, Handler handler, Exposure exposure = Exposure::SameOrigin);
    /// Registers a handler for POST; POST routes are never exposed to other origins.
    void post(const std::string& pattern, Handler handler);

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
