#include "analyzers/legacy_encoding.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/utf.h"
#include "analyzers/vietnamese_letters.h"

namespace tracuu::analyzers {
namespace {

// Code tables (written from the published charts: TCVN 5712:1993 VN3, RFC 1456, VNI-Windows).

// Windows-1252 at 0x80–0x9F; 0 where the code page leaves the byte undefined.
constexpr std::array<char32_t, 32> kCp1252C1{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// TCVN3 at 0xA0–0xFF. VN3 has no capital toned vowels; its empty positions keep Latin-1.
constexpr std::u32string_view kTcvn3High =
    U"\u00A0ĂÂÊÔƠƯĐăâêôơưđ¯°±²³´àảãáạºằẳẵắ¿ÀÁÂÃÄÅặầẩẫấậèÍẻẽéẹềểễếệìỉÙÚÛĩíịòàỏõóọồổỗốộờởỡớợùðủũúụừửữứựỳỷỹýỵÿ";
static_assert(kTcvn3High.size() == 0x60);

// VISCII at 0x80–0xFF; six more capitals sit among the C0 controls.
constexpr std::u32string_view kVisciiHigh =
    U"ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡưàáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ";
static_assert(kVisciiHigh.size() == 0x80);

constexpr std::u32string_view kVisciiLowBytes = U"\x02\x05\x06\x14\x19\x1E";
constexpr std::u32string_view kVisciiLowLetters = U"ẲẴẪỶỸỴ";

// VNI-Windows: letters of one byte (lower case; each capital is 0x20 below), and the mark bytes
// that follow a vowel: tone marks in Tone order from grave (grave, acute, hook, tilde, dot), and
// circumflex or breve marks in Tone order from level.
constexpr std::u32string_view kVniLetterBytes = U"ñóòæôöî";
constexpr std::u32string_view kVniLetters = U"đĩịỉơưỵ";
constexpr std::u32string_view kVniToneMarks = U"øùûõï";
constexpr std::u32string_view kVniCircumflexMarks = U"âàáåãä";
constexpr std::u32string_view kVniBreveMarks = U"êèéúüë";

// The Windows-1258 bytes whose meaning differs from Windows-1252: tone marks and ă đ ơ ư.
constexpr std::u32string_view kCp1258Specific = U"\u00C3\u00CC\u00D0\u00D2\u00D5\u00DD\u00DE\u00E3\u00EC\u00F0\u00F2\u00F5\u00FD";

constexpr std::array<LegacyEncoding, 5> kCandidates{LegacyEncoding::Tcvn3, LegacyEncoding::Vni, LegacyEncoding::Viscii,
                                                    LegacyEncoding::Windows1258, LegacyEncoding::CyrillicShift};

// Characters.

char32_t cp1252_char(char32_t byte) {
    if (byte >= 0x80 && byte < 0xA0 && kCp1252C1[byte - 0x80] != 0) return kCp1252C1[byte - 0x80];
    return byte;
}

/// The byte a character stands for when legacy bytes were read as Windows-1252, or 0x110000.
char32_t cp1252_byte(char32_t c) {
    if (c < 0x100) return c;
    if (c < 0x152 || c > 0x2122 || (c > 0x2DC && c < 0x2013)) return 0x110000;
    for (std::size_t i = 0; i < kCp1252C1.size(); ++i) {
        if (kCp1252C1[i] == c) return static_cast<char32_t>(0x80 + i);
    }
    return 0x110000;
}

// The Cyrillic shift: U+1EA0–U+1EF9 moved by -0x19FC, and these single letters.
constexpr std::u32string_view kShiftedLetters = U"\u046A\u046B\u046C\u046D\u01AC\u01AD";
constexpr std::u32string_view kUnshiftedLetters = U"ƠơƯưĨĩ";

bool is_shifted(char32_t c) {
    return (c >= 0x04A4 && c <= 0x04FD) || kShiftedLetters.find(c) != std::u32string_view::npos;
}

char32_t unshift(char32_t c) {
    if (c >= 0x04A4 && c <= 0x04FD) return c + 0x19FC;
    const std::size_t k = kShiftedLetters.find(c);
    return k == std::u32string_view::npos ? c : kUnshiftedLetters[k];
}

/// Characters some legacy reading would change.
bool is_suspicious(char32_t c) {
    if (c >= 0x80 && c < 0x100) return true;
    if (c < 0x20) return kVisciiLowBytes.find(c) != std::u32string_view::npos;
    return c >= 0x100 && (is_shifted(c) || cp1252_byte(c) < 0x100);
}

/// Vietnamese letters that no legacy byte read as Windows-1252 can produce.
bool is_unicode_vietnamese(char32_t c) {
    return (c >= 0x1EA0 && c <= 0x1EF9) || (c >= 0x102 && std::u32string_view(U"ĂăĐđĨĩŨũƠơƯư").find(c) != std::u32string_view::npos);
}

bool is_ascii_alpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_combining(char32_t c) { return c >= 0x300 && c < 0x370; }

bool is_separator(char32_t c) {
    if (c < 0x80) return !is_ascii_alpha(c);
    return c == 0xA0 || (c >= 0x2000 && c <= 0x206F) || c == 0x3000;
}

bool is_letter(char32_t c) {
    if (c < 0x80) return is_ascii_alpha(c);
    if (c < 0xC0) return false;  // Latin-1 symbols: TCVN3 letters in disguise, not letters
    if (c == 0xD7 || c == 0xF7) return false;
    return is_combining(c) || u_isalpha(static_cast<UChar32>(c));
}

char32_t to_lower(char32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
    return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}
char32_t to_upper(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 0x20 : c;
    return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
}

// Syllable structure: onset + nucleus + final, after analyzers/syllable.cpp but stricter, since
// here it must tell Vietnamese from mojibake.

// Vowel nuclei by the finals they take; a nucleus ending in a glide takes none.
constexpr std::u32string_view kOpenNuclei =
    U" ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ưu ưa ua uơ iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu ";
constexpr std::u32string_view kClosedNuclei = U" ă â iê yê uô ươ oă uâ oo uyê ";
constexpr std::u32string_view kEitherNuclei = U" a e ê i o ô ơ u ư y oa oe uê uy ";
constexpr std::array<std::u32string_view, 11> kLongOnsets{U"ngh", U"ng", U"nh", U"ch", U"tr", U"th",
                                                          U"kh", U"ph", U"gh", U"gi", U"qu"};
constexpr std::u32string_view kShortOnsets = U"bcdđghklmnprstvx";
constexpr std::array<std::u32string_view, 9> kFinals{U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};

bool is_vowel(char32_t c) { return split_vowel(c).base != 0; }

std::u32string_view onset_of(std::u32string_view s) {
    for (const auto onset : kLongOnsets) {
        if (!s.starts_with(onset)) continue;
        if ((onset == U"gi" || onset == U"qu") && (s.size() <= 2 || !is_vowel(s[2]))) continue;
        return s.substr(0, onset.size());
    }
    if (!s.empty() && kShortOnsets.find(s[0]) != std::u32string_view::npos) return s.substr(0, 1);
    return {};
}

/// True when a lower-case NFC word is shaped like one Vietnamese syllable.
bool is_syllable(std::u32string_view s) {
    const std::u32string_view onset = onset_of(s);
    std::array<char32_t, 5> key{U' '};  // " " + vowel bases + " ", to look up in the nucleus lists
    std::size_t length = 1;
    Tone tone = Tone::Level;
    std::size_t end = onset.size();
    for (; end < s.size() && is_vowel(s[end]); ++end) {
        const VowelParts parts = split_vowel(s[end]);
        if (length == 4 || (parts.tone != Tone::Level && tone != Tone::Level)) return false;
        if (parts.tone != Tone::Level) tone = parts.tone;
        key[length++] = parts.base;
    }
    const std::u32string_view final = s.substr(end);
    if (length == 1 || std::find(kFinals.begin(), kFinals.end(), final) == kFinals.end()) return false;
    key[length++] = U' ';
    const std::u32string_view nucleus(key.data(), length);
    if (kEitherNuclei.find(nucleus) == std::u32string_view::npos &&
        (final.empty() ? kOpenNuclei : kClosedNuclei).find(nucleus) == std::u32string_view::npos) {
        return false;
    }
    const bool stop = final == U"c" || final == U"ch" || final == U"p" || final == U"t";
    if (stop && tone != Tone::Acute && tone != Tone::Dot) return false;
    const char32_t first = key[1];
    const char32_t last = key[length - 2];
    if ((final == U"ch" || final == U"nh") && std::u32string_view(U"aêiy").find(last) == std::u32string_view::npos) {
        return false;
    }
    const bool front = first == U'e' || first == U'ê' || first == U'i';
    if (onset == U"k") return front || first == U'y';
    if (onset == U"gh" || onset == U"ngh") return front;
    if (onset == U"c" || onset == U"ng") return !front && first != U'y';
    return true;
}

// Words.

/// Calls fn(token) for each run of characters between separators.
template <typename Fn>
void for_each_token(std::u32string_view text, Fn&& fn) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t end = std::find_if(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), is_separator) - text.begin();
        if (end > i) fn(i, end);
        i = end + 1;
    }
}

