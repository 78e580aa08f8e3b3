// The legacy-encoding detector and converters over arbitrary bytes and the UTF-8 made of them:
// never crash, always give valid UTF-8, keep Unicode and line breaks as their header promises.
// The first byte picks a font name, as a PDF text run would come with one.
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzers/legacy_encoding.h"
#include "fuzz/fuzz_check.h"

namespace {

using tracuu::analyzers::LegacyEncoding;

bool valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0) return false;
    }
    return true;
}

std::size_t line_breaks(std::string_view text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    constexpr std::string_view kFonts[] = {"", ".VnTime", ".VnTimeH", "VNI-Times", "ABCDEF+.VnArialH,Bold", "Times New Roman"};
    const std::string_view font = kFonts[data[0] % std::size(kFonts)];
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    // What a PDF or DOC layer hands over: valid UTF-8 (invalid bytes become U+FFFD, U+00AD stays).
    std::string text;
    icu::UnicodeString::fromUTF8(bytes).toUTF8String(text);

    (void)tracuu::analyzers::detect_encoding(bytes, font);
    (void)tracuu::analyzers::is_capitals_font(font);
    for (const LegacyEncoding encoding : {LegacyEncoding::Unicode, LegacyEncoding::Tcvn3, LegacyEncoding::Vni, LegacyEncoding::Viscii,
                                          LegacyEncoding::Windows1258, LegacyEncoding::CyrillicShift}) {
        const std::string decoded = tracuu::analyzers::decode_legacy_bytes(bytes, encoding);
        if (encoding == LegacyEncoding::Unicode) {
            tracuu::fuzz::check(decoded == bytes, "decode_legacy_bytes changed Unicode input");
        } else {
            tracuu::fuzz::check(valid_utf8(decoded), "decode_legacy_bytes gave invalid UTF-8");
        }
        const std::string repaired = tracuu::analyzers::repair_legacy_text(text, encoding);
        tracuu::fuzz::check(valid_utf8(repaired), "repair_legacy_text gave invalid UTF-8");
        if (encoding == LegacyEncoding::Unicode) tracuu::fuzz::check(repaired == text, "repair_legacy_text changed Unicode text");
    }
    tracuu::fuzz::check(valid_utf8(tracuu::analyzers::repair_font_run(text, font)), "repair_font_run gave invalid UTF-8");
    const std::string whole = tracuu::analyzers::repair_encoding(text);
    tracuu::fuzz::check(valid_utf8(whole), "repair_encoding gave invalid UTF-8");
    tracuu::fuzz::check(line_breaks(whole) == line_breaks(text), "repair_encoding lost or added line breaks");
    return 0;
}
