#include "server/original_file.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>

namespace tracuu::server {
namespace {

constexpr std::size_t kHeadBytes = 64 * 1024;

std::string lower_extension(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

/// Valid UTF-8 throughout, except a sequence cut off at the end of a truncated head.
bool is_utf8(std::string_view head, bool truncated) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(head.data());
    const auto length = static_cast<std::int32_t>(head.size());
    std::int32_t i = 0;
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) return truncated && length - start < 4 && U8_COUNT_TRAIL_BYTES(bytes[start]) >= length - start;
    }
    return true;
}

std::string ascii_fallback(std::string_view name) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
    if (U_SUCCESS(status)) {
        icu::UnicodeString decomposed = nfd->normalize(text, status);
        if (U_SUCCESS(status)) text = decomposed;
    }
    std::string out;
    for (std::int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
        const UChar32 c = text.char32At(i);
        if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;  // tone and quality marks
        if (c == 0x0111 || c == 0x0110) {
            out += c == 0x0111 ? 'd' : 'D';
        } else if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
            out += '_';
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string percent_encoded(std::string_view name) {
    static constexpr std::string_view kAttrChars = "!#$&+-.^_`|~";  // RFC 5987 attr-char besides letters and digits
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) != 0 && c < 0x80) {
            out += ch;
        } else if (kAttrChars.find(ch) != std::string_view::npos) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xf];
        }
    }
    return out;
}

Error not_found(std::string message) { return Error{ErrorCode::NotFound, std::move(message)}; }

}  // namespace

std::string original_content_type(const std::filesystem::path& file, std::string_view head) {
    const std::string ext = lower_extension(file);
    if (ext == ".pdf") return "application/pdf";
    if (ext == ".docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (ext == ".doc") return "application/msword";
    if (ext == ".html" || ext == ".htm") return "text/html";
    if (ext != ".txt") return "application/octet-stream";
    // A text file may be UTF-8, UTF-16 or a legacy Vietnamese encoding (TCVN3, VNI, …): only the
    // first two can be named; for the others the browser is left to guess rather than misled.
    if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF'))) {
        return "text/plain; charset=utf-16";
    }
    if (is_utf8(head, head.size() >= kHeadBytes)) return "text/plain; charset=utf-8";
    return "text/plain";
}

std::string inline_disposition(std::string_view file_name) {
    return "inline; filename=\"" + ascii_fallback(file_name) + "\"; filename*=UTF-8''" + percent_encoded(file_name);
}

Result<OriginalFile> open_original(const DocumentAnswer& document) {
    if (document.source_path.empty()) {
        return not_found("document \"" + document.id + "\" was imported" +
                         (document.format == "jsonl" ? " from JSON lines" : "") + " and has no original file");
    }
    const std::filesystem::path path(document.source_path);
    const std::string gone = "the original file of document \"" + document.id + "\" (" + document.source_file +
                             ") is no longer where it was indexed from: it was moved or deleted since; index its folder again";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || ec) return not_found(gone);
    auto stream = std::make_shared<std::ifstream>(path, std::ios::binary);
    if (!*stream) return not_found(gone);
    stream->seekg(0, std::ios::end);
    const std::streamoff size = stream->tellg();
    if (size < 0) return not_found(gone);
    std::string head;
    if (lower_extension(path) == ".txt") {
        head.resize(std::min<std::size_t>(kHeadBytes, static_cast<std::size_t>(size)));
        stream->seekg(0);
        stream->read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, stream->gcount())));
    }
    stream->clear();
    stream->seekg(0);
    return OriginalFile{std::move(stream), static_cast<std::uint64_t>(size), original_content_type(path, head),
                        path.filename().string()};
}

}  // namespace tracuu::server
