/** @file
 *  @brief Dates and the document's number as a header writes them: "ngày 25 tháng 7 năm 2025" and
 *  "25/07/2025", the number and symbol of a "Số:" line, and the type a symbol names. Part of
 *  extract_identity() (indexer/identity.h); declarations in identity_internal.h.
 */
#include <unicode/uchar.h>

#include <array>
#include <cstdio>
#include <optional>
#include <vector>

#include "analyzers/utf.h"
#include "indexer/identity_internal.h"

namespace tracuu::indexer::identity_internal {
namespace {

// ---------------------------------------------------------------- dates

bool valid_date(int y, int m, int d) {
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > kDays[static_cast<std::size_t>(m - 1)]) return false;
    return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

string iso(int y, int m, int d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
    return buffer;
}

struct Cursor {
    string_view s;
    std::size_t i = 0;
    void skip(string_view chars = " ,") {
        while (i < s.size() && chars.find(s[i]) != npos) ++i;
    }
    bool word(string_view w) {
        if (s.substr(i, w.size()) != w) return false;
        i += w.size();
        return true;
    }
    int digits(std::size_t max) {
        int v = 0;
        std::size_t n = 0;
        for (; i < s.size() && n < max && s[i] >= '0' && s[i] <= '9'; ++i, ++n) v = v * 10 + (s[i] - '0');
        return n == 0 ? -1 : v;
    }
};

}  // namespace

std::optional<string> written_date(string_view s, std::size_t* at) {
    for (std::size_t p = s.find("gày"); p != npos; p = s.find("gày", p + 1)) {
        Cursor c{s, p - 1};
        if (p == 0 || (!c.word("ngày") && !c.word("Ngày"))) continue;
        c.skip();
        const int d = c.digits(2);
        c.skip();
        if (d < 0 || !c.word("tháng")) continue;
        c.skip();
        const int m = c.digits(2);
        c.skip();
        if (m < 0 || !c.word("năm")) continue;
        c.skip();
        const int y = c.digits(4);
        if (!valid_date(y, m, d)) continue;
        if (at != nullptr) *at = p - 1;
        return iso(y, m, d);
    }
    return std::nullopt;
}

std::optional<string> numeric_date(string_view s) {
    Cursor c{trim(s)};
    int parts[3] = {c.digits(2), -1, -1};
    for (int k = 1; k < 3 && parts[k - 1] >= 0; ++k) {
        if (c.i >= c.s.size() || string_view("/-.").find(c.s[c.i]) == npos) return std::nullopt;
        ++c.i;
        parts[k] = c.digits(k == 2 ? 4 : 2);
    }
    if (!valid_date(parts[2], parts[1], parts[0])) return std::nullopt;
    return iso(parts[2], parts[1], parts[0]);
}

// ---------------------------------------------------------------- the symbol

namespace {

bool is_year(string_view t) {
    return t.size() == 4 && (t.starts_with("19") || t.starts_with("20")) && t.find_first_not_of("0123456789") == npos;
}

bool is_assembly(string_view upper) {
    for (string_view a : {string_view("UBTVQH"), string_view("QH")}) {
        if (upper.starts_with(a) && upper.find_first_not_of("0123456789", a.size()) == npos) return true;
    }
    return false;
}

}  // namespace

std::optional<Symbol> parse_symbol(string_view s) {
    std::vector<char32_t> cps;
    for (std::size_t i = 0; i < s.size() && cps.size() < 80;) cps.push_back(latin_lookalike(next_cp(s, i)));
    const auto digit = [&](std::size_t k) { return k < cps.size() && cps[k] >= '0' && cps[k] <= '9'; };
    const auto spaces = [&](std::size_t k) {
        while (k < cps.size() && cps[k] == ' ') ++k;
        return k;
    };
    Symbol sym;
    std::size_t i = 0;
    for (; digit(i); ++i) sym.number += static_cast<char>(cps[i]);
    if (!sym.number.empty() && i + 1 < cps.size() && cps[i] == '.' && digit(i + 1)) {  // "66.3/2025/NQ-CP"
        for (sym.number += '.', ++i; digit(i); ++i) sym.number += static_cast<char>(cps[i]);
    }
    i = spaces(i);
    if (i >= cps.size() || (cps[i] != '/' && cps[i] != '-')) return std::nullopt;
    std::vector<string> tokens;
    string seps(1, static_cast<char>(cps[i++]));
    for (;;) {
        i = spaces(i);
        string token;
        int lower = 0;
        std::size_t j = i;
        for (; j < cps.size() && (u_isalnum(static_cast<UChar32>(cps[j])) || cps[j] == '&'); ++j) {
            lower += u_islower(static_cast<UChar32>(cps[j])) ? 1 : 0;
            analyzers::append_utf8(token, cps[j]);
        }
        // Issuer and type codes are capitals with at most one lower-case letter (TTg, QĐi), as in analyzers/identifiers.
        if (token.empty() || lower > 1 || u_islower(static_cast<UChar32>(cps[i]))) break;
        tokens.push_back(token);
        i = j;
        const std::size_t k = spaces(i);
        if (k >= cps.size() || (cps[k] != '/' && cps[k] != '-')) break;
        seps += static_cast<char>(cps[k]);
        i = k + 1;
    }
    if (tokens.empty()) return std::nullopt;
    seps.resize(tokens.size());
    std::vector<string> upper;
    for (const string& t : tokens) upper.push_back(map_case(t, true));
    const auto join = [&](std::size_t from) {
        string out;
        for (std::size_t k = from; k < tokens.size(); ++k) out += (k > from ? "-" : "") + tokens[k];
        return out;
    };
    if (seps[0] == '-' && !sym.number.empty() && tokens.size() >= 2 && seps[1] == '/') {
        sym.party = true, sym.type_code = upper[0], sym.issuer_code = join(1);
    } else {
        std::size_t first = is_year(tokens[0]) ? 1 : 0;
        if (first == 1) sym.year = tokens[0];
        if (first >= tokens.size()) return std::nullopt;
        if (tokens.size() - first == 1 && is_assembly(upper[first])) {
            sym.assembly = true, sym.issuer_code = tokens[first];
        } else if (!lookup(kTypeCodes, upper[first]).empty() && (tokens.size() - first >= 2 || !sym.year.empty())) {
            sym.type_code = upper[first], sym.issuer_code = join(first + 1);
        } else {
            sym.issuer_code = tokens[first], sym.no_type = sym.year.empty();
        }
    }
    string rest;
    for (std::size_t k = 0; k < tokens.size(); ++k) rest += seps[k] + tokens[k];
    sym.display = sym.number + rest;
    std::size_t zeros = 0;  // "06" → "6", but "0" and "0.5" keep their zero
    while (zeros + 1 < sym.number.size() && sym.number[zeros] == '0' && sym.number[zeros + 1] != '.') ++zeros;
    sym.key = sym.number.substr(zeros) + map_case(rest, true);
    return sym;
}

std::optional<NumberHit> number_in(const Line& line) {
    const string_view s = line.text;
    for (std::size_t p = s.find("ố"); p != npos; p = s.find("ố", p + 1)) {
        if (p == 0 || (s[p - 1] != 'S' && s[p - 1] != 's') || (p > 1 && s[p - 2] != ' ')) continue;
        Cursor c{s, p + string_view("ố").size()};
        c.skip(" :");
        if (c.i >= s.size() || !((s[c.i] >= '0' && s[c.i] <= '9') || s[c.i] == '/')) continue;
        if (auto sym = parse_symbol(s.substr(c.i))) return NumberHit{*sym, line.offset + c.i, fold(trim(s.substr(0, p - 1))), trim(s.substr(0, p - 1))};
    }
    return std::nullopt;
}

string type_from(const NumberHit& hit, string_view type_line) {
    const Symbol& s = hit.sym;
    if (s.assembly) {
        for (auto [cue, name] : {Named{"bo luat", "Bộ luật"}, Named{"luat", "Luật"}, Named{"nghi quyet", "Nghị quyết"}, Named{"phap lenh", "Pháp lệnh"}}) {
            if (hit.cue.ends_with(cue)) return string(name);
        }
        for (string_view t : {"Luật", "Bộ luật", "Nghị quyết", "Pháp lệnh", "Hiến pháp"}) {
            if (type_line == t) return string(t);
        }
        return map_case(s.issuer_code, true).starts_with("UB") ? "Nghị quyết" : "Luật";
    }
    if (s.party && s.type_code == "TT") return "Thông tri";  // LEGAL.md §1.3: TT is not Thông tư in Party documents
    if (!s.type_code.empty()) return string(lookup(kTypeCodes, s.type_code));
    return s.no_type ? "Công văn" : "";
}

}  // namespace tracuu::indexer::identity_internal
