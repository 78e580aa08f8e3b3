/** @file
 *  @brief Unicode repair of document and query text before analysis.
 */
#pragma once

#include <string>
#include <string_view>

namespace tracuu::analyzers {

/** Repairs UTF-8 text for storage, display and analysis.
 *
 *  - composes to NFC (both orders of combining marks give the same letter);
 *  - maps Icelandic Eth U+00D0/U+00F0, used in real text in place of Đ/đ, to U+0110/U+0111;
 *  - gives a word of Latin letters with a Cyrillic or Greek look-alike among them the Latin
 *    letter (`157/2025/TT-BTС` with a Cyrillic С: real text); Russian or Greek words are kept;
 *  - turns NO-BREAK SPACE, NARROW NO-BREAK SPACE, ZERO WIDTH SPACE, the other Unicode space
 *    separators and tabs into a plain space;
 *  - drops invisible format characters (ZERO WIDTH (NON-)JOINER, WORD JOINER, BYTE ORDER MARK,
 *    SOFT HYPHEN), which would otherwise split or glue words;
 *  - turns CR LF and lone CR into LF and keeps '\n' and '\f' (page breaks);
 *  - replaces invalid UTF-8 sequences with U+FFFD and drops other C0/C1 control characters.
 *
 *  Legacy 8-bit encodings must be decoded before this step: SOFT HYPHEN is the letter ư in
 *  TCVN3. Tone-mark placement and case are left as written: those are folded into index
 *  terms, never into the stored text. The result is idempotent: normalize(normalize(x)) ==
 *  normalize(x).
 */
std::string normalize_text(std::string_view utf8);

/// The Latin letter a Cyrillic or Greek letter is drawn like (`С` → `C`, `ӑ` → `ă`), or 0.
[[nodiscard]] char32_t latin_lookalike(char32_t c);

}  // namespace tracuu::analyzers
