#include "indexer/sections.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <array>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <vector>

#include "analyzers/fold.h"
#include "analyzers/utf.h"

namespace tracuu::indexer {
namespace {

using std::string;
using std::string_view;
constexpr std::size_t npos = string::npos;
constexpr std::size_t kLongLine = 250;        // bytes; longer lines are paragraphs unless a list is expected
constexpr std::size_t kMaxHeading = 200;      // bytes kept of a heading
constexpr std::size_t kPreambleLines = 150;   // lines searched for the end of the preamble
constexpr int kQuoteLines = 80;               // an unclosed “ stops hiding headings after this many lines

enum Rank : int { kRoot = -1, kPart = 0, kChapter = 1, kDivision = 2, kArticle = 3, kLetter = 4, kRoman = 5, kArabic = 6, kPoint = 7 };

char32_t next_cp(string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return ++i, U'\uFFFD';
    char32_t c = len == 1 ? b : b & (0x7Fu >> len);
    for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    i += len;
    return c;
}

char32_t first_cp(string_view s) {
    std::size_t i = 0;
    return s.empty() ? 0 : next_cp(s, i);
}

bool is_caps(string_view s) {
    bool any = false;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<UChar32>(next_cp(s, i));
        if (u_islower(c)) return false;
        any = any || u_isupper(c);
    }
    return any;
}

bool starts_upper(string_view s) { return u_isupper(static_cast<UChar32>(first_cp(s))) != 0; }
bool starts_letter(string_view s) { return u_isalpha(static_cast<UChar32>(first_cp(s))) != 0; }

string_view trim(string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

string lower(string_view s) {
    string out;
    for (std::size_t i = 0; i < s.size();) analyzers::append_utf8(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(next_cp(s, i)))));
    return out;
}

string fold_head(string_view s, std::size_t bytes) { return analyzers::fold_text(s.substr(0, std::min(s.size(), bytes))); }

bool starts_any(string_view folded, std::initializer_list<string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(), [&](string_view p) { return folded.starts_with(p); });
}

string to_roman(int n) {
    static constexpr std::array<std::pair<int, string_view>, 9> kParts{
        {{100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}};
    string out;
    for (auto [value, digits] : kParts) {
        for (; n >= value; n -= value) out += digits;
    }
    return out;
}

/// "XIV" → 14; 0 unless `s` is a canonical Roman numeral up to 399.
int roman_value(string_view s) {
    int total = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto value = [](char c) { return c == 'I' ? 1 : c == 'V' ? 5 : c == 'X' ? 10 : c == 'L' ? 50 : c == 'C' ? 100 : 0; };
        const int v = value(s[i]);
        if (v == 0) return 0;
        total += i + 1 < s.size() && value(s[i + 1]) > v ? -v : v;
    }
    return total > 0 && total < 400 && to_roman(total) == s ? total : 0;
}

