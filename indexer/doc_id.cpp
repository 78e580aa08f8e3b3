#include "indexer/doc_id.h"

#include <xxhash.h>

#include <cstdio>

#include "analyzers/fold.h"

namespace tracuu::indexer {

std::string slugify(std::string_view utf8) {
    const std::string folded = analyzers::fold_text(utf8);
    std::string slug;
    for (char c : folded) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) {
            slug.push_back(c);
        } else if (!slug.empty() && slug.back() != '-') {
            slug.push_back('-');
        }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

std::string id_for_file(const std::filesystem::path& file) {
    std::string id = slugify(file.stem().string());
    std::string extension = slugify(file.extension().string());
    if (!extension.empty() && extension != "txt") id += (id.empty() ? "" : "-") + extension;
    return id.empty() ? "document" : id;
}

std::string content_hash(std::string_view bytes) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(XXH3_64bits(bytes.data(), bytes.size())));
    return hex;
}

std::string disambiguated_id(const std::string& id, const std::string& path) {
    return id + "-" + content_hash(path).substr(0, 6);
}

}  // namespace tracuu::indexer
