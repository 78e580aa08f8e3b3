// The one rule by which files are copies of a document and one of them stands for it, shared by
// the reference pages (citing documents) and budget reads (lines of one copy only).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "server/document_copies.h"

using tracuu::server::DocumentFiles;
using tracuu::server::FileOfDocument;
using tracuu::server::group_copies;

namespace {

/// Each document as "primary: copy copy", by file ids.
std::vector<std::string> described(const std::vector<FileOfDocument>& files) {
    std::vector<std::string> out;
    for (const DocumentFiles& d : group_copies(files)) {
        std::string line = files[d.primary].id + ":";
        for (const std::size_t c : d.copies) line += " " + files[c].id;
        out.push_back(line);
    }
    return out;
}

struct Case {
    const char* name;
    std::vector<FileOfDocument> files;
    std::vector<std::string> documents;
};

}  // namespace

TEST_SUITE("server") {

TEST_CASE("files with one own key are copies of one document, stood for by the weightiest, then the smallest id") {
    const std::vector<Case> cases = {
        {"no files", {}, {}},
        {"one file", {{"kh13", "13/KH-UBND@2025", 3}}, {"kh13:"}},
        {"the plan as text and PDF: the PDF holds more lines",
         {{"kh13", "13/KH-UBND@2025", 3}, {"kh13-pdf", "13/KH-UBND@2025", 5}},
         {"kh13-pdf: kh13"}},
        {"as many: the smaller id", {{"b", "k", 2}, {"a", "k", 2}, {"c", "k", 1}}, {"a: b c"}},
        {"copies in the same order: by weight, then id", {{"b", "k", 1}, {"a", "k", 3}, {"c", "k", 2}, {"d", "k", 1}}, {"a: c b d"}},
        {"without an own key a file is a document of its own", {{"x", "", 1}, {"y", "", 1}}, {"x:", "y:"}},
        {"documents in the order of their first file",
         {{"p", "k2", 0}, {"q", "k1", 0}, {"r", "", 0}, {"s", "k2", 4}},
         {"s: p", "q:", "r:"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(described(c.files) == c.documents);
    }
}

}  // TEST_SUITE
