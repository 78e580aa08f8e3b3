/** @file
 *  @brief The demo corpus (corpus/), indexed once per test program for the cases that read it.
 */
#pragma once

#include <string>

namespace tracuu::testing {

/// The folder of an index of everything under corpus/, made on first use, removed at exit.
[[nodiscard]] const std::string& demo_corpus_index();

}  // namespace tracuu::testing
