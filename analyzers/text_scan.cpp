#include "analyzers/text_scan.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace tracuu::analyzers {

char32_t decode_at(std::string_view s, std::size_t i, std::size_t& next) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
    const auto length = static_cast<int32_t>(s.size());
    auto pos = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(bytes, pos, length, c);
    next = static_cast<std::size_t>(pos);
    return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

bool letter_at(std::string_view s, std::size_t i) {
    if (i >= s.size()) return false;
    std::size_t next = 0;
    return u_isalpha(static_cast<UChar32>(decode_at(s, i, next))) != 0;
}

bool letter_before(std::string_view s, std::size_t i) {
    if (i == 0) return false;
    std::size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    return letter_at(s, start);
}

std::size_t skip_hspace(std::string_view s, std::size_t i) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return i;
}

std::size_t match_phrase(std::string_view s, std::size_t i, std::string_view phrase) {
    constexpr std::size_t npos = std::string_view::npos;
    std::size_t p = 0;
    while (p < phrase.size()) {
        if (phrase[p] == ' ') {
            if (i >= s.size() || (s[i] != ' ' && s[i] != '\t')) return npos;
            i = skip_hspace(s, i);
            ++p;
            continue;
        }
        if (i >= s.size()) return npos;
        std::size_t pn = 0;
        std::size_t tn = 0;
        const char32_t want = decode_at(phrase, p, pn);
        const char32_t got = decode_at(s, i, tn);
        if (static_cast<char32_t>(u_tolower(static_cast<UChar32>(got))) != want) return npos;
        p = pn;
        i = tn;
    }
    return i;
}

}  // namespace tracuu::analyzers
