/** @file
 *  @brief Internal to the identity files (identity.cpp, identity_number.cpp, identity_names.cpp): line splitting, case helpers and the code tables used to read
 *  a document's header. Not part of the indexer's interface.
 */
#pragma once

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/fold.h"
#include "analyzers/normalize.h"
#include "analyzers/utf.h"

namespace tracuu::indexer::identity_text {

using std::string;
using std::string_view;
inline constexpr std::size_t npos = string::npos;

struct Named {
    string_view key;
    string_view name;
};

// ---------------------------------------------------------------- text helpers

inline char32_t next_cp(string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return ++i, U'\uFFFD';
    char32_t c = len == 1 ? b : b & (0x7Fu >> len);
    for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    i += len;
    return c;
}

// Real symbols carry Cyrillic capitals that look Latin ("TT-BTС" with U+0421) and assorted
// dashes; within a symbol, a look-alike is its Latin letter even where the text keeps it.
inline char32_t latin_lookalike(char32_t c) {
    if (const char32_t latin = analyzers::latin_lookalike(c); latin != 0) return latin;
    return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 ? U'-' : c;
}

inline string map_case(string_view s, bool upper) {
    string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<UChar32>(next_cp(s, i));
        analyzers::append_utf8(out, static_cast<char32_t>(upper ? u_toupper(c) : u_tolower(c)));
    }
    return out;
}

inline string change_first(string_view s, bool upper) {
    if (s.empty()) return {};
    std::size_t i = 0;
    const auto c = static_cast<UChar32>(next_cp(s, i));
    string out;
    analyzers::append_utf8(out, static_cast<char32_t>(upper ? u_toupper(c) : u_tolower(c)));
    return out.append(s.substr(i));
}
inline string capitalise(string_view s) { return change_first(s, true); }

inline bool is_caps(string_view s) {
    bool any = false;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<UChar32>(next_cp(s, i));
        if (u_islower(c)) return false;
        any = any || u_isupper(c);
    }
    return any;
}

inline bool starts_lower(string_view s) {
    std::size_t i = 0;
    return !s.empty() && u_islower(static_cast<UChar32>(next_cp(s, i)));
}

inline bool title_cased(string_view s) {  // every word starts with a capital: "Phó Thống Đốc"
    for (std::size_t i = 0; i < s.size(); i = std::min(s.find(' ', i), s.size()) + 1) {
        std::size_t j = i;
        if (!u_isupper(static_cast<UChar32>(next_cp(s, j)))) return false;
    }
    return !s.empty();
}

inline string fold(string_view s) { return analyzers::fold_text(s); }

/// Compares the head of `s`, folded (lower case, no diacritics), with an ASCII prefix.
inline bool starts_folded(string_view s, string_view prefix) {
    return fold(s.substr(0, std::min(s.size(), prefix.size() * 4 + 4))).starts_with(prefix);
}

inline string_view trim(string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

inline bool is_rule_char(char32_t c) { return c == '-' || c == '_' || c == '=' || (c >= 0x2013 && c <= 0x2015); }

// Separator rules ("-------", "____", "——-") can be glued to text by PDF extraction; a run of
// three or more is dropped, while a single dash may be a bullet and stays.
inline string_view strip_rules(string_view s) {
    std::size_t i = 0, run = 0;
    while (i < s.size()) {
        std::size_t j = i;
        if (!is_rule_char(next_cp(s, j))) break;
        i = j, ++run;
    }
    if (run >= 3) s = trim(s.substr(i));
    std::size_t cut = s.size();
    run = 0;
    while (cut > 0) {
        std::size_t b = cut - 1;
        while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
        std::size_t j = b;
        if (!is_rule_char(next_cp(s, j))) break;
        cut = b, ++run;
    }
    return run >= 3 ? trim(s.substr(0, cut)) : s;
}

struct Line {
    string_view text;
    std::size_t offset = 0;
    bool after_rule = false;  // a separator rule stood alone above this line (it closes a title block)
};

inline std::vector<Line> content_lines(string_view text) {
    std::vector<Line> lines;
    bool rule = false;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find_first_of("\n\f", start);
        if (end == npos) end = text.size();
        const string_view raw = trim(text.substr(start, end - start));
        const string_view line = strip_rules(raw);
        if (!line.empty()) lines.push_back({line, static_cast<std::size_t>(line.data() - text.data()), rule});
        rule = line.empty() ? rule || !raw.empty() : false;
        start = end + 1;
    }
    return lines;
}

// ---------------------------------------------------------------- tables