enum class WordClass : std::uint8_t { Short, Acronym, Invalid, Valid };

WordClass classify(std::u32string_view token, std::u32string& lower) {
    std::u32string_view word = token;
    while (!word.empty() && !is_letter(word.front())) word.remove_prefix(1);
    while (!word.empty() && !is_letter(word.back())) word.remove_suffix(1);
    // One letter proves nothing either way: a Symbol-font check mark `Ö` is not TCVN3 `ệ`.
    if (word.size() < 2) return WordClass::Short;
    // Combining marks are Unicode (NFD) by construction: never legacy bytes.
    if (std::any_of(word.begin(), word.end(), is_combining)) return WordClass::Valid;
    lower.assign(word);
    std::transform(lower.begin(), lower.end(), lower.begin(), to_lower);
    if (is_syllable(lower)) return WordClass::Valid;
    const bool has_lower = std::any_of(word.begin(), word.end(), [](char32_t c) { return to_upper(c) != c; });
    const auto uppers = std::count_if(word.begin(), word.end(), [](char32_t c) { return to_lower(c) != c; });
    const bool suspicious = std::any_of(token.begin(), token.end(), is_suspicious);
    // UBND, QĐ; but not QUYÕT, which is TCVN3 for QUYẾT.
    return uppers >= 2 && !has_lower && !suspicious ? WordClass::Acronym : WordClass::Invalid;
}

