// tracuu-perf-pdf: single-thread speed of PDF text extraction (indexer::extract_pdf) next to
// pdftotext on the same files, in the same run.
//
//   tracuu-perf-pdf [--repeat N] [--dump DIR] [--no-pdftotext] [--no-ocr] FILE.pdf...
//
// For each file: extract_pdf() N times (best wall time kept), then `pdftotext -enc UTF-8 FILE
// /dev/null` N times (best kept). Prints one JSON line per file and a total line with pages,
// seconds and pages/s of both, their ratio, and the load average before and after. extract_cpu_s
// is the best CPU time of this process over one extract_pdf() call (all its threads), which other
// processes on a shared machine disturb less than the wall time.
// --dump DIR writes each file's extracted text (ExtractedText::text, then a line "@@title: "
// with format_title) to DIR/NAME.txt, so two builds' outputs can be compared byte for byte.
// --no-ocr switches OCR of pages without a text layer off (OcrOptions::enabled), to tell the
// text-layer work from Tesseract's.
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/extract.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// CPU time of this process (all threads: Tesseract may use OpenMP ones).
static double process_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

static std::string loadavg() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

/// Wall seconds of one `pdftotext -enc UTF-8 file /dev/null`, or a negative value on failure.
static double time_pdftotext(const std::string& file) {
    const auto t0 = Clock::now();
    const pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        execlp("pdftotext", "pdftotext", "-enc", "UTF-8", file.c_str(), "/dev/null", static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? s : -1;
}

int main(int argc, char** argv) {
    int repeat = 3;
    bool with_pdftotext = true;
    tracuu::indexer::OcrOptions ocr;
    std::string dump;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--repeat" && i + 1 < argc) {
            repeat = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--dump" && i + 1 < argc) {
            dump = argv[++i];
        } else if (arg == "--no-ocr") {
            ocr.enabled = false;
        } else if (arg == "--no-pdftotext") {
            with_pdftotext = false;
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty()) {
        std::cerr << "usage: tracuu-perf-pdf [--repeat N] [--dump DIR] [--no-pdftotext] [--no-ocr] FILE.pdf...\n";
        return 2;
    }
    if (!dump.empty()) fs::create_directories(dump);

    const std::string load_before = loadavg();
    unsigned total_pages = 0;
    double total_extract = 0;
    double total_cpu = 0;
    double total_pdftotext = 0;
    bool pdftotext_ok = with_pdftotext;
    for (const std::string& file : files) {
        const std::string bytes = read_file(file);
        double best = 1e300;
        double best_cpu = 1e300;
        unsigned pages = 0;
        std::string text;
        std::string title;
        for (int r = 0; r < repeat; ++r) {
            const double c0 = process_cpu_seconds();
            const auto t0 = Clock::now();
            auto result = tracuu::indexer::extract_pdf(bytes, ocr);
            const double s = std::chrono::duration<double>(Clock::now() - t0).count();
            best_cpu = std::min(best_cpu, process_cpu_seconds() - c0);
            if (!result.ok()) {
                std::cerr << file << ": " << result.error().message << "\n";
                return 1;
            }
            best = std::min(best, s);
            pages = result.value().pages;
            if (r == 0) {
                text = std::move(result.value().text);
                title = std::move(result.value().format_title);
            }
        }
        double best_p = 1e300;
        for (int r = 0; pdftotext_ok && r < repeat; ++r) {
            const double s = time_pdftotext(file);
            if (s < 0) {
                pdftotext_ok = false;
                break;
            }
            best_p = std::min(best_p, s);
        }
        total_pages += pages;
        total_extract += best;
        total_cpu += best_cpu;
        if (pdftotext_ok) total_pdftotext += best_p;
        std::printf("{\"file\": \"%s\", \"pages\": %u, \"extract_s\": %.4f, \"extract_pages_per_s\": %.1f, \"extract_cpu_s\": %.4f",
                    fs::path(file).filename().c_str(), pages, best, pages / best, best_cpu);
        if (pdftotext_ok) std::printf(", \"pdftotext_s\": %.4f, \"pdftotext_pages_per_s\": %.1f", best_p, pages / best_p);
        std::printf("}\n");
        if (!dump.empty()) {
            std::ofstream out(fs::path(dump) / (fs::path(file).stem().string() + ".txt"), std::ios::binary);
            out << text << "\n@@title: " << title << "\n";
        }
    }
    std::printf("{\"total\": true, \"files\": %zu, \"pages\": %u, \"extract_s\": %.3f, \"extract_pages_per_s\": %.1f, \"extract_cpu_s\": %.3f, "
                "\"extract_pages_per_cpu_s\": %.1f",
                files.size(), total_pages, total_extract, total_pages / total_extract, total_cpu, total_pages / total_cpu);
    if (pdftotext_ok) {
        std::printf(", \"pdftotext_s\": %.3f, \"pdftotext_pages_per_s\": %.1f, \"ratio\": %.3f", total_pdftotext,
                    total_pages / total_pdftotext, total_pdftotext / total_extract);
    }
    std::printf(", \"repeat\": %d, \"load\": \"%s -> %s\"}\n", repeat, load_before.c_str(), loadavg().c_str());
    return 0;
}
