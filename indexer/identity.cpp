#include "indexer/identity.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <vector>

#include "analyzers/fold.h"
#include "analyzers/utf.h"
#include "indexer/identity_text.h"

namespace tracuu::indexer {
namespace {

using std::string;
using std::string_view;
constexpr std::size_t kHeadLines = 45;  // content lines searched for the header block

using namespace identity_text;

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

/// "ngày 25 tháng 7 năm 2025" anywhere in `s`; `at` receives the byte offset of "ngày".
std::optional<string> written_date(string_view s, std::size_t* at = nullptr) {
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

/// "25/07/2025", "16-11-2025" or "25.7.2025" at the start of `s`.
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

// ---------------------------------------------------------------- capitalisation

bool boundary(string_view s, std::size_t at) {
    return at >= s.size() || string_view(" ,;().:-").find(s[at]) != npos;
}

void restore(string& s, string_view lower, string_view proper) {
    for (std::size_t p = s.find(lower); p != npos; p = s.find(lower, p + 1)) {
        if ((p == 0 || boundary(s, p - 1)) && boundary(s, p + lower.size())) s.replace(p, lower.size(), proper);
    }
}

/// Capitalises the first letter of each word from byte `at` on, `count` words ("-" does not count).
void capitalise_words(string& s, std::size_t at, int count) {
    while (count > 0 && at < s.size()) {
        const std::size_t end = std::min(s.find(' ', at), s.size());
        if (s.compare(at, end - at, "-") != 0) s.replace(at, end - at, capitalise(string_view(s).substr(at, end - at))), --count;
        at = std::min(s.find(' ', at), s.size()) + 1;
    }
}

/// A title written in capitals in sentence case: symbols kept, names of bodies, laws and places restored.
string sentence_case(string_view caps) {
    string out;
    for (std::size_t i = 0; i < caps.size();) {
        const std::size_t end = std::min(caps.find(' ', i), caps.size());
        const string_view word = caps.substr(i, end - i);
        out += word.find_first_of("0123456789/&") != npos ? string(word) : map_case(word, false);
        if (end < caps.size()) out += ' ';
        i = end + 1;
    }
    for (const Named& issuer : kIssuers) restore(out, map_case(issuer.name, false), issuer.name);
    for (const Named& name : kProperNames) restore(out, name.key, name.name);  // after the bodies: "bộ trưởng Bộ Y tế"
    for (string_view unit : {string_view("tỉnh "), string_view("thành phố ")}) {
        for (std::size_t p = out.find(unit); p != npos; p = out.find(unit, p + 1)) {
            const string rest = fold(string_view(out).substr(p + unit.size(), 40));
            for (string_view province : kProvinces) {
                if (!rest.starts_with(province) || !boundary(rest, province.size())) continue;
                capitalise_words(out, p + unit.size(), static_cast<int>(std::count(province.begin(), province.end(), ' ')) + (province.find('-') != npos ? 0 : 1));
                break;
            }
        }
    }
    for (std::size_t p = out.find("luật "); p != npos; p = out.find("luật ", p + 1)) {
        const bool generic = p >= 6 && out.compare(p - 6, 6, "pháp ") == 0;  // "văn bản quy phạm pháp luật"
        if (!generic && (p == 0 || out[p - 1] == ' ')) capitalise_words(out, p, 2);
    }
    for (string_view cue : {"nghị định số", "thông tư số", "thông tư liên tịch số", "quyết định số", "nghị quyết số"}) {
        restore(out, cue, capitalise(cue));
    }
    return capitalise(out);
}

/// One body from header capitals: "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH" → "Ủy ban nhân dân tỉnh Ninh Bình".
string format_body(string_view caps) {
    const string folded = fold(caps);
    if (const string_view known = issuer_for_name(caps); !known.empty()) return string(known);
    for (auto [prefix, name] : {Named{"uy ban nhan dan ", "Ủy ban nhân dân"}, Named{"hoi dong nhan dan ", "Hội đồng nhân dân"},
             Named{"ubnd ", "Ủy ban nhân dân"}, Named{"hdnd ", "Hội đồng nhân dân"}}) {
        if (!folded.starts_with(prefix)) continue;
        string_view rest = caps;
        for (auto k = std::count(prefix.begin(), prefix.end(), ' '); k > 0; --k) rest = rest.substr(rest.find(' ') + 1);
        for (string_view unit : {"thanh pho ", "thi xa ", "thi tran ", "dac khu ", "tinh ", "huyen ", "quan ", "xa ", "phuong ", "tp. "}) {
            if (!starts_folded(rest, unit)) continue;
            std::size_t cut = rest.find(' ');
            if (std::count(unit.begin(), unit.end(), ' ') == 2) cut = rest.find(' ', cut + 1);
            cut = cut == npos ? rest.size() : cut + 1;  // the locality's name is capitalised word by word
            string out = string(name) + ' ' + map_case(rest, false);
            capitalise_words(out, name.size() + 1 + cut, 8);
            return out;
        }
        return string(name) + ' ' + map_case(rest, false);
    }
    for (string_view organ : {"tong cuc ", "chi cuc ", "bo ", "so ", "cuc ", "vu "}) {
        if (!folded.starts_with(organ)) continue;
        // Each coordinated part of a ministry or department name is capitalised: "Sở Khoa học và Công nghệ".
        std::size_t cut = caps.find(' ') + 1;
        if (std::count(organ.begin(), organ.end(), ' ') == 2) cut = caps.find(' ', cut) + 1;
        string out = capitalise(map_case(caps, false));
        capitalise_words(out, cut, 1);
        for (string_view sep : {", ", " và ", " - "}) {
            for (std::size_t p = out.find(sep, cut); p != npos; p = out.find(sep, p + 1)) capitalise_words(out, p + sep.size(), 1);
        }
        return out;
    }
    return sentence_case(caps);
}

/// Bodies joined in one header line ("BỘ TƯ PHÁP - BỘ CÔNG AN - …") are formatted one by one.
string format_issuer(string_view caps) {
    string out;
    std::size_t start = 0;
    for (std::size_t p = caps.find(" - ");; p = caps.find(" - ", p + 3)) {
        if (p != npos && !is_organ_line(caps.substr(p + 3))) continue;
        out += (out.empty() ? "" : " - ") + format_body(trim(caps.substr(start, p == npos ? npos : p - start)));
        if (p == npos) return out;
        start = p + 3;
    }
}

/// "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "CHỦ TỊCH QUỐC HỘI" → "Chủ tịch Quốc hội".
string format_office(string_view caps) {
    string out = sentence_case(caps);
    if (out.starts_with("Phó ") || out.starts_with("Quyền ")) capitalise_words(out, out.find(' ') + 1, 1);
    return out;
}

// ---------------------------------------------------------------- the symbol

struct Symbol {
    string number;       // the ordinal as written ("06", "66.3"); empty in drafts ("Số: /2025/TT-BNNMT")
    string display;      // number and symbol without spaces, dashes unified
    string key;
    string year;         // the year inside the symbol
    string type_code;    // in capitals
    string issuer_code;  // as written
    bool party = false;     // "497-KH/TU"
    bool assembly = false;  // "64/2025/QH15", "94/2025/UBTVQH15"
    bool no_type = false;   // neither type code nor year: a công văn ("3233/BKHCN-KHTC")
};

bool is_year(string_view t) {
    return t.size() == 4 && (t.starts_with("19") || t.starts_with("20")) && t.find_first_not_of("0123456789") == npos;
}

bool is_assembly(string_view upper) {
    for (string_view a : {string_view("UBTVQH"), string_view("QH")}) {
        if (upper.starts_with(a) && upper.find_first_not_of("0123456789", a.size()) == npos) return true;
    }
    return false;
}

/// Parses "13/KH-UBND", "249/2025/NĐ-CP", "497-KH/TU", "51 /2025/TT-BYT" or "/2025/TT-BNNMT" at the start of `s`.
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

struct NumberHit {
    Symbol sym;
    std::size_t at = npos;  // byte offset of the number in the text
    string cue;             // folded words before "số" ("luat", "nghi quyet")
    string_view before;     // the line before "Số", which may hold an issuer glued by PDF extraction
};

/// The number of a header line: "Số: 13/KH-UBND", "Luật số: 64/2025/QH15", "Số 06/2026/TT-BTС", "Số : 45/ 2025/TT-NHNN".
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

// ---------------------------------------------------------------- line kinds

bool starts_any(string_view folded, std::initializer_list<string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(), [&](string_view p) { return folded.starts_with(p); });
}

bool is_noise(string_view line) {  // Công báo page headers, signature stamps, portal chrome
    const string f = fold(line.substr(0, std::min<std::size_t>(line.size(), 80)));
    return f.find("cong bao/so") != npos || starts_any(f, {"he thong phap luat", "phan van ban quy pham", "nguoi ky:", "email:",
                                                           "co quan:", "thoi gian ky:", "ky boi:", "ngay ky:"});
}

bool is_motto(string_view line) {
    const string f = fold(line.substr(0, std::min<std::size_t>(line.size(), 60)));
    return f.starts_with("cong hoa xa hoi chu nghia") || f.starts_with("doc lap") || f.starts_with("dang cong san viet nam");
}

/// "Chính phủ ban hành Nghị định …", "…; Bộ trưởng Bộ Tài chính ban hành Thông tư …".
bool is_enacting(string_view line) {
    const string f = fold(line);
    const std::size_t p = f.find(" ban hanh ");
    if (p == npos || p == 0) return false;
    const string_view next = string_view(f).substr(p + 10);
    for (string_view t : {"luat", "bo luat", "nghi dinh", "thong tu", "quyet dinh", "nghi quyet", "phap lenh", "chi thi", "lenh "}) {
        if (next.starts_with(t)) return true;
    }
    // "Bộ trưởng Bộ Nông nghiệp và Môi trường ban hành 02 quy chuẩn …": the subject is an office holder.
    return string_view(f).substr(0, p).starts_with("bo truong bo ") && p < 120;
}

bool is_heading_like(string_view line) {
    const string f = fold(line.substr(0, std::min<std::size_t>(line.size(), 30)));
    for (string_view unit : {"chuong ", "dieu ", "muc ", "phan "}) {
        if (!f.starts_with(unit)) continue;
        const char c = f.size() > unit.size() ? f[unit.size()] : ' ';
        if ((c >= '0' && c <= '9') || string_view("ivxl").find(c) != npos || f.starts_with("phan thu")) return true;
    }
    return f.starts_with("phu luc");
}

bool is_strong_stop(string_view line) {
    return starts_folded(line, "can cu") || starts_folded(line, "kinh gui") || is_enacting(line) || is_heading_like(line);
}

bool is_body_start(string_view line) {
    return is_strong_stop(line) || starts_any(fold(line.substr(0, std::min<std::size_t>(line.size(), 60))),
                                              {"thuc hien ", "theo de nghi", "xet de nghi", "xet to trinh", "quyet dinh:", "quyet nghi:"});
}

/// "NGHỊ ĐỊNH[1]" → "NGHỊ ĐỊNH": a footnote marker glued to a line; with `digit`, also "LUẬT1" (PDF superscript).
string_view strip_footnote(string_view s, bool digit = false) {
    if (s.ends_with(']') && s.rfind('[') != npos) s = trim(s.substr(0, s.rfind('[')));
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    if (digit && s.size() > 1 && is_digit(s.back()) && !is_digit(s[s.size() - 2])) s.remove_suffix(1);
    return s;
}

string_view type_line_name(string_view line) {
    line = strip_footnote(line, true);
    if (line.size() > 40 || !is_caps(line)) return {};
    const string folded = fold(line);
    for (const Named& code : kTypeCodes) {
        if (fold(code.name) == folded) return code.name;
    }
    for (string_view name : kUncodedTypes) {
        if (fold(name) == folded) return name;
    }
    return {};
}

/// The trích yếu under the type line: one block of wrapped lines, all in capitals or all not.
string read_title(const std::vector<Line>& lines, std::size_t from) {
    string title;
    bool caps = false;
    for (std::size_t i = from; i < lines.size() && i < from + 8; ++i) {
        const string_view line = strip_footnote(lines[i].text);
        if (is_noise(line) || is_motto(line)) continue;
        // A plan's summary may itself open with "Thực hiện …"; only a strong marker ends it at once.
        if (is_strong_stop(line) || (!title.empty() && (is_body_start(line) || lines[i].after_rule))) break;
        if (title.empty()) caps = is_caps(line);
        else if (is_caps(line) != caps || title.ends_with('.')) break;
        else if (caps && !issuer_for_name(line).empty()) break;  // "QUỐC HỘI" alone opens a resolution's preamble
        title += (title.empty() ? "" : " ") + string(line);
    }
    return caps ? sentence_case(title) : title;
}

bool is_office_line(string_view line) {
    if (line.size() > 90 || !is_caps(line)) return false;
    const string f = fold(line);
    for (string_view p : {"tm.", "kt.", "tl.", "tuq.", "q. "}) {
        if (f.starts_with(p)) return true;
    }
    for (string_view w : {"truong", "tuong", "chu tich", "chu nhiem", "thong doc", "giam doc", "bi thu", "chanh an", "tong thu ky",
             "thanh tra", "kiem toan", "chanh van phong"}) {
        if (f.find(w) != npos) return true;
    }
    return false;
}

string office_title(string_view line) {
    const string f = fold(line);
    for (string_view p : {"tm.", "kt.", "tl.", "tuq."}) {
        if (!f.starts_with(p)) continue;
        // PDF text glues the deputy's line to the KT. line: "KT. CHỦ TỊCHPHÓ CHỦ TỊCH".
        for (string_view deputy : {"PHÓ ", "THỨ TRƯỞNG"}) {
            if (const std::size_t d = line.find(deputy, 3); d != npos) return format_office(line.substr(d));
        }
        return {};
    }
    if (f.starts_with("q. ")) return "Quyền " + format_office(trim(line.substr(3)));
    return format_office(line);
}

/// "(Đã ký)", "( đã kí )", "[daky]": the mark a published copy puts where the signature was.
bool is_signed_mark(string_view line) {
    string f;
    for (char c : fold(line.substr(0, std::min<std::size_t>(line.size(), 40)))) {
        if (string_view(" ()[]").find(c) == npos) f += c;
    }
    return f.starts_with("daky") || f.starts_with("daki");
}

/// "Hà Lan Anh", "Đại tướng Lương Tam Quang" → "Lương Tam Quang"; "" for anything else.
string personal_name(string_view line) {
    for (string_view rank : {"dai tuong ", "thuong tuong ", "trung tuong ", "thieu tuong ", "dai ta ", "thuong ta ",
             "trung ta ", "thieu ta ", "pgs.ts. ", "gs.ts. ", "ts. ", "ths. "}) {
        if (!starts_folded(line, rank)) continue;
        for (auto k = std::count(rank.begin(), rank.end(), ' '); k > 0; --k) line = line.substr(line.find(' ') + 1);
        break;
    }
    int words = 0;
    for (std::size_t i = 0; i < line.size(); ++words) {
        const std::size_t end = std::min(line.find(' ', i), line.size());
        const string_view w = line.substr(i, end - i);
        std::size_t j = 0;
        if (w.empty() || !u_isupper(static_cast<UChar32>(next_cp(w, j)))) return {};
        while (j < w.size()) {
            const auto c = static_cast<UChar32>(next_cp(w, j));
            if (!u_islower(c) && c != '\'') return {};
        }
        i = end + 1;
    }
    if (words < 2 || words > 6 || line.size() > 60) return {};
    // "Phó Thống Đốc" is written like a name; offices have words no Vietnamese name has.
    const string lower = map_case(line, false);
    for (string_view office : {"phó ", "quyền ", "thống đốc", "trưởng", "thủ tướng", "chủ tịch", "chủ nhiệm", "giám đốc", "tổng "}) {
        if (lower.find(office) != npos) return {};
    }
    return string(line);
}

/// The place before ", ngày …": the capitalised words just before it ("Số: 18/VBHN-BTC Hà Nội" → "Hà Nội").
string place_before(string_view s) {
    s = trim(s);
    while (!s.empty() && (s.back() == ',' || s.back() == ' ')) s.remove_suffix(1);
    std::size_t start = s.size();
    for (int words = 0; start > 0 && words < 5; ++words) {
        const std::size_t sp = s.rfind(' ', start - 1);
        const std::size_t ws = sp == npos ? 0 : sp + 1;
        const string_view w = s.substr(ws, start - ws);
        std::size_t j = 0;
        if (w.empty() || !u_isupper(static_cast<UChar32>(next_cp(w, j))) || w.find_first_of("0123456789/:") != npos) break;
        start = sp == npos ? 0 : sp;
    }
    return string(trim(s.substr(start)));
}

// ---------------------------------------------------------------- portal metadata

struct Portal {
    string number, type, issuer_place, date, signer, effective, status, gazette_no, gazette_date;
};

bool is_placeholder(string_view value) {
    const string f = fold(value);
    return f.empty() || f.starts_with("dang cap nhat") || f == "kiem tra" || f == "khong xac dinh" || f == "chua xac dinh" || f == "...";
}

// Legal portals append "HIỆU LỰC VĂN BẢN" / "Thuộc tính văn bản" with "• Số hiệu: …" lines (glued
// by PDF extraction); a "Người ký:" outside such a block is a signature stamp, not metadata.
Portal read_portal(const std::vector<Line>& lines) {
    Portal p;
    std::size_t block_until = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const string_view line = lines[i].text;
        if (starts_folded(line, "hieu luc van ban") || starts_folded(line, "thuoc tinh van ban")) block_until = i + 30;
        const bool bullet = line.starts_with("•");
        if (!bullet && i >= block_until) continue;
        for (std::size_t b = 0; b < line.size();) {
            std::size_t e = line.find("•", b);
            if (e == npos) e = line.size();
            const string_view item = trim(line.substr(b, e - b));
            b = e + string_view("•").size();
            const std::size_t colon = item.find(':');
            if (colon == npos) continue;
            const string key = fold(trim(item.substr(0, colon)));
            const string_view value = trim(item.substr(colon + 1));
            if (is_placeholder(value)) continue;
            const string date = numeric_date(value).value_or("");
            if (key == "so hieu") p.number = value;
            else if (key == "loai van ban") p.type = value;
            else if (key == "noi ban hanh") p.issuer_place = value;
            else if (key == "ngay ban hanh") p.date = date;
            else if (key == "nguoi ky") p.signer = value;
            else if (key == "ngay hieu luc" || key == "ngay co hieu luc") p.effective = date;
            else if (key == "tinh trang hieu luc" || key == "tinh trang" || key == "hieu luc") p.status = value;
            else if (key == "so cong bao") p.gazette_no = value;
            else if (key == "ngay cong bao") p.gazette_date = date;
        }
    }
    return p;
}

/// "CÔNG BÁO/Số 1563 + 1564/Ngày 16-11-2025 23" → "1563 + 1564 (2025-11-16)".
string gazette_header(const std::vector<Line>& lines) {
    constexpr string_view kMark = "CÔNG BÁO/Số";
    for (const Line& line : lines) {
        const std::size_t p = line.text.find(kMark);
        if (p == npos) continue;
        const string_view rest = line.text.substr(p + kMark.size());
        const std::size_t slash = rest.find('/');
        if (slash == npos || !rest.substr(slash + 1).starts_with("Ngày")) continue;
        const auto date = numeric_date(rest.substr(slash + 1 + string_view("Ngày").size()));
        if (date) return string(trim(rest.substr(0, slash))) + " (" + *date + ")";
    }
    return {};
}

// ---------------------------------------------------------------- assembling

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

string issuer_from_codes(string_view codes, string_view portal_place) {
    string out;
    for (std::size_t b = 0; b <= codes.size();) {
        const std::size_t e = std::min(codes.find('-', b), codes.size());
        const string name = issuer_for_code(codes.substr(b, e - b));
        if (name.empty()) return {};
        out += (out.empty() ? "" : " - ") + name;
        b = e + 1;
    }
    // The code UBND/HĐND does not say which province (LEGAL.md §1.4); the portal's "Nơi ban hành" may.
    if ((out == "Ủy ban nhân dân" || out == "Hội đồng nhân dân") && !portal_place.empty()) out += ' ' + change_first(portal_place, false);
    return out;
}

/// "Bộ trưởng Bộ Công an ban hành Thông tư …" → "Bộ Công an", for copies without a header block.
string enacting_issuer(const std::vector<Line>& lines, std::size_t from) {
    for (std::size_t i = from; i < lines.size() && i < from + 40; ++i) {
        if (!is_enacting(lines[i].text)) continue;
        string_view s = lines[i].text.substr(0, lines[i].text.find(" ban hành "));
        if (const std::size_t cut = s.find_last_of(";,"); cut != npos) s = trim(s.substr(cut + 1));
        for (string_view office : {"Bộ trưởng ", "Thống đốc ", "Chủ nhiệm ", "Tổng Thanh tra ", "Tổng Kiểm toán "}) {
            if (s.starts_with(office) && is_organ_line(s.substr(office.size()))) s = s.substr(office.size());
        }
        return is_organ_line(s) && s.size() < 100 ? string(s) : string();
    }
    return {};
}

struct Header {
    std::size_t body = 0;          // the first line of the body ("Căn cứ …", the enacting clause, "Điều 1.")
    std::optional<NumberHit> number;
};

/// Issuer lines in capitals, grouped into bodies; the last body (a unit under its parent) issues.
string header_issuer(const std::vector<Line>& lines, std::size_t from, std::size_t to, std::size_t number_line,
                     string_view before_number, std::size_t date_line) {
    std::vector<string> bodies;
    for (std::size_t i = from; i < to; ++i) {
        const string_view line = i == number_line ? before_number : lines[i].text;
        if (i == date_line || line.empty() || is_motto(line) || is_noise(line) || !is_caps(line) || line.size() > 250) continue;
        if (!bodies.empty() && bodies.back() == line) continue;  // PDF repeats "BỘ TÀI CHÍNH"
        // "BỘ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH" and "ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI" are one body wrapped.
        const bool continues = !bodies.empty() && (bodies.back().ends_with('-') || bodies.back().ends_with(',') ||
                                                   !issuer_for_name(bodies.back() + ' ' + string(line)).empty());
        if (bodies.empty() || (is_organ_line(line) && !continues)) bodies.emplace_back(line);
        else bodies.back() += ' ' + string(line);
    }
    return bodies.empty() ? string() : format_issuer(bodies.back());
}

/// The header: issuer block, motto, number, place and date, then the type line and summary (or a V/v line).
Header read_header(const std::vector<Line>& lines, DocumentIdentity& id) {
    Header h;
    const std::size_t n = lines.size();
    std::size_t head = 0;
    while (head < n && head < 12 && is_noise(lines[head].text)) ++head;
    h.body = std::min(n, head + kHeadLines);
    for (std::size_t i = head; i < h.body; ++i) {
        if (is_body_start(lines[i].text)) h.body = i;
    }
    std::size_t type_at = npos;
    for (std::size_t i = head; i < h.body && type_at == npos; ++i) {
        if (!type_line_name(lines[i].text).empty()) type_at = i;
    }
    const std::size_t head_end = type_at != npos ? type_at : std::min(h.body, head + 15);
    std::size_t number_line = npos, date_line = npos;
    for (std::size_t i = head; i < head_end && !h.number; ++i) {
        if (!is_noise(lines[i].text) && (h.number = number_in(lines[i]))) number_line = i;
    }
    for (std::size_t i = head; i < head_end && date_line == npos; ++i) {
        std::size_t at = 0;
        if (is_noise(lines[i].text)) continue;
        if (auto date = written_date(lines[i].text, &at)) id.date = *date, id.place = place_before(lines[i].text.substr(0, at)), date_line = i;
    }
    id.issuer = header_issuer(lines, head, head_end, number_line, h.number ? h.number->before : string_view(), date_line);
    if (type_at != npos) {
        id.type = type_line_name(lines[type_at].text);
        id.title = read_title(lines, type_at + 1);
        return h;
    }
    for (std::size_t i = head; i < h.body; ++i) {
        if (!starts_folded(lines[i].text, "v/v")) continue;
        id.type = "Công văn";
        id.title = lines[i].text;
        for (std::size_t k = i + 1; k < h.body && k < i + 4 && starts_lower(lines[k].text); ++k) id.title += ' ' + string(lines[k].text);
        break;
    }
    return h;
}

/// A consolidated text is authenticated in a block of its own ("XÁC THỰC VĂN BẢN HỢP NHẤT"), often
/// on its last page, with the number, place and date, and signer of the consolidating body.
bool read_consolidation(const std::vector<Line>& lines, DocumentIdentity& id, std::optional<NumberHit>& number) {
    std::size_t at = npos;
    for (std::size_t i = 0; i < lines.size() && at == npos; ++i) {
        if (starts_folded(lines[i].text, "xac thuc van ban hop nhat")) at = i;
    }
    if (at == npos) return false;
    for (std::size_t i = at > 4 ? at - 4 : 0; i < lines.size() && i <= at + 4; ++i) {
        if (!number && (number = number_in(lines[i])) && i > 0 && id.issuer.empty() && is_caps(lines[i - 1].text) &&
            is_organ_line(lines[i - 1].text)) {
            id.issuer = format_issuer(lines[i - 1].text);
        }
        std::size_t where = 0;
        if (id.date.empty()) {
            if (auto date = written_date(lines[i].text, &where)) id.date = *date, id.place = place_before(lines[i].text.substr(0, where));
        }
    }
    return true;
}

/// A law is dated by its passing: "Luật này được Quốc hội … Kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025."
string passing_date(const std::vector<Line>& lines) {
    for (std::size_t i = lines.size(); i-- > 0;) {
        const std::size_t p = lines[i].text.find("thông qua ngày");
        if (p == npos) continue;
        const string sentence = (i > 0 ? string(lines[i - 1].text) + ' ' : string()) + string(lines[i].text);
        if (fold(sentence).find("nay duoc") != npos) return written_date(lines[i].text.substr(p)).value_or("");
    }
    return {};
}

/// The first personal name under an office line (past "(Đã ký)" marks) after the header.
void read_signer(const std::vector<Line>& lines, std::size_t from, DocumentIdentity& id) {
    for (std::size_t i = std::max<std::size_t>(from, 1); i < lines.size(); ++i) {
        string name = personal_name(lines[i].text);
        if (name.empty()) continue;
        std::size_t j = i - 1;
        for (int marks = 0; marks < 2 && j > 0 && is_signed_mark(lines[j].text); ++marks) --j;
        // The office is in capitals, sometimes in title case ("Phó Thống Đốc" under "THỐNG ĐỐC").
        const string_view above = lines[j].text;
        string office = is_caps(above) || !title_cased(above) || above.size() > 60 ? string(above) : map_case(above, true);
        // An office wrapped over two lines: "THỨ TRƯỞNG" / "THƯỜNG TRỰC", "CHỦ TỊCH" / "NƯỚC CỘNG HÒA …".
        if (!is_office_line(office) && j > 0 && is_caps(office) && office.size() < 90 && is_office_line(lines[j - 1].text)) {
            office = string(lines[j - 1].text) + ' ' + office;
        }
        if (!is_office_line(office)) continue;
        id.signer = std::move(name);
        id.signer_title = office_title(office);
        return;
    }
}

}  // namespace

