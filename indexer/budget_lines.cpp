#include "indexer/budget_lines.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <limits>

#include "analyzers/amounts.h"
#include "analyzers/text_scan.h"
#include "analyzers/utf.h"
#include "indexer/budget_rules.h"
#include "indexer/budget_table.h"

namespace tracuu::indexer {
namespace {

using analyzers::decode_at;
using analyzers::letter_at;
using analyzers::letter_before;
using analyzers::skip_hspace;

constexpr std::size_t npos = std::string_view::npos;

// ---- UTF-8 helpers ----------------------------------------------------------------------------

char32_t char_at(std::string_view s, std::size_t i) {
    std::size_t next = 0;
    return i < s.size() ? decode_at(s, i, next) : 0;
}

bool is_letter(char32_t c) { return c != 0 && u_isalpha(static_cast<UChar32>(c)) != 0; }
bool digit_at(std::string_view s, std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }
bool hspace_at(std::string_view s, std::size_t i) { return i < s.size() && (s[i] == ' ' || s[i] == '\t'); }

/// Case-insensitive match of a lower-case phrase at i (a space matches any run of spaces) that
/// ends at a word boundary. Returns the end or npos.
std::size_t match_word_phrase(std::string_view s, std::size_t i, std::string_view phrase) {
    const std::size_t end = analyzers::match_phrase(s, i, phrase);
    return end == npos || analyzers::letter_at(s, end) ? npos : end;
}

/// The lower-case words (letter runs) of a text.
std::vector<std::string> words_of(std::string_view s) {
    std::vector<std::string> words;
    std::string current;
    for (const char32_t c : analyzers::to_utf32(s)) {
        if (is_letter(c)) {
            analyzers::append_utf8(current, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
        } else if (!current.empty()) {
            words.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

// ---- paragraphs and their list markers --------------------------------------------------------

struct Paragraph {
    std::size_t begin = 0;
    std::size_t content = 0;  ///< after indentation and list marker
    std::size_t end = 0;
    std::string marker;       ///< "-", "+", "1.", "1.1.", "a)", "I." …; empty for running text
};

/// The list marker at i and where the text after it starts, or an empty marker.
std::pair<std::string, std::size_t> list_marker(std::string_view s, std::size_t i) {
    for (const std::string_view bullet : {"-", "+", "*", "\u2022", "\u2013", "\u2014", "\u00B7"}) {
        if (!s.substr(i).starts_with(bullet)) continue;
        const std::size_t after = i + bullet.size();
        if (hspace_at(s, after) || letter_at(s, after)) return {std::string(bullet), skip_hspace(s, after)};
    }
    // 1.  2.1.  3)  (4)  — segments of at most two digits, so "1.093 tỷ" is no number.
    std::size_t j = i + (i < s.size() && s[i] == '(' ? 1 : 0);
    std::string shape;
    while (digit_at(s, j)) {
        std::size_t k = j;
        while (digit_at(s, k)) ++k;
        if (k - j > 2) return {"", i};
        shape += "1";
        j = k;
        if (j < s.size() && s[j] == '.' && digit_at(s, j + 1)) {
            shape += ".";
            ++j;
        }
    }
    if (!shape.empty() && j < s.size() && (s[j] == '.' || s[j] == ')') && hspace_at(s, j + 1)) {
        return {shape + s[j], skip_hspace(s, j + 1)};
    }
    if (!shape.empty() && shape.find('.') != npos && hspace_at(s, j)) return {shape, skip_hspace(s, j)};
    // a)  đ)  and I.  IV.
    std::size_t next = 0;
    const char32_t c = i < s.size() ? decode_at(s, i, next) : 0;
    if (u_islower(static_cast<UChar32>(c)) && next < s.size() && s[next] == ')' && hspace_at(s, next + 1)) {
        return {"a)", skip_hspace(s, next + 1)};
    }
    std::size_t k = i;
    while (k < s.size() && std::string_view("IVXLC").find(s[k]) != npos) ++k;
    if (k > i && k < s.size() && s[k] == '.' && hspace_at(s, k + 1)) return {"I.", skip_hspace(s, k + 1)};
    return {"", i};
}

std::vector<Paragraph> split_paragraphs(std::string_view s) {
    std::vector<Paragraph> out;
    std::size_t begin = 0;
    while (begin <= s.size()) {
        std::size_t end = s.find_first_of("\n\f", begin);
        if (end == npos) end = s.size();
        auto [marker, content] = list_marker(s.substr(0, end), skip_hspace(s, begin));
        out.push_back({begin, content, end, std::move(marker)});
        begin = end + 1;
    }
    return out;
}

bool blank(std::string_view s, const Paragraph& p) { return s.substr(p.begin, p.end - p.begin).find_first_not_of(" \t") == npos; }

// ---- labels -----------------------------------------------------------------------------------

/// A '.' ends a sentence before a space, or before a capitalised word glued to it ("TB.Doanh").
bool sentence_dot(std::string_view s, std::size_t i) {
    if (i + 1 >= s.size() || s[i + 1] == ' ' || s[i + 1] == '\t') return true;
    std::size_t next = 0;
    const char32_t first = decode_at(s, i + 1, next);
    return u_isupper(static_cast<UChar32>(first)) && u_islower(static_cast<UChar32>(char_at(s, next)));
}

/// "9001:2015" and "10:30" are not label colons.
bool label_colon(std::string_view s, std::size_t i) { return !(i > 0 && digit_at(s, i - 1) && digit_at(s, i + 1)); }

// Words allowed between the colon and the amount: "ước đạt 13.000 tỷ đồng", "là khoảng 5 tỷ".
constexpr std::array<std::string_view, 19> kFiller = {"ước", "đạt", "khoảng", "dự", "kiến", "là",
                                                       "trên", "gần", "tối", "đa", "thiểu", "hơn",
                                                       "tổng", "cộng", "số", "chỉ", "tính", "còn", "được"};

bool only_filler(std::string_view s) {
    std::size_t count = 0;
    for (const auto& w : words_of(s)) {
        if (++count > 4 || std::find(kFiller.begin(), kFiller.end(), w) == kFiller.end()) return false;
    }
    return s.find_first_of("0123456789.,;:!?()[]/%&-+*\"'") == npos;
}

struct Label {
    std::size_t clause = 0;  ///< where the clause of the label starts
    std::size_t begin = 0;   ///< label after trimming
    std::size_t end = 0;
};

/// Strips a leading list marker and spaces, and a trailing "là" / "ước đạt" and spaces.
Label trim_label(std::string_view s, std::size_t clause, std::size_t end) {
    Label label{clause, clause, end};
    while (label.begin < end && std::string_view(" \t;,.").find(s[label.begin]) != npos) ++label.begin;
    label.begin = list_marker(s.substr(0, end), label.begin).second;
    bool trimmed = true;
    while (trimmed && label.end > label.begin) {
        trimmed = false;
        while (label.end > label.begin && hspace_at(s, label.end - 1)) --label.end;
        for (const std::string_view tail : {"là", "ước đạt", "đạt"}) {
            if (label.end - label.begin > tail.size() && s.substr(label.begin, label.end - label.begin).ends_with(tail) &&
                !letter_before(s, label.end - tail.size()) && hspace_at(s, label.end - tail.size() - 1)) {
                label.end -= tail.size();
                trimmed = true;
                break;
            }
        }
    }
    return label;
}

/// The label of the amount at `amount`, when a colon or "là" introduces it after `from`: the
/// paragraph's content, or the end of the amount before it, whose statement runs to the first
/// ';' ("… 10 tỷ đồng; chi B: 5 tỷ đồng", "… 100.000 đồng/bài trên 600 từ; tiền công X: …").
std::optional<Label> find_label(std::string_view s, std::size_t from, std::size_t amount, bool after_amount) {
    std::size_t clause = from;
    std::size_t sep_clause = npos;
    std::size_t sep_begin = npos;
    std::size_t sep_end = npos;
    int depth = 0;
    for (std::size_t i = from; i < amount; ++i) {
        const char c = s[i];
        if (c == '(' || c == '[') ++depth;
        if ((c == ')' || c == ']') && depth > 0) --depth;
        if (depth > 0) continue;
        if ((c == '.' && sentence_dot(s, i)) || c == '!' || c == '?' || (c == ';' && after_amount)) {
            clause = i + 1;
            sep_begin = npos;
            after_amount = false;
        } else if (c == ':' && label_colon(s, i)) {
            sep_clause = clause;
            sep_begin = i;
            sep_end = i + 1;
            clause = i + 1;
        } else if (c == 'l' && s.substr(i).starts_with("là") && !letter_before(s, i) && !letter_at(s, i + 3)) {
            sep_clause = clause;
            sep_begin = i;
            sep_end = i + 3;
        }
    }
    if (sep_begin == npos || !only_filler(s.substr(sep_end, amount - sep_end))) return std::nullopt;
    Label label = trim_label(s, sep_clause, sep_begin);
    if (label.end <= label.begin) return std::nullopt;
    return label;
}

/// End of the sentence that holds an amount: '.', '!', '?' or ';' outside brackets.
std::size_t sentence_end(std::string_view s, std::size_t from, std::size_t limit) {
    int depth = 0;
    for (std::size_t i = from; i < limit; ++i) {
        const char c = s[i];
        if (c == '(' || c == '[') ++depth;
        if ((c == ')' || c == ']') && depth > 0) --depth;
        if (depth == 0 && ((c == '.' && sentence_dot(s, i)) || c == '!' || c == '?' || c == ';')) return i;
    }
    return limit;
}

constexpr std::array<std::string_view, 8> kOpeners = {"trong đó", "bao gồm", "gồm", "cụ thể như sau", "cụ thể",
                                                       "chi tiết như sau", "chi tiết", "như sau"};

/// Position after "Trong đó:" (or a kin) at i, or npos.
std::size_t opener_at(std::string_view s, std::size_t i) {
    for (const std::string_view opener : kOpeners) {
        const std::size_t e = match_word_phrase(s, i, opener);
        if (e == npos) continue;
        const std::size_t colon = skip_hspace(s, e);
        if (colon < s.size() && s[colon] == ':') return colon + 1;
    }
    return npos;
}

/// "Trong đó:" right after an amount ("1.093 tỷ đồng. Trong đó:"), skipping punctuation and a
/// parenthesis; returns the position after its colon, or npos.
std::size_t opener_after(std::string_view s, std::size_t i, std::size_t limit) {
    while (i < limit) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '.' || s[i] == ',' || s[i] == ';') {
            ++i;
        } else if (s[i] == '(') {
            const std::size_t close = s.find(')', i);
            if (close == npos || close >= limit) return npos;
            i = close + 1;
        } else {
            break;
        }
    }
    return i < limit ? opener_at(s.substr(0, limit), i) : npos;
}

bool only_punctuation(std::string_view s) { return s.find_first_not_of(" \t.,;:") == npos; }

// ---- kinds, refs, years -----------------------------------------------------------------------

bool phrase_at(const std::vector<std::string>& words, std::size_t w, std::string_view phrase) {
    std::size_t k = w;
    std::size_t start = 0;
    while (start <= phrase.size()) {
        const std::size_t space = std::min(phrase.find(' ', start), phrase.size());
        if (k >= words.size() || words[k] != phrase.substr(start, space - start)) return false;
        ++k;
        start = space + 1;
    }
    return true;
}

bool next_word_in(const std::vector<std::string>& words, std::size_t w, std::initializer_list<std::string_view> set) {
    return w + 1 < words.size() && std::find(set.begin(), set.end(), words[w + 1]) != set.end();
}

BudgetKind classify(std::string_view label) {
    const auto words = words_of(label);
    for (std::size_t w = 0; w < words.size(); ++w) {
        for (const std::string_view p : {"đầu tư phát triển", "chi đầu tư", "vốn đầu tư", "xây dựng cơ bản"}) {
            if (phrase_at(words, w, p)) return BudgetKind::Investment;
        }
    }
    // Otherwise the first telling word wins: "Chi hỗ trợ theo mức …" is spending, "Mức chi …" a rate.
    for (std::size_t w = 0; w < words.size(); ++w) {
        const std::string& word = words[w];
        if (phrase_at(words, w, "kinh phí") || phrase_at(words, w, "sự nghiệp") || phrase_at(words, w, "nhiệm vụ") ||
            phrase_at(words, w, "thường xuyên") ||
            (word == "chi" && !next_word_in(words, w, {"tiết", "nhánh", "cục", "bộ", "phối"})))
            return BudgetKind::Recurrent;
        if (phrase_at(words, w, "doanh thu") ||
            (word == "thu" && !next_word_in(words, w, {"hút", "thập", "hồi", "gom", "hoạch", "hẹp", "nhỏ", "xếp",
                                                       "dọn", "hình", "âm", "nhận", "mua"})))
            return BudgetKind::Revenue;
        if (word == "phạt" || word == "mức" || word == "phí" ||
            (word == "giá" && !(w > 0 && (words[w - 1] == "đánh" || words[w - 1] == "định"))))
            return BudgetKind::Other;
    }
    return BudgetKind::Other;
}

bool four_digits(std::string_view s, std::size_t i) {
    return digit_at(s, i) && digit_at(s, i + 1) && digit_at(s, i + 2) && digit_at(s, i + 3) && !digit_at(s, i + 4) &&
           !(i > 0 && digit_at(s, i - 1));
}

bool upper_at(std::string_view s, std::size_t i) { return u_isupper(static_cast<UChar32>(char_at(s, i))) != 0; }

/** Document symbols such as 57-NQ/TW or 60/2021/NĐ-CP, upper-cased without spaces. A stopgap
 *  kept in one place until the citation recogniser lands: digits, an optional /year, then
 *  '-' or '/' segments that start with a capital letter. */
std::vector<std::string> find_refs(std::string_view s) {
    std::vector<std::string> refs;
    std::size_t i = 0;
    while (i < s.size()) {
        if (!digit_at(s, i) || (i > 0 && digit_at(s, i - 1)) || letter_before(s, i)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (digit_at(s, j)) ++j;
        std::string key(s.substr(i, j - i));
        if (j < s.size() && s[j] == '/' && four_digits(s, j + 1)) {
            key.append(s.substr(j, 5));
            j += 5;
        }
        std::size_t segments = 0;
        while (j < s.size() && (s[j] == '-' || s[j] == '/')) {
            const std::size_t start = s[j] == '-' && hspace_at(s, j + 1) ? j + 2 : j + 1;
            if (!upper_at(s, start)) break;
            std::size_t k = start;
            while (k < s.size()) {
                std::size_t next = k + 1;
                if (!digit_at(s, k) && !is_letter(decode_at(s, k, next))) break;
                k = next;
            }
            key += s[j];
            key.append(s.substr(start, k - start));
            j = k;
            ++segments;
        }
        if (segments > 0) {
            std::string ref;
            for (const char32_t c : analyzers::to_utf32(key)) analyzers::append_utf8(ref, static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))));
            if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(std::move(ref));
        }
        i = std::max(j, i + 1);
    }
    return refs;
}

/// True when the "năm" at i closes a date: "ngày 25 tháng 7 năm 2025" dates a document, it
/// does not name the year budgeted.
bool in_date(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j > 0 && hspace_at(s, j - 1)) --j;
    const std::size_t digits_end = j;
    while (j > 0 && digit_at(s, j - 1)) --j;
    if (j == digits_end) return false;
    while (j > 0 && hspace_at(s, j - 1)) --j;
    const std::string_view thang = "tháng";
    return j >= thang.size() && match_word_phrase(s, j - thang.size(), thang) == j;
}

/// "2021-2025", "2021 – 2025": a heading about a period, not one year.
bool names_period(std::string_view s, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i + 4 <= end; ++i) {
        if (!four_digits(s, i)) continue;
        const std::size_t j = skip_hspace(s, i + 4);
        for (const std::string_view dash : {"-", "\u2013"}) {
            if (s.substr(j).starts_with(dash) && four_digits(s, skip_hspace(s, j + dash.size()))) return true;
        }
    }
    return false;
}

