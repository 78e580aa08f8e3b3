// The analyzer in both modes over what normalize_text makes of arbitrary bytes, as indexing and
// querying use it: never crashes, and every token's offsets lie inside the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzers/analyzer.h"
#include "analyzers/normalize.h"
#include "fuzz/fuzz_check.h"

namespace {

void analyze(const tracuu::analyzers::Analyzer& analyzer, const std::string& text) {
    for (const auto& token : analyzer.analyze(text)) {
        tracuu::fuzz::check(token.begin <= token.end && token.end <= text.size(), "token offsets outside the text");
        tracuu::fuzz::check(token.width >= 1, "token covers no position");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Built once per process: construction compiles ICU patterns (the header asks for reuse).
    static const tracuu::analyzers::Analyzer index(tracuu::analyzers::AnalysisMode::Index);
    static const tracuu::analyzers::Analyzer query(tracuu::analyzers::AnalysisMode::Query);
    const std::string text = tracuu::analyzers::normalize_text(std::string_view(reinterpret_cast<const char*>(data), size));
    analyze(index, text);
    analyze(query, text);
    return 0;
}
