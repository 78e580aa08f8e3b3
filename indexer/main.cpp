// tracuu-index: parses options, opens the index, runs the indexer, reports; stops cleanly on SIGINT/SIGTERM.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <system_error>

#include "indexer/index_run.h"
#include "indexer/progress.h"
#include "indexer/stop_on_signals.h"
#include "indexer/writer.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSomeFilesFailed = 1;
constexpr int kExitUsage = 2;
/// Stopped by SIGINT or SIGTERM before the end (128 + SIGINT, what shells report for Ctrl-C).
constexpr int kExitInterrupted = 130;

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"tracuu-index: index Vietnamese documents (PDF, HTML, text) into a tracuu search index.\n"
                 "Re-running indexes only new and changed files, follows renamed ones and removes deleted ones."};
    app.set_version_flag("--version", "tracuu-index 0.1.0");
    app.footer("Exit status: 0 done; 1 some files failed (the rest is indexed); 2 bad usage, or the index cannot be opened,\n"
               "read or written (a folder that is not a tracuu index, an index of another version, a full disk, a damaged\n"
               "index: what was committed before stays); 130 stopped by SIGINT or SIGTERM (what was read is committed;\n"
               "run the same command again to continue).");
    std::string index_dir;
    std::vector<std::string> paths;
    std::string jsonl;
    bool quiet = false;
    tracuu::indexer::IndexOptions options;
    std::size_t max_file_mib = options.max_file_bytes >> 20;
    bool rebuild = false;
    app.add_option("--index", index_dir,
                   "index folder: a tracuu index, or an empty or missing folder (created); any other folder is refused")
        ->required()
        ->check([](const std::string& dir) { return dir.empty() ? std::string("the index folder name is empty") : std::string(); });
    app.add_flag("--rebuild", rebuild,
                 "start the index over (empty), then index the paths given: for an index written by another version of tracuu "
                 "(refused otherwise) or a damaged one; never done to a folder that is not a tracuu index");
    app.add_option("paths", paths, "files and folders to index (folders recursively)");
    app.add_option("--jsonl", jsonl, "import documents from a JSON-lines file ({\"_id\", \"text\", \"title\"})");
    app.add_option("--commit-every", options.commit_every, "documents between commits, at most")->check(CLI::PositiveNumber)->capture_default_str();
    app.add_option("--commit-seconds", options.commit_seconds, "seconds between commits, at most, while writing (0: by count only)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_option("--max-file-mib", max_file_mib, "skip files larger than this")->check(CLI::PositiveNumber)->capture_default_str();
    bool no_ocr = false;
    double ocr_page_seconds = options.extract.ocr.page_time_limit_ms / 1000.0;
    app.add_flag("--no-ocr", no_ocr, "do not read scanned PDF pages (pages without a text layer) with OCR");
    app.add_option("--ocr-page-seconds", ocr_page_seconds, "OCR time limit per scanned page; a slower page is left empty (a PDF left with no text at all is reported)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--threads", options.threads,
                   "threads extracting and analysing files (0: one per core; never more than the files to read); one more writes the index")
        ->check(CLI::Range(std::size_t{0}, tracuu::indexer::kMaxThreads))
        ->capture_default_str();
    app.add_flag("--quiet,-q", quiet, "no progress line or progress log; problems and the summary are still written");
    try {
        app.parse(argc, argv);
        if (paths.empty() && jsonl.empty()) throw CLI::ValidationError("nothing to index: give files or folders, or --jsonl FILE");
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kExitOk : kExitUsage;
    }
    options.max_file_bytes = static_cast<std::uintmax_t>(max_file_mib) << 20;
    options.extract.ocr.enabled = !no_ocr;
    options.extract.ocr.page_time_limit_ms = static_cast<int>(std::min(ocr_page_seconds * 1000.0, 86400000.0));

    // Held while a whole line is written, so that the stop notice never lands inside another.
    std::mutex output;
    const auto say = [&output](const std::string& line) {
        const std::lock_guard lock(output);
        std::cerr << line << std::flush;
    };
    // Before any thread starts, so that every thread leaves the signals to the watcher. A file in
    // progress can take long (OCR): the user learns at once that the signal was heard.
    std::optional<tracuu::indexer::StopOnSignals> stop;
    try {
        stop.emplace([&say](int signal) {
            say(std::string(isatty(STDERR_FILENO) == 1 ? "\n" : "") + "tracuu-index: " + tracuu::indexer::signal_name(signal) +
                " received: stopping after the files in progress (send it again to stop at once)\n");
        });
    } catch (const std::system_error& e) {
        // The watcher is the first thread: without it, nothing has been done yet.
        std::cerr << "tracuu-index: cannot start a thread (" << e.what()
                  << "): the limit on memory (ulimit -v) or processes (ulimit -u) is too low; nothing was done\n";
        return kExitUsage;
    }
    options.stop = stop->token();

    auto writer = tracuu::indexer::IndexWriter::open(
        index_dir, rebuild ? tracuu::indexer::OpenMode::Rebuild : tracuu::indexer::OpenMode::Update);
    if (!writer.ok()) {
        std::cerr << "tracuu-index: " << writer.error().message << '\n';
        return kExitUsage;
    }
    // A line redrawn in place only makes sense to a person watching; logs get whole lines.
    const auto style = quiet                      ? tracuu::indexer::ProgressStyle::Quiet
                       : isatty(STDERR_FILENO) == 1 ? tracuu::indexer::ProgressStyle::TerminalLine
                                                    : tracuu::indexer::ProgressStyle::LogLines;
    tracuu::indexer::ProgressReporter progress(std::cerr, style);
    tracuu::indexer::IndexEvents events = progress.events();
    const auto locked = [&output](auto call) {
        return [&output, call](const auto&... args) {
            const std::lock_guard lock(output);
            call(args...);
        };
    };
    events.on_problem = locked(events.on_problem);
    events.on_planned = locked(events.on_planned);
    events.on_file = locked(events.on_file);
    const auto report = locked([&progress](const tracuu::indexer::IndexProblem& p) { progress.problem(p); });

    const auto started = std::chrono::steady_clock::now();
    std::vector<tracuu::indexer::IndexSummary> parts;
    if (!paths.empty()) {
        const std::vector<std::filesystem::path> roots(paths.begin(), paths.end());
        parts.push_back(tracuu::indexer::index_paths(writer.value(), roots, options, events));
        locked([&progress] { progress.finish(); })();
    }
    const bool files_failed = !parts.empty() && parts.back().failure.has_value();
    if (!jsonl.empty() && files_failed) {
        // The index cannot be written: the import would only fail the same way.
    } else if (!jsonl.empty() && options.stop.stop_requested()) {
        parts.emplace_back().interrupted = true;  // stopped before the import began
    } else if (!jsonl.empty()) {
        parts.push_back(tracuu::indexer::import_jsonl(writer.value(), jsonl, options, report));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    const tracuu::indexer::IndexSummary total = tracuu::indexer::combined(parts);
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.2f s", seconds);
    // After a failure the counts are those committed before it, and a damaged index may not
    // even say how many documents it holds.
    if (total.failure) say("tracuu-index: " + total.failure->message + "\n");
    const auto held = writer.value().readable_document_count();
    say("tracuu-index: " + tracuu::indexer::summary_counts(total) + " in " + duration +
        (total.failure ? " (committed before the failure)" : "") + "; index " + index_dir +
        (held ? " holds " + std::to_string(*held) + " documents\n" : " cannot be read\n"));
    if (total.failure) return kExitUsage;
    if (total.interrupted) {
        say(std::string("tracuu-index: interrupted by ") + tracuu::indexer::signal_name(stop->received()) +
            ": what was read is committed; run the same command again to continue where it stopped (files already indexed are "
            "skipped as unchanged" + (jsonl.empty() ? "" : ", a --jsonl file is read again") + ")\n");
        return kExitInterrupted;
    }
    return total.problems.empty() ? kExitOk : kExitSomeFilesFailed;
}