/// True when a word with legacy-looking characters is not a syllable as it is: only such a word
/// can be won by a conversion, so most lines stop at this cheap look.
bool has_doubtful_word(std::u32string_view text) {
    bool doubtful = false;
    std::u32string lower;
    for_each_token(text, [&](std::size_t begin, std::size_t end) {
        const std::u32string_view token = text.substr(begin, end - begin);
        doubtful = doubtful || (std::any_of(token.begin(), token.end(), is_suspicious) && classify(token, lower) == WordClass::Invalid);
    });
    return doubtful;
}

// Converters. Legacy text is held as "units": values below 0x100 are bytes, anything else a
// character that passes through (a real Vietnamese letter in a mixed run, say).

std::u32string units_from_text(std::u32string_view text) {
    std::u32string units(text);
    std::transform(units.begin(), units.end(), units.begin(), [](char32_t c) { return std::min(c, cp1252_byte(c)); });
    return units;
}

std::u32string units_from_bytes(std::string_view bytes) {
    std::u32string units(bytes.size(), 0);
    std::transform(bytes.begin(), bytes.end(), units.begin(), [](char b) { return static_cast<unsigned char>(b); });
    return units;
}

/// Upper-cases words typed in capitals whose toned vowels TCVN3 could only give in lower case.
void capitalise_shouted_words(std::u32string& text) {
    for (auto start = text.begin(); start != text.end();) {
        const auto end = std::find_if_not(start, text.end(), is_letter);
        const auto upper = std::count_if(start, end, [](char32_t c) { return c >= 'A' && c <= 'Z'; });
        if (upper >= 2 && std::none_of(start, end, [](char32_t c) { return c >= 'a' && c <= 'z'; })) {
            std::transform(start, end, start, to_upper);
        }
        start = end == text.end() ? end : end + 1;
    }
}

