#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "indexer/index_run.h"
#include "server/routes.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::server;
using tracuu::testing::TempDir;

namespace {

/// A small index served in-process on a free loopback port, stopped when the test ends.
struct TestOptions {
    std::vector<std::string> cors_origins;
    double burst = 1000;
    std::string admin_token;
};

class TestServer {
public:
    explicit TestServer(const TestOptions& options = {}) {
        m_dir.write("docs/kh13.txt", "KẾ HOẠCH\nHoạt động khoa học\nThực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị.");
        m_dir.write("docs/other.txt", "Quyết định về y tế công cộng.");
        m_dir.write("web/index.html", "<!doctype html><title>tracuu</title>");
        m_dir.write("web/app.js", "console.log('ok');");
        {
            auto writer = tracuu::indexer::IndexWriter::open(m_dir.path() / "index").value();
            (void)tracuu::indexer::index_paths(writer, {m_dir.path() / "docs"}, {}, nullptr);
        }
        m_pool = std::move(SearcherPool::open(std::vector<std::string>{(m_dir.path() / "index").string()}, 2, &m_caches).value());
        m_reindexer = std::make_unique<Reindexer>(m_dir.path() / "index", std::vector<std::filesystem::path>{m_dir.path() / "docs"});
        m_services = std::make_unique<Services>(Services{*m_pool, m_dir.path() / "web", m_reindexer.get(), options.admin_token});
        HttpServerOptions http;
        http.port = 0;
        http.threads = 2;
        http.cors_origins = options.cors_origins;
        http.request_burst = options.burst;
        http.requests_per_second = 0.5;
        m_http = std::make_unique<HttpServer>(http);
        register_routes(*m_http, *m_services);
        m_port = m_http->bind();
        m_thread = std::thread([this] { m_http->listen(); });
    }
    ~TestServer() {
        m_http->stop();
        m_thread.join();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", m_port);
        c.set_read_timeout(10, 0);
        return c;
    }
    /// Sends `request` as raw bytes (what httplib's client would not send) and returns the answer.
    std::string raw(const std::string& request) const {
        const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(m_port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        std::string answer;
        if (::connect(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
            ::send(sock, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
            timeval timeout{10, 0};
            ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
            char buffer[4096];
            // Until the body its Content-Length announces is in (the server may keep the line open).
            const auto complete = [&] {
                const std::size_t head = answer.find("\r\n\r\n");
                const std::size_t length = answer.find("Content-Length: ");
                return head != std::string::npos && length != std::string::npos && length < head &&
                       answer.size() >= head + 4 + std::stoul(answer.substr(length + 16));
            };
            for (ssize_t n; !complete() && (n = ::recv(sock, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
        }
        ::close(sock);
        return answer;
    }

private:
    TempDir m_dir;
    SearchCaches m_caches{{.answers = 16, .counts = 16, .suggestions = 16, .term_set_bytes = 1 << 20}};
    std::unique_ptr<SearcherPool> m_pool;
    std::unique_ptr<Reindexer> m_reindexer;
    std::unique_ptr<Services> m_services;
    std::unique_ptr<HttpServer> m_http;
    int m_port = -1;
    std::thread m_thread;
};

nlohmann::json body_of(const httplib::Result& res) { return nlohmann::json::parse(res->body, nullptr, false); }

}  // namespace

TEST_SUITE("server") {

TEST_CASE("a stop that comes before listen, or while it starts, ends it (a signal during start-up)") {
    {
        HttpServerOptions http;
        http.port = 0;
        HttpServer server(http);
        REQUIRE(server.bind() > 0);
        server.stop();
        auto served = std::async(std::launch::async, [&] { return server.listen(); });
        REQUIRE(served.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    }
    for (int i = 0; i < 50; ++i) {
        HttpServerOptions http;
        http.port = 0;
        HttpServer server(http);
        REQUIRE(server.bind() > 0);
        auto served = std::async(std::launch::async, [&] { return server.listen(); });
        server.stop();
        REQUIRE(served.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    }
}

TEST_CASE("search answers with results, marked snippets and timing") {
    TestServer server;
    const auto res = server.client().Get("/api/search?q=nghi%20quyet%2057");
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto body = body_of(res);
    CHECK(body["total"] == 1);
    CHECK(body["results"][0]["id"] == "kh13");
    CHECK(body["results"][0]["snippet"].get<std::string>().find("<mark>Nghị quyết</mark>") != std::string::npos);
    CHECK(body["took_ms"].is_number());
    CHECK(body["results"][0]["score"] == doctest::Approx(1.0));
}

TEST_CASE("bad requests get a 400 with a message in the error envelope") {
    TestServer server;
    const char* paths[] = {"/api/search", "/api/search?q=%20%20", "/api/search?q=a&page=0", "/api/search?q=a&page=x",
                           "/api/search?q=a&size=101", "/api/search?q=a&size=-1", "/api/search?q=...", "/api/search?q=-abc"};
    for (const char* path : paths) {
        CAPTURE(path);
        const auto res = server.client().Get(path);
        REQUIRE(res);
        CHECK(res->status == 400);
        const auto body = body_of(res);
        CHECK(body["error"]["code"] == "bad_request");
        CHECK_FALSE(body["error"]["message"].get<std::string>().empty());
    }
    const auto res = server.client().Get(("/api/search?q=" + std::string(kMaxQueryBytes + 1, 'a')).c_str());
    REQUIRE(res);
    CHECK(res->status == 400);
}

TEST_CASE("a paragraph pasted as a query is searched by its first words, not refused") {
    TestServer server;
    // About 1,500 bytes of Vietnamese (as README promises: past 64 words, the first 64 are searched).
    std::string paragraph;
    while (paragraph.size() < 1500) paragraph += "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về khoa học và đổi mới sáng tạo. ";
    REQUIRE(paragraph.size() <= kMaxQueryBytes);
    const auto res = server.client().Get(("/api/search?q=" + httplib::detail::encode_query_param(paragraph)).c_str());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(body_of(res)["total"].get<int>() >= 1);
}

TEST_CASE("unknown documents and paths are 404 in the JSON envelope") {
    TestServer server;
    for (const char* path : {"/api/documents/no-such-id", "/nope.js", "/api/nothing/here", "/..%2f..%2fetc%2fpasswd", "/.hidden"}) {
        CAPTURE(path);
        const auto res = server.client().Get(path);
        REQUIRE(res);
        CHECK(res->status == 404);
        CHECK(body_of(res)["error"]["code"] == "not_found");
    }
}

TEST_CASE("a path that takes other methods answers 405 with what it allows, an unknown one 404") {
    TestServer server;
    auto client = server.client();
    const auto post_search = client.Post("/api/search?q=a", "", "text/plain");
    REQUIRE(post_search);
    CHECK(post_search->status == 405);
    CHECK(post_search->get_header_value("Allow") == "GET");
    CHECK(body_of(post_search)["error"]["code"] == "method_not_allowed");
    const auto delete_document = client.Delete("/api/documents/kh13");
    REQUIRE(delete_document);
    CHECK(delete_document->status == 405);
    const auto get_reindex = client.Get("/api/admin/reindex");
    REQUIRE(get_reindex);
    CHECK(get_reindex->status == 405);
    CHECK(get_reindex->get_header_value("Allow") == "POST");
    const auto post_nothing = client.Post("/api/nothing/here", "", "text/plain");
    REQUIRE(post_nothing);
    CHECK(post_nothing->status == 404);
}

TEST_CASE("a document is served with its text, and health reports the index") {
    TestServer server;
    const auto doc = server.client().Get("/api/documents/kh13");
    REQUIRE(doc);
    CHECK(doc->status == 200);
    CHECK(body_of(doc)["text"].get<std::string>().find("57-NQ/TW") != std::string::npos);
    const auto health = server.client().Get("/healthz");
    REQUIRE(health);
    CHECK(body_of(health)["documents"] == 2);
    CHECK(body_of(health)["status"] == "ok");
}

TEST_CASE("health reports how often the caches answered: a search asked twice is computed once") {
    TestServer server;
    for (int i = 0; i < 2; ++i) REQUIRE(server.client().Get("/api/search?q=khoa+h%E1%BB%8Dc"));
    REQUIRE(server.client().Get("/api/suggest?q=kho"));
    const auto health = server.client().Get("/healthz");
    REQUIRE(health);
    const auto caches = body_of(health)["caches"];
    CHECK(caches["answers"]["capacity"] == 16);
    CHECK(caches["answers"]["misses"] == 1);
    CHECK(caches["answers"]["hits"] == 1);
    CHECK(caches["counts"]["misses"] == 1);  // only the computed answer counted its matches
    CHECK(caches["suggestions"]["misses"] == 1);
    CHECK(caches["suggestions"]["hits"] == 0);
    CHECK(caches["term_sets"]["capacity"] == 1 << 20);  // bytes
    CHECK(caches["term_sets"]["misses"] >= 2);           // `khoa` and `học`, read for the count
    CHECK(caches["term_sets"]["hits"] == 0);
}

TEST_CASE("pages come from the web folder with security headers") {
    TestServer server;
    const auto page = server.client().Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") == 0);
    CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
    const auto doc_page = server.client().Get("/doc/kh13");
    REQUIRE(doc_page);
    CHECK(doc_page->status == 404);  // this test's web folder has no doc.html
    const auto script = server.client().Get("/app.js");
    REQUIRE(script);
    CHECK(script->get_header_value("Content-Type").find("text/javascript") == 0);
}

TEST_CASE("allow-listed origins get CORS headers, others none, and pre-flight is answered") {
    TestServer server(TestOptions{{"http://site.example"}, 1000, ""});
    auto client = server.client();
    const auto allowed = client.Get("/api/search?q=ke", httplib::Headers{{"Origin", "http://site.example"}});
    REQUIRE(allowed);
    CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "http://site.example");
    CHECK(allowed->get_header_value("Vary") == "Origin");
    const auto other = client.Get("/api/search?q=ke", httplib::Headers{{"Origin", "http://evil.example"}});
    REQUIRE(other);
    CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
    const auto preflight = client.Options("/api/search", httplib::Headers{{"Origin", "http://site.example"}, {"Access-Control-Request-Method", "GET"}});
    REQUIRE(preflight);
    CHECK(preflight->status == 204);
    CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == "http://site.example");
    const auto admin_preflight = client.Options("/api/admin/reindex", httplib::Headers{{"Origin", "http://site.example"}});
    REQUIRE(admin_preflight);
    CHECK(admin_preflight->status == 403);
    CHECK_FALSE(admin_preflight->has_header("Access-Control-Allow-Origin"));
    // Refused for this origin, perhaps allowed for another: shared caches must key it by origin.
    const auto refused = client.Options("/api/search", httplib::Headers{{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "GET"}});
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(refused->get_header_value("Vary") == "Origin");
}

TEST_CASE("a client over its request budget gets 429 with Retry-After") {
    TestServer server(TestOptions{{"http://site.example"}, 3, ""});
    auto client = server.client();
    int limited = 0;
    std::string retry_after;
    for (int i = 0; i < 6; ++i) {
        const auto res = client.Get("/api/search?q=ke", httplib::Headers{{"Origin", "http://site.example"}});
        REQUIRE(res);
        if (res->status == 429) {
            ++limited;
            retry_after = res->get_header_value("Retry-After");
            CHECK(body_of(res)["error"]["code"] == "too_many_requests");
            CHECK(res->get_header_value("Access-Control-Allow-Origin") == "http://site.example");
        }
    }
    CHECK(limited == 3);
    CHECK(std::stoi(retry_after) >= 1);
    const auto page = client.Get("/");  // pages are not rationed
    REQUIRE(page);
    CHECK(page->status == 200);
}

TEST_CASE("suggestions complete unaccented prefixes to accented words, cited documents and titles") {
    TestServer server;
    const auto res = server.client().Get("/api/suggest?q=nghi%20quy");
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto suggestions = body_of(res)["suggestions"];
    REQUIRE(suggestions.is_array());
    bool phrase = false, reference = false;
    for (const auto& s : suggestions) {
        phrase = phrase || (s["kind"] == "phrase" && s["text"] == "nghị quyết");
        reference = reference || (s["kind"] == "reference" && s["text"] == "Nghị quyết 57-NQ/TW" && s["id"] == "57-NQ/TW");
    }
    CHECK(phrase);
    CHECK(reference);
    bool title = false, restored = false;
    const auto titled = body_of(server.client().Get("/api/suggest?q=hoat%20dong%20kh"));
    for (const auto& s : titled["suggestions"]) {
        title = title || (s["kind"] == "title" && s["id"] == "kh13");
        restored = restored || (s["kind"] == "phrase" && s["text"] == "hoạt động khoa");  // `hoat` restored too
    }
    CHECK(title);
    CHECK(restored);
    const auto numbers = body_of(server.client().Get("/api/suggest?q=57-nq"))["suggestions"];
    REQUIRE_FALSE(numbers.empty());
    CHECK(numbers[0]["text"] == "57-NQ/TW");
    CHECK(body_of(server.client().Get("/api/suggest?q=nghi&format=opensearch"))[0] == "nghi");
}

TEST_CASE("the OpenSearch description points at this server") {
    TestServer server;
    const auto res = server.client().Get("/opensearch.xml");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("/?q={searchTerms}") != std::string::npos);
    CHECK(res->get_header_value("Content-Type").find("opensearchdescription+xml") != std::string::npos);
}

TEST_CASE("the admin route needs the configured bearer token") {
    TestServer closed;
    const auto disabled = closed.client().Post("/api/admin/reindex");
    REQUIRE(disabled);
    CHECK(disabled->status == 403);

    TestServer open(TestOptions{{}, 1000, "0123456789abcdef-token"});
    const auto anonymous = open.client().Post("/api/admin/reindex");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    const auto wrong = open.client().Post("/api/admin/reindex", httplib::Headers{{"Authorization", "Bearer nope"}}, "", "text/plain");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    const auto right = open.client().Post("/api/admin/reindex", httplib::Headers{{"Authorization", "Bearer 0123456789abcdef-token"}}, "", "text/plain");
    REQUIRE(right);
    CHECK(right->status == 202);
    // `curl -X POST` without `-d ''` sends no Content-Length: refused, saying so.
    const std::string bare = open.raw("POST /api/admin/reindex HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer 0123456789abcdef-token\r\n"
                                      "Connection: close\r\n\r\n");
    CHECK(bare.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(bare.find("a POST without Content-Length: 0") != std::string::npos);
}

}
