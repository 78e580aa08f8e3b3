/** @file
 *  @brief A time limit for counting a query's matches that stops Xapian's matcher safely.
 */
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstdint>

namespace tracuu::server {

/// When counting a query's matches must give up (time_point::max(): never).
using CountDeadline = std::chrono::steady_clock::time_point;

/// Thrown out of Xapian's matcher by StopAtDeadline: the matches were not all seen.
struct MatchingTimedOut {};

/** A match spy that ends a match in progress once its deadline has passed, by throwing
 *  MatchingTimedOut out of Enquire::get_mset() (Xapian unwinds cleanly: no leak, checked with
 *  valgrind). It looks at the clock on the first match and every 256th after, so a deadline
 *  already past stops at the first match.
 *
 *  Why not Enquire::set_time_limit(): Xapian 1.4 sets its flag from a POSIX timer thread
 *  (SIGEV_THREAD) into the matcher's stack frame, and a timer firing as the match returns writes
 *  into whatever uses that stack next (seen as crashes with short limits). It also only shortens
 *  the count, and its estimates of these queries are far off (bench/perf/PROFILE.md). */
class StopAtDeadline : public Xapian::MatchSpy {
public:
    explicit StopAtDeadline(CountDeadline deadline) : m_deadline(deadline) {}
    void operator()(const Xapian::Document&, double) override {
        if (m_seen++ % 256 == 0 && std::chrono::steady_clock::now() >= m_deadline) throw MatchingTimedOut{};
    }

private:
    CountDeadline m_deadline;
    std::uint64_t m_seen = 0;
};

}  // namespace tracuu::server
