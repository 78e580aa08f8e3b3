/** @file
 *  @brief What a matched symbol says (Scan::classify): family, ordinal, canonical key, type code and
 *  type name (the cue phrase deciding only what the code leaves open), issuer codes and unit, and
 *  the flags its spelling earns; with the small string helpers the citation finder shares.
 */
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/citation_internal.h"

namespace tracuu::analyzers::citation_internal {
namespace {

// ---- type codes --------------------------------------------------------------------------------

struct TypeInfo {
    std::string_view upper, spelling, name;
    bool ascii_alias = false;
};
constexpr auto kTypeTable = std::to_array<TypeInfo>({
    {"NQ", "NQ", "Nghị quyết"},       {"QĐ", "QĐ", "Quyết định"},         {"CT", "CT", "Chỉ thị"},          {"QC", "QC", "Quy chế"},
    {"QYĐ", "QyĐ", "Quy định"},       {"QĐI", "QĐi", "Quy định"},         {"TC", "TC", "Thông cáo"},        {"TB", "TB", "Thông báo"},
    {"HD", "HD", "Hướng dẫn"},        {"CTR", "CTr", "Chương trình"},     {"KH", "KH", "Kế hoạch"},         {"PA", "PA", "Phương án"},
    {"ĐA", "ĐA", "Đề án"},            {"DA", "DA", "Dự án"},              {"BC", "BC", "Báo cáo"},          {"BB", "BB", "Biên bản"},
    {"TTR", "TTr", "Tờ trình"},       {"HĐ", "HĐ", "Hợp đồng"},           {"CĐ", "CĐ", "Công điện"},        {"BGN", "BGN", "Bản ghi nhớ"},
    {"BTT", "BTT", "Bản thỏa thuận"}, {"GUQ", "GUQ", "Giấy ủy quyền"},    {"GM", "GM", "Giấy mời"},         {"GGT", "GGT", "Giấy giới thiệu"},
    {"GNP", "GNP", "Giấy nghỉ phép"}, {"PG", "PG", "Phiếu gửi"},          {"PC", "PC", "Phiếu chuyển"},     {"PB", "PB", "Phiếu báo"},
    {"NĐ", "NĐ", "Nghị định"},        {"TT", "TT", "Thông tư"},           {"TTLT", "TTLT", "Thông tư liên tịch"},
    {"NQLT", "NQLT", "Nghị quyết liên tịch"}, {"VBHN", "VBHN", "Văn bản hợp nhất"}, {"KL", "KL", "Kết luận"},
    {"CV", "CV", "Công văn"},         {"PL", "PL", "Pháp lệnh"},          {"L", "L", "Lệnh"},
    // legacy codes of TT 01/2011 and TTLT 55/2005, then ASCII spellings seen in real text
    {"GN", "GN", "Bản ghi nhớ"},      {"TTH", "TTh", "Bản thỏa thuận"},   {"UQ", "UQ", "Giấy ủy quyền"},    {"NP", "NP", "Giấy nghỉ phép"},
    {"GT", "GT", "Giấy giới thiệu"},  {"ND", "NĐ", "Nghị định", true},    {"QD", "QĐ", "Quyết định", true},
});

// ---- small helpers -----------------------------------------------------------------------------

std::string utf8(const UnicodeString& s) { std::string out; return s.toUTF8String(out); }
std::string upper(std::string_view s) {
    return utf8(UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
                    .toUpper(icu::Locale::getRoot()));
}
const TypeInfo* find_type(std::string_view written) {
    const std::string u = upper(written);
    const auto* it = std::find_if(kTypeTable.begin(), kTypeTable.end(), [&](const auto& t) { return t.upper == u; });
    return it == kTypeTable.end() ? nullptr : it;
}
std::vector<std::string> split_tokens(const UnicodeString& rest) {  // on dashes, dropping spaces
    std::vector<std::string> out(1);
    for (int32_t i = 0; i < rest.length(); ++i) {
        if (u_hasBinaryProperty(rest[i], UCHAR_DASH)) {  // only the dashes of kDash reach here
            out.emplace_back();
        } else if (!u_isWhitespace(rest[i])) {
            UnicodeString(rest[i]).toUTF8String(out.back());
        }
    }
    return out;
}
/// Upper-cased token for the key; TƯ is TW, and the ASCII type spellings take their Đ.
std::string key_token(const std::string& token, bool is_type) {
    const std::string u = upper(token);
    const TypeInfo* t = is_type ? find_type(u) : nullptr;
    return u == "TƯ" ? "TW" : t != nullptr && t->ascii_alias ? upper(t->spelling) : u;
}
std::string key_tokens(const std::vector<std::string>& tokens, bool first_is_type) {
    std::string out = key_token(tokens[0], first_is_type);
    for (std::size_t i = 1; i < tokens.size(); ++i) out += "-" + key_token(tokens[i], false);
    return out;
}
bool compatible(std::string_view cue_type, std::string_view type) {
    return type.starts_with(cue_type) || cue_type.starts_with(type);
}

}  // namespace

std::string join(const std::vector<std::string>& parts, std::size_t from, std::string_view sep) {
    std::string out;
    for (std::size_t i = from; i < parts.size(); ++i) out += (i > from ? std::string(sep) : "") + parts[i];
    return out;
}
int to_int(const UnicodeString& digits) {
    int value = 0;
    for (int32_t i = 0; i < digits.length() && u_isdigit(digits[i]); ++i) value = value * 10 + (digits[i] - u'0');
    return value;
}
void add_flag(Citation& c, const char* flag) {
    if (std::find(c.flags.begin(), c.flags.end(), flag) == c.flags.end()) c.flags.emplace_back(flag);
}

bool Scan::classify(const RegexMatcher& m, Citation& c, std::string_view cue_type) {
    std::string number, type_token;  // type_token: the written type code, if the symbol has one
    std::vector<std::string> tokens;
    std::size_t first_issuer = 0;
    bool type_last = false;
    if (start_of(m, 1) >= 0) {  // A
        c.family = SymbolFamily::WithYear;
        number = utf8(group_of(m, 1));
        c.year = to_int(group_of(m, 2));
        tokens = split_tokens(group_of(m, 4));
        if (group_of(m, 3) != u"/") add_flag(c, "malformed_separator");
        const std::string t0 = upper(tokens[0]);
        if (tokens.size() == 1 && t0.starts_with("UBTVQH")) {
            c.type_name = cue_type == "Pháp lệnh" ? "Pháp lệnh" : "Nghị quyết";
        } else if (tokens.size() == 1 && t0.starts_with("QH")) {
            c.type_name = cue_type == "Nghị quyết" || cue_type == "Bộ luật" ? std::string(cue_type) : "Luật";
        } else if (tokens.size() >= 2 && find_type(t0) != nullptr) {
            type_token = tokens[0];
            first_issuer = 1;
        } else {
            first_issuer = tokens.size() == 1 ? 0 : 1;
            if (first_issuer == 1) c.type_code = tokens[0];
            c.type_name = cue_type;
            add_flag(c, first_issuer == 1 || cue_type.empty() ? "unknown_type" : "type_from_cue");
        }
        if (!c.type_name.empty() && !cue_type.empty() && !compatible(cue_type, c.type_name)) add_flag(c, "cue_mismatch");
        c.key = "/" + std::to_string(c.year) + "/" + key_tokens(tokens, first_issuer == 1);
    } else if (start_of(m, 5) >= 0) {  // D
        c.family = SymbolFamily::Party;
        number = utf8(group_of(m, 5));
        type_token = utf8(group_of(m, 6));
        tokens = split_tokens(group_of(m, 7));
        c.key = "-" + key_token(type_token, true) + "/" + key_tokens(tokens, false);
    } else if (start_of(m, 8) >= 0) {  // legacy `37-BYT/QĐ`
        number = utf8(group_of(m, 8));
        type_token = utf8(group_of(m, 10));
        tokens = {utf8(group_of(m, 9))};
        c.key = "-" + tokens[0] + "/" + key_token(type_token, true);
        add_flag(c, "legacy_order");
    } else {  // B
        number = utf8(group_of(m, 11));
        tokens = split_tokens(group_of(m, 12));
        const TypeInfo* last = find_type(tokens.back());
        if (tokens.size() >= 2 && find_type(tokens[0]) != nullptr) {
            type_token = tokens[0];
            first_issuer = 1;
        } else if (tokens.size() >= 2 && last != nullptr && last->name == cue_type) {  // `500/BYT-QĐ`
            type_token = tokens.back();
            tokens.pop_back();
            type_last = true;
            add_flag(c, "legacy_order");
        } else if (!cue_type.empty() && cue_type != "Công văn") {
            c.type_name = cue_type;
            add_flag(c, "type_from_cue");
        } else {
            c.type_name = "Công văn";
        }
        c.key = "/" + key_tokens(tokens, first_issuer == 1) + (type_last ? "-" + key_token(type_token, true) : "");
    }

    if (!type_token.empty()) {
        const TypeInfo* t = find_type(type_token);
        if (t == nullptr) return false;
        c.type_code = t->spelling;
        c.type_name = t->name;
        if (t->ascii_alias) add_flag(c, "ascii_type_code");
        if (c.family == SymbolFamily::Party && t->upper == "QĐ") {  // Quyết định or Quy định
            c.type_name = cue_type == "Quy định" ? "Quy định" : "Quyết định";
            if (cue_type != "Quy định" && cue_type != "Quyết định") add_flag(c, "type_ambiguous");
        } else if (c.family == SymbolFamily::Party && t->upper == "TT") {
            c.type_name = cue_type == "Thông tư" ? "Thông tư" : "Thông tri";
        }
        if (!cue_type.empty() && !compatible(cue_type, c.type_name)) add_flag(c, "cue_mismatch");
    }
    const bool joint = c.type_code == "TTLT" || c.type_code == "NQLT" || c.family != SymbolFamily::Administrative;
    for (std::size_t i = first_issuer; i < tokens.size(); ++i) {
        if (!joint && i > first_issuer) {
            c.unit = join(tokens, i, "-");
            break;
        }
        c.issuer_codes.push_back(upper(tokens[i]) == "TTG" ? "TTg" : tokens[i]);
    }
    const auto dot = number.find('.');
    std::string whole = number.substr(0, dot);
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
    // ICU's \d also matches non-ASCII digits (Balinese ᭑), which std::stoi throws on: such a
    // "number" is no document number (fuzz/regressions/citations/balinese-digit-stoi).
    int parsed = 0;
    const auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), parsed);
    if (ec != std::errc() || end != whole.data() + whole.size()) return false;
    c.number = parsed;
    if (dot != std::string::npos) add_flag(c, "dotted_number");
    c.key = upper(whole + (dot != std::string::npos ? number.substr(dot) : "") + c.key);
    return true;
}

}  // namespace tracuu::analyzers::citation_internal

namespace tracuu::analyzers {

std::string type_name_of_code(std::string_view code) {
    const citation_internal::TypeInfo* t = citation_internal::find_type(code);
    return t == nullptr ? std::string() : std::string(t->name);
}

}  // namespace tracuu::analyzers
