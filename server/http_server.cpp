#include "server/http_server.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <regex>
#include <thread>
#include <unordered_map>

#include "server/rate_limiter.h"
#include "server/request_metrics.h"

namespace tracuu::server {
namespace {

std::string error_body(const std::string& code, const std::string& message) {
    return nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
}

std::string code_for_status(int status) {
    switch (status) {
        case 400: return "bad_request";
        case 404: return "not_found";
        case 405: return "method_not_allowed";
        case 403: return "forbidden";
        case 413: return "too_large";
        case 416: return "range_not_satisfiable";
        case 429: return "too_many_requests";
        case 503: return "unavailable";
        default: return status >= 500 ? "internal" : "error";
    }
}

std::string message_for_status(int status) {
    switch (status) {
        case 404: return "no such page or endpoint";
        case 405: return "method not allowed";
        case 413: return "request too large";
        case 414: return "request line too long";
        case 416: return "the byte range asked for is not in the file";
        case 400: return "the request could not be read (a malformed request line or header, or a POST without Content-Length: 0)";
        default: return "the server could not handle this request";
    }
}

/// Every range names bytes of a body of `size` bytes (httplib has already refused reversed ones).
bool ranges_satisfiable(const httplib::Ranges& ranges, std::uint64_t size) {
    return std::all_of(ranges.begin(), ranges.end(), [size](const httplib::Range& r) {
        if (r.first < 0) return r.second > 0 && size > 0;  // a suffix: the last r.second bytes
        return static_cast<std::uint64_t>(r.first) < size;
    });
}

}  // namespace

std::optional<std::string> HttpRequest::param(const std::string& name) const {
    const auto it = params.find(name);
    if (it == params.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> HttpRequest::params_named(const std::string& name) const {
    std::vector<std::string> values;
    for (auto [it, end] = params.equal_range(name); it != end; ++it) values.push_back(it->second);
    return values;
}

std::string HttpRequest::header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (key.size() == name.size() && std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            })) {
            return value;
        }
    }
    return "";
}

