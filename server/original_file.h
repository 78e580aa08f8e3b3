/** @file
 *  @brief The original file of an indexed document, opened for `GET /api/documents/{id}/file`.
 */
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "indexer/error.h"
#include "server/search_types.h"

namespace tracuu::server {

/// An opened original file: read it from `stream`, `size` bytes from its start.
struct OriginalFile {
    std::shared_ptr<std::istream> stream;
    std::uint64_t size = 0;
    std::string content_type;  ///< see original_content_type()
    std::string file_name;     ///< the file's name (UTF-8, no folder), for Content-Disposition
};

/** Opens the file `document` was indexed from: the absolute path the index recorded for it
 *  (DocumentAnswer::source_path), never a path taken from a request. Errors (NotFound, with a
 *  message naming the document): the document was imported from JSON lines and has no file; the
 *  file is no longer there (moved or deleted since indexing), is no longer a regular file, or
 *  cannot be read. Reads at most the first 64 KiB (to name a text file's character set). */
[[nodiscard]] Result<OriginalFile> open_original(const DocumentAnswer& document);

/** The Content-Type of an original file, by its extension (any case): `application/pdf`, the
 *  DOCX and DOC types, `text/html` (its character set is left to the page's own declaration),
 *  `text/plain` for `.txt` (with `charset=utf-8` or `utf-16` when `head`, the file's first bytes,
 *  has that byte-order mark or is valid UTF-8 that is not plain ASCII), and
 *  `application/octet-stream` for anything else. */
[[nodiscard]] std::string original_content_type(const std::filesystem::path& file, std::string_view head);

/** `inline; filename="…"; filename*=UTF-8''…` for a UTF-8 file name (RFC 6266, RFC 5987): the
 *  quoted form is an ASCII fallback (Vietnamese letters without their marks, `đ` → `d`, other
 *  characters outside printable ASCII and `"` `\` as `_`), the starred form the exact name,
 *  percent-encoded. */
[[nodiscard]] std::string inline_disposition(std::string_view file_name);

}  // namespace tracuu::server