std::u32string decode_tcvn3(std::u32string_view units) {
    std::u32string out;
    out.reserve(units.size());
    for (const char32_t u : units) out.push_back(u >= 0x100 ? u : u >= 0xA0 ? kTcvn3High[u - 0xA0] : cp1252_char(u));
    capitalise_shouted_words(out);
    return out;
}

std::u32string decode_viscii(std::u32string_view units) {
    std::u32string out(units);
    for (char32_t& u : out) {
        const std::size_t low = u < 0x20 ? kVisciiLowBytes.find(u) : std::u32string_view::npos;
        if (u >= 0x80 && u < 0x100) u = kVisciiHigh[u - 0x80];
        if (low != std::u32string_view::npos) u = kVisciiLowLetters[low];
    }
    return out;
}

/// Applies a VNI mark byte to the vowel just written; false when it is no mark or does not fit.
bool apply_vni_mark(char32_t& vowel, char32_t mark) {
    std::size_t tone = kVniToneMarks.find(mark);
    std::u32string_view plain = U"aeiouyơư";  // the vowels a mark of this kind may follow
    std::u32string_view marked = plain;       // and what it makes of them
    if (tone != std::u32string_view::npos) {
        ++tone;
    } else if ((tone = kVniCircumflexMarks.find(mark)) != std::u32string_view::npos) {
        plain = U"aeo";
        marked = U"âêô";
    } else if ((tone = kVniBreveMarks.find(mark)) != std::u32string_view::npos) {
        plain = U"a";
        marked = U"ă";
    } else {
        return false;
    }
    const char32_t lower = to_lower(vowel);
    const VowelParts parts = split_vowel(lower);
    const std::size_t k = plain.find(parts.base);
    // A tone goes on a vowel that has none yet; a circumflex or breve only on its own vowels.
    if (k == std::u32string_view::npos || (tone != 0 && parts.tone != Tone::Level)) return false;
    const char32_t composed = compose_vowel(marked[k], tone == 0 ? parts.tone : static_cast<Tone>(tone));
    vowel = lower == vowel ? composed : to_upper(composed);
    return true;
}

std::u32string decode_vni(std::u32string_view units) {
    std::u32string out;
    out.reserve(units.size());
    for (const char32_t u : units) {
        if (u < 0xC0 || u >= 0x100) {
            out.push_back(u >= 0x100 ? u : cp1252_char(u));
            continue;
        }
        const char32_t lower_byte = u | 0x20;
        if (!out.empty() && apply_vni_mark(out.back(), lower_byte)) continue;
        const std::size_t letter = kVniLetterBytes.find(lower_byte);
        if (letter == std::u32string_view::npos) {
            out.push_back(u);
        } else {
            out.push_back(u == lower_byte ? kVniLetters[letter] : to_upper(kVniLetters[letter]));
        }
    }
    return out;
}

void check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU ") + what + ": " + u_errorName(status));
}

std::u32string decode_windows1258(std::u32string_view units) {
    UErrorCode status = U_ZERO_ERROR;
    const std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open("windows-1258", &status), &ucnv_close);
    check(status, "windows-1258 converter unavailable");
    icu::UnicodeString decoded;
    std::string run;
    auto flush = [&] {
        if (run.empty()) return;
        decoded.append(icu::UnicodeString(run.data(), static_cast<int32_t>(run.size()), converter.get(), status));
        check(status, "windows-1258 decoding failed");
        run.clear();
    };
    for (const char32_t u : units) {
        if (u < 0x100) {
            run.push_back(static_cast<char>(u));
        } else {
            flush();
            decoded.append(static_cast<UChar32>(u));
        }
    }
    flush();
    // ICU gives the tone bytes as combining marks after their letter: compose them.
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    check(status, "NFC unavailable");
    const icu::UnicodeString composed = nfc->normalize(decoded, status);
    check(status, "NFC failed");
    std::string utf8;
    return to_utf32(composed.toUTF8String(utf8));
}

