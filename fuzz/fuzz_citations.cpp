// The citation recogniser over normalised text: never crashes, and citations are in order,
// inside the text, never overlapping, each with a key.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzers/citations.h"
#include "analyzers/normalize.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = tracuu::analyzers::normalize_text(std::string_view(reinterpret_cast<const char*>(data), size));
    std::size_t previous_end = 0;
    for (const auto& citation : tracuu::analyzers::find_citations(text)) {
        tracuu::fuzz::check(citation.begin < citation.end && citation.end <= text.size(), "citation outside the text");
        tracuu::fuzz::check(citation.begin >= previous_end, "citations overlap or are out of order");
        (void)tracuu::analyzers::to_debug_string(citation);
        previous_end = citation.end;
    }
    return 0;
}
