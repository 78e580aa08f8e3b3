/** @file
 *  @brief Looking for ASCII text inside raw file bytes.
 */
#pragma once

#include <string>
#include <string_view>

namespace tracuu::indexer {

/// True when `bytes` holds `ascii` written in UTF-16LE (each byte followed by a zero), as OLE2
/// Word files store their stream names.
[[nodiscard]] inline bool contains_utf16le(std::string_view bytes, std::string_view ascii) {
    std::string wide;
    for (const char c : ascii) {
        wide.push_back(c);
        wide.push_back('\0');
    }
    return bytes.find(wide) != std::string_view::npos;
}

}  // namespace tracuu::indexer
