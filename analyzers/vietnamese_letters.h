/** @file
 *  @brief The Vietnamese vowel letters as (base vowel, tone) pairs.
 */
#pragma once

#include <cstdint>

namespace tracuu::analyzers {

/// The six tones; Level is the unmarked one.
enum class Tone : std::uint8_t { Level, Grave, Acute, Hook, Tilde, Dot };

/// A lower-case vowel split into its toneless base (a ă â e ê i o ô ơ u ư y) and its tone.
struct VowelParts {
    char32_t base = 0;  ///< 0 when the character is not a Vietnamese vowel
    Tone tone = Tone::Level;
};

/// Splits a precomposed lower-case Vietnamese vowel; base is 0 for anything else.
[[nodiscard]] VowelParts split_vowel(char32_t c);

/// Composes a base vowel with a tone; returns base unchanged if it is not a vowel base.
[[nodiscard]] char32_t compose_vowel(char32_t base, Tone tone);

/// True for ă â ê ô ơ ư, the vowels whose mark (breve, circumflex, horn) takes the tone first.
[[nodiscard]] bool has_quality_mark(char32_t base);

/** Folds one lower-case character to ASCII for the diacritic-free layer: Vietnamese vowels lose
 *  tone and quality marks, đ becomes d. Returns 0 for characters the table does not know. */
[[nodiscard]] char32_t fold_vietnamese_char(char32_t c);

}  // namespace tracuu::analyzers
