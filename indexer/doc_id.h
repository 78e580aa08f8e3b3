/** @file
 *  @brief Stable, readable document ids.
 */
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tracuu::indexer {

/** The id of a file: its name as a lower-case ASCII slug, with the extension kept unless it is
 *  `.txt` (`kh13-2025-ninh-binh.pdf` → `kh13-2025-ninh-binh-pdf`, `doc_000001.txt` →
 *  `doc-000001`). The same file name always gives the same id. */
[[nodiscard]] std::string id_for_file(const std::filesystem::path& file);

/// The id to use when `id` is already taken by another source path: `id` plus a hash of `path`.
[[nodiscard]] std::string disambiguated_id(const std::string& id, const std::string& path);

/// Lower-case ASCII slug: Vietnamese letters folded, anything else between words becomes one '-'.
[[nodiscard]] std::string slugify(std::string_view utf8);

/// Hex xxh3-64 of bytes: stable across runs and machines.
[[nodiscard]] std::string content_hash(std::string_view bytes);

}  // namespace tracuu::indexer
