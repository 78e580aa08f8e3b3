/** @file
 *  @brief Cheap tests over UTF-16 text for where a document-number pattern may start, so that
 *  the ICU patterns of identifiers.cpp and citations.cpp run only there.
 */
#pragma once

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include <cstddef>
#include <string_view>

namespace tracuu::analyzers::number_candidates {

inline bool is_ascii_digit(char16_t c) { return c >= u'0' && c <= u'9'; }

/** \p{Nd} at a UTF-16 offset: ASCII digits, else whatever ICU calls a decimal digit (none lies
 *  below U+0660 or among the Vietnamese letters of Latin Extended Additional). */
inline bool is_decimal_digit_at(std::u16string_view text, std::size_t i) {
    const char16_t c = text[i];
    if (c < 0x660) return is_ascii_digit(c);
    if (c >= 0x1E00 && c <= 0x1EFF) return false;
    UChar32 cp = c;
    if (U16_IS_LEAD(c) && i + 1 < text.size() && U16_IS_TRAIL(text[i + 1])) cp = U16_GET_SUPPLEMENTARY(c, text[i + 1]);
    return u_charType(cp) == U_DECIMAL_DIGIT_NUMBER;
}

/// The dashes the patterns accept: `[\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]`.
inline bool is_dash(char16_t c) {
    return c == u'-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D;
}

/// ICU's \h: a tab or a space separator.
inline bool is_horizontal_space(char16_t c) {
    return c == u' ' || c == u'\t' || (c >= 0x80 && u_charType(c) == U_SPACE_SEPARATOR);
}

/// One past the run of ASCII digits starting at i.
inline std::size_t digits_end(std::u16string_view text, std::size_t i) {
    while (i < text.size() && is_ascii_digit(text[i])) ++i;
    return i;
}

/// Whether a digit of another script stands at i: the callers leave such text to the pattern.
inline bool other_digit_at(std::u16string_view text, std::size_t i) {
    return i < text.size() && text[i] >= 0x80 && is_decimal_digit_at(text, i);
}

/** The first offset at or after `from` holding a digit that does not follow an ASCII digit
 *  (every pattern here rejects a number glued to a digit before it) and for which `accept`
 *  returns true; text.size() if none. */
template <typename Accept>
std::size_t next_digit_start(std::u16string_view text, std::size_t from, Accept accept) {
    for (std::size_t i = from; i < text.size(); ++i) {
        const char16_t c = text[i];
        if (c < 0x80) {
            if (is_ascii_digit(c) && (i == 0 || !is_ascii_digit(text[i - 1])) && accept(i)) return i;
            continue;
        }
        if (is_decimal_digit_at(text, i)) return i;
    }
    return text.size();
}

}  // namespace tracuu::analyzers::number_candidates
