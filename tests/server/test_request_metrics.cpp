// RequestMetrics and the index part of /metrics, without a server.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "server/index_metrics.h"
#include "server/request_metrics.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::server;
using tracuu::testing::TempDir;

namespace {

/// The lines of a Prometheus text that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(prefix, 0) == 0) out.push_back(line);
    }
    return out;
}

/// Whether `line` is one whole line of `text`.
bool has_line(const std::string& text, const std::string& line) {
    return text.rfind(line + "\n", 0) == 0 || text.find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("request metrics count by method, route and status class, with cumulative latency buckets") {
    RequestMetrics metrics;
    metrics.record("GET", "/api/documents/{id}", 200, 0.003);
    metrics.record("GET", "/api/documents/{id}", 206, 0.02);
    metrics.record("GET", "/api/documents/{id}", 404, 0.0005);
    metrics.record("GET", "/api/search", 200, 30);  // past the last bucket: only in +Inf
    const std::string text = metrics.prometheus_text();
    const std::string ok = "method=\"GET\",route=\"/api/documents/{id}\",status=\"2xx\"";
    const struct {
        std::string line;
    } expected[] = {
        {"# TYPE tracuu_http_requests_total counter"},
        {"# TYPE tracuu_http_request_duration_seconds histogram"},
        {"tracuu_http_requests_total{" + ok + "} 2"},
        {"tracuu_http_requests_total{method=\"GET\",route=\"/api/documents/{id}\",status=\"4xx\"} 1"},
        {"tracuu_http_request_duration_seconds_bucket{" + ok + ",le=\"0.001\"} 0"},
        {"tracuu_http_request_duration_seconds_bucket{" + ok + ",le=\"0.005\"} 1"},
        {"tracuu_http_request_duration_seconds_bucket{" + ok + ",le=\"0.01\"} 1"},
        {"tracuu_http_request_duration_seconds_bucket{" + ok + ",le=\"0.025\"} 2"},
        {"tracuu_http_request_duration_seconds_bucket{" + ok + ",le=\"10\"} 2"},
        {"tracuu_http_request_duration_seconds_bucket{" + ok + ",le=\"+Inf\"} 2"},
        {"tracuu_http_request_duration_seconds_sum{" + ok + "} 0.023"},
        {"tracuu_http_request_duration_seconds_count{" + ok + "} 2"},
        {"tracuu_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/search\",status=\"2xx\",le=\"10\"} 0"},
        {"tracuu_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/search\",status=\"2xx\",le=\"+Inf\"} 1"},
    };
    for (const auto& row : expected) {
        CAPTURE(row.line);
        CHECK(has_line(text, row.line));
    }
}

TEST_CASE("a request without a known latency is counted but left out of the histogram") {
    RequestMetrics metrics;
    metrics.record("GET", "unmatched", 400, -1);
    const std::string text = metrics.prometheus_text();
    CHECK(has_line(text, "tracuu_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"4xx\"} 1"));
    CHECK(lines_starting(text, "tracuu_http_request_duration_seconds_").empty());
    CHECK(has_line(text, "# TYPE tracuu_http_request_duration_seconds histogram"));  // the family is still declared
}

TEST_CASE("unknown methods share one label and label values are escaped") {
    RequestMetrics metrics;
    metrics.record("BREW", "a\"b\\c\nd", 200, 0.001);
    metrics.record("XYZZY", "a\"b\\c\nd", 200, 0.001);
    metrics.record("HEAD", "/", 200, 0.001);
    const std::string text = metrics.prometheus_text();
    CHECK(has_line(text, "tracuu_http_requests_total{method=\"other\",route=\"a\\\"b\\\\c\\nd\",status=\"2xx\"} 2"));
    CHECK(has_line(text, "tracuu_http_requests_total{method=\"HEAD\",route=\"/\",status=\"2xx\"} 1"));
    CHECK(text.find("BREW") == std::string::npos);
}

TEST_CASE("sample values are written in the shortest form that reads back the same") {
    const struct {
        double value;
        const char* text;
    } rows[] = {{0.0025, "0.0025"}, {10, "10"}, {1e-05, "1e-05"}, {0.1 + 0.2, "0.30000000000000004"}};
    for (const auto& row : rows) {
        CAPTURE(row.text);
        CHECK(prometheus_number(row.value) == row.text);
    }
}

TEST_CASE("index metrics give documents, revision, a size per local folder and the caches") {
    IndexStatus status;
    status.documents = 47;
    status.revision = 12;
    status.answer_cache = {2048, 5, 7};
    status.term_set_cache = {1 << 20, 3, 4};
    status.warmed = 9;
    const std::string text = index_metrics_text(status, {{"var/index", 6479984}, {"b\"c", 1}});
    const char* lines[] = {
        "# TYPE tracuu_index_documents gauge",          "tracuu_index_documents 47",
        "# TYPE tracuu_index_revision gauge",           "tracuu_index_revision 12",
        "# TYPE tracuu_index_size_bytes gauge",         "tracuu_index_size_bytes{index=\"var/index\"} 6479984",
        "tracuu_index_size_bytes{index=\"b\\\"c\"} 1",  "# TYPE tracuu_cache_hits_total counter",
        "tracuu_cache_hits_total{cache=\"answers\"} 5", "tracuu_cache_misses_total{cache=\"answers\"} 7",
        "tracuu_cache_hits_total{cache=\"term_sets\"} 3", "tracuu_cache_capacity_entries{cache=\"answers\"} 2048",
        "tracuu_cache_capacity_bytes{cache=\"term_sets\"} 1048576", "tracuu_cache_warmed_total 9",
    };
    for (const char* line : lines) {
        CAPTURE(line);
        CHECK(has_line(text, line));
    }
    CHECK(lines_starting(text, "tracuu_cache_capacity_entries{cache=\"term_sets\"}").empty());  // bytes, not entries
    // Every sample belongs to a family declared before it.
    std::istringstream in(text);
    std::vector<std::string> declared;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("# TYPE ", 0) == 0) declared.push_back(line.substr(7, line.find(' ', 7) - 7));
        if (line.empty() || line[0] == '#') continue;
        const std::string name = line.substr(0, line.find_first_of("{ "));
        CAPTURE(line);
        CHECK(std::find(declared.begin(), declared.end(), name) != declared.end());
    }
}

TEST_CASE("the size of an index folder is the sum of its files, recursively") {
    TempDir dir;
    dir.write("index/a.glass", std::string(1000, 'a'));
    dir.write("index/b.glass", std::string(234, 'b'));
    dir.write("index/sub/c", std::string(5, 'c'));
    dir.write("index/iamchert", "");
    CHECK(folder_bytes(dir.path() / "index") == 1239u);
    CHECK(folder_bytes(dir.path() / "index" / "a.glass") == 1000u);  // a stub file counts itself
    CHECK_FALSE(folder_bytes(dir.path() / "missing").has_value());
}

}  // TEST_SUITE