class HttpServer::Impl {
public:
    Impl(HttpServerOptions options, RequestMetrics* metrics)
        : m_options(std::move(options)), m_limiter(m_options.requests_per_second, m_options.request_burst), m_metrics(metrics) {
        const std::size_t threads = m_options.threads;
        m_server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
        m_server.set_payload_max_length(m_options.max_request_bytes);
        m_server.set_read_timeout(m_options.read_timeout_seconds, 0);
        m_server.set_write_timeout(m_options.write_timeout_seconds, 0);
        m_server.set_keep_alive_timeout(m_options.keep_alive_seconds);
        m_server.set_keep_alive_max_count(m_options.keep_alive_requests);
        // httplib writes the headers and the body in separate sends; with Nagle's algorithm on,
        // the body waits for the client's delayed ACK (40 ms on Linux) on every keep-alive request.
        m_server.set_tcp_nodelay(true);
        m_server.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
        m_server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                std::cerr << "tracuu-server: internal error on " << req.path << ": " << e.what() << '\n';
            } catch (...) {
                std::cerr << "tracuu-server: internal error on " << req.path << '\n';
            }
            res.status = 500;
            res.set_content(error_body("internal", "the server met an internal error"), "application/json; charset=utf-8");
        });
        m_server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            begin_request();
            // Pages and scripts are cheap and shared by everyone behind one address; the API is not.
            if (req.path.rfind("/api/", 0) != 0) return httplib::Server::HandlerResponse::Unhandled;
            const int wait = m_limiter.admit(req.remote_addr);
            if (wait == 0) return httplib::Server::HandlerResponse::Unhandled;
            res.status = 429;
            res.set_header("Retry-After", std::to_string(wait));
            if (is_cross_origin_route(req.path)) allow_origin(req, res);  // so an embedded widget can read why
            res.set_content(error_body("too_many_requests", "too many requests from this address; retry in " + std::to_string(wait) + " s"),
                            "application/json; charset=utf-8");
            return httplib::Server::HandlerResponse::Handled;
        });
        m_server.Options(".*", [this](const httplib::Request& req, httplib::Response& res) { preflight(req, res); });
        m_server.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return;  // a handler already wrote the envelope
            if (res.status == 404) {
                // A path that exists for other methods (POST /api/search): 405 and what it takes.
                std::string allowed;
                for (const auto& route : m_routes) {
                    if (route.method != req.method && std::regex_match(req.path, route.pattern) && allowed.find(route.method) == std::string::npos) {
                        allowed += (allowed.empty() ? "" : ", ") + route.method;
                    }
                }
                if (!allowed.empty()) {
                    res.status = 405;
                    res.set_header("Allow", allowed);
                }
            }
            res.set_content(error_body(code_for_status(res.status), message_for_status(res.status)), "application/json; charset=utf-8");
        });
        // httplib calls its logger once per answer, after the last byte is written, whatever
        // answered it (handler, pre-routing, error handler): the one place that sees them all.
        if (m_metrics != nullptr) m_server.set_logger([this](const httplib::Request& req, const httplib::Response& res) { finish_request(req, res); });
    }

    void get(const std::string& pattern, Handler handler, RouteOptions options) {
        if (options.exposure == Exposure::CrossOrigin) m_cross_origin.emplace_back(pattern);
        const std::size_t route = add_route("GET", pattern, std::move(options.name));
        m_server.Get(pattern, adapt(std::move(handler), options.exposure, route));
    }

    void post(const std::string& pattern, Handler handler, std::string name) {
        const std::size_t route = add_route("POST", pattern, std::move(name));
        m_server.Post(pattern, adapt(std::move(handler), Exposure::SameOrigin, route));
    }

    std::vector<RouteEntry> routes() const {
        std::vector<RouteEntry> out;
        for (const auto& route : m_routes) out.push_back({route.method, route.name});
        return out;
    }

    int bind() {
        if (m_options.port == 0) return m_server.bind_to_any_port(m_options.host);
        return m_server.bind_to_port(m_options.host, m_options.port) ? m_options.port : -1;
    }

    bool listen() {
        m_listening = true;
        if (m_stop_requested) {
            m_listening = false;
            return true;
        }
        const bool served = m_server.listen_after_bind();
        m_listening = false;
        return served;
    }

    void stop() {
        m_stop_requested = true;
        // httplib's stop() only acts on a listener already running: a request arriving while
        // listen() starts waits until it runs (m_listening and m_stop_requested are seen in
        // opposite orders by the two threads, so one of them always sees the other's).
        for (int i = 0; i < 5000 && m_listening && !m_server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        m_server.stop();
    }

private:
    using Clock = std::chrono::steady_clock;

    /// A route as registered; the list is complete before listen() and only read afterwards.
    struct Route {
        std::string method;
        std::string name;
        std::regex pattern;
    };

    /// The request a connection thread is answering: httplib handles one at a time per thread.
    struct InFlight {
        Clock::time_point started;
        std::optional<std::size_t> route;  ///< index in m_routes, once a handler took it
    };

    std::size_t add_route(std::string method, const std::string& pattern, std::string name) {
        m_routes.push_back({std::move(method), name.empty() ? pattern : std::move(name), std::regex(pattern)});
        return m_routes.size() - 1;
    }

    httplib::Server::Handler adapt(Handler handler, Exposure exposure, std::size_t route) {
        return [this, handler = std::move(handler), exposure, route](const httplib::Request& req, httplib::Response& res) {
            note_route(route);
            const HttpResponse out = handler(convert(req));
            res.status = out.status;
            for (const auto& [name, value] : out.headers) res.set_header(name, value);
            if (exposure == Exposure::CrossOrigin) allow_origin(req, res);
            if (out.streamed) {
                stream(req, res, *out.streamed, out.content_type);
            } else {
                // A JSON answer cut at a byte range is of no use to anyone: Range is ignored
                // (RFC 9110 allows it), and the whole answer goes with its own status.
                ranges_of(req).clear();
                res.set_content(out.body, out.content_type);
            }
        };
    }

    /** httplib 0.11.4 applies the Range header to every answer after its handler, takes a
     *  range's end as given (one past the body announces bytes that do not exist) and keeps the
     *  handler's status; its handlers see the request as const, but it is httplib's own
     *  non-const object, so they may settle the ranges it will apply. */
    static httplib::Ranges& ranges_of(const httplib::Request& req) { return const_cast<httplib::Ranges&>(req.ranges); }

    /// Sends `body` through httplib's content provider, a piece at a time, honouring ranges.
    static void stream(const httplib::Request& req, httplib::Response& res, const StreamedBody& body, const std::string& content_type) {
        res.set_header("Accept-Ranges", "bytes");
        httplib::Ranges& ranges = ranges_of(req);
        // httplib 0.11.4 writes a wrong total into each part of a multipart answer from a
        // provider; several ranges (rarely asked) get the whole file instead, as RFC 9110 allows.
        if (ranges.size() > 1) ranges.clear();
        if (!ranges_satisfiable(ranges, body.size)) {
            ranges.clear();
            res.status = 416;
            res.set_header("Content-Range", "bytes */" + std::to_string(body.size));
            res.set_content(error_body("range_not_satisfiable", message_for_status(416)), "application/json; charset=utf-8");
            return;
        }
        const auto size = static_cast<ssize_t>(body.size);
        for (auto& range : ranges) {
            if (range.first < 0) {
                range.second = std::min(range.second, size);  // a suffix `-N`: at most the whole body
            } else if (range.second >= size) {
                range.second = size - 1;
            }
        }
        if (res.status == 200 && !ranges.empty()) res.status = 206;
        if (body.size == 0) {  // a provider of length 0 would be read as one of unknown length
            res.set_content("", content_type);
            return;
        }
        res.set_content_provider(static_cast<std::size_t>(body.size), content_type,
                                 [in = body.stream](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                     constexpr std::size_t kPiece = 64 * 1024;
                                     std::string piece(std::min(length, kPiece), '\0');
                                     in->clear();
                                     in->seekg(static_cast<std::streamoff>(offset));
                                     in->read(piece.data(), static_cast<std::streamsize>(piece.size()));
                                     const std::streamsize got = in->gcount();
                                     // A file cut short since it was opened ends the answer early.
                                     return got > 0 && sink.write(piece.data(), static_cast<std::size_t>(got));
                                 });
    }

    void begin_request() {
        if (m_metrics == nullptr) return;
        const std::lock_guard lock(m_inflight_mutex);
        m_inflight[std::this_thread::get_id()] = InFlight{Clock::now(), std::nullopt};
    }

    void note_route(std::size_t route) {
        if (m_metrics == nullptr) return;
        const std::lock_guard lock(m_inflight_mutex);
        const auto it = m_inflight.find(std::this_thread::get_id());
        if (it != m_inflight.end()) it->second.route = route;
    }

    void finish_request(const httplib::Request& req, const httplib::Response& res) {
        double seconds = -1;  // a request refused before routing (unreadable request line) has no start
        std::optional<std::size_t> route;
        {
            const std::lock_guard lock(m_inflight_mutex);
            const auto it = m_inflight.find(std::this_thread::get_id());
            if (it != m_inflight.end()) {
                seconds = std::chrono::duration<double>(Clock::now() - it->second.started).count();
                route = it->second.route;
                m_inflight.erase(it);
            }
        }
        m_metrics->record(req.method, route ? m_routes[*route].name : route_matching(req.path), res.status, seconds);
    }

    /// The name of the first route whose pattern matches `path`, or `unmatched`: never the path itself.
    std::string route_matching(const std::string& path) const {
        for (const auto& route : m_routes) {
            if (std::regex_match(path, route.pattern)) return route.name;
        }
        return "unmatched";
    }

    bool origin_allowed(const std::string& origin) const {
        return !origin.empty() && std::find(m_options.cors_origins.begin(), m_options.cors_origins.end(), origin) != m_options.cors_origins.end();
    }

    void allow_origin(const httplib::Request& req, httplib::Response& res) const {
        res.set_header("Vary", "Origin");
        const std::string origin = req.get_header_value("Origin");
        if (!origin_allowed(origin)) return;
        res.set_header("Access-Control-Allow-Origin", origin);
        res.set_header("Access-Control-Expose-Headers", "Retry-After");
    }

    bool is_cross_origin_route(const std::string& path) const {
        return std::any_of(m_cross_origin.begin(), m_cross_origin.end(), [&](const std::regex& r) { return std::regex_match(path, r); });
    }

    void preflight(const httplib::Request& req, httplib::Response& res) const {
        if (!is_cross_origin_route(req.path) || !origin_allowed(req.get_header_value("Origin"))) {
            res.set_header("Vary", "Origin");  // a cache must not give this refusal to an allowed origin
            res.status = 403;
            res.set_content(error_body("forbidden", "cross-origin requests to this path are not allowed from this origin"),
                            "application/json; charset=utf-8");
            return;
        }
        allow_origin(req, res);
        res.set_header("Access-Control-Allow-Methods", "GET, OPTIONS");
        res.set_header("Access-Control-Allow-Headers", "Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
        res.status = 204;
    }

    static HttpRequest convert(const httplib::Request& req) {
        HttpRequest out;
        out.method = req.method;
        out.path = req.path;
        out.params.insert(req.params.begin(), req.params.end());
        out.headers.insert(req.headers.begin(), req.headers.end());
        out.body = req.body;
        out.client = req.remote_addr;
        // httplib has already percent-decoded the path the pattern matched.
        for (std::size_t i = 1; i < req.matches.size(); ++i) out.captures.push_back(req.matches[i]);
        return out;
    }

    HttpServerOptions m_options;
    RateLimiter m_limiter;
    RequestMetrics* m_metrics = nullptr;  ///< null: nothing is recorded
    std::vector<std::regex> m_cross_origin;
    std::vector<Route> m_routes;
    std::mutex m_inflight_mutex;
    std::unordered_map<std::thread::id, InFlight> m_inflight;
    httplib::Server m_server;
    std::atomic<bool> m_stop_requested{false};
    std::atomic<bool> m_listening{false};
};

HttpServer::HttpServer(HttpServerOptions options, RequestMetrics* metrics) : m_impl(std::make_unique<Impl>(std::move(options), metrics)) {}
HttpServer::~HttpServer() = default;
void HttpServer::get(const std::string& pattern, Handler handler, RouteOptions options) { m_impl->get(pattern, std::move(handler), std::move(options)); }
void HttpServer::post(const std::string& pattern, Handler handler, std::string name) { m_impl->post(pattern, std::move(handler), std::move(name)); }
std::vector<RouteEntry> HttpServer::routes() const { return m_impl->routes(); }
int HttpServer::bind() { return m_impl->bind(); }
bool HttpServer::listen() { return m_impl->listen(); }
void HttpServer::stop() { m_impl->stop(); }

}  // namespace tracuu::server
