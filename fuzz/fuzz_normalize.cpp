// normalize_text over arbitrary bytes: never crashes, and keeps the promises of its header
// (idempotent, no control characters left but '\n' and '\f').
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzers/normalize.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::string once = tracuu::analyzers::normalize_text(input);
    for (const char c : once) {
        const auto byte = static_cast<unsigned char>(c);
        tracuu::fuzz::check(byte >= 0x20 || c == '\n' || c == '\f', "normalize_text left a control character");
        tracuu::fuzz::check(byte != 0x7f, "normalize_text left DEL");
    }
    tracuu::fuzz::check(tracuu::analyzers::normalize_text(once) == once, "normalize_text is not idempotent");
    return 0;
}
