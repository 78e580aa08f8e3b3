/** @file
 *  @brief Small scanners over UTF-8 text shared by the recognisers (amounts, budget lines).
 */
#pragma once

#include <cstddef>
#include <string_view>

namespace tracuu::analyzers {

/// Decodes the code point at byte `i` and sets `next` past it; invalid bytes give U+FFFD.
[[nodiscard]] char32_t decode_at(std::string_view s, std::size_t i, std::size_t& next);

/// True when a letter (any script) starts at byte `i`; false past the end.
[[nodiscard]] bool letter_at(std::string_view s, std::size_t i);

/// True when the code point ending just before byte `i` is a letter.
[[nodiscard]] bool letter_before(std::string_view s, std::size_t i);

/// The first byte at or after `i` that is not a space or a tab.
[[nodiscard]] std::size_t skip_hspace(std::string_view s, std::size_t i);

/** Case-insensitive match of a lower-case `phrase` at byte `i`, where a space in the phrase
 *  stands for one or more spaces or tabs. Returns the end of the match, or npos; word
 *  boundaries are the caller's. */
[[nodiscard]] std::size_t match_phrase(std::string_view s, std::size_t i, std::string_view phrase);

}  // namespace tracuu::analyzers
