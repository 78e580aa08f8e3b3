// tracuu-eval: measures the search path on judged queries (a BEIR folder or a staff file).
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "bench/eval/evaluation.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBelowThreshold = 1;
constexpr int kExitUsage = 2;

namespace eval = tracuu::eval;

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"tracuu-eval: index a BEIR folder with the tracuu-index --jsonl import and measure R@1, R@10, MRR@10 and "
                 "nDCG@10 of the server's search on its queries, as written and without diacritics"};
    std::string beir;
    std::string index_dir;
    std::string staff_file;
    std::string typing = "both";
    bool per_query = false;
    double fail_under = 0;
    std::size_t term_set_cache_mib = 128;
    std::size_t postings_cache_mib = 256;
    app.add_option("--beir", beir, "BEIR folder: corpus.jsonl, queries.jsonl, qrels.tsv")->check(CLI::ExistingDirectory);
    app.add_option("--index", index_dir, "search this existing index instead of importing the BEIR corpus into a scratch one")
        ->check(CLI::ExistingDirectory);
    app.add_option("--queries", staff_file, "staff query file: query<TAB>expected id[<TAB>another id…] per line, # comments")
        ->check(CLI::ExistingFile);
    app.add_option("--typing", typing, "which runs: accented (as written), stripped (without diacritics) or both")
        ->check(CLI::IsMember({"both", "accented", "stripped"}))
        ->capture_default_str();
    app.add_flag("--per-query", per_query, "also list the rank of the first relevant document for every query");
    app.add_option("--term-set-cache", term_set_cache_mib,
                   "MiB of term sets, as tracuu-server's option: with them (the server's default) a query is counted by set "
                   "algebra and its phrases ranked within their matches; 0: one exhaustive pass per query")
        ->capture_default_str();
    app.add_option("--postings-cache", postings_cache_mib,
                   "MiB of kept postings, as tracuu-server's option: with them (the server's default) a new query's page is ranked "
                   "from its words' postings (the same page); 0: by Xapian")
        ->capture_default_str();
    app.add_option("--fail-under", fail_under, "exit with status 1 when a run's MRR@10 is below this")->check(CLI::Range(0.0, 1.0));
    try {
        app.parse(argc, argv);
        if (beir.empty() && staff_file.empty()) throw CLI::ValidationError("nothing to measure: give --beir DIR or --queries FILE");
        if (beir.empty() && index_dir.empty()) throw CLI::ValidationError("--queries needs an index: give --index DIR or --beir DIR");
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kExitOk : kExitUsage;
    }

    const auto queries = staff_file.empty() ? eval::read_beir_queries(beir) : eval::read_staff_queries(staff_file);
    if (!queries.ok()) {
        std::cerr << "tracuu-eval: " << queries.error().message << '\n';
        return kExitUsage;
    }

    std::unique_ptr<eval::ScratchDir> scratch;
    if (index_dir.empty()) {
        scratch = std::make_unique<eval::ScratchDir>();
        index_dir = (scratch->path() / "index").string();
        const auto started = std::chrono::steady_clock::now();
        const auto imported = eval::import_corpus(std::filesystem::path(beir) / "corpus.jsonl", index_dir, [](const auto& p) {
            std::cerr << "tracuu-eval: " << p.path << ": " << p.reason << '\n';
        });
        if (!imported.ok()) {
            std::cerr << "tracuu-eval: " << imported.error().message << '\n';
            return kExitUsage;
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::fprintf(stderr, "tracuu-eval: imported %zu documents (%zu failed) in %.1f s\n", imported.value().added,
                     imported.value().problems.size(), seconds);
    }

    // The sets and postings the server keeps, no answers: every query is asked once per run, and
    // the two runs must not share answers.
    tracuu::server::SearchCaches caches({.term_set_bytes = term_set_cache_mib << 20, .postings_bytes = postings_cache_mib << 20});
    auto searcher = tracuu::server::Searcher::open(std::vector<std::string>{index_dir}, &caches);
    if (!searcher.ok()) {
        std::cerr << "tracuu-eval: " << searcher.error().message << '\n';
        return kExitUsage;
    }
    std::vector<eval::RunReport> reports;
    if (typing != "stripped") reports.push_back(eval::run_queries(searcher.value(), queries.value().queries, eval::Typing::AsWritten));
    if (typing != "accented") reports.push_back(eval::run_queries(searcher.value(), queries.value().queries, eval::Typing::WithoutDiacritics));

    std::cout << "tracuu-eval: " << searcher.value().status().documents << " documents, " << queries.value().queries.size()
              << " judged queries";
    if (queries.value().unjudged > 0) std::cout << " (" << queries.value().unjudged << " without judgements left out)";
    std::cout << "\n\n" << eval::format_summary(reports);
    if (per_query) std::cout << '\n' << eval::format_per_query(reports);
    std::cerr << eval::format_timing(reports);

    for (const auto& r : reports) {
        if (r.mean.mrr_at_10 < fail_under) return kExitBelowThreshold;
    }
    return kExitOk;
}