/// Position 1… in the alphabet of lettered points (a b c d đ e g h i k l m n o p q r s t u v x y).
int letter_index(char32_t c) {
    static constexpr std::u32string_view kLetters = U"abcdđeghiklmnopqrstuvxy";
    const std::size_t at = kLetters.find(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
    return at == npos ? 0 : static_cast<int>(at) + 1;
}

/// What a line's label says it is; `alt` holds the other reading of I, V, X, L, C (letter or Roman).
struct Candidate {
    int rank = kRoot;
    std::vector<int> numbers;  // Arabic: every component ("2.1" → 2, 1); others: one value
    string component;          // path component of Phần/Chương/Mục/Điều/Phụ lục
    string_view rest;          // the text after the label
    bool label_only = false;   // "Chương I" alone: its title is on the next line
};

string_view after_separators(string_view s) {
    while (!s.empty() && string_view(" .:-)").find(s.front()) != npos) s.remove_prefix(1);
    return s;
}

bool is_ordinal(string_view words) {  // "thứ nhất" … "thứ mười"; "thu nhập" folds alike, so compare with marks
    for (string_view o : {"thứ nhất", "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "thứ tám", "thứ chín", "thứ mười"}) {
        if (words == o) return true;
    }
    return false;
}

/// "Phần thứ nhất", "Chương IV", "Mục 2", "Điều 12a.", "Phụ lục II": the legal units, by their word.
std::optional<Candidate> unit_label(string_view line) {
    struct Unit {
        string_view folded;
        int rank;
        string_view word;
    };
    const string f = fold_head(line, 24);
    for (const Unit u : {Unit{"phu luc", kPart, "Phụ lục"}, Unit{"phan ", kPart, "Phần"}, Unit{"chuong ", kChapter, "Chương"},
             Unit{"muc ", kDivision, "Mục"}, Unit{"dieu ", kArticle, "Điều"}}) {
        if (!f.starts_with(u.folded)) continue;
        // Folding merges "Mức"/"Mục" and "thu"/"thứ": the unit word must be written with its marks.
        if (!lower(line.substr(0, std::min(line.size(), u.word.size()))).starts_with(lower(u.word))) return std::nullopt;
        string_view rest = line;
        for (auto k = std::count(u.word.begin(), u.word.end(), ' ') + 1; k > 0 && !rest.empty(); --k) {
            const std::size_t sp = rest.find(' ');
            rest = sp == npos ? string_view() : trim(rest.substr(sp + 1));
        }
        if (u.folded == "phu luc" && f.size() > 7 && string_view(" .:").find(f[7]) == npos) return std::nullopt;
        std::size_t len = 0;
        while (len < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[len])) != 0)) ++len;
        string label(rest.substr(0, len));
        Candidate c;
        c.rank = u.rank;
        if (u.folded == "phan " && is_ordinal(lower(rest.substr(0, std::min(rest.find(' ', rest.find(' ') + 1), rest.size()))))) {
            len = std::min(rest.find(' ', rest.find(' ') + 1), rest.size());  // "Phần thứ nhất", "PHẦN THỨ HAI"
            c.component = string(u.word) + ' ' + lower(rest.substr(0, len));
            c.numbers = {1};
        } else {
            const std::size_t digits = std::min(label.find_first_not_of("0123456789"), label.size());
            int value = 0;
            if (digits > 0 && digits == label.size()) value = std::stoi(label.substr(0, 4));
            else if (u.rank == kArticle && digits > 0 && digits + 1 == label.size()) value = std::stoi(label.substr(0, digits));  // "Điều 12a."
            else if (u.rank != kArticle) value = roman_value(label);
            const bool appendix = u.folded == "phu luc";
            if (!appendix && value == 0) return std::nullopt;
            if (appendix && len > 0 && value == 0 && !is_caps(label) && !(label[0] >= '0' && label[0] <= '9')) label.clear(), len = 0;
            c.numbers = {value};
            c.component = string(u.word) + (label.empty() ? "" : " " + label);
        }
        const string_view tail = rest.substr(len);
        if (!tail.empty() && string_view(" .:-").find(tail.front()) == npos) return std::nullopt;  // "Điều 5a3", "Mục tiêu"
        // An article needs its dot ("Điều 5. Phạm vi"): "Điều 5 Nghị định này …" is a sentence.
        if (u.rank == kArticle && !tail.empty() && tail.front() == ' ' && !trim(tail).empty()) return std::nullopt;
        c.rest = after_separators(tail);
        c.label_only = c.rest.empty();
        if (!c.label_only && !(u.rank == kArticle ? starts_letter(c.rest) : starts_upper(c.rest))) return std::nullopt;  // "Mục I = mục 1 + …"
        // "Phụ lục I ban hành kèm theo …" inside an article is a reference, not an appendix heading.
        if (u.folded == "phu luc" && !c.label_only && !is_caps(line)) return std::nullopt;
        return c;
    }
    return std::nullopt;
}

/// "A. ĐÁNH GIÁ", "II. Phân bổ", "2.1. Hoạt động", "3.2.1 Tên", "a) Nội dung", "c. Về phát triển".
std::vector<Candidate> list_labels(string_view line) {
    std::vector<Candidate> out;
    std::size_t i = 0;
    const char32_t first = next_cp(line, i);
    if (first >= '0' && first <= '9') {
        Candidate c;
        c.rank = kArabic;
        std::size_t p = 0;
        bool trailing_dot = false;
        for (;;) {
            std::size_t q = p;
            while (q < line.size() && line[q] >= '0' && line[q] <= '9') ++q;
            if (q == p || q - p > 2) return {};  // "1.224.108" is an amount
            c.numbers.push_back(std::stoi(string(line.substr(p, q - p))));
            p = q;
            if (p < line.size() && line[p] == '.' && p + 1 < line.size() && line[p + 1] >= '0' && line[p + 1] <= '9') {
                ++p;
                continue;
            }
            trailing_dot = p < line.size() && line[p] == '.';
            p += trailing_dot ? 1 : 0;
            break;
        }
        // "54 CÔNG BÁO…" (a page number) has no dot; "2.2 Công tác" may omit the last one.
        if (!trailing_dot && (c.numbers.size() < 2 || p >= line.size() || line[p] != ' ')) return {};
        c.rest = trim(line.substr(p));
        if (!c.rest.empty() && starts_letter(c.rest)) out.push_back(c);
        return out;
    }
    const std::size_t label_end = line.find_first_of(".)");
    if (label_end == npos || label_end == 0 || label_end > 7) return {};
    const string_view label = line.substr(0, label_end);
    const string_view rest = trim(line.substr(label_end + 1));
    if (rest.empty() || line.size() <= label_end + 1 || line[label_end + 1] != ' ' || !starts_letter(rest)) return {};
    if (u_islower(static_cast<UChar32>(first)) && i == label.size()) {  // "a)", "đ)", "c."
        if (line[label_end] == '.' && !starts_upper(rest)) return {};
        if (const int n = letter_index(first); n > 0) out.push_back({kPoint, {n}, {}, rest, false});
        return out;
    }
    if (line[label_end] != '.') return {};
    if (const int r = roman_value(label); r > 0) out.push_back({kRoman, {r}, {}, rest, false});
    if (i == label.size() && u_isupper(static_cast<UChar32>(first))) {
        if (const int n = letter_index(first); n > 0) out.push_back({kLetter, {n}, {}, rest, false});
    }
    return out;
}