// Type lines name a type of kTypeCodes or one of these, which have no code of their own.
inline constexpr std::array<string_view, 5> kUncodedTypes{"Luật", "Bộ luật", "Hiến pháp", "Kế hoạch hành động", "Chương trình hành động"};

// NĐ 30/2020 Phụ lục III, legacy TT 01/2011 codes and the VBQPPL codes (LEGAL.md §1.1–1.3), in capitals.
inline constexpr std::array<Named, 43> kTypeCodes{{{"NĐ", "Nghị định"}, {"TT", "Thông tư"}, {"TTLT", "Thông tư liên tịch"},
    {"QĐ", "Quyết định"}, {"NQ", "Nghị quyết"}, {"NQLT", "Nghị quyết liên tịch"}, {"CT", "Chỉ thị"}, {"KH", "Kế hoạch"},
    {"VBHN", "Văn bản hợp nhất"}, {"PL", "Pháp lệnh"}, {"L", "Lệnh"}, {"QYĐ", "Quy định"}, {"QĐI", "Quy định"},
    {"QC", "Quy chế"}, {"TC", "Thông cáo"}, {"TB", "Thông báo"}, {"HD", "Hướng dẫn"}, {"CTR", "Chương trình"},
    {"PA", "Phương án"}, {"ĐA", "Đề án"}, {"DA", "Dự án"}, {"BC", "Báo cáo"}, {"BB", "Biên bản"}, {"TTR", "Tờ trình"},
    {"HĐ", "Hợp đồng"}, {"CĐ", "Công điện"}, {"BGN", "Bản ghi nhớ"}, {"BTT", "Bản thỏa thuận"}, {"GUQ", "Giấy ủy quyền"},
    {"GM", "Giấy mời"}, {"GGT", "Giấy giới thiệu"}, {"GNP", "Giấy nghỉ phép"}, {"PG", "Phiếu gửi"}, {"PC", "Phiếu chuyển"},
    {"PB", "Phiếu báo"}, {"KL", "Kết luận"}, {"CV", "Công văn"}, {"GT", "Giấy giới thiệu"}, {"NP", "Giấy nghỉ phép"},
    {"UQ", "Giấy ủy quyền"}, {"GN", "Bản ghi nhớ"}, {"TTH", "Bản thỏa thuận"}, {"SY", "Bản sao y"}}};

// LEGAL.md §1.4 and the 2025 ministries; the names double as the capitalisation of these bodies.
inline constexpr std::array<Named, 48> kIssuers{{{"CP", "Chính phủ"}, {"TTG", "Thủ tướng Chính phủ"}, {"QH", "Quốc hội"},
    {"UBTVQH", "Ủy ban Thường vụ Quốc hội"}, {"CTN", "Chủ tịch nước"}, {"VPCP", "Văn phòng Chính phủ"},
    {"VPQH", "Văn phòng Quốc hội"}, {"BKHCN", "Bộ Khoa học và Công nghệ"}, {"BTC", "Bộ Tài chính"},
    {"BKHĐT", "Bộ Kế hoạch và Đầu tư"}, {"BNV", "Bộ Nội vụ"}, {"BTP", "Bộ Tư pháp"}, {"BCA", "Bộ Công an"},
    {"BQP", "Bộ Quốc phòng"}, {"BNG", "Bộ Ngoại giao"}, {"BYT", "Bộ Y tế"}, {"BGDĐT", "Bộ Giáo dục và Đào tạo"},
    {"BXD", "Bộ Xây dựng"}, {"BCT", "Bộ Công Thương"}, {"BTNMT", "Bộ Tài nguyên và Môi trường"},
    {"BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"}, {"BNNMT", "Bộ Nông nghiệp và Môi trường"},
    {"BGTVT", "Bộ Giao thông vận tải"}, {"BTTTT", "Bộ Thông tin và Truyền thông"},
    {"BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"}, {"BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"},
    {"BDTTG", "Bộ Dân tộc và Tôn giáo"}, {"UBDT", "Ủy ban Dân tộc"}, {"NHNN", "Ngân hàng Nhà nước Việt Nam"},
    {"KTNN", "Kiểm toán Nhà nước"}, {"TANDTC", "Tòa án nhân dân tối cao"}, {"VKSNDTC", "Viện kiểm sát nhân dân tối cao"},
    {"TTCP", "Thanh tra Chính phủ"}, {"KBNN", "Kho bạc Nhà nước"}, {"BHXH", "Bảo hiểm xã hội Việt Nam"},
    {"UBND", "Ủy ban nhân dân"}, {"HĐND", "Hội đồng nhân dân"}, {"TW", "Ban Chấp hành Trung ương Đảng"},
    {"TƯ", "Ban Chấp hành Trung ương Đảng"}, {"TU", "Tỉnh ủy"}, {"VPTW", "Văn phòng Trung ương Đảng"},
    {"BTCTW", "Ban Tổ chức Trung ương"}, {"BTGTW", "Ban Tuyên giáo Trung ương"}, {"UBKTTW", "Ủy ban Kiểm tra Trung ương"},
    {"BDVTW", "Ban Dân vận Trung ương"}, {"BNCTW", "Ban Nội chính Trung ương"}, {"BKTTW", "Ban Kinh tế Trung ương"},
    {"SKHCN", "Sở Khoa học và Công nghệ"}}};