/// Decodes units in one of the byte encodings (Tcvn3, Vni, Viscii, Windows1258).
std::u32string decode_units(std::u32string_view units, LegacyEncoding encoding) {
    if (encoding == LegacyEncoding::Tcvn3) return decode_tcvn3(units);
    if (encoding == LegacyEncoding::Vni) return decode_vni(units);
    if (encoding == LegacyEncoding::Viscii) return decode_viscii(units);
    return decode_windows1258(units);
}

/** Reads an ASCII hyphen as ư where it makes one syllable with the lower-case letters it touches
 *  (`tr-ởng`, `nh-`, `-u`): PDF WinAnsiEncoding names byte 0xAD "hyphen". TCVN3's capital Ư has
 *  its own code. Of one-letter words only cư dư hư sư tư are common, and a letter opening a line
 *  before a capital is a list marker (`c- Số tiền`). */
void restore_hyphen_u(std::u32string& text) {
    auto is_lower = [](char32_t c) { return is_letter(c) && to_upper(c) != c; };
    auto glues = [](char32_t c) { return is_letter(c) || (c >= U'0' && c <= U'9') || c == U'-'; };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != U'-') continue;
        std::size_t begin = i;
        while (begin > 0 && is_lower(text[begin - 1])) --begin;
        if (begin > 0 && is_letter(text[begin - 1])) --begin;  // a capital initial: `Nh-`, `T-`
        std::size_t end = i + 1;
        while (end < text.size() && is_lower(text[end])) ++end;
        if (end - begin == 1 || (begin > 0 && glues(text[begin - 1])) || (end < text.size() && glues(text[end]))) continue;
        if (end == i + 1 && i - begin == 1) {  // one letter: cư dư hư sư tư, but not `c- Số` opening a line
            std::size_t line = begin;
            while (line > 0 && text[line - 1] == U' ') --line;
            std::size_t next = i + 1;
            while (next < text.size() && text[next] == U' ') ++next;
            const bool opens_line = line == 0 || text[line - 1] == U'\n' || text[line - 1] == U'\f';
            const bool marker = opens_line && (next == text.size() || !is_lower(text[next]));
            if (marker || std::u32string_view(U"cdhst").find(to_lower(text[begin])) == std::u32string_view::npos) continue;
        }
        std::u32string word = text.substr(begin, end - begin);
        word[i - begin] = U'ư';
        std::transform(word.begin(), word.end(), word.begin(), to_lower);
        if (is_syllable(word)) text[i] = U'ư';
    }
}

/// Converts text whose characters stand for legacy bytes.
std::u32string convert_text(std::u32string_view text, LegacyEncoding encoding) {
    if (encoding == LegacyEncoding::Unicode) return std::u32string(text);
    if (encoding == LegacyEncoding::CyrillicShift) {
        std::u32string out(text);
        std::transform(out.begin(), out.end(), out.begin(), unshift);
        return out;
    }
    std::u32string out = decode_units(units_from_text(text), encoding);
    if (encoding == LegacyEncoding::Tcvn3) restore_hyphen_u(out);
    return out;
}

// Detection: how many words read as Vietnamese syllables, before and after a conversion.

/// Whether the text holds characters the encoding would change (a cheap filter).
bool may_apply(LegacyEncoding encoding, std::u32string_view text) {
    if (encoding == LegacyEncoding::CyrillicShift) return std::any_of(text.begin(), text.end(), is_shifted);
    if (encoding != LegacyEncoding::Windows1258) {
        return std::any_of(text.begin(), text.end(), [](char32_t c) { return is_suspicious(c) && !is_shifted(c); });
    }
    return text.find_first_of(kCp1258Specific) != std::u32string_view::npos;
}

