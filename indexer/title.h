/** @file
 *  @brief A display title for a document whose identity has not been parsed.
 */
#pragma once

#include <string>
#include <string_view>

namespace tracuu::indexer {

/** Guesses a title from the head of a Vietnamese administrative document: the type line
 *  (`KẾ HOẠCH`, `NGHỊ ĐỊNH`, …) and the summary line under it, in sentence case
 *  (`Kế hoạch hoạt động khoa học, công nghệ …`). Falls back to `format_title` (HTML <title>,
 *  PDF metadata), then to the first line of text, then to `fallback`. At most 300 bytes. */
[[nodiscard]] std::string guess_title(std::string_view text, std::string_view format_title, std::string_view fallback);

}  // namespace tracuu::indexer
