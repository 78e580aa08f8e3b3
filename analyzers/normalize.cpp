#include "analyzers/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "analyzers/utf.h"

namespace tracuu::analyzers {
namespace {

enum class Action { Keep, Space, Drop, Replace };

Action classify(UChar32 c, UChar32& replacement) {
    switch (c) {
        case '\n':
        case '\f':
            return Action::Keep;
        case '\t':
        case 0x00A0:  // NO-BREAK SPACE
        case 0x200B:  // ZERO WIDTH SPACE: a separator in real text (nhân​dân)
        case 0x202F:  // NARROW NO-BREAK SPACE
        case 0x2028:
        case 0x2029:
            return Action::Space;
        case 0x00AD:  // SOFT HYPHEN: invisible, and a word splitter in Xapian
        case 0x200C:
        case 0x200D:
        case 0x2060:
        case 0xFEFF:
            return Action::Drop;
        case 0x00D0:
            replacement = 0x0110;
            return Action::Replace;
        case 0x00F0:
            replacement = 0x0111;
            return Action::Replace;
        default:
            break;
    }
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return Action::Drop;
    if (u_charType(c) == U_SPACE_SEPARATOR && c != ' ') return Action::Space;
    return Action::Keep;
}

bool is_cyrillic_or_greek(UChar32 c) { return c >= 0x0370 && c <= 0x04FF; }

/** Runs of text between spaces with Latin letters and Cyrillic or Greek look-alikes among them
 *  (`TT-BTС` with a Cyrillic С, `BTС-ТТ` with a Cyrillic ТТ: typed or pasted into real
 *  documents) get the Latin letters, so that the word and the number it is part of are found
 *  when typed; a run of Cyrillic or Greek letters only, or holding one without a Latin
 *  look-alike, is of that language and is kept. */
std::string latinize_mixed_words(const std::string& text) {
    std::u32string word;
    std::string out;
    out.reserve(text.size());
    const auto flush = [&] {
        bool latin = false, foreign = false;  // marks and letters of no script count for neither
        for (char32_t c : word) {
            UErrorCode status = U_ZERO_ERROR;
            const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
            if (is_cyrillic_or_greek(static_cast<UChar32>(c))) {
                foreign = foreign || latin_lookalike(c) == 0;
            } else if (U_SUCCESS(status) && script == USCRIPT_LATIN) {
                latin = true;
            }
        }
        for (char32_t c : word) append_utf8(out, latin && !foreign && latin_lookalike(c) != 0 ? latin_lookalike(c) : c);
        word.clear();
    };
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (!u_isUWhiteSpace(c)) {
            word.push_back(static_cast<char32_t>(c));
        } else {
            flush();
            append_utf8(out, static_cast<char32_t>(c));
        }
    }
    flush();
    return out;
}

/// The text in Normalization Form C (without a copy when it already is, as most text is).
std::string nfc(std::string text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC unavailable: ") + u_errorName(status));
    const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
    if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return text;
    status = U_ZERO_ERROR;
    std::string out;
    out.reserve(text.size());
    icu::StringByteSink<std::string> sink(&out);
    nfc->normalizeUTF8(0, piece, sink, nullptr, status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC failed: ") + u_errorName(status));
    return out;
}

}  // namespace

std::string normalize_text(std::string_view utf8) {
    // One pass over the UTF-8 bytes fixes characters and line ends; NFC comes after, because
    // the Eth and separator fixes must not depend on composition. Both stay in UTF-8: most
    // text is already NFC, which the quick check confirms without converting anything.
    std::string cleaned;
    cleaned.reserve(utf8.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    int32_t i = 0;
    while (i < length) {
        UChar32 c = bytes[i];
        if (c >= 0x20 && c < 0x7F) {  // printable ASCII: kept as it is
            cleaned.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        U8_NEXT(bytes, i, length, c);
        if (c < 0) c = 0xFFFD;
        if (c == '\r') {
            cleaned.push_back('\n');
            if (i < length && bytes[i] == '\n') ++i;
            continue;
        }
        UChar32 replacement = c;
        switch (classify(c, replacement)) {
            case Action::Keep: append_utf8(cleaned, static_cast<char32_t>(c)); break;
            case Action::Space: cleaned.push_back(' '); break;
            case Action::Drop: break;
            case Action::Replace: append_utf8(cleaned, static_cast<char32_t>(replacement)); break;
        }
    }

    std::string out = nfc(std::move(cleaned));
    // Words are read in composed text, where they stay what they are (a letter that composes
    // from marks is one letter); a Latin letter put in place may compose again with a mark.
    // U+0340–U+04FF start with the bytes 0xCD–0xD3: most text has none and skips the pass.
    if (std::any_of(out.begin(), out.end(), [](char b) { return static_cast<unsigned char>(b) >= 0xCD && static_cast<unsigned char>(b) <= 0xD3; })) {
        std::string latinized = latinize_mixed_words(out);
        if (latinized != out) out = nfc(std::move(latinized));
    }
    return out;
}

char32_t latin_lookalike(char32_t c) {
    static constexpr std::pair<char32_t, char32_t> kMap[] = {
        {U'А', U'A'}, {U'В', U'B'}, {U'С', U'C'}, {U'Е', U'E'}, {U'Н', U'H'}, {U'І', U'I'}, {U'Ј', U'J'}, {U'К', U'K'}, {U'М', U'M'},
        {U'О', U'O'}, {U'Р', U'P'}, {U'Ѕ', U'S'}, {U'Т', U'T'}, {U'Х', U'X'}, {U'Ү', U'Y'}, {U'а', U'a'}, {U'с', U'c'}, {U'е', U'e'},
        {U'і', U'i'}, {U'ј', U'j'}, {U'о', U'o'}, {U'р', U'p'}, {U'ѕ', U's'}, {U'х', U'x'}, {U'у', U'y'}, {U'Α', U'A'}, {U'Β', U'B'},
        {U'Ε', U'E'}, {U'Ζ', U'Z'}, {U'Η', U'H'}, {U'Ι', U'I'}, {U'Κ', U'K'}, {U'Μ', U'M'}, {U'Ν', U'N'}, {U'Ο', U'O'}, {U'Ρ', U'P'},
        {U'Τ', U'T'}, {U'Υ', U'Y'}, {U'Χ', U'X'}, {U'ο', U'o'},
        // Cyrillic а with a breve composes to its own letter: Vietnamese ă typed that way.
        {U'ӑ', U'ă'}, {U'Ӑ', U'Ă'}};
    for (const auto& [from, to] : kMap) {
        if (c == from) return to;
    }
    return 0;
}

}  // namespace tracuu::analyzers
