/** @file
 *  @brief A contract check for fuzz targets: a broken promise of the code under test is a
 *  finding, reported like a crash so that libFuzzer saves the input.
 */
#pragma once

#include <cstdio>
#include <cstdlib>

namespace tracuu::fuzz {

/// Aborts with `what` when `holds` is false; libFuzzer then writes the input as a crash artifact.
inline void check(bool holds, const char* what) {
    if (holds) return;
    std::fprintf(stderr, "contract broken: %s\n", what);
    std::abort();
}

}  // namespace tracuu::fuzz
