/** @file
 *  @brief Which files are copies of one document, and which of them stands for it.
 */
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tracuu::server {

/// One file (a Xapian document) of a list, with what decides the file that stands for its document.
struct FileOfDocument {
    std::string id;          ///< the file's document id
    std::string own_key;     ///< its own reference key (number, year, issuer); "" when it has none
    std::size_t weight = 0;  ///< how much of what is listed it holds (citations of a key, budget lines)
};

/// The files of one document, as indices into the files given: the one standing for it, then the others.
struct DocumentFiles {
    std::size_t primary = 0;
    std::vector<std::size_t> copies;
};

/** Groups files into documents: files with the same own key are copies of one document (the same
 *  plan saved as .txt and .pdf, which would otherwise cite everything and count every budget line
 *  twice); a file without an own key is a document of its own. Each document is stood for by its
 *  file of the largest weight, then of the smallest id; copies follow in the same order.
 *  Documents come in the order of their first file. */
[[nodiscard]] std::vector<DocumentFiles> group_copies(const std::vector<FileOfDocument>& files);

}  // namespace tracuu::server
