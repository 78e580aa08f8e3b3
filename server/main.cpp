// tracuu-server: parses options, opens the index, wires the services, serves until SIGINT/SIGTERM.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <thread>

#include "indexer/stop_on_signals.h"
#include "server/cache_warmer.h"
#include "server/request_metrics.h"
#include "server/routes.h"
#include "server/shards.h"
#include "server/search_caches.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitNoIndex = 1;
constexpr int kExitUsage = 2;

/// A cache bounded in MiB, from 0 (off) to 1 TiB.
void add_mib_option(CLI::App& app, const std::string& name, std::size_t& mib, const std::string& description) {
    app.add_option(name, mib, description)->check(CLI::Range(std::size_t{0}, std::size_t{1} << 20))->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"tracuu-server: search a tracuu index over HTTP (JSON API and web pages)"};
    app.set_version_flag("--version", "tracuu-server 0.1.0");
    std::vector<std::string> shards;
    std::string web_dir = TRACUU_DEFAULT_WEB_DIR;
    tracuu::server::HttpServerOptions http;
    app.add_option("--index", shards, "index folder written by tracuu-index, or tcp://HOST:PORT of a xapian-tcpsrv; repeat to search several shards as one")
        ->required();
    app.add_option("--host", http.host, "address to listen on")->capture_default_str();
    app.add_option("--port", http.port, "port to listen on (0: any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
    // Searches are CPU-bound: more at once than cores only adds queueing. Connections are
    // mostly idle (keep-alive), so they get threads of their own, many more than searchers.
    std::size_t searchers = std::max(1u, std::thread::hardware_concurrency());
    // Entries, per index revision (search_caches.h); an answer of 10 hits is about 11 kB.
    std::size_t answer_cache = 2048;
    std::size_t count_cache = 4096;
    std::size_t suggestion_cache = 4096;
    std::size_t term_set_cache_mib = 128;
    std::size_t postings_cache_mib = 256;
    std::size_t document_cache_mib = 64;
    app.add_option("--answer-cache", answer_cache, "search answers kept for the index revision (0: compute every search anew)")
        ->capture_default_str();
    app.add_option("--count-cache", count_cache,
                   "searches whose total and facet counts are kept for the index revision (0: count every search anew)")
        ->capture_default_str();
    app.add_option("--suggest-cache", suggestion_cache, "typed prefixes whose suggestions are kept for the index revision (0: none)")
        ->capture_default_str();
    add_mib_option(app, "--term-set-cache", term_set_cache_mib,
                   "MiB of the sets of documents of query terms kept for the index revision, to count new queries by set "
                   "algebra (0: count every search by walking its matches)");
    add_mib_option(app, "--postings-cache", postings_cache_mib,
                   "MiB of the postings of query words kept for the index revision, to rank new queries without walking "
                   "every match (0: rank with Xapian's matcher)");
    add_mib_option(app, "--document-cache", document_cache_mib,
                   "MiB of the stored documents search results show, unzipped and parsed, kept for the index revision (0: read "
                   "each result)");
    std::size_t warm = 32;
    app.add_option("--warm", warm,
                   "latest searches computed again in the background when the index changes, so they stay cached (0: none)")
        ->capture_default_str();
    double count_seconds = tracuu::server::Searcher::kDefaultCountSeconds;
    app.add_option("--count-seconds", count_seconds,
                   "seconds a search may spend counting its matches; past that its total is an estimate (total_exact: false)")
        ->check(CLI::Range(0.001, tracuu::server::Searcher::kMaxCountSeconds))
        ->capture_default_str();
    app.add_option("--threads", searchers, "searches run at once, each with its own index reader (default: the number of cores)")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    app.add_option("--connections", http.threads, "connections served at once, one thread each")->check(CLI::Range(1, 4096))->capture_default_str();
    app.add_option("--keep-alive", http.keep_alive_seconds, "seconds an idle keep-alive connection is kept open")
        ->check(CLI::Range(0, 600))
        ->capture_default_str();
    app.add_option("--web", web_dir, "folder of the web pages")->capture_default_str();
    app.add_option("--cors-origin", http.cors_origins, "origin whose pages may call the API (repeatable), e.g. https://so.example.gov.vn");
    app.add_option("--rate", http.requests_per_second, "requests per second allowed per client address")->check(CLI::PositiveNumber)->capture_default_str();
    app.add_option("--burst", http.request_burst, "requests per client address allowed at once")->check(CLI::PositiveNumber)->capture_default_str();
    std::string admin_token_file;
    std::vector<std::string> sources;
    app.add_option("--admin-token-file", admin_token_file, "file holding the bearer token for POST /api/admin/reindex")->check(CLI::ExistingFile);
    app.add_option("--source", sources, "folder that POST /api/admin/reindex indexes (repeatable)");
    CLI11_PARSE(app, argc, argv);

    std::string admin_token;
    if (!admin_token_file.empty()) {
        std::ifstream in(admin_token_file);
        std::getline(in, admin_token);
        while (!admin_token.empty() && std::isspace(static_cast<unsigned char>(admin_token.back()))) admin_token.pop_back();
        if (admin_token.size() < 16) {
            std::cerr << "tracuu-server: the admin token in " << admin_token_file << " is shorter than 16 characters\n";
            return kExitUsage;
        }
    }

    const std::string& index_dir = shards.front();  // the local index re-indexing writes to
    const bool one_local_index = shards.size() == 1 && !tracuu::server::is_remote(shards.front());
    const bool warming = warm > 0 && answer_cache > 0 && one_local_index;  // only such answers are cached
    tracuu::server::SearchCaches caches({.answers = answer_cache,
                                         .counts = count_cache,
                                         .suggestions = suggestion_cache,
                                         .recent = warming ? warm : 0,
                                         .term_set_bytes = term_set_cache_mib << 20,
                                         .postings_bytes = postings_cache_mib << 20,
                                         .document_bytes = document_cache_mib << 20});
    auto pool = tracuu::server::SearcherPool::open(shards, searchers, &caches, count_seconds);
    if (!pool.ok()) {
        std::cerr << "tracuu-server: " << pool.error().message << '\n';
        return kExitNoIndex;
    }
    std::optional<tracuu::server::Searcher> warmer_searcher;
    if (warming) {
        auto searcher = tracuu::server::Searcher::open(shards, &caches, count_seconds);
        if (!searcher.ok()) {
            std::cerr << "tracuu-server: " << searcher.error().message << '\n';
            return kExitNoIndex;
        }
        warmer_searcher.emplace(std::move(searcher).value());
    }
    tracuu::server::Reindexer reindexer(index_dir, std::vector<std::filesystem::path>(sources.begin(), sources.end()));
    tracuu::server::RequestMetrics metrics;  // recorded by the HTTP server, read by GET /metrics
    tracuu::server::Services services{*pool.value(), web_dir, &reindexer, admin_token, &metrics, {}};
    std::copy_if(shards.begin(), shards.end(), std::back_inserter(services.local_indexes),
                 [](const std::string& shard) { return !tracuu::server::is_remote(shard); });
    tracuu::server::HttpServer server(http, &metrics);
    tracuu::server::register_routes(server, services);

    // SIGINT and SIGTERM stop the server (the same watcher as tracuu-index: no handler, no global
    // state); made before any thread starts, so that every thread leaves the signals to it.
    const tracuu::indexer::StopOnSignals stop_signals([&server](int) { server.stop(); });
    // Started after the watcher, like every thread: a thread started before it would take the
    // signal and end the process without a clean stop.
    std::optional<tracuu::server::CacheWarmer> warmer;
    if (warmer_searcher) warmer.emplace(std::move(*warmer_searcher), caches);

    const int port = server.bind();
    if (port < 0) {
        std::cerr << "tracuu-server: cannot listen on " << http.host << ":" << http.port << " (in use, or not allowed)\n";
        return kExitUsage;
    }
    const auto status = services.searchers.acquire()->status();
    std::cout << "tracuu-server: serving " << status.documents << " documents from " << shards.size() << " shard(s) on http://" << http.host
              << ":" << port << "/" << std::endl;

    server.listen();  // until a signal stops it
    std::cout << "tracuu-server: stopping (signal " << stop_signals.received() << ")" << std::endl;
    return kExitOk;
}