struct Open {
    int rank = kRoot;
    std::vector<int> numbers;  // Arabic label components
    string path;
    int level = 0;
    bool in_article = false;
    std::array<int, 8> last{};  // the last child number seen, per rank
};

bool contains(const Open& top, const Candidate& c) {
    if (c.rank == kPart) return false;
    if (c.rank != kArabic || top.rank != kArabic) return top.rank < c.rank;
    return c.numbers.size() > top.numbers.size() && std::equal(top.numbers.begin(), top.numbers.end(), c.numbers.begin());
}

string join_numbers(const std::vector<int>& numbers, std::size_t from) {
    string out;
    for (std::size_t k = from; k < numbers.size(); ++k) out += (k > from ? "." : "") + std::to_string(numbers[k]);
    return out;
}

string clip(string s) {
    for (std::size_t b = s.find('['); b != npos; b = s.find('[', b)) {  // footnote markers "hành động[1]"
        const std::size_t e = s.find(']', b);
        if (e != npos && e > b + 1 && e - b <= 4 && s.find_first_not_of("0123456789", b + 1) == e) s.erase(b, e - b + 1);
        else ++b;
    }
    if (s.size() <= kMaxHeading) return s;
    std::size_t cut = kMaxHeading;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    const std::size_t space = s.rfind(' ', cut);
    s.resize(space != npos && space > kMaxHeading / 2 ? space : cut);
    return s + "…";
}

bool is_preamble(string_view line) {
    const string f = fold_head(line, 400);
    if (starts_any(f, {"can cu", "thuc hien ", "theo de nghi", "xet de nghi", "xet to trinh", "quyet dinh:", "quyet nghi:"})) return true;
    const std::size_t p = f.find(" ban hanh ");
    return p != npos && p > 0 && starts_any(string_view(f).substr(p + 10), {"luat", "bo luat", "nghi dinh", "thong tu", "quyet dinh", "nghi quyet", "phap lenh"});
}

struct Line {
    string_view text;
    std::size_t offset;
};

}  // namespace

