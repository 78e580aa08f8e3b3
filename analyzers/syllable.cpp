#include "analyzers/syllable.h"

#include <algorithm>
#include <array>

#include "analyzers/vietnamese_letters.h"

namespace tracuu::analyzers {
namespace {

constexpr std::array<std::u32string_view, 11> kTwoPlusLetterOnsets{
    U"ngh", U"ng", U"nh", U"ch", U"tr", U"th", U"kh", U"ph", U"gh", U"gi", U"qu"};
constexpr std::u32string_view kOneLetterOnsets = U"bcdđghklmnprstvx";
constexpr std::array<std::u32string_view, 9> kCodas{U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};

bool is_vowel(char32_t c) { return split_vowel(c).base != 0; }

std::size_t onset_length(std::u32string_view s) {
    for (auto onset : kTwoPlusLetterOnsets) {
        if (s.substr(0, onset.size()) != onset) continue;
        // `gi` and `qu` are onsets only before a vowel: `gìn` is g + ìn, `giá` is gi + á.
        const bool needs_vowel = onset == U"gi" || onset == U"qu";
        if (needs_vowel && (s.size() <= 2 || !is_vowel(s[2]))) continue;
        return onset.size();
    }
    if (!s.empty() && kOneLetterOnsets.find(s[0]) != std::u32string_view::npos) return 1;
    return 0;
}

bool is_coda(std::u32string_view s) {
    for (auto coda : kCodas) {
        if (s == coda) return true;
    }
    return false;
}

std::size_t tone_target(const std::u32string& bases, bool closed) {
    for (std::size_t i = bases.size(); i-- > 0;) {
        if (has_quality_mark(bases[i])) return i;
    }
    if (bases.size() == 1) return 0;
    if (bases.size() == 3) return 1;
    return closed ? 1 : 0;
}

bool takes_y_variant(std::u32string_view onset) {
    return onset == U"k" || onset == U"l" || onset == U"m" || onset == U"qu" || onset == U"s" || onset == U"t";
}

}  // namespace

std::u32string canonical_syllable(std::u32string_view syllable) {
    // Without marks only the i/y variant can change a syllable; most words take this way out.
    if (std::all_of(syllable.begin(), syllable.end(), [](char32_t c) { return c < 0x80 && c != U'i'; })) {
        return std::u32string(syllable);
    }
    const std::size_t onset_end = onset_length(syllable);
    std::size_t nucleus_end = onset_end;
    while (nucleus_end < syllable.size() && is_vowel(syllable[nucleus_end])) ++nucleus_end;
    const std::size_t nucleus_size = nucleus_end - onset_end;
    const std::u32string_view coda = syllable.substr(nucleus_end);
    if (nucleus_size == 0 || nucleus_size > 3 || !is_coda(coda)) return std::u32string(syllable);

    std::u32string bases;
    Tone tone = Tone::Level;
    for (std::size_t i = onset_end; i < nucleus_end; ++i) {
        const VowelParts parts = split_vowel(syllable[i]);
        if (parts.tone != Tone::Level) {
            if (tone != Tone::Level) return std::u32string(syllable);  // two tones: not a syllable
            tone = parts.tone;
        }
        bases.push_back(parts.base);
    }

    const std::u32string_view onset = syllable.substr(0, onset_end);
    if (bases == U"i" && coda.empty() && takes_y_variant(onset)) bases = U"y";

    const std::size_t target = tone_target(bases, !coda.empty());
    bases[target] = compose_vowel(bases[target], tone);

    std::u32string out(syllable);  // the nucleus keeps its length: rewrite it in place
    std::copy(bases.begin(), bases.end(), out.begin() + static_cast<std::ptrdiff_t>(onset_end));
    return out;
}

}  // namespace tracuu::analyzers