struct YearMention {
    std::size_t pos = 0;
    int year = 0;
};

/// "năm 2026", "NĂM 2026": years 1900-2099 after the word năm.
std::vector<YearMention> find_years(std::string_view s) {
    std::vector<YearMention> out;
    for (std::size_t i = s.find_first_of("nN"); i != npos; i = s.find_first_of("nN", i + 1)) {
        if (letter_before(s, i)) continue;
        const std::size_t e = match_word_phrase(s, i, "năm");
        if (e == npos) continue;
        const std::size_t d = skip_hspace(s, e);
        if (d == e || !four_digits(s, d) || !(s.substr(d, 2) == "19" || s.substr(d, 2) == "20")) continue;
        if (in_date(s, i)) continue;
        out.push_back({i, std::stoi(std::string(s.substr(d, 4)))});
    }
    return out;
}

/// The first (or last) year mentioned in [begin, end), or 0.
int year_in(const std::vector<YearMention>& years, std::size_t begin, std::size_t end, bool last = false) {
    int found = 0;
    for (const auto& y : years) {
        if (y.pos >= begin && y.pos < end && (found == 0 || last)) found = y.year;
    }
    return found;
}

/// A heading: a short paragraph that does not end like a sentence.
bool heading(std::string_view s, const Paragraph& p) {
    std::size_t end = p.end;
    while (end > p.begin && (s[end - 1] == ' ' || s[end - 1] == '\t')) --end;
    return end > p.begin && end - p.begin <= 300 && std::string_view(".;:,").find(s[end - 1]) == npos;
}

}  // namespace

