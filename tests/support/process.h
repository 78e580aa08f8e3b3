/** @file
 *  @brief Running the project's binaries from tests.
 */
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace tracuu::testing {

struct CommandResult {
    int exit_code = -1;
    std::string output;  ///< standard output and standard error, interleaved
};

/// Runs a program to completion and captures what it prints.
CommandResult run_command(const std::vector<std::string>& argv);

/** Runs `body` in a child process and returns what it printed to the stream given to it, with
 *  "exit N" or "signal N" appended: the limits a test sets there (file size, address space)
 *  stay in the child. The child must not use OCR (threads started by the parent are not in it). */
std::string in_child(const std::function<void(FILE* out)>& body);

/// Makes writes past `bytes` in any file fail with EFBIG (not kill the process), as a full disk
/// would; for a child of in_child().
void limit_file_size(rlim_t bytes);

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
