/** @file
 *  @brief One spelling per Vietnamese syllable: tone-mark placement and i/y variants.
 */
#pragma once

#include <string>
#include <string_view>

namespace tracuu::analyzers {

/** Returns the canonical spelling of one lower-case NFC syllable.
 *
 *  The syllable is parsed into onset (with `gi` and `qu` as onsets when a vowel follows), vowel
 *  nucleus and coda. When it parses as Vietnamese and carries at most one tone mark, the tone is
 *  moved to its canonical vowel:
 *  - a vowel with a quality mark (ă â ê ô ơ ư) takes it, the last one if two (`lượng`);
 *  - otherwise, in a closed syllable the last vowel (`hoàn`, `huýt`), in a three-vowel open
 *    syllable the middle one (`ngoài`, `khuỷu`), in a two-vowel open syllable the first one,
 *    which is the traditional placement (`hòa`, `khỏe`, `thủy`, `mùa`).
 *  Then the i/y spelling variants after k, l, m, qu, s, t in an open syllable become y
 *  (`lí` → `lý`, `kĩ` → `kỹ`, `qui` → `quy`); other i syllables (`hi`) are left alone.
 *
 *  Anything that does not parse as a Vietnamese syllable (`covid`, `müller`, digits) is returned
 *  unchanged, so the function is safe on any lower-case word.
 */
[[nodiscard]] std::u32string canonical_syllable(std::u32string_view syllable);

}  // namespace tracuu::analyzers