// ---- the extraction ---------------------------------------------------------------------------

namespace {

/// What extraction knows about a line beyond the public fields.
struct LineContext {
    std::size_t paragraph = 0;
    std::size_t clause = 0;          ///< start of the label's clause
    std::size_t amount_end = 0;
    std::size_t sentence_end = 0;
    std::size_t opener_end = npos;   ///< after "Trong đó:" following the amount
    int heading_year = 0;            ///< year of the nearest preceding heading
};

/// An open list: the parent line and the marker its children use (empty until the first child).
struct Frame {
    std::size_t line = 0;
    std::string child_marker;
};

/// Attaches a list item to the innermost open list whose children use its marker.
std::optional<std::size_t> attach(std::vector<Frame>& stack, const std::string& marker) {
    while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.child_marker.empty()) top.child_marker = marker;
        if (top.child_marker == marker) return top.line;
        stack.pop_back();
    }
    return std::nullopt;
}

bool bare_opener(std::string_view s, const Paragraph& p) {
    const std::size_t e = opener_at(s.substr(0, p.end), p.content);
    return e != npos && only_punctuation(s.substr(e, p.end - e));
}

int resolve_year(const BudgetLine& line, const LineContext& ctx, const Label& label, const std::vector<BudgetLine>& lines,
                 const std::vector<YearMention>& years, std::size_t paragraph_begin) {
    if (const int y = year_in(years, label.begin, label.end)) return y;
    if (const int y = year_in(years, label.end, ctx.sentence_end)) return y;
    if (line.parent && lines[*line.parent].year != 0) return lines[*line.parent].year;
    if (const int y = year_in(years, paragraph_begin, label.begin, true)) return y;
    return ctx.heading_year;
}

