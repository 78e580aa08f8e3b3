/** @file
 *  @brief extract_identity(): finds where a document states what it is (the header block with its
 *  type line and title, a consolidation block, a law's passing date, portal metadata and Công báo
 *  page headers) and puts the identity together. Dates and the number are read in
 *  identity_number.cpp, issuers and the signer in identity_names.cpp.
 */
#include "indexer/identity.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <vector>

#include "indexer/identity_internal.h"

namespace tracuu::indexer::identity_internal {
namespace {

constexpr std::size_t kHeadLines = 45;  // content lines searched for the header block

// ---------------------------------------------------------------- line kinds

bool starts_any(string_view folded, std::initializer_list<string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(), [&](string_view p) { return folded.starts_with(p); });
}

}  // namespace

bool is_noise(string_view line) {
    const string f = fold(line.substr(0, std::min<std::size_t>(line.size(), 80)));
    return f.find("cong bao/so") != npos || starts_any(f, {"he thong phap luat", "phan van ban quy pham", "nguoi ky:", "email:",
                                                           "co quan:", "thoi gian ky:", "ky boi:", "ngay ky:"});
}

bool is_motto(string_view line) {
    const string f = fold(line.substr(0, std::min<std::size_t>(line.size(), 60)));
    return f.starts_with("cong hoa xa hoi chu nghia") || f.starts_with("doc lap") || f.starts_with("dang cong san viet nam");
}

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

namespace {

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

struct Header {
    std::size_t body = 0;          // the first line of the body ("Căn cứ …", the enacting clause, "Điều 1.")
    std::optional<NumberHit> number;
};

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

}  // namespace
}  // namespace tracuu::indexer::identity_internal

namespace tracuu::indexer {

DocumentIdentity extract_identity(std::string_view text) {
    using namespace identity_internal;
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
