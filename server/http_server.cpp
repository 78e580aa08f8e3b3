#include "server/http_server.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <regex>
#include <thread>

#include "server/rate_limiter.h"

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
        default: return "the server could not handle this request";
    }
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
    explicit Impl(HttpServerOptions options)
        : m_options(std::move(options)), m_limiter(m_options.requests_per_second, m_options.request_burst) {
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
        m_server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return;  // a handler already wrote the envelope
            res.set_content(error_body(code_for_status(res.status), message_for_status(res.status)), "application/json; charset=utf-8");
        });
    }

    void get(const std::string& pattern, Handler handler, Exposure exposure) {
        if (exposure == Exposure::CrossOrigin) m_cross_origin.emplace_back(pattern);
        m_server.Get(pattern, adapt(std::move(handler), exposure));
    }

    void post(const std::string& pattern, Handler handler) { m_server.Post(pattern, adapt(std::move(handler), Exposure::SameOrigin)); }

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
    httplib::Server::Handler adapt(Handler handler, Exposure exposure) {
        return [this, handler = std::move(handler), exposure](const httplib::Request& req, httplib::Response& res) {
            const HttpResponse out = handler(convert(req));
            res.status = out.status;
            for (const auto& [name, value] : out.headers) res.set_header(name, value);
            if (exposure == Exposure::CrossOrigin) allow_origin(req, res);
            res.set_content(out.body, out.content_type);
        };
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
    std::vector<std::regex> m_cross_origin;
    httplib::Server m_server;
    std::atomic<bool> m_stop_requested{false};
    std::atomic<bool> m_listening{false};
};

HttpServer::HttpServer(HttpServerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
HttpServer::~HttpServer() = default;
void HttpServer::get(const std::string& pattern, Handler handler, Exposure exposure) { m_impl->get(pattern, std::move(handler), exposure); }
void HttpServer::post(const std::string& pattern, Handler handler) { m_impl->post(pattern, std::move(handler)); }
int HttpServer::bind() { return m_impl->bind(); }
bool HttpServer::listen() { return m_impl->listen(); }
void HttpServer::stop() { m_impl->stop(); }

}  // namespace tracuu::server