std::string check_message(std::size_t children, std::int64_t sum, std::int64_t stated, bool overflow) {
    std::string message = std::to_string(children) + " khoản cộng lại ";
    if (overflow) return message + "vượt quá giới hạn tính toán, không so được với tổng đã nêu " + analyzers::format_vnd(stated);
    message += analyzers::format_vnd(sum);
    if (sum == stated) return message + ", khớp tổng đã nêu";
    const std::int64_t gap = sum < stated ? stated - sum : sum - stated;
    return message + ", không khớp tổng đã nêu " + analyzers::format_vnd(stated) + " (" + (sum < stated ? "thiếu " : "thừa ") +
           analyzers::format_vnd(gap) + ")";
}

std::vector<BudgetCheck> check_totals(const std::vector<BudgetLine>& lines) {
    std::vector<BudgetCheck> totals(lines.size());
    std::vector<char> overflow(lines.size(), 0);
    for (const BudgetLine& child : lines) {
        if (!child.parent) continue;
        BudgetCheck& total = totals[*child.parent];
        ++total.children;
        std::int64_t sum = 0;
        if (__builtin_add_overflow(total.children_sum_vnd, child.amount_vnd, &sum)) overflow[*child.parent] = 1;
        total.children_sum_vnd = overflow[*child.parent] ? std::numeric_limits<std::int64_t>::max() : sum;
    }
    std::vector<BudgetCheck> checks;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        BudgetCheck& check = totals[k];
        if (check.children == 0) continue;
        check.line = k;
        check.stated_vnd = lines[k].amount_vnd;
        check.ok = !overflow[k] && check.children_sum_vnd == check.stated_vnd;
        check.message = check_message(check.children, check.children_sum_vnd, check.stated_vnd, overflow[k] != 0);
        checks.push_back(std::move(check));
    }
    return checks;
}

}  // namespace

