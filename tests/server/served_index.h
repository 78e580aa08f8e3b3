/** @file
 *  @brief A small index of files a test writes, served in-process with request metrics on a
 *  free loopback port, for the tests of the document file, /metrics and the API description.
 */
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "server/request_metrics.h"
#include "server/routes.h"
#include "tests/support/temp_dir.h"

namespace tracuu::testing {

struct ServedIndexOptions {
    std::vector<std::pair<std::string, std::string>> files;  ///< (path under docs/, bytes), indexed as files
    std::string jsonl;        ///< JSON lines imported as documents without files ("": none)
    double burst = 1000;      ///< requests per client at once
    double per_second = 0.5;  ///< requests per client per second, sustained
};

/** Writes `files` under `docs()`, indexes that folder (and imports `jsonl`), and serves the
 *  index with register_routes() and a RequestMetrics, as tracuu-server wires them. Stopped when
 *  the object goes away. */
class ServedIndex {
public:
    explicit ServedIndex(const ServedIndexOptions& options);
    ~ServedIndex();
    ServedIndex(const ServedIndex&) = delete;
    ServedIndex& operator=(const ServedIndex&) = delete;

    /** A keep-alive client: the requests it sends go over one connection, so each is answered,
     *  and recorded in the metrics, before the next is read. */
    [[nodiscard]] httplib::Client client() const;
    /// The folder the files were written to and indexed from.
    [[nodiscard]] std::filesystem::path docs() const { return m_dir.path() / "docs"; }
    [[nodiscard]] std::filesystem::path index() const { return m_dir.path() / "index"; }
    [[nodiscard]] server::HttpServer& http() { return *m_http; }
    [[nodiscard]] server::Services& services() { return *m_services; }

private:
    TempDir m_dir;
    server::SearchCaches m_caches{{.answers = 16, .counts = 16, .suggestions = 16, .recent = 0, .term_set_bytes = 1 << 20}};
    server::RequestMetrics m_metrics;
    std::unique_ptr<server::SearcherPool> m_pool;
    std::unique_ptr<server::Services> m_services;
    std::unique_ptr<server::HttpServer> m_http;
    int m_port = -1;
    std::thread m_thread;
};

/// The body of an answer as JSON (discarded: null), or null when nothing answered.
[[nodiscard]] nlohmann::json json_of(const httplib::Result& res);

}  // namespace tracuu::testing
