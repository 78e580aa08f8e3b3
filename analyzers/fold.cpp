#include "analyzers/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "analyzers/utf.h"
#include "analyzers/vietnamese_letters.h"

namespace tracuu::analyzers {
namespace {

// Non-Vietnamese letters fall back to their canonical decomposition's first code point.
char32_t fold_other(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) return c;
    icu::UnicodeString decomposition;
    if (!nfd->getDecomposition(static_cast<UChar32>(c), decomposition) || decomposition.isEmpty()) return c;
    return static_cast<char32_t>(decomposition.char32At(0));
}

char32_t fold_char(char32_t c) {
    if (c < 0x80) return c;
    const char32_t vietnamese = fold_vietnamese_char(c);
    return vietnamese != 0 ? vietnamese : fold_other(c);
}

}  // namespace

std::u32string fold_term(std::u32string_view lower) {
    std::u32string out;
    out.reserve(lower.size());
    for (char32_t c : lower) out.push_back(fold_char(c));
    return out;
}

std::string fold_text(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    int32_t i = 0;
    while (i < length) {
        if (bytes[i] < 0x80) {
            const char ascii = static_cast<char>(bytes[i++]);
            out.push_back(ascii >= 'A' && ascii <= 'Z' ? static_cast<char>(ascii - 'A' + 'a') : ascii);
            continue;
        }
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) continue;
        append_utf8(out, fold_char(static_cast<char32_t>(u_tolower(c))));
    }
    return out;
}

bool has_diacritics(std::string_view lower_utf8) {
    for (unsigned char byte : lower_utf8) {
        if (byte >= 0x80) return true;
    }
    return false;
}

}  // namespace tracuu::analyzers
