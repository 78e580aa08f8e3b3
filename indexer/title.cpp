#include "indexer/title.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <vector>

namespace tracuu::indexer {
namespace {

constexpr std::size_t kMaxTitleBytes = 300;
constexpr std::size_t kHeadLines = 80;

constexpr std::array<std::string_view, 24> kTypeLines{
    "KẾ HOẠCH", "NGHỊ ĐỊNH", "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH", "LUẬT", "BỘ LUẬT",
    "CHỈ THỊ", "CHƯƠNG TRÌNH", "BÁO CÁO", "HƯỚNG DẪN", "THÔNG BÁO", "TỜ TRÌNH", "ĐỀ ÁN", "QUY ĐỊNH",
    "QUY CHẾ", "PHÁP LỆNH", "VĂN BẢN HỢP NHẤT", "KẾT LUẬN", "CÔNG ĐIỆN", "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "KẾ HOẠCH HÀNH ĐỘNG", "THÔNG TRI"};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\f')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\f')) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> head_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty() && lines.size() < kHeadLines) {
        const auto nl = text.find_first_of("\n\f");
        lines.push_back(trim(text.substr(0, nl)));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return lines;
}

icu::UnicodeString unicode(std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

bool is_upper_case(std::string_view s) {
    const icu::UnicodeString u = unicode(s);
    bool any_letter = false;
    for (int32_t i = 0; i < u.length(); ++i) {
        if (u_islower(u.charAt(i))) return false;
        any_letter = any_letter || u_isupper(u.charAt(i));
    }
    return any_letter;
}

/// `KẾ HOẠCH` → `Kế hoạch`, or `kế hoạch` when `capitalise` is false.
std::string sentence_case(std::string_view s, bool capitalise) {
    icu::UnicodeString u = unicode(s);
    u.toLower(icu::Locale("vi"));
    if (capitalise && !u.isEmpty()) u.replace(0, 1, static_cast<UChar32>(u_toupper(u.char32At(0))));
    std::string out;
    u.toUTF8String(out);
    return out;
}

/// `Quy định cơ chế` → `quy định cơ chế`: the summary continues the type word.
std::string lower_first(std::string_view s) {
    icu::UnicodeString u = unicode(s);
    if (!u.isEmpty()) u.replace(0, U16_LENGTH(u.char32At(0)), static_cast<UChar32>(u_tolower(u.char32At(0))));
    std::string out;
    u.toUTF8String(out);
    return out;
}

bool is_type_line(std::string_view line) {
    for (auto type : kTypeLines) {
        if (line == type) return true;
    }
    return false;
}

std::string clip(std::string s) {
    if (s.size() <= kMaxTitleBytes) return s;
    std::size_t cut = kMaxTitleBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // stay on a UTF-8 boundary
    const std::size_t space = s.rfind(' ', cut);
    s.resize(space != std::string::npos && space > kMaxTitleBytes / 2 ? space : cut);
    return s + " …";
}

}  // namespace

std::string guess_title(std::string_view text, std::string_view format_title, std::string_view fallback) {
    const auto lines = head_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!is_type_line(lines[i])) continue;
        std::string title = sentence_case(lines[i], true);
        for (std::size_t j = i + 1; j < lines.size(); ++j) {
            if (lines[j].empty()) continue;
            if (lines[j].rfind("Căn cứ", 0) == 0 || lines[j].rfind("Thực hiện", 0) == 0) break;
            if (!is_upper_case(lines[j])) {
                title += ' ' + lower_first(lines[j]);
                break;
            }
            // A title in capitals may wrap over several lines (PDF): take the whole block.
            for (; j < lines.size() && !lines[j].empty() && is_upper_case(lines[j]); ++j) title += ' ' + sentence_case(lines[j], false);
            break;
        }
        return clip(std::move(title));
    }
    if (!trim(format_title).empty()) return clip(std::string(trim(format_title)));
    for (auto line : lines) {
        if (!line.empty()) return clip(std::string(line));
    }
    return std::string(fallback);
}

}  // namespace tracuu::indexer