// Names a title written in capitals loses when lowered, longest first.
inline constexpr std::array<Named, 13> kProperNames{{{"cộng hòa xã hội chủ nghĩa việt nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
    {"hội đồng bầu cử quốc gia", "Hội đồng Bầu cử quốc gia"},
    {"ủy ban thường vụ quốc hội", "Ủy ban Thường vụ Quốc hội"}, {"bộ trưởng Bộ", "Bộ trưởng Bộ"}, {"thống đốc Ngân hàng", "Thống đốc Ngân hàng"},
    {"thủ tướng chính phủ", "Thủ tướng Chính phủ"}, {"ngân hàng nhà nước", "Ngân hàng Nhà nước"},
    {"kho bạc nhà nước", "Kho bạc Nhà nước"}, {"công an nhân dân", "Công an nhân dân"},
    {"quân đội nhân dân", "Quân đội nhân dân"}, {"việt nam", "Việt Nam"}, {"quốc hội", "Quốc hội"}, {"chính phủ", "Chính phủ"}}};

// The 63 provinces before the 2025 merger (the 34 after it kept old names) and Huế, folded.
inline constexpr std::array<string_view, 64> kProvinces{"an giang", "ba ria - vung tau", "bac giang", "bac kan", "bac lieu",
    "bac ninh", "ben tre", "binh dinh", "binh duong", "binh phuoc", "binh thuan", "ca mau", "cao bang", "dak lak",
    "dak nong", "dien bien", "dong nai", "dong thap", "gia lai", "ha giang", "ha nam", "ha tinh", "hai duong", "hau giang",
    "hoa binh", "hung yen", "khanh hoa", "kien giang", "kon tum", "lai chau", "lam dong", "lang son", "lao cai",
    "long an", "nam dinh", "nghe an", "ninh binh", "ninh thuan", "phu tho", "quang binh", "quang nam", "quang ngai",
    "quang ninh", "quang tri", "soc trang", "son la", "tay ninh", "thai binh", "thai nguyen", "thanh hoa",
    "thua thien hue", "tien giang", "tra vinh", "tuyen quang", "vinh long", "vinh phuc", "yen bai", "phu yen", "can tho",
    "da nang", "hai phong", "ha noi", "ho chi minh", "hue"};

// Words that open the name of a body: a header line starting with one names a new body (a unit
// under the parent above it), any other line continues the previous one ("TỈNH NINH BÌNH").
inline constexpr std::array<string_view, 32> kOrganWords{"bo ", "so ", "cuc ", "tong cuc ", "vu ", "chi cuc ", "ban ",
    "van phong ", "vien ", "trung tam ", "uy ban ", "ubnd", "hoi dong ", "hdnd", "kho bac ", "thanh tra ", "cong an ",
    "toa an ", "ngan hang ", "kiem toan ", "bao hiem ", "chinh phu", "thu tuong", "quoc hoi", "chu tich ", "tinh uy",
    "thanh uy", "huyen uy", "dang uy", "truong ", "dai hoc ", "benh vien "};

template <std::size_t N>
inline string_view lookup(const std::array<Named, N>& table, string_view key) {
    for (const Named& entry : table) {
        if (entry.key == key) return entry.name;
    }
    return {};
}

inline string_view issuer_for_name(string_view caps) {
    const string folded = fold(caps);
    for (const Named& issuer : kIssuers) {
        if (fold(issuer.name) == folded) return issuer.name;
    }
    return {};
}

inline bool is_organ_line(string_view line) {
    return std::any_of(kOrganWords.begin(), kOrganWords.end(), [&](string_view w) { return starts_folded(line, w); });
}

}  // namespace tracuu::indexer::identity_text