std::string issuer_for_code(std::string_view code) {
    const string upper = map_case(code, true);
    string_view base = upper;
    for (string_view assembly : {string_view("UBTVQH"), string_view("QH")}) {
        if (base.starts_with(assembly) && base.find_first_not_of("0123456789", assembly.size()) == npos) base = assembly;
    }
    return string(lookup(kIssuers, base));
}

DocumentIdentity extract_identity(std::string_view text) {
    DocumentIdentity id;
    const std::vector<Line> lines = content_lines(text);
    const Portal portal = read_portal(lines);
    Header header = read_header(lines, id);
    std::optional<NumberHit>& number = header.number;
    const bool consolidated = read_consolidation(lines, id, number);
    if (!number && !portal.number.empty()) {
        if (auto sym = parse_symbol(portal.number)) number = NumberHit{*sym, npos, {}, {}};
    }
    if (number) {
        const Symbol& s = number->sym;
        if (!s.number.empty()) id.number = s.display, id.number_key = s.key, id.number_offset = number->at;
        id.issuer_code = s.issuer_code;
        id.type_from_symbol = type_from(*number, id.type);
        if (!s.year.empty()) id.year = std::stoi(s.year);
    }
    if (consolidated || id.type_from_symbol == "Văn bản hợp nhất") {
        const string embedded = id.type;  // the type line of a consolidated text names what was consolidated
        if (!embedded.empty() && embedded != "Văn bản hợp nhất" && !id.title.empty()) {
            const bool named = embedded == "Luật" || embedded == "Bộ luật" || embedded == "Pháp lệnh";
            id.title = embedded + ' ' + change_first(id.title, named);
        }
        id.type = "Văn bản hợp nhất";
    }
    if (id.type.empty()) id.type = portal.type;
    const string ft = fold(id.type), fs = fold(id.type_from_symbol);
    id.type_conflict = !ft.empty() && !fs.empty() && !ft.starts_with(fs) && !fs.starts_with(ft);

    if (id.issuer.empty()) id.issuer = enacting_issuer(lines, header.body);
    if (id.issuer.empty() && !id.issuer_code.empty()) id.issuer = issuer_from_codes(id.issuer_code, portal.issuer_place);
    if (id.issuer.empty() && is_organ_line(portal.issuer_place)) id.issuer = portal.issuer_place;
    if (id.date.empty()) id.date = passing_date(lines);
    if (id.date.empty()) id.date = portal.date;
    if (id.year == 0 && !id.date.empty()) id.year = std::stoi(id.date.substr(0, 4));
    read_signer(lines, header.body, id);
    if (id.signer.empty()) id.signer = portal.signer;

    id.effective_date = portal.effective;
    id.status = portal.status;
    id.gazette = gazette_header(lines);
    if (id.gazette.empty() && !portal.gazette_no.empty()) {
        id.gazette = portal.gazette_no + (portal.gazette_date.empty() ? "" : " (" + portal.gazette_date + ")");
    }
    return id;
}

}  // namespace tracuu::indexer