/// How the words of a text fare under one reading: 0 = as it is, k + 1 = kCandidates[k].
struct Score {
    int total = 0;   // words, acronyms and single letters left out
    int valid = 0;   // of those, shaped like a Vietnamese syllable
    int fixed = 0;   // words not valid as they are, valid after conversion
    int broken = 0;  // words valid as they are, not after conversion
    int doubtful = 0;  // invalid words holding characters a legacy reading would change

    [[nodiscard]] double share() const { return total == 0 ? 0.0 : static_cast<double>(valid) / total; }
};
using Scores = std::array<Score, kCandidates.size() + 1>;
using Gains = std::array<int, kCandidates.size()>;

constexpr double kMinShare = 0.5;       // of the converted words, at least this share valid
constexpr int kStrongGain = 2;          // words won to convert a run on its own evidence
constexpr int kDocumentGain = 3;        // words won over a text to lend weight to its weak lines

Scores score_text(std::u32string_view text) {
    Scores scores{};
    std::array<bool, kCandidates.size()> applies{};
    for (std::size_t k = 0; k < kCandidates.size(); ++k) applies[k] = may_apply(kCandidates[k], text);
    std::u32string lower;
    auto count = [](Score& s, WordClass before, WordClass after) {
        s.total += after == WordClass::Valid || after == WordClass::Invalid;
        s.valid += after == WordClass::Valid;
        s.fixed += before != WordClass::Valid && after == WordClass::Valid;
        s.broken += before == WordClass::Valid && after != WordClass::Valid;
    };
    for_each_token(text, [&](std::size_t begin, std::size_t end) {
        const std::u32string_view token = text.substr(begin, end - begin);
        const WordClass before = classify(token, lower);
        count(scores[0], before, before);
        const bool suspicious = std::any_of(token.begin(), token.end(), is_suspicious);
        scores[0].doubtful += suspicious && before == WordClass::Invalid;
        for (std::size_t k = 0; k < kCandidates.size(); ++k) {
            if (applies[k]) count(scores[k + 1], before, suspicious ? classify(convert_text(token, kCandidates[k]), lower) : before);
        }
    });
    return scores;
}

/// The words each candidate wins, or 0 where it does not clearly beat the text as it is. Word by
/// word only invalid words are converted, so nothing can break; a whole text must fix at least
/// half of its doubtful words, break fewer than it fixes, and end up mostly valid.
Gains gains_of(const Scores& scores, bool word_by_word) {
    Gains gains{};
    for (std::size_t k = 0; k < gains.size(); ++k) {
        const Score& s = scores[k + 1];
        if (word_by_word) {
            gains[k] = s.fixed;
        } else if (s.fixed > s.broken && s.share() >= kMinShare && 2 * s.fixed >= scores[0].doubtful) {
            gains[k] = s.fixed - s.broken;
        }
    }
    return gains;
}

struct Candidate {
    LegacyEncoding encoding = LegacyEncoding::Unicode;
    int gain = 0;  // valid words won by converting
};

Candidate best_of(const Gains& gains, const Gains& weights) {
    Candidate best;
    std::size_t best_k = 0;
    for (std::size_t k = 0; k < gains.size(); ++k) {
        if (gains[k] == 0) continue;
        if (best.gain == 0 || gains[k] > best.gain || (gains[k] == best.gain && weights[k] > weights[best_k])) {
            best = {kCandidates[k], gains[k]};
            best_k = k;
        }
    }
    return best;
}

bool is_strong(const Candidate& c) {
    return c.gain >= kStrongGain || (c.gain >= 1 && c.encoding == LegacyEncoding::CyrillicShift);
}

/// A font name without the subset prefix of an embedded font (`ABCDEF+.VnTime`).
std::string_view base_font_name(std::string_view name) {
    return name.size() > 7 && name[6] == '+' ? name.substr(7) : name;
}

// Lines of a text, judged one by one.

enum class LineKind : std::uint8_t { Plain, Ambiguous, Unicode, Converted };
struct Line {
    std::string_view bytes;  // without its '\n' or '\f'
    std::u32string chars;    // decoded, for lines that are not plain
    LineKind kind = LineKind::Plain;
    bool word_by_word = false;
    LegacyEncoding encoding = LegacyEncoding::Unicode;  // the conversion to apply
    Gains gains{};
};

