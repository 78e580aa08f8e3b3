/** @file
 *  @brief Finding the files an indexing run reads: the files and folders given, folders walked
 *  recursively in name order, with what could not be listed remembered.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <system_error>
#include <vector>

namespace tracuu::indexer {

/// A file to read.
struct FoundFile {
    std::filesystem::path path;  ///< as found (relative when the root was given so)
    std::string absolute;        ///< absolute_path(path): what the document records
    std::uintmax_t bytes = 0;    ///< size when found (the file may change before it is read)
};

/// What a walk found.
struct FoundFiles {
    std::vector<FoundFile> files;         ///< roots in the order given, each folder's files sorted by path; no path twice
    std::vector<std::string> roots;       ///< folders given, canonical, with a trailing '/'
    std::vector<std::string> unreadable;  ///< folders that could not be listed, the same way
    std::size_t skipped = 0;              ///< entries not read: other_types + folder_links
    std::size_t other_types = 0;          ///< of those, files of a type tracuu does not read
    std::size_t folder_links = 0;         ///< of those, symbolic links to folders (never followed)
    /// The stop request came before every folder was walked: `files` is partial, and a file
    /// missing from it is no evidence that it is gone.
    bool stopped = false;
};

/** Walks `given`: a file is taken as it is (whatever its extension), a folder is read
 *  recursively. In folders, files ending in .txt, .text, .pdf, .html, .htm, .docx, .docm, .dotx,
 *  .dotm or .doc are taken; other entries and symbolic links to folders (never followed, so a
 *  link loop cannot hang a walk) count as skipped. A path that cannot be read, a device, pipe or
 *  socket, and a folder that cannot be listed go to `on_problem` (which may be empty), one call
 *  each, in the order met. Checks `stop` between entries. */
[[nodiscard]] FoundFiles find_files(const std::vector<std::filesystem::path>& given, const std::stop_token& stop,
                                    const std::function<void(std::string path, std::string reason)>& on_problem);

/// The path a document records for a file: folders resolved (so two spellings of a root agree),
/// the file's own name kept (so a link is indexed under its own name).
[[nodiscard]] std::string absolute_path(const std::filesystem::path& file);

/// An error in the words of a problem report: `permission denied`, lower-case, one line.
[[nodiscard]] std::string reason_of(const std::error_code& ec);

}  // namespace tracuu::indexer
