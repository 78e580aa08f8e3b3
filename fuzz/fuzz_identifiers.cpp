// The identifier finder in both modes over normalised text in UTF-16, as the analyzer calls it:
// never crashes, and spans are in order, inside the text and never overlapping.
#include <unicode/unistr.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzers/identifiers.h"
#include "analyzers/normalize.h"
#include "fuzz/fuzz_check.h"

namespace {

void find(const tracuu::analyzers::IdentifierFinder& finder, std::u16string_view text) {
    std::size_t previous_end = 0;
    for (const auto& span : finder.find(text)) {
        tracuu::fuzz::check(span.begin < span.end && span.end <= text.size(), "identifier span outside the text");
        tracuu::fuzz::check(span.begin >= previous_end, "identifier spans overlap or are out of order");
        tracuu::fuzz::check(!span.term.empty(), "identifier without a term");
        previous_end = span.end;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const tracuu::analyzers::IdentifierFinder document(tracuu::analyzers::IdentifierMode::Document);
    static const tracuu::analyzers::IdentifierFinder query(tracuu::analyzers::IdentifierMode::Query);
    const std::string text = tracuu::analyzers::normalize_text(std::string_view(reinterpret_cast<const char*>(data), size));
    const icu::UnicodeString utf16 = icu::UnicodeString::fromUTF8(text);
    const std::u16string_view view(utf16.getBuffer(), static_cast<std::size_t>(utf16.length()));
    find(document, view);
    find(query, view);
    return 0;
}
