/** @file
 *  @brief Running the project's binaries from tests.
 */
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace tracuu::testing {

struct CommandResult {
    int exit_code = -1;
    std::string output;  ///< standard output and standard error, interleaved
};

/// Runs a program to completion and captures what it prints.
CommandResult run_command(const std::vector<std::string>& argv);

/** A program running in the background, stopped (SIGTERM, then SIGKILL after 5 s) and reaped
 *  when this object goes away. Only the process it started is ever signalled. */
class BackgroundProcess {
public:
    explicit BackgroundProcess(const std::vector<std::string>& argv);
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    /// Reads standard output until a line contains `marker` or `seconds` pass; returns that line or "".
    std::string wait_for_line(const std::string& marker, int seconds);

private:
    pid_t m_pid = -1;
    int m_stdout = -1;
    std::string m_buffer;
};

}  // namespace tracuu::testing
