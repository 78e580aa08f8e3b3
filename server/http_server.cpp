#include "server/http_server.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <iostream>

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

class HttpServer::Impl {
public:
    explicit Impl(HttpServerOptions options) : m_options(std::move(options)) {
        const std::size_t threads = m_options.threads;
        m_server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
        m_server.set_payload_max_length(m_options.max_request_bytes);
        m_server.set_read_timeout(m_options.read_timeout_seconds, 0);
        m_server.set_write_timeout(m_options.write_timeout_seconds, 0);
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
        m_server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return;  // a handler already wrote the envelope
            res.set_content(error_body(code_for_status(res.status), message_for_status(res.status)), "application/json; charset=utf-8");
        });
    }

    void get(const std::string& pattern, Handler handler) {
        m_server.Get(pattern, [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
            const HttpResponse out = handler(convert(req));
            res.status = out.status;
            for (const auto& [name, value] : out.headers) res.set_header(name, value);
            res.set_content(out.body, out.content_type);
        });
    }

    int bind() {
        if (m_options.port == 0) return m_server.bind_to_any_port(m_options.host);
        return m_server.bind_to_port(m_options.host, m_options.port) ? m_options.port : -1;
    }

    bool listen() { return m_server.listen_after_bind(); }
    void stop() { m_server.stop(); }

private:
    static HttpRequest convert(const httplib::Request& req) {
        HttpRequest out;
        out.method = req.method;
        out.path = req.path;
        out.params.insert(req.params.begin(), req.params.end());
        out.headers.insert(req.headers.begin(), req.headers.end());
        // httplib has already percent-decoded the path the pattern matched.
        for (std::size_t i = 1; i < req.matches.size(); ++i) out.captures.push_back(req.matches[i]);
        return out;
    }

    HttpServerOptions m_options;
    httplib::Server m_server;
};

HttpServer::HttpServer(HttpServerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
HttpServer::~HttpServer() = default;
void HttpServer::get(const std::string& pattern, Handler handler) { m_impl->get(pattern, std::move(handler)); }
int HttpServer::bind() { return m_impl->bind(); }
bool HttpServer::listen() { return m_impl->listen(); }
void HttpServer::stop() { m_impl->stop(); }

}  // namespace tracuu::server
