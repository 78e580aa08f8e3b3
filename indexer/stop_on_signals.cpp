#include "indexer/stop_on_signals.h"

#include <pthread.h>

#include <csignal>

namespace tracuu::indexer {

const char* signal_name(int signal) { return signal == SIGINT ? "SIGINT" : "SIGTERM"; }

StopOnSignals::StopOnSignals(std::function<void(int signal)> on_stop) : m_on_stop(std::move(on_stop)) {
    sigemptyset(&m_signals);
    for (const int signal : {SIGTERM, SIGINT}) {
        struct sigaction current {};
        if (sigaction(signal, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        sigaddset(&m_signals, signal);
        m_wake = signal;
    }
    if (m_wake == 0) return;
    pthread_sigmask(SIG_BLOCK, &m_signals, nullptr);
    m_thread = std::thread([this] { watch(); });
}

StopOnSignals::~StopOnSignals() {
    if (m_wake == 0) return;
    m_done = true;
    // Blocked in every thread, so it waits for the watcher's sigwait() instead of ending the process.
    pthread_kill(m_thread.native_handle(), m_wake);
    m_thread.join();
}

void StopOnSignals::watch() {
    for (;;) {
        int signal = 0;
        if (sigwait(&m_signals, &signal) != 0 || m_done) return;
        if (m_received == 0) {
            m_received = signal;
            m_stop.request_stop();
            if (m_on_stop) m_on_stop(signal);
            continue;
        }
        // A second signal: the user does not want to wait for the files in progress.
        std::signal(signal, SIG_DFL);
        pthread_sigmask(SIG_UNBLOCK, &m_signals, nullptr);
        pthread_kill(pthread_self(), signal);
    }
}

}  // namespace tracuu::indexer
