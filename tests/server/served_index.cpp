#include "tests/server/served_index.h"

#include <stdexcept>

#include "indexer/index_run.h"

namespace tracuu::testing {

ServedIndex::ServedIndex(const ServedIndexOptions& options) {
    std::filesystem::create_directories(docs());
    for (const auto& [path, bytes] : options.files) m_dir.write(std::filesystem::path("docs") / path, bytes);
    {
        auto writer = indexer::IndexWriter::open(index());
        if (!writer.ok()) throw std::runtime_error(writer.error().message);
        (void)indexer::index_paths(writer.value(), {docs()}, {}, nullptr);
        if (!options.jsonl.empty()) (void)indexer::import_jsonl(writer.value(), m_dir.write("import.jsonl", options.jsonl), {}, nullptr);
    }
    auto pool = server::SearcherPool::open(std::vector<std::string>{index().string()}, 2, &m_caches);
    if (!pool.ok()) throw std::runtime_error(pool.error().message);
    m_pool = std::move(pool).value();
    m_services = std::make_unique<server::Services>(
        server::Services{*m_pool, m_dir.path() / "web", nullptr, "", &m_metrics, {index().string()}});
    server::HttpServerOptions http;
    http.port = 0;
    http.threads = 4;
    http.request_burst = options.burst;
    http.requests_per_second = options.per_second;
    m_http = std::make_unique<server::HttpServer>(http, &m_metrics);
    server::register_routes(*m_http, *m_services);
    m_port = m_http->bind();
    if (m_port <= 0) throw std::runtime_error("cannot bind a loopback port");
    m_thread = std::thread([this] { m_http->listen(); });
}

ServedIndex::~ServedIndex() {
    m_http->stop();
    m_thread.join();
}

httplib::Client ServedIndex::client() const {
    httplib::Client c("127.0.0.1", m_port);
    c.set_read_timeout(30, 0);
    c.set_keep_alive(true);
    return c;
}

nlohmann::json json_of(const httplib::Result& res) { return res ? nlohmann::json::parse(res->body, nullptr, false) : nlohmann::json(); }

}  // namespace tracuu::testing
