// tracuu-perf-analyzer: single-thread throughput of the Vietnamese analyzer on real text.
//
//   tracuu-perf-analyzer [--repeat N] FILE_OR_DIR...
//
// Reads every .txt file given (folders recursively), then times, on one thread:
//   1. normalize_text() over every file,
//   2. Analyzer(AnalysisMode::Index).analyze() over every normalised text (N passes),
// and prints one JSON object: bytes, files, tokens (per pass), seconds and tokens/s for analyze
// alone and for normalize+analyze (wall clock, best pass), and tokens per CPU-second of the
// analysing thread (best pass), which other processes on a shared machine disturb less. Tokens counts every Token returned (syllables, numbers, parts,
// whole identifiers and dates), which is what the indexer turns into postings.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/normalize.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// CPU time of the calling thread: on a shared machine, time the thread actually ran.
static double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

static std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int main(int argc, char** argv) {
    int repeat = 3;
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--repeat" && i + 1 < argc) {
            repeat = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--help" || a == "-h") {
            std::puts("usage: tracuu-perf-analyzer [--repeat N] FILE_OR_DIR...");
            return 0;
        } else {
            inputs.emplace_back(a);
        }
    }
    std::vector<fs::path> files;
    for (const auto& in : inputs) {
        if (fs::is_directory(in)) {
            for (const auto& e : fs::recursive_directory_iterator(in))
                if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
        } else if (fs::is_regular_file(in)) {
            files.push_back(in);
        }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::fputs("tracuu-perf-analyzer: no .txt files\n", stderr);
        return 2;
    }
    std::vector<std::string> raw;
    std::size_t bytes = 0;
    for (const auto& f : files) {
        raw.push_back(read_file(f));
        bytes += raw.back().size();
    }

    using tracuu::analyzers::Analyzer;
    using tracuu::analyzers::AnalysisMode;
    const Analyzer analyzer(AnalysisMode::Index);

    // normalize_text alone
    std::vector<std::string> norm;
    norm.reserve(raw.size());
    auto t0 = Clock::now();
    for (const auto& r : raw) norm.push_back(tracuu::analyzers::normalize_text(r));
    const double norm_s = std::chrono::duration<double>(Clock::now() - t0).count();

    // warm-up pass (ICU data, allocator), not timed
    std::size_t tokens = 0, words = 0;
    for (const auto& n : norm) {
        auto toks = analyzer.analyze(n);
        tokens += toks.size();
        for (const auto& t : toks)
            if (t.kind == tracuu::analyzers::TokenKind::Word) ++words;
    }

    double best = 1e300, total = 0, best_cpu = 1e300;
    std::size_t check = 0;
    for (int r = 0; r < repeat; ++r) {
        const double c1 = thread_cpu_seconds();
        auto t1 = Clock::now();
        std::size_t n_tok = 0;
        for (const auto& n : norm) n_tok += analyzer.analyze(n).size();
        const double s = std::chrono::duration<double>(Clock::now() - t1).count();
        best = std::min(best, s);
        best_cpu = std::min(best_cpu, thread_cpu_seconds() - c1);
        total += s;
        check += n_tok;
    }
    const double mean = total / repeat;
    const auto tok = static_cast<double>(tokens), wtok = static_cast<double>(words), mb = static_cast<double>(bytes) / 1e6;
    std::printf(
        "{\"files\": %zu, \"bytes\": %zu, \"tokens\": %zu, \"word_tokens\": %zu, \"repeat\": %d, "
        "\"normalize_s\": %.4f, \"analyze_best_s\": %.4f, \"analyze_mean_s\": %.4f, "
        "\"tokens_per_s\": %.0f, \"tokens_per_s_mean\": %.0f, \"word_tokens_per_s\": %.0f, "
        "\"tokens_per_s_with_normalize\": %.0f, \"mb_per_s\": %.2f, \"analyze_best_cpu_s\": %.4f, "
        "\"tokens_per_cpu_s\": %.0f, \"check\": %zu}\n",
        files.size(), bytes, tokens, words, repeat, norm_s, best, mean, tok / best, tok / mean,
        wtok / best, tok / (best + norm_s), mb / best, best_cpu, tok / best_cpu, check);
    return 0;
}