std::vector<Section> extract_sections(std::string_view text) {
    std::vector<Line> lines;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find_first_of("\n\f", start);
        if (end == npos) end = text.size();
        const string_view line = trim(text.substr(start, end - start));
        if (!line.empty()) lines.push_back({line, static_cast<std::size_t>(line.data() - text.data())});
        start = end + 1;
    }
    // Numbered lines before the end of the preamble ("Căn cứ …", the enacting clause) are lists
    // inside the header (the amending acts of a consolidated text), not the outline.
    std::size_t first = 0;
    for (std::size_t i = 0; i < lines.size() && i < kPreambleLines; ++i) {
        if (const auto unit = unit_label(lines[i].text); unit && unit->rank <= kArticle) break;
        if (const auto list = list_labels(lines[i].text); !list.empty() && list.front().rank <= kRoman && is_caps(list.front().rest)) break;
        if (is_preamble(lines[i].text)) first = i + 1;
    }

    std::vector<Section> sections;
    std::vector<Open> stack(1);
    int last_article = 0, quote_depth = 0, quoted_lines = 0;
    for (std::size_t i = first; i < lines.size(); ++i) {
        const string_view line = lines[i].text;
        // Text an amending act inserts is quoted “…” and has headings of its own: skip it, unless
        // the next article of the act itself (or a new chapter) shows the quotation was left open.
        const bool quoted = quote_depth > 0;
        for (std::size_t p = line.find("“"); p != npos; p = line.find("“", p + 1)) ++quote_depth;
        for (std::size_t p = 0; p < line.size(); ++p) {
            if (line.compare(p, 3, "”") == 0 || line[p] == '"') quote_depth = std::max(0, quote_depth - 1);  // “Không có" closes too
        }
        if (quoted) {
            const auto unit = unit_label(line);
            const bool resumes = unit && ((unit->rank == kArticle && unit->numbers[0] == last_article + 1) || unit->rank <= kChapter);
            if (!resumes && ++quoted_lines < kQuoteLines) continue;
            quote_depth = 0;
        }
        quoted_lines = 0;
        const char32_t lead = first_cp(line);
        if (string_view("-+*").find(static_cast<char>(lead < 0x80 ? lead : 0)) != npos || lead == U'•' || lead == U'–' ||
            lead == U'“' || lead == U'"' || lead == U'‘' || lead == U'\'' || lead == U'(' || lead == U'[') {
            continue;
        }
        std::vector<Candidate> candidates;
        if (auto unit = unit_label(line)) candidates.push_back(*unit);
        else candidates = list_labels(line);
        // I, V, X, L, C: a letter when it continues a lettered sequence, else a Roman numeral.
        if (candidates.size() == 2 && stack.front().last[kLetter] + 1 == candidates[1].numbers[0] && candidates[1].numbers[0] > 1) {
            std::swap(candidates[0], candidates[1]);
        }
        const bool long_line = line.size() >= kLongLine && !is_caps(line);
        for (const Candidate& c : candidates) {
            std::size_t p = stack.size() - 1;
            while (p > 0 && !contains(stack[p], c)) --p;
            Open& parent = stack[p];
            const int n = c.numbers.back(), prev = parent.last[static_cast<std::size_t>(c.rank)];
            bool ok = true;
            if (c.rank == kArticle) ok = last_article == 0 || n == 1 || (n > last_article && n <= last_article + 5);
            else if (c.rank == kPoint) ok = (n == 1 || (n > prev && n <= prev + 3)) && (parent.in_article || (starts_upper(c.rest) && !long_line));
            else if (c.rank == kArabic && c.numbers.size() > 1) ok = starts_upper(c.rest) || parent.in_article;
            else if (c.rank >= kLetter) ok = ((prev == 0 && n <= 2) || (n > prev && n <= prev + 3)) && (starts_upper(c.rest) || parent.in_article);
            if (c.rank == kLetter) ok = ok && (is_caps(c.rest) || (prev >= 1 && !long_line));
            if (c.rank == kRoman) ok = ok && !long_line;
            if (c.rank == kArabic && c.numbers.size() == 1 && p == 0) ok = ok && !long_line;
            if (!ok) continue;

            const string component = c.rank == kArabic ? join_numbers(c.numbers, parent.rank == kArabic ? parent.numbers.size() : 0)
                                     : c.rank == kLetter ? string(1, static_cast<char>('A' + n - 1))
                                     : c.rank == kRoman  ? to_roman(n)
                                     : c.rank == kPoint  ? string(line.substr(0, line.find_first_of(".)")))
                                                         : c.component;
            Open child;
            child.rank = c.rank;
            child.numbers = c.numbers;
            child.path = parent.path.empty() ? component : parent.path + '.' + component;
            child.level = parent.level + 1;
            child.in_article = parent.in_article || c.rank == kArticle;
            parent.last[static_cast<std::size_t>(c.rank)] = n;
            if (c.rank == kArticle) last_article = n;
            if (c.rank == kPart) last_article = 0;  // a new part or appendix numbers its articles afresh

            string heading(line);
            if (c.label_only && i + 1 < lines.size() && is_caps(lines[i + 1].text) && !unit_label(lines[i + 1].text)) {
                while (!heading.empty() && (heading.back() == '.' || heading.back() == ':')) heading.pop_back();
                heading += ". " + string(lines[i + 1].text);
            }
            sections.push_back({child.path, clip(std::move(heading)), lines[i].offset, child.level});
            stack.resize(p + 1);
            stack.push_back(std::move(child));
            break;
        }
    }
    return sections;
}

std::string section_path_at(const std::vector<Section>& sections, std::size_t offset) {
    const auto after = std::upper_bound(sections.begin(), sections.end(), offset,
                                        [](std::size_t value, const Section& s) { return value < s.offset; });
    return after == sections.begin() ? std::string() : std::prev(after)->path;
}

}  // namespace tracuu::indexer
