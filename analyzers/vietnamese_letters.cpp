#include "analyzers/vietnamese_letters.h"

#include <array>

namespace tracuu::analyzers {
namespace {

struct VowelRow {
    char32_t base;
    char32_t folded;
    std::array<char32_t, 6> by_tone;  // indexed by Tone
};

// Tone order: level, grave (huyền), acute (sắc), hook (hỏi), tilde (ngã), dot (nặng).
constexpr std::array<VowelRow, 12> kVowels{{
    {U'a', U'a', {U'a', U'à', U'á', U'ả', U'ã', U'ạ'}},
    {U'ă', U'a', {U'ă', U'ằ', U'ắ', U'ẳ', U'ẵ', U'ặ'}},
    {U'â', U'a', {U'â', U'ầ', U'ấ', U'ẩ', U'ẫ', U'ậ'}},
    {U'e', U'e', {U'e', U'è', U'é', U'ẻ', U'ẽ', U'ẹ'}},
    {U'ê', U'e', {U'ê', U'ề', U'ế', U'ể', U'ễ', U'ệ'}},
    {U'i', U'i', {U'i', U'ì', U'í', U'ỉ', U'ĩ', U'ị'}},
    {U'o', U'o', {U'o', U'ò', U'ó', U'ỏ', U'õ', U'ọ'}},
    {U'ô', U'o', {U'ô', U'ồ', U'ố', U'ổ', U'ỗ', U'ộ'}},
    {U'ơ', U'o', {U'ơ', U'ờ', U'ớ', U'ở', U'ỡ', U'ợ'}},
    {U'u', U'u', {U'u', U'ù', U'ú', U'ủ', U'ũ', U'ụ'}},
    {U'ư', U'u', {U'ư', U'ừ', U'ứ', U'ử', U'ữ', U'ự'}},
    {U'y', U'y', {U'y', U'ỳ', U'ý', U'ỷ', U'ỹ', U'ỵ'}},
}};

struct Lookup {
    const VowelRow* row = nullptr;
    Tone tone = Tone::Level;
};

constexpr char32_t kTableEnd = 0x1EFA;  // one past ỹ, the last precomposed Vietnamese vowel

// Code point -> 1 + row * 6 + tone, or 0: a dense table because this sits on the analysis hot path.
constexpr auto kVowelIndex = [] {
    std::array<std::uint8_t, kTableEnd> index{};
    for (std::size_t r = 0; r < kVowels.size(); ++r) {
        for (std::size_t t = 0; t < 6; ++t) {
            index[kVowels[r].by_tone[t]] = static_cast<std::uint8_t>(1 + r * 6 + t);
        }
    }
    return index;
}();

Lookup find(char32_t c) {
    if (c >= kTableEnd) return {};
    const std::uint8_t code = kVowelIndex[c];
    if (code == 0) return {};
    return {&kVowels[(code - 1) / 6], static_cast<Tone>((code - 1) % 6)};
}

}  // namespace

VowelParts split_vowel(char32_t c) {
    const Lookup hit = find(c);
    if (hit.row == nullptr) return {};
    return {hit.row->base, hit.tone};
}

char32_t compose_vowel(char32_t base, Tone tone) {
    for (const auto& row : kVowels) {
        if (row.base == base) return row.by_tone[static_cast<std::size_t>(tone)];
    }
    return base;
}

bool has_quality_mark(char32_t base) {
    return base == U'ă' || base == U'â' || base == U'ê' || base == U'ô' || base == U'ơ' || base == U'ư';
}

char32_t fold_vietnamese_char(char32_t c) {
    if (c < 0x80) return c;
    if (c == U'đ') return U'd';
    const Lookup hit = find(c);
    return hit.row == nullptr ? 0 : hit.row->folded;
}

}  // namespace tracuu::analyzers
