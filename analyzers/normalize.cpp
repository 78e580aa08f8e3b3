#include "analyzers/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>

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

    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC unavailable: ") + u_errorName(status));
    const icu::StringPiece piece(cleaned.data(), static_cast<int32_t>(cleaned.size()));
    if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return cleaned;
    status = U_ZERO_ERROR;
    std::string out;
    out.reserve(cleaned.size());
    icu::StringByteSink<std::string> sink(&out);
    nfc->normalizeUTF8(0, piece, sink, nullptr, status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC failed: ") + u_errorName(status));
    return out;
}

}  // namespace tracuu::analyzers
