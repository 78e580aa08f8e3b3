#include "indexer/extract.h"

#include "indexer/byte_search.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>
#include <system_error>

namespace tracuu::indexer {
namespace {

namespace fs = std::filesystem;

// Larger files are not documents a department writes; refuse them before allocating.
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{512} << 20;
// PDF readers accept the header anywhere in the first kilobyte; some generators prepend junk.
constexpr std::size_t kPdfHeaderWindow = 1024;

constexpr std::string_view kPdfMagic = "%PDF-";
constexpr std::string_view kZipMagic = "PK\x03\x04";
// OLE2 compound files: legacy Word .doc, and a password-protected .docx.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool starts_with_icase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && lower_ascii(text.substr(0, prefix.size())) == prefix;
}

bool looks_like_html(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    const std::size_t start = bytes.find_first_not_of(" \t\r\n\f");
    if (start == std::string_view::npos) return false;
    bytes.remove_prefix(start);
    return starts_with_icase(bytes, "<!doctype html") || starts_with_icase(bytes, "<html");
}

// ZIP entry names are stored uncompressed in the local headers and the central directory, so
// a plain search finds a Word package without unpacking it (.xlsx and .pptx have no word/).
bool looks_like_docx(std::string_view bytes) {
    return bytes.starts_with(kZipMagic) && bytes.find("word/document.xml") != std::string_view::npos;
}

bool is_ole(std::string_view bytes) { return bytes.starts_with(kOleMagic); }

// The stream names of an OLE2 file are UTF-16 in its directory.
bool looks_like_legacy_doc(std::string_view bytes) { return is_ole(bytes) && contains_utf16le(bytes, "WordDocument"); }
bool looks_like_encrypted_docx(std::string_view bytes) {
    return is_ole(bytes) && contains_utf16le(bytes, "EncryptedPackage");
}

Error read_error(int error_number) {
    if (error_number == EACCES || error_number == EPERM) {
        return Error{ErrorCode::Unavailable, "cannot read file: permission denied"};
    }
    if (error_number == 0) return Error{ErrorCode::Unavailable, "cannot read file"};
    return Error{ErrorCode::Unavailable,
                 "cannot read file: " + lower_ascii(std::generic_category().message(error_number))};
}

Result<std::string> read_file(const fs::path& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) return Error{ErrorCode::NotFound, "file not found"};
    if (ec) return read_error(ec.value());
    if (status.type() == fs::file_type::directory) {
        return Error{ErrorCode::InvalidArgument, "is a directory, not a file"};
    }
    if (status.type() != fs::file_type::regular) {
        return Error{ErrorCode::Unsupported, "not a directory entry we can read"};
    }
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) return read_error(ec.value());
    if (size > kMaxFileBytes) return Error{ErrorCode::Unsupported, "file is too large (over 512 MB)"};

    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) return read_error(errno);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    // The file may have shrunk since file_size(); keep what was there.
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return read_error(errno);
    return bytes;
}

bool has_extension(const fs::path& path, std::initializer_list<std::string_view> extensions) {
    const std::string ext = lower_ascii(path.extension().string());
    return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

}  // namespace

Result<ExtractedText> extract_file(const fs::path& path, const ExtractOptions& options) {
    Result<std::string> read = read_file(path);
    if (!read.ok()) return read.error();
    const std::string& bytes = read.value();
    if (bytes.empty()) return Error{ErrorCode::InvalidArgument, "file is empty"};

    const bool pdf_extension = has_extension(path, {".pdf"});
    const std::size_t pdf_header = std::string_view(bytes).substr(0, kPdfHeaderWindow).find(kPdfMagic);
    if (pdf_header == 0 || (pdf_extension && pdf_header != std::string_view::npos)) {
        return extract_pdf(bytes, options.ocr);
    }
    if (pdf_extension) return Error{ErrorCode::Unsupported, "not a PDF file (corrupt or wrong extension)"};

    const bool docx_extension = has_extension(path, {".docx", ".docm", ".dotx", ".dotm"});
    const bool doc_extension = has_extension(path, {".doc", ".dot"});
    if (looks_like_docx(bytes) || looks_like_encrypted_docx(bytes)) return extract_docx(bytes);
    // A .docx that is really a .doc (renamed by hand) is read as what it is.
    if (looks_like_legacy_doc(bytes) || (doc_extension && is_ole(bytes))) return extract_legacy_doc(path);
    // Any other .docx is a damaged one; extract_docx() says how.
    if (docx_extension) return extract_docx(bytes);

    if (looks_like_html(bytes) || has_extension(path, {".html", ".htm", ".xhtml"})) return extract_html(bytes);
    // Some systems save RTF or text under .doc; let the converters judge what they can read.
    if (doc_extension) return extract_legacy_doc(path);

    Result<ExtractedText> text = extract_plain_text(bytes);
    if (!text.ok() && text.error().code == ErrorCode::Unsupported &&
        !has_extension(path, {".txt", ".text", ".md"})) {
        // Without a text extension the file was only ever a guess at text.
        return Error{ErrorCode::Unsupported, "unsupported or binary file"};
    }
    return text;
}

}  // namespace tracuu::indexer
