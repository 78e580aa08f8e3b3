/** @file
 *  @brief What tracuu-index shows while it works: one progress line redrawn on a terminal, plain
 *  log lines otherwise, each problem on its own line, and the summary at the end.
 */
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

#include "indexer/index_run.h"

namespace tracuu::indexer {

/// How progress is shown.
enum class ProgressStyle {
    TerminalLine,  ///< one line redrawn in place with '\r', at most five times a second
    LogLines,      ///< a plain line every `log_every` files, for pipes and log files
    Quiet,         ///< no progress at all; problems are still written
};

/** Turns the events of index_paths() into text on a stream.
 *
 *  Every line starts with `prefix`. A progress line reads
 *  `1200/3000 files, 45 pages, 85.2 files/s, 1.3 MB/s, ETA 21 s`: files finished (failed ones
 *  included) of those planned, pages extracted so far, the average rates since planned() (bytes
 *  read, in decimal megabytes) and the time left at that rate. Problems are written as
 *  `prefix path: reason` lines; on a terminal the progress line is cleared first and redrawn
 *  after. Times are parameters so that tests drive the clock; events() feeds the real one.
 *  Not thread-safe: index_paths() calls back from one thread.
 */
class ProgressReporter {
public:
    using Clock = std::chrono::steady_clock;

    /// Writes to `out`, which must outlive the reporter. `log_every` is clamped to at least 1.
    ProgressReporter(std::ostream& out, ProgressStyle style, std::string prefix = "tracuu-index: ", std::size_t log_every = 100);

    /// The run's size is known; rates and the ETA are measured from `now`.
    void planned(std::size_t files, std::uintmax_t bytes, Clock::time_point now);
    /// One more file finished.
    void file_done(const FileDone& file, Clock::time_point now);
    /// Writes one problem on its own line (in every style, Quiet included).
    void problem(const IndexProblem& problem);
    /// Clears the progress line, if one is shown, so that the summary starts on a clean line.
    void finish();

    /// The current progress text, without prefix.
    [[nodiscard]] std::string status(Clock::time_point now) const;

    /// Events wired to this reporter and the steady clock; valid while the reporter lives.
    [[nodiscard]] IndexEvents events();

private:
    void draw(Clock::time_point now);

    std::ostream& m_out;
    ProgressStyle m_style;
    std::string m_prefix;
    std::size_t m_log_every;
    std::size_t m_total_files = 0;
    std::size_t m_done_files = 0;
    std::uintmax_t m_done_bytes = 0;
    std::uintmax_t m_pages = 0;
    Clock::time_point m_started{};
    Clock::time_point m_last_draw{};
    bool m_line_shown = false;  ///< a terminal line is on screen without its newline
};

/** The counts of a run in words: `12 added, 3 updated, 40 unchanged, 1 renamed, 2 removed, 5 skipped
 *  (2 empty, 2 other types, 1 folder link), 1 failed`; the reasons for skipping that occurred are
 *  named in that order. */
[[nodiscard]] std::string summary_counts(const IndexSummary& summary);

/// A duration for people: `8 s`, `2 min 05 s`, `1 h 02 min`; negative values count as 0.
[[nodiscard]] std::string format_duration(double seconds);

}  // namespace tracuu::indexer