std::vector<Line> judge_lines(std::string_view text) {
    std::vector<Line> lines;
    for (std::size_t begin = 0; begin <= text.size();) {
        const std::size_t end = std::min(text.find_first_of("\n\f", begin), text.size());
        Line line;
        line.bytes = text.substr(begin, end - begin);
        // An ASCII line has nothing to repair (VISCII's C0 capitals alone are too rare to matter).
        if (std::any_of(line.bytes.begin(), line.bytes.end(), [](char b) { return (b & 0x80) != 0; })) {
            line.chars = to_utf32(line.bytes);
            if (std::any_of(line.chars.begin(), line.chars.end(), is_suspicious)) {
                const bool unicode = std::any_of(line.chars.begin(), line.chars.end(), is_unicode_vietnamese);
                line.kind = unicode ? LineKind::Unicode : LineKind::Ambiguous;  // unless a conversion wins
                // Unicode text with a few legacy words left in it (`Nh­ Điều 2`): convert only those.
                line.word_by_word = unicode;
                if (has_doubtful_word(line.chars)) line.gains = gains_of(score_text(line.chars), unicode);
            }
        }
        lines.push_back(std::move(line));
        begin = end + 1;
    }
    return lines;
}

/// The nearest line before (step -1) or after (step +1) that is neither plain nor ambiguous.
const Line* anchor(const std::vector<Line>& lines, std::size_t i, int step) {
    for (auto j = static_cast<std::ptrdiff_t>(i) + step; j >= 0 && j < static_cast<std::ptrdiff_t>(lines.size()); j += step) {
        const Line& line = lines[static_cast<std::size_t>(j)];
        if (line.kind == LineKind::Unicode || line.kind == LineKind::Converted) return &line;
    }
    return nullptr;
}

/// Lines that read validly either way follow their neighbours inside a stretch in `dominant`.
void follow_neighbours(std::vector<Line>& lines, std::size_t dominant) {
    auto legacy = [&](const Line* l) { return l != nullptr && l->kind == LineKind::Converted && l->encoding == kCandidates[dominant]; };
    auto unicode = [](const Line* l) { return l != nullptr && l->kind == LineKind::Unicode; };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        Line& line = lines[i];
        if (line.kind != LineKind::Ambiguous) continue;
        const Line* before = anchor(lines, i, -1);
        const Line* after = anchor(lines, i, +1);
        if (!(legacy(before) || legacy(after)) || unicode(before) || unicode(after)) continue;
        const Score converted = score_text(line.chars)[dominant + 1];
        // A line of acronyms or single letters (`C§S.`) has nothing to judge: it follows too.
        if (converted.broken == 0 && (converted.total == 0 || converted.share() >= kMinShare)) {
            line.encoding = kCandidates[dominant];
        }
    }
}

/// Converts the words of a line that are not syllables as they are but are once converted.
std::u32string convert_words(std::u32string_view text, LegacyEncoding encoding) {
    std::u32string out;
    std::u32string lower;
    std::size_t done = 0;
    for_each_token(text, [&](std::size_t begin, std::size_t end) {
        const std::u32string_view token = text.substr(begin, end - begin);
        std::u32string converted = convert_text(token, encoding);
        out += text.substr(done, begin - done);
        const bool fix = classify(token, lower) != WordClass::Valid && classify(converted, lower) == WordClass::Valid;
        out += fix ? std::u32string_view(converted) : token;
        done = end;
    });
    out += text.substr(done);
    return out;
}

}  // namespace

std::string_view encoding_name(LegacyEncoding encoding) {
    constexpr std::array<std::string_view, 6> kNames{"unicode", "tcvn3", "vni", "viscii", "windows-1258", "cyrillic-shift"};
    return kNames.at(static_cast<std::size_t>(encoding));
}

std::string decode_legacy_bytes(std::string_view bytes, LegacyEncoding encoding) {
    if (encoding == LegacyEncoding::Unicode) return std::string(bytes);
    if (encoding == LegacyEncoding::CyrillicShift) return repair_legacy_text(bytes, encoding);
    return to_utf8(decode_units(units_from_bytes(bytes), encoding));
}