BudgetKind classify_budget_label(std::string_view label) { return classify(label); }

std::vector<std::string> find_budget_refs(std::string_view text) { return find_refs(text); }

std::vector<BudgetCheck> check_budget_totals(const std::vector<BudgetLine>& lines) { return check_totals(lines); }

namespace {

/// Text lines and table lines in one list in text order (they never share a byte range), with
/// indexes and parents renumbered.
std::vector<BudgetLine> merge_lines(std::vector<BudgetLine> text_lines, std::vector<BudgetLine> table_lines) {
    if (table_lines.empty()) return text_lines;
    std::vector<std::pair<std::size_t, std::size_t>> order;  // (source, index); 0 = text, 1 = table
    for (std::size_t k = 0; k < text_lines.size(); ++k) order.emplace_back(0, k);
    for (std::size_t k = 0; k < table_lines.size(); ++k) order.emplace_back(1, k);
    const auto offset = [&](const std::pair<std::size_t, std::size_t>& o) {
        return o.first == 0 ? text_lines[o.second].offset : table_lines[o.second].offset;
    };
    std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) { return offset(a) < offset(b); });
    std::vector<std::size_t> text_index(text_lines.size());
    std::vector<std::size_t> table_index(table_lines.size());
    for (std::size_t k = 0; k < order.size(); ++k) (order[k].first == 0 ? text_index : table_index)[order[k].second] = k;
    std::vector<BudgetLine> merged;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const bool text = order[k].first == 0;
        BudgetLine line = std::move(text ? text_lines[order[k].second] : table_lines[order[k].second]);
        line.index = k;
        if (line.parent) line.parent = (text ? text_index : table_index)[*line.parent];
        merged.push_back(std::move(line));
    }
    return merged;
}

}  // namespace

