/** @file
 *  @brief SIGINT and SIGTERM as a stop request, for a command that must not lose its work.
 */
#pragma once

#include <signal.h>

#include <atomic>
#include <functional>
#include <stop_token>
#include <thread>

namespace tracuu::indexer {

/// "SIGINT" or "SIGTERM".
[[nodiscard]] const char* signal_name(int signal);

/** Turns the first SIGINT or SIGTERM into a stop request (and a call of `on_stop`, on the
 *  watcher's thread), and a second one into the signal's default action (the process ends at
 *  once; the index still opens, as after any kill).
 *
 *  The signals are blocked in the constructor, which must run before any other thread starts
 *  (threads inherit the mask), and taken by sigwait() on a thread of its own: no handler, so no
 *  global state. A signal the parent set to be ignored (SIGINT for `command &` in a script) is
 *  left ignored. The destructor wakes the thread with one of the signals, sent to it alone, and
 *  joins it. */
class StopOnSignals {
public:
    explicit StopOnSignals(std::function<void(int signal)> on_stop);
    ~StopOnSignals();
    StopOnSignals(const StopOnSignals&) = delete;
    StopOnSignals& operator=(const StopOnSignals&) = delete;

    [[nodiscard]] std::stop_token token() const { return m_stop.get_token(); }
    /// The signal that asked to stop, or 0.
    [[nodiscard]] int received() const { return m_received; }

private:
    void watch();

    std::function<void(int)> m_on_stop;
    sigset_t m_signals{};
    int m_wake = 0;  ///< a signal of m_signals, 0 when both are ignored (no watcher then)
    std::stop_source m_stop;
    std::atomic<int> m_received{0};
    std::atomic<bool> m_done{false};
    std::thread m_thread;
};

}  // namespace tracuu::indexer
