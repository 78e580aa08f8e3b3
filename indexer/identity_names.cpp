/** @file
 *  @brief Who issued and who signed: names of bodies and offices turned from header capitals into
 *  running-text case, the issuer read from the header block, the enacting clause or the symbol's
 *  codes, the signer under the signature block, and issuer_for_code() (indexer/identity.h).
 */
#include "indexer/identity.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "indexer/identity_internal.h"

namespace tracuu::indexer::identity_internal {
namespace {

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

}  // namespace

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

namespace {

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

}  // namespace

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

namespace {

/// "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "CHỦ TỊCH QUỐC HỘI" → "Chủ tịch Quốc hội".
string format_office(string_view caps) {
    string out = sentence_case(caps);
    if (out.starts_with("Phó ") || out.starts_with("Quyền ")) capitalise_words(out, out.find(' ') + 1, 1);
    return out;
}

// ---------------------------------------------------------------- offices and signers

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

}  // namespace

// ---------------------------------------------------------------- issuers and the signer

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

}  // namespace tracuu::indexer::identity_internal

namespace tracuu::indexer {

std::string issuer_for_code(std::string_view code) {
    using namespace identity_text;
    const string upper = map_case(code, true);
    string_view base = upper;
    for (string_view assembly : {string_view("UBTVQH"), string_view("QH")}) {
        if (base.starts_with(assembly) && base.find_first_not_of("0123456789", assembly.size()) == npos) base = assembly;
    }
    return string(lookup(kIssuers, base));
}

}  // namespace tracuu::indexer
