// The amount recogniser over normalised text, in running text and in a table of millions:
// never crashes, and amounts are in order, inside the text, never overlapping, with their text
// as written.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzers/amounts.h"
#include "analyzers/normalize.h"
#include "fuzz/fuzz_check.h"

namespace {

void find(const std::string& text, std::int64_t table_unit_vnd) {
    std::size_t previous_end = 0;
    for (const auto& amount : tracuu::analyzers::find_amounts(text, table_unit_vnd)) {
        tracuu::fuzz::check(amount.begin < amount.end && amount.end <= text.size(), "amount outside the text");
        tracuu::fuzz::check(amount.begin >= previous_end, "amounts overlap or are out of order");
        tracuu::fuzz::check(amount.text == text.substr(amount.begin, amount.end - amount.begin), "amount text differs from the text");
        (void)tracuu::analyzers::format_vnd(amount.vnd);
        previous_end = amount.end;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = tracuu::analyzers::normalize_text(std::string_view(reinterpret_cast<const char*>(data), size));
    find(text, 0);
    find(text, 1'000'000);
    return 0;
}