BudgetExtraction extract_budget_lines(std::string_view text) {
    BudgetExtraction out;
    TableBudget tables = extract_table_budget_lines(text);
    const auto in_table = [&tables](std::size_t offset) {
        return std::any_of(tables.tables.begin(), tables.tables.end(),
                           [offset](const auto& t) { return offset >= t.first && offset < t.second; });
    };
    const auto amounts = analyzers::find_amounts(text);
    const auto paragraphs = split_paragraphs(text);
    const auto years = find_years(text);
    std::vector<LineContext> contexts;
    std::vector<Label> labels;
    std::vector<Frame> stack;
    std::size_t ends_previous = npos;  // last line of the previous paragraph, if it ended it
    int heading_year = 0;
    auto next_amount = amounts.begin();

    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        const Paragraph& p = paragraphs[pi];
        if (!tables.tables.empty() && in_table(p.begin)) {
            // Table rows are read by extract_table_budget_lines; they neither hold text lines
            // nor continue or end the lists around them.
            while (next_amount != amounts.end() && next_amount->begin < p.end) ++next_amount;
            continue;
        }
        const std::size_t first = out.lines.size();
        std::size_t from = p.content;
        for (; next_amount != amounts.end() && next_amount->begin < p.end; ++next_amount) {
            if (next_amount->begin < p.content) continue;
            const auto label = find_label(text, from, next_amount->begin, from != p.content);
            from = next_amount->end;
            if (!label) continue;
            BudgetLine line;
            line.index = out.lines.size();
            line.label.assign(text.substr(label->begin, label->end - label->begin));
            line.amount_vnd = next_amount->vnd;
            line.amount_text = next_amount->text;
            line.offset = label->begin;
            line.kind = next_amount->per_unit ? BudgetKind::Other : classify(line.label);  // a rate
            LineContext ctx{pi, label->clause, next_amount->end, sentence_end(text, next_amount->end, p.end),
                            opener_after(text, next_amount->end, p.end), heading_year};
            line.refs = find_refs(text.substr(label->begin, ctx.sentence_end - label->begin));
            out.lines.push_back(std::move(line));
            contexts.push_back(ctx);
            labels.push_back(*label);
        }
        if (out.lines.size() == first) {
            if (blank(text, p)) continue;
            if (bare_opener(text, p) && ends_previous != npos) {
                if (stack.empty() || stack.back().line != ends_previous) stack.push_back({ends_previous, {}});
            } else {
                stack.clear();
                // A heading about a period ("GIAI ĐOẠN 2021-2025") ends the year of the one above it.
                const int y = year_in(years, p.begin, p.end);
                if (heading(text, p) && (y != 0 || names_period(text, p.begin, p.end))) heading_year = y;
            }
            ends_previous = npos;
            continue;
        }
        BudgetLine& head = out.lines[first];
        if (!p.marker.empty() && contexts[first].clause == p.content) {
            head.parent = attach(stack, p.marker);
        } else {
            stack.clear();
        }
        // Lines after "trong đó:" in the same paragraph belong to the line before it.
        std::optional<std::size_t> inline_parent;
        for (std::size_t k = first; k < out.lines.size(); ++k) {
            if (k != first && inline_parent && labels[k].clause >= contexts[*inline_parent].opener_end) {
                out.lines[k].parent = inline_parent;
            }
            if (contexts[k].opener_end != npos) inline_parent = k;
        }
        const std::size_t last = out.lines.size() - 1;
        const LineContext& tail = contexts[last];
        const bool opens_list = tail.opener_end != npos && only_punctuation(text.substr(tail.opener_end, p.end - tail.opener_end));
        const bool ends_paragraph = only_punctuation(text.substr(tail.amount_end, p.end - tail.amount_end));
        const bool states_total = ends_paragraph && match_word_phrase(text, labels[last].begin, "tổng") != npos;
        if (opens_list || states_total) stack.push_back({last, {}});
        ends_previous = ends_paragraph || opens_list ? last : npos;
    }
    for (std::size_t k = 0; k < out.lines.size(); ++k) {
        out.lines[k].year = resolve_year(out.lines[k], contexts[k], labels[k], out.lines, years, paragraphs[contexts[k].paragraph].begin);
    }
    out.lines = merge_lines(std::move(out.lines), std::move(tables.lines));
    out.checks = check_totals(out.lines);
    return out;
}

std::string_view to_string(BudgetKind kind) {
    switch (kind) {
        case BudgetKind::Investment: return "investment";
        case BudgetKind::Recurrent: return "recurrent";
        case BudgetKind::Revenue: return "revenue";
        case BudgetKind::Other: return "other";
    }
    return "other";
}

}  // namespace tracuu::indexer
