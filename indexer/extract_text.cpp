#include "indexer/extract.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzers/legacy_encoding.h"
#include "analyzers/normalize.h"

namespace tracuu::indexer {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

// Thresholds for telling text from binary junk. A few stray control characters or one
// Latin-1 byte in a long UTF-8 file still pass. A file in an 8-bit legacy Vietnamese encoding
// has many bytes that are invalid UTF-8; it is decoded first when its words read as Vietnamese.
constexpr double kMaxControlShare = 0.05;
constexpr double kMaxInvalidShare = 0.01;

// The legacy encoding of a file is judged on its start: one file has one encoding.
constexpr std::size_t kLegacySample = std::size_t{256} << 10;

// ICU's UTF-8 macros and normalize_text() index with int32_t.
constexpr std::size_t kMaxBytes = std::size_t{1} << 30;

Error not_text() {
    return Error{ErrorCode::Unsupported, "binary or unknown-encoding content, not text"};
}

bool is_allowed_control(UChar32 c) { return c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_control(UChar32 c) { return (c < 0x20 && !is_allowed_control(c)) || (c >= 0x7F && c < 0xA0); }

struct Utf16Text {
    std::string utf8;
    std::size_t invalid = 0;  // unpaired surrogates and a dangling odd byte
};

Utf16Text decode_utf16(std::string_view bytes, bool big_endian) {
    const std::size_t units = bytes.size() / 2;
    Utf16Text decoded;
    decoded.invalid = bytes.size() % 2;
    auto unit_at = [&](std::size_t i) {
        const auto hi = static_cast<uint8_t>(bytes[2 * i + (big_endian ? 0 : 1)]);
        const auto lo = static_cast<uint8_t>(bytes[2 * i + (big_endian ? 1 : 0)]);
        return static_cast<char16_t>((hi << 8) | lo);
    };
    std::string& out = decoded.utf8;
    out.reserve(bytes.size() * 3 / 2);
    for (std::size_t i = 0; i < units; ++i) {
        UChar32 c = unit_at(i);
        if (U16_IS_LEAD(c) && i + 1 < units && U16_IS_TRAIL(unit_at(i + 1))) {
            c = U16_GET_SUPPLEMENTARY(c, unit_at(i + 1));
            ++i;
        } else if (U16_IS_SURROGATE(c)) {
            c = 0xFFFD;
            ++decoded.invalid;
        }
        char buffer[U8_MAX_LENGTH];
        int32_t length = 0;
        U8_APPEND_UNSAFE(buffer, length, c);
        out.append(buffer, static_cast<std::size_t>(length));
    }
    return decoded;
}

struct Census {
    std::size_t chars = 0;
    std::size_t controls = 0;
    std::size_t invalid = 0;
};

Census take_census(std::string_view utf8) {
    Census census;
    const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    int32_t i = 0;
    while (i < length) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        ++census.chars;
        if (c < 0) {
            ++census.invalid;
        } else if (is_control(c)) {
            ++census.controls;
        }
    }
    return census;
}

bool looks_binary(const Census& census) {
    if (census.chars == 0) return false;
    const auto chars = static_cast<double>(census.chars);
    return static_cast<double>(census.controls) > kMaxControlShare * chars ||
           static_cast<double>(census.invalid) > kMaxInvalidShare * chars;
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \n\f") == std::string_view::npos;
}

/// White space, or a byte-order mark repeated (files glued together keep theirs).
bool is_blank_char(UChar32 c) { return c == 0xFEFF || u_isUWhiteSpace(c); }

}  // namespace

Result<ExtractedText> extract_plain_text(std::string_view bytes) {
    if (bytes.size() > kMaxBytes) return Error{ErrorCode::Unsupported, "file is too large (over 1 GiB)"};
    Utf16Text utf16;
    const bool is_utf16 = bytes.starts_with(kUtf16LeBom) || bytes.starts_with(kUtf16BeBom);
    if (is_utf16) {
        utf16 = decode_utf16(bytes.substr(2), bytes.starts_with(kUtf16BeBom));
        bytes = utf16.utf8;
    } else {
        if (bytes.starts_with(kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
        // Text never contains NUL; UTF-16 without a byte-order mark is too rare to guess at.
        if (bytes.find('\0') != std::string_view::npos) return not_text();
    }
    Census census = take_census(bytes);
    std::string legacy;
    if (census.invalid > 0 && !is_utf16) {
        std::string_view sample = bytes.substr(0, kLegacySample);
        if (sample.size() < bytes.size()) sample = sample.substr(0, sample.rfind('\n'));  // whole lines
        const analyzers::LegacyEncoding encoding = analyzers::detect_encoding(sample);
        if (encoding != analyzers::LegacyEncoding::Unicode) {
            legacy = analyzers::decode_legacy_bytes(bytes, encoding);
            bytes = legacy;
            census = take_census(bytes);
        }
    }
    census.invalid += utf16.invalid;
    if (looks_binary(census)) return not_text();

    ExtractedText result;
    result.format = SourceFormat::Text;
    // UTF-8 text can still hold legacy text read as Windows-1252 (a TCVN3 table pasted into a
    // Unicode file): repair it before normalize_text(), which drops U+00AD, TCVN3's ư.
    result.text = analyzers::normalize_text(analyzers::repair_encoding(bytes));
    if (is_blank(result.text)) return Error{ErrorCode::InvalidArgument, "file is empty"};
    // A form feed means a page break in ExtractedText; a text file has a single page.
    std::replace(result.text.begin(), result.text.end(), '\f', '\n');
    result.pages = 1;
    return result;
}

bool is_blank_file(std::string_view bytes) {
    if (bytes.starts_with(kUtf16LeBom) || bytes.starts_with(kUtf16BeBom)) {
        const bool big_endian = bytes.starts_with(kUtf16BeBom);
        bytes.remove_prefix(2);
        if (bytes.size() % 2 != 0) return false;
        for (std::size_t i = 0; i < bytes.size(); i += 2) {
            const auto first = static_cast<uint8_t>(bytes[i]);
            const auto second = static_cast<uint8_t>(bytes[i + 1]);
            // No white space lies outside the BMP, so a surrogate is never blank.
            if (!is_blank_char(big_endian ? (first << 8) | second : (second << 8) | first)) return false;
        }
        return true;
    }
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    const auto length = static_cast<int32_t>(std::min(bytes.size(), kMaxBytes));
    int32_t i = 0;
    while (i < length) {
        UChar32 c;
        U8_NEXT(data, i, length, c);
        if (c < 0 || !is_blank_char(c)) return false;
    }
    return bytes.size() <= kMaxBytes;
}

}  // namespace tracuu::indexer
