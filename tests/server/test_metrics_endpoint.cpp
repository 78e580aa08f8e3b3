// GET /metrics on a served index: requests by route name, the index and its caches.
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "tests/server/served_index.h"

using tracuu::testing::json_of;
using tracuu::testing::ServedIndex;
using tracuu::testing::ServedIndexOptions;

namespace {

const std::vector<std::pair<std::string, std::string>> kFiles = {
    {"kh13.txt", "KẾ HOẠCH\nHoạt động khoa học\nThực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị."},
    {"other.txt", "Quyết định về y tế công cộng."},
};

/// The samples of a Prometheus text: series (name with labels) → value.
std::map<std::string, double> samples(const std::string& text) {
    std::map<std::string, double> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.rfind(' ');
        out[line.substr(0, space)] = std::stod(line.substr(space + 1));
    }
    return out;
}

/// /metrics over `client`'s connection, after the requests it sent before.
std::map<std::string, double> scrape(httplib::Client& client) {
    const auto res = client.Get("/metrics");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return samples(res->body);
}

std::string requests(const std::string& method, const std::string& route, const std::string& status) {
    return "tracuu_http_requests_total{method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"}";
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("/metrics counts each request under its route's name and status class, never under its raw path") {
    ServedIndex served(ServedIndexOptions{kFiles, "", 1000, 0.5});
    auto client = served.client();
    REQUIRE(client.Get("/api/documents/kh13"));
    REQUIRE(client.Get("/api/documents/other"));
    REQUIRE(client.Get("/api/documents/no-such-id"));
    REQUIRE(client.Get("/api/documents/kh13/references"));
    const auto res = client.Get("/metrics");
    REQUIRE(res);
    CHECK(res->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0) == 0);
    const auto found = samples(res->body);
    CHECK(found.at(requests("GET", "/api/documents/{id}", "2xx")) == 2);
    CHECK(found.at(requests("GET", "/api/documents/{id}", "4xx")) == 1);
    CHECK(found.at(requests("GET", "/api/documents/{id}/references", "2xx")) == 1);
    const std::string timed = "{method=\"GET\",route=\"/api/documents/{id}\",status=\"2xx\"}";
    CHECK(found.at("tracuu_http_request_duration_seconds_count" + timed) == 2);
    CHECK(found.at("tracuu_http_request_duration_seconds_sum" + timed) > 0);
    for (const char* raw : {"kh13", "no-such-id", "other"}) {
        CAPTURE(raw);
        CHECK(res->body.find(raw) == std::string::npos);
    }
}

TEST_CASE("/metrics reports the documents, revision and size of the index, and the caches /healthz reports") {
    ServedIndex served(ServedIndexOptions{kFiles, "", 1000, 0.5});
    auto client = served.client();
    for (int i = 0; i < 2; ++i) REQUIRE(client.Get("/api/search?q=khoa+h%E1%BB%8Dc"));
    const auto health = json_of(client.Get("/healthz"));
    const auto found = scrape(client);
    CHECK(found.at("tracuu_index_documents") == health["documents"].get<double>());
    CHECK(found.at("tracuu_index_revision") == health["revision"].get<double>());
    CHECK(found.at("tracuu_index_revision") > 0);
    std::uintmax_t bytes = 0;  // counted here on its own, not with the server's function
    for (const auto& entry : std::filesystem::recursive_directory_iterator(served.index())) {
        if (entry.is_regular_file()) bytes += entry.file_size();
    }
    CHECK(found.at("tracuu_index_size_bytes{index=\"" + served.index().string() + "\"}") == static_cast<double>(bytes));
    for (const char* cache : {"answers", "counts", "suggestions", "term_sets"}) {
        CAPTURE(cache);
        const std::string label = std::string("{cache=\"") + cache + "\"}";
        CHECK(found.at("tracuu_cache_hits_total" + label) == health["caches"][cache]["hits"].get<double>());
        CHECK(found.at("tracuu_cache_misses_total" + label) == health["caches"][cache]["misses"].get<double>());
    }
    CHECK(found.at("tracuu_cache_hits_total{cache=\"answers\"}") == 1);  // the search asked twice
}

TEST_CASE("a rate-limited API request is counted under its route, and /metrics itself is not rationed") {
    ServedIndex served(ServedIndexOptions{kFiles, "", 2, 0.001});
    auto client = served.client();
    int refused = 0;
    for (int i = 0; i < 3; ++i) {
        const auto res = client.Get("/api/search?q=khoa");
        REQUIRE(res);
        refused += res->status == 429 ? 1 : 0;
    }
    REQUIRE(refused == 1);
    for (int i = 0; i < 5; ++i) {
        const auto res = client.Get("/metrics");
        REQUIRE(res);
        CHECK(res->status == 200);
    }
    const auto found = scrape(client);
    CHECK(found.at(requests("GET", "/api/search", "4xx")) == 1);
    CHECK(found.at(requests("GET", "/api/search", "2xx")) == 2);
    CHECK(found.at(requests("GET", "/metrics", "2xx")) == 5);
}

TEST_CASE("a request no route takes is counted as unmatched, whatever its path or method") {
    ServedIndex served(ServedIndexOptions{kFiles, "", 1000, 0.5});
    auto client = served.client();
    REQUIRE(client.Get("/api/no/such/thing"));
    REQUIRE(client.Delete("/api/documents/kh13"));
    const auto res = client.Get("/metrics");
    REQUIRE(res);
    const auto found = samples(res->body);
    CHECK(found.at(requests("GET", "unmatched", "4xx")) == 1);
    CHECK(res->body.find("/api/no/such") == std::string::npos);
    CHECK(found.at(requests("DELETE", "/api/documents/{id}", "4xx")) == 1);  // the path matches a GET route
}

}  // TEST_SUITE
