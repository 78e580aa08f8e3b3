#include "indexer/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tracuu::indexer {
namespace {

// Redrawing more often than this only costs time: nobody reads a line that changes faster.
constexpr auto kRedrawInterval = std::chrono::milliseconds(200);
// Return to the start of the line and erase it (ANSI "erase in line"), understood by every
// terminal emulator in use; only written when stderr is a terminal.
constexpr const char* kClearLine = "\r\x1b[K";

std::string one_decimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

}  // namespace

ProgressReporter::ProgressReporter(std::ostream& out, ProgressStyle style, std::string prefix, std::size_t log_every)
    : m_out(out), m_style(style), m_prefix(std::move(prefix)), m_log_every(std::max<std::size_t>(log_every, 1)) {}

void ProgressReporter::planned(std::size_t files, std::uintmax_t bytes, Clock::time_point now) {
    m_total_files = files;
    m_started = now;
    if (m_style == ProgressStyle::LogLines) {
        m_out << m_prefix << files << " files to read (" << one_decimal(static_cast<double>(bytes) / 1e6) << " MB)\n";
    }
    if (m_style == ProgressStyle::TerminalLine) draw(now);
}

void ProgressReporter::file_done(const FileDone& file, Clock::time_point now) {
    ++m_done_files;
    m_done_bytes += file.bytes;
    m_pages += file.pages;
    switch (m_style) {
        case ProgressStyle::TerminalLine:
            if (now - m_last_draw >= kRedrawInterval || m_done_files == m_total_files) draw(now);
            break;
        case ProgressStyle::LogLines:
            if (m_done_files % m_log_every == 0) m_out << m_prefix << status(now) << '\n';
            break;
        case ProgressStyle::Quiet: break;
    }
}

void ProgressReporter::problem(const IndexProblem& problem) {
    if (m_line_shown) m_out << kClearLine;
    m_out << m_prefix << problem.path << ": " << problem.reason << '\n';
    if (m_line_shown) {
        m_line_shown = false;
        draw(m_last_draw);
    }
}

void ProgressReporter::finish() {
    if (!m_line_shown) return;
    m_out << kClearLine << std::flush;
    m_line_shown = false;
}

std::string ProgressReporter::status(Clock::time_point now) const {
    const double seconds = std::chrono::duration<double>(now - m_started).count();
    std::string text = std::to_string(m_done_files) + "/" + std::to_string(m_total_files) + " files, " +
                       std::to_string(m_pages) + " pages";
    if (seconds <= 0 || m_done_files == 0) return text;
    const double files_per_second = static_cast<double>(m_done_files) / seconds;
    text += ", " + one_decimal(files_per_second) + " files/s, " +
            one_decimal(static_cast<double>(m_done_bytes) / 1e6 / seconds) + " MB/s";
    // Files, not bytes, set the pace: unchanged files are read as fast as the disk goes, while a
    // small PDF can take longer than a large text file.
    const std::size_t left = m_total_files > m_done_files ? m_total_files - m_done_files : 0;
    if (left > 0) text += ", ETA " + format_duration(static_cast<double>(left) / files_per_second);
    return text;
}

IndexEvents ProgressReporter::events() {
    IndexEvents events;
    events.on_problem = [this](const IndexProblem& p) { problem(p); };
    events.on_planned = [this](std::size_t files, std::uintmax_t bytes) { planned(files, bytes, Clock::now()); };
    events.on_file = [this](const FileDone& file) { file_done(file, Clock::now()); };
    return events;
}

void ProgressReporter::draw(Clock::time_point now) {
    m_out << kClearLine << m_prefix << status(now) << std::flush;
    m_line_shown = true;
    m_last_draw = now;
}

std::string summary_counts(const IndexSummary& s) {
    std::string why;
    const auto reason = [&why](std::size_t count, const char* one, const char* many) {
        if (count == 0) return;
        why += (why.empty() ? " (" : ", ") + std::to_string(count) + ' ' + (count == 1 ? one : many);
    };
    reason(s.empty, "empty", "empty");
    reason(s.other_types, "other type", "other types");
    reason(s.folder_links, "folder link", "folder links");
    if (!why.empty()) why += ')';
    return std::to_string(s.added) + " added, " + std::to_string(s.updated) + " updated, " + std::to_string(s.unchanged) +
           " unchanged, " + std::to_string(s.renamed) + " renamed, " + std::to_string(s.removed) + " removed, " +
           std::to_string(s.skipped) + " skipped" + why + ", " + std::to_string(s.problems.size()) + " failed";
}

std::string format_duration(double seconds) {
    const auto whole = static_cast<long long>(std::llround(std::clamp(seconds, 0.0, 1e9)));
    char text[48];
    if (whole < 60) {
        std::snprintf(text, sizeof text, "%lld s", whole);
    } else if (whole < 3600) {
        std::snprintf(text, sizeof text, "%lld min %02lld s", whole / 60, whole % 60);
    } else {
        std::snprintf(text, sizeof text, "%lld h %02lld min", whole / 3600, (whole % 3600) / 60);
    }
    return text;
}

}  // namespace tracuu::indexer
