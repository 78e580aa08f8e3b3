/** @file
 *  @brief A document as the index stores it.
 */
#pragma once

#include <string>

namespace tracuu::indexer {

/// Everything the index keeps about one document.
struct IndexedDocument {
    std::string id;            ///< stable id, unique in the index; the API's `id`
    std::string title;         ///< display title
    std::string text;          ///< normalised text, pages separated by '\f'
    std::string source_file;   ///< the path as the user gave it (for display), or empty
    std::string source_path;   ///< absolute path of the source file, or empty for imports
    std::string format;        ///< "text", "pdf", "html" or "jsonl"
    unsigned pages = 1;
    std::string content_hash;  ///< hex hash of the source bytes, empty for imports
};

}  // namespace tracuu::indexer
