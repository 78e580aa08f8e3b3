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

    /// The first value of a query parameter, if present.
    [[nodiscard]] std::optional<std::string> param(const std::string& name) const;
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// A handler must not throw for bad input; anything it does throw becomes a generic 500.
using Handler = std::function<HttpResponse(const HttpRequest&)>;

struct HttpServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;          ///< 0 picks a free port
    std::size_t threads = 4;
    std::size_t max_request_bytes = 64 * 1024;
    int read_timeout_seconds = 5;
    int write_timeout_seconds = 10;
};

/** Routes GET requests to handlers and answers errors with tracuu's JSON envelope. Every
 *  response carries `X-Content-Type-Options: nosniff`. */
class HttpServer {
public:
    explicit HttpServer(HttpServerOptions options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Registers a handler for GET (and HEAD) on a full-match regex such as `/api/documents/([^/]+)`.
    void get(const std::string& pattern, Handler handler);

    /// Binds the socket; returns the port, or -1 when it cannot bind.
    [[nodiscard]] int bind();
    /// Serves until stop(); call after bind().
    bool listen();
    /// Stops listen() from another thread.
    void stop();

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace tracuu::server