std::string repair_legacy_text(std::string_view utf8_text, LegacyEncoding encoding) {
    if (encoding == LegacyEncoding::Unicode) return std::string(utf8_text);
    return to_utf8(convert_text(to_utf32(utf8_text), encoding));
}

LegacyEncoding encoding_from_font_name(std::string_view font_name) {
    std::string prefix(base_font_name(font_name).substr(0, 4));
    std::transform(prefix.begin(), prefix.end(), prefix.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 0x20) : c; });
    if (prefix.starts_with(".vn")) return LegacyEncoding::Tcvn3;
    if (prefix == "vni-" || prefix == "vni " || prefix == "vni_") return LegacyEncoding::Vni;
    return LegacyEncoding::Unicode;
}

bool is_capitals_font(std::string_view font_name) {
    if (encoding_from_font_name(font_name) != LegacyEncoding::Tcvn3) return false;
    std::string_view name = base_font_name(font_name);
    name = name.substr(0, name.find_first_of(",-"));
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    return name.size() > 3 && name.back() == 'H';
}

std::string repair_font_run(std::string_view utf8_text, std::string_view font_name) {
    const LegacyEncoding encoding = encoding_from_font_name(font_name);
    const std::u32string chars = to_utf32(utf8_text);
    // A legacy font with a ToUnicode map that gives real Vietnamese letters is Unicode already.
    if (encoding == LegacyEncoding::Unicode || std::any_of(chars.begin(), chars.end(), is_unicode_vietnamese)) {
        return std::string(utf8_text);
    }
    std::u32string out = convert_text(chars, encoding);
    if (is_capitals_font(font_name)) std::transform(out.begin(), out.end(), out.begin(), to_upper);
    return to_utf8(out);
}

LegacyEncoding detect_encoding(std::string_view text_or_bytes, std::string_view font_name) {
    const LegacyEncoding by_font = encoding_from_font_name(font_name);
    if (by_font != LegacyEncoding::Unicode) return by_font;
    std::u32string text = to_utf32(text_or_bytes);
    if (to_utf8(text) != text_or_bytes) {  // not UTF-8: bytes, read as Windows-1252
        text = units_from_bytes(text_or_bytes);
        std::transform(text.begin(), text.end(), text.begin(), cp1252_char);
    }
    if (!has_doubtful_word(text)) return LegacyEncoding::Unicode;
    const Candidate best = best_of(gains_of(score_text(text), false), Gains{});
    return is_strong(best) ? best.encoding : LegacyEncoding::Unicode;
}

std::string repair_encoding(std::string_view text) {
    std::vector<Line> lines = judge_lines(text);
    Gains totals{};
    for (const Line& line : lines) {
        for (std::size_t k = 0; k < totals.size(); ++k) totals[k] += line.gains[k];
    }
    const auto dominant = static_cast<std::size_t>(std::max_element(totals.begin(), totals.end()) - totals.begin());
    const bool established = totals[dominant] >= kDocumentGain;
    bool any = false;
    for (Line& line : lines) {
        const Candidate best = best_of(line.gains, totals);
        if (best.gain > 0 && (is_strong(best) || (established && best.encoding == kCandidates[dominant]))) {
            line.kind = LineKind::Converted;
            line.encoding = best.encoding;
            any = true;
        }
    }
    if (!any) return std::string(text);
    if (established) follow_neighbours(lines, dominant);

    std::string out;
    out.reserve(text.size() + text.size() / 4);
    for (const Line& line : lines) {
        if (line.encoding == LegacyEncoding::Unicode) {
            out += line.bytes;
        } else if (line.word_by_word) {
            out += to_utf8(convert_words(line.chars, line.encoding));
        } else {
            out += to_utf8(convert_text(line.chars, line.encoding));
        }
        const std::size_t next = static_cast<std::size_t>(line.bytes.data() - text.data()) + line.bytes.size();
        if (next < text.size()) out.push_back(text[next]);
    }
    return out;
}

}  // namespace tracuu::analyzers
