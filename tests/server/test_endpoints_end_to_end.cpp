// The document file, /metrics and the API description from the real tracuu-server binary.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "indexer/doc_id.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_server.h"

using tracuu::testing::run_command;
using tracuu::testing::TempDir;
using tracuu::testing::TestServer;

namespace {

const std::string kPlans = std::string(TRACUU_SOURCE_DIR) + "/corpus/plans";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_SUITE("end to end") {

TEST_CASE("tracuu-server sends a document's original file, counts it in /metrics, and describes its API") {
    TempDir dir;
    const auto index = run_command({TRACUU_INDEX_BIN, "--quiet", "--index", (dir.path() / "index").string(), kPlans});
    CAPTURE(index.output);
    REQUIRE(index.exit_code == 0);
    const TestServer server({"--index", (dir.path() / "index").string()});
    REQUIRE(server.port() > 0);

    // One keep-alive connection: each answer is recorded before the next request is read.
    httplib::Client client("127.0.0.1", server.port());
    client.set_keep_alive(true);
    client.set_read_timeout(30, 0);
    for (const char* name : {"kh13-2025-ninh-binh.pdf", "kh13-2025-ninh-binh.txt"}) {  // the PDF is larger than one piece of the stream
        CAPTURE(name);
        const auto file = client.Get("/api/documents/" + tracuu::indexer::id_for_file(name) + "/file");
        REQUIRE(file);
        CHECK(file->status == 200);
        CHECK(file->body == read_file(kPlans + "/" + name));
    }
    const auto missing = client.Get("/api/documents/no-such-document/file");
    REQUIRE(missing);
    CHECK(missing->status == 404);

    const auto metrics = client.Get("/metrics");
    REQUIRE(metrics);
    REQUIRE(metrics->status == 200);
    CHECK(metrics->body.find("tracuu_http_requests_total{method=\"GET\",route=\"/api/documents/{id}/file\",status=\"2xx\"} 2\n") !=
          std::string::npos);
    CHECK(metrics->body.find("tracuu_http_requests_total{method=\"GET\",route=\"/api/documents/{id}/file\",status=\"4xx\"} 1\n") !=
          std::string::npos);
    const auto health = server.get_json("/healthz");
    REQUIRE(health.contains("revision"));
    CHECK(metrics->body.find("\ntracuu_index_revision " + std::to_string(health["revision"].get<long long>()) + "\n") != std::string::npos);
    CHECK(metrics->body.find("\ntracuu_index_size_bytes{index=\"" + (dir.path() / "index").string() + "\"} ") != std::string::npos);

    const auto description = server.get_json("/api/openapi.json");
    REQUIRE(description.contains("openapi"));
    CHECK(description["openapi"].get<std::string>().rfind("3.", 0) == 0);
    CHECK(description["paths"].contains("/api/documents/{id}/file"));
}

}  // TEST_SUITE
