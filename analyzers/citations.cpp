/** @file
 *  @brief CitationFinder: walks the text for symbols and, for each, finds its cue phrase, the date,
 *  year and issuer phrase after it, whether it is the header's own "Số:" line, its sentence and
 *  clause and the relation and agent its verb states; then cross-checks the citations (self,
 *  date_conflict, probable_typo). What a symbol itself says is read in citation_symbol.cpp, the
 *  patterns are in citation_grammar.cpp.
 */
#include "analyzers/citations.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string_view>

#include "analyzers/citation_internal.h"
#include "analyzers/number_candidates.h"

namespace tracuu::analyzers {
namespace citation_internal {
namespace {

/// The document type a cue names: "Kế hoạch hành động" a Kế hoạch; "Văn bản" any, so "".
std::string_view cue_type(std::string_view cue) {
    constexpr std::string_view kAction = " hành động";
    return cue == "Văn bản" ? "" : cue.ends_with(kAction) ? cue.substr(0, cue.size() - kAction.size()) : cue;
}

bool valid_date(int year, int month, int day) {
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[static_cast<std::size_t>(month - 1)]) return false;
    return !(month == 2 && day == 29 && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0));
}
std::string iso_date(int year, int month, int day) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}
bool has_flag(const Citation& c, std::string_view flag) {
    return std::find(c.flags.begin(), c.flags.end(), flag) != c.flags.end();
}

/** Whether a run of ASCII digits starting at i can begin a symbol: every alternative of
 *  symbol_pattern() is 1 to 5 digits (alternative A may add `.` and up to 3 digits), up to two
 *  \h, then `/` or a dash. A digit of another script is left to the pattern. */
bool may_start_symbol(std::u16string_view text, std::size_t i) {
    using namespace number_candidates;
    std::size_t end = digits_end(text, i);
    if (end - i > 5) return false;
    if (other_digit_at(text, end)) return true;
    if (end + 1 < text.size() && text[end] == u'.' && is_ascii_digit(text[end + 1])) end = digits_end(text, end + 1);
    if (other_digit_at(text, end)) return true;
    for (int spaces = 0; spaces < 2 && end < text.size() && is_horizontal_space(text[end]); ++spaces) ++end;
    return end < text.size() && (text[end] == u'/' || is_dash(text[end]));
}

std::size_t next_symbol_start(std::u16string_view text, std::size_t from) {
    return number_candidates::next_digit_start(text, from, [&](std::size_t i) { return may_start_symbol(text, i); });
}

}  // namespace

Scan::Scan(const std::array<std::unique_ptr<RegexPattern>, kPatternCount>& patterns, std::string_view text)
    : m_text(text), m_u(UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))) {
    m_bytes.resize(static_cast<std::size_t>(m_u.length()) + 1);
    std::size_t offset = 0;
    for (int32_t i = 0; i < m_u.length(); ++i) {
        m_bytes[static_cast<std::size_t>(i)] = offset;
        const UChar c = m_u[i];
        offset += c < 0x80 ? 1 : c < 0x800 ? 2 : U16_IS_LEAD(c) ? 4 : U16_IS_TRAIL(c) ? 0 : 3;
    }
    m_bytes.back() = offset;
    for (const auto& p : patterns) {
        UErrorCode status = U_ZERO_ERROR;
        m_matchers.emplace_back(p->matcher(m_u, status));
        if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU matcher failed: ") + u_errorName(status));
        m_matchers.back()->useTransparentBounds(true);
    }
    segment();
}


void Scan::segment() {
    m_sentences = {0};
    m_clauses = {0};
    const int32_t n = m_u.length();
    for (int32_t i = 0; i < n; ++i) {
        const UChar c = m_u[i];
        int32_t next = -1;
        if (c == u'\n' || c == u'\f') {
            next = i + 1;
        } else if (c == u'.' || c == u'!' || c == u'?') {  // before a space: not in `1.093`, `25.7.2025`
            int32_t j = i + 1;
            while (j < n && (m_u[j] == u'”' || m_u[j] == u'"' || m_u[j] == u')' || m_u[j] == u']')) ++j;
            if (j == n || u_isWhitespace(m_u[j])) next = j;
        } else if (c == u';') {
            m_clauses.push_back(i + 1);
        }
        if (next > 0) {
            m_sentences.push_back(next);
            m_clauses.push_back(next);
            i = next - 1;
        }
    }
}

std::pair<int32_t, int32_t> Scan::range_of(const std::vector<int32_t>& starts, int32_t pos) const {
    const auto it = std::upper_bound(starts.begin(), starts.end(), pos);
    int32_t b = *(it - 1), e = it == starts.end() ? m_u.length() : *it;
    while (b < e && u_isWhitespace(m_u[b])) ++b;
    while (e > b && u_isWhitespace(m_u[e - 1])) --e;
    return {b, e};
}

std::vector<Citation> Scan::run() {
    RegexMatcher& symbols = *m_matchers[Symbol];
    // Every symbol starts with a digit: the pattern is tried only where one may start a symbol,
    // with the text around visible to its look-arounds; that finds what find() over the whole
    // text finds, without running the matcher at every character.
    const std::u16string_view text(m_u.getBuffer(), static_cast<std::size_t>(m_u.length()));
    for (std::size_t next = next_symbol_start(text, 0); next < text.size();) {
        UErrorCode status = U_ZERO_ERROR;
        symbols.region(static_cast<int64_t>(next), m_u.length(), status);
        if (!looking_at(symbols)) {
            next = next_symbol_start(text, next + 1);
            continue;
        }
        next = next_symbol_start(text, std::max<std::size_t>(static_cast<std::size_t>(end_of(symbols, 0)), next + 1));
        Extra x;
        x.b = start_of(symbols, 0);
        x.e = end_of(symbols, 0);
        const int32_t line_b = line_start(x.b), line_e = line_end(x.e);
        if (found(at(NotCitation, std::max(line_b, x.b - kCueWindow), x.b))) continue;
        Citation c;
        const std::string_view* cue = find_cue(line_b, x);
        if (!classify(symbols, c, cue != nullptr ? cue_type(*cue) : std::string_view())) continue;
        c.begin = byte(x.b), c.end = byte(x.e), c.symbol = slice(x.b, x.e);
        if (cue != nullptr) c.cue = *cue;
        read_after(c, x, line_e);
        if (c.issuer_phrase.empty() && cue != nullptr) {  // "Quyết định của Bộ Chính trị số31-QĐ/TW"
            if (RegexMatcher& i = at(Issuer, x.cue_e, x.b); looking_at(i)) c.issuer_phrase = slice(start_of(i, 1), end_of(i, 1));
        }
        read_header(c, x, line_b, line_e);
        // A number with no type code, cue, date or issuer phrase is a form label ("02/XLD"), not a công văn.
        if (c.type_code.empty() && c.family == SymbolFamily::Administrative && cue == nullptr && c.date.empty() &&
            c.issuer_phrase.empty() && !x.header) {
            continue;
        }
        const auto [sb, se] = range_of(m_sentences, x.b);
        const auto [cb, ce] = range_of(m_clauses, x.b);
        c.sentence_begin = byte(sb), c.sentence_end = byte(se), c.clause_begin = byte(cb), c.clause_end = byte(ce);
        relate(c, x);
        m_out.push_back(std::move(c));
        m_extra.push_back(x);
    }
    cross_check();
    return std::move(m_out);
}

const std::string_view* Scan::find_cue(int32_t line_b, Extra& x) {
    struct Found { std::size_t cue; int32_t b, e; };
    std::vector<Found> cues;
    for (RegexMatcher& m = at(Cue, std::max(line_b, x.b - kCueWindow), x.b); found(m);) {
        for (int32_t g = 1; g <= static_cast<int32_t>(kCues.size()); ++g) {
            if (start_of(m, g) >= 0) cues.push_back({static_cast<std::size_t>(g - 1), start_of(m, g), end_of(m, g)});
        }
    }
    // The nearest cue wins: "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW" is a Nghị quyết.
    for (auto it = cues.rbegin(); it != cues.rend(); ++it) {
        const bool lower = u_islower(m_u.char32At(it->b)) != 0;  // lower case only right before "số"
        if (!matches(at(lower ? FillerLower : FillerUpper, it->e, x.b))) continue;
        x.cue_b = it->b;
        x.cue_e = it->e;
        return &kCues[it->cue];
    }
    return nullptr;
}


void Scan::read_after(Citation& c, Extra& x, int32_t line_e) {
    const int32_t limit = std::min(line_e, x.e + kAfterWindow);
    int32_t pos = x.e;
    if (RegexMatcher& d = at(Date, pos, limit); looking_at(d)) {
        const int g = start_of(d, 1) >= 0 ? 1 : 4;
        const int day = to_int(group_of(d, g)), month = to_int(group_of(d, g + 1)), year = to_int(group_of(d, g + 2));
        if (valid_date(year, month, day)) {
            c.date = iso_date(year, month, day);
            if (c.year == 0) c.year = year;
            if (c.family == SymbolFamily::WithYear && c.year != year) add_flag(c, "year_mismatch");
        } else {
            add_flag(c, "invalid_date");
        }
        pos = end_of(d, 0);
    } else if (RegexMatcher& y = at(YearAfter, pos, limit); looking_at(y)) {  // "Công văn 2739/VPCP-ĐMDN năm 2019"
        if (c.year == 0) c.year = to_int(group_of(y, 1));
        pos = end_of(y, 0);
    }
    if (RegexMatcher& i = at(Issuer, pos, limit); looking_at(i)) {
        c.issuer_phrase = slice(start_of(i, 1), end_of(i, 1));
        pos = end_of(i, 0);
    }
    x.tail = pos;
}

// "Số: 13/KH-UBND" alone on its line is the document's own number; its date is on the place-date line.
void Scan::read_header(Citation& c, Extra& x, int32_t line_b, int32_t line_e) {
    if ((line_b > 0 && !is_break(line_b - 1)) || !UnicodeString(m_u, x.e, line_e - x.e).trim().isEmpty() ||
        !matches(at(Header, line_b, x.b))) {
        return;
    }
    x.header = true;
    add_flag(c, "self");
    if (!c.date.empty()) return;
    RegexMatcher& date = at(PlaceDate, x.e, x.e + kHeaderWindow);
    if (!found(date)) return;
    const int day = to_int(group_of(date, 1)), month = to_int(group_of(date, 2)), year = to_int(group_of(date, 3));
    if (!valid_date(year, month, day)) return;
    c.date = iso_date(year, month, day);
    if (c.year == 0) c.year = year;
}

void Scan::relate(Citation& c, Extra& x) {
    if (x.header) return;
    const auto [sb, se] = range_of(m_sentences, x.b);
    const auto [cb, ce] = range_of(m_clauses, x.b);
    x.sentence_b = sb;
    x.clause_b = cb;
    if (looking_at(at(Basis, sb, se))) {
        c.relation = Relation::LegalBasis;
        return;
    }
    const int32_t limit = x.cue_b >= cb ? x.cue_b : x.b;
    const Extra* previous = m_extra.empty() ? nullptr : &m_extra.back();
    const bool first_in_clause = previous == nullptr || previous->clause_b != cb;
    if (!first_in_clause) x.lead = previous->lead;
    // The last verb before the cue wins: after an earlier citation of the clause, only the gap is new.
    const int32_t from = first_in_clause ? std::max(cb, limit - kVerbWindow) : std::max(previous->e, limit - kVerbWindow);
    for (RegexMatcher& m = at(Verb, from, limit); found(m);) {
        x.verb_b = start_of(m, 0);
        for (int g = 1; g <= 7; ++g) x.verb = start_of(m, g) >= 0 ? g : x.verb;
    }
    if (x.verb_b < 0 && !first_in_clause && previous->verb_b >= 0 && limit - previous->verb_b <= kVerbWindow) {
        x.verb_b = previous->verb_b;
        x.verb = previous->verb;
    }
    const int32_t verb_b = x.verb_b;
    if (verb_b < 0) {
        // "Thực hiện Nghị quyết số 18-NQ/TW …; Nghị quyết số 19-NQ/TW …": a bare list item after ';'
        // takes the verb that governs the list.
        if (first_in_clause && previous != nullptr && previous->sentence_b == sb && previous->lead &&
            matches(at(Bare, cb, limit))) {
            c.relation = *previous->lead;
            x.lead = previous->lead;
        }
        return;
    }
    c.relation = kVerbRelations[static_cast<std::size_t>(x.verb)];
    if (first_in_clause) x.lead = c.relation;
    if (c.relation == Relation::Mentions || c.relation == Relation::LegalBasis) return;
    // The agent is the citation right before the verb in the same clause, unless the verb is
    // inside its topic ("Văn bản số 05/CV-… về tổng kết thực hiện Nghị quyết …").
    for (std::size_t j = m_extra.size(); j-- > 0 && m_extra[j].b >= cb;) {
        if (m_extra[j].tail > verb_b) continue;
        if (verb_b - m_extra[j].tail > kVerbWindow) break;
        if ((u" " + UnicodeString(m_u, m_extra[j].tail, verb_b - m_extra[j].tail) + u" ").indexOf(u" về ") < 0) {
            c.agent = j;
        }
        break;
    }
}

void Scan::cross_check() {
    // The document's own number: header lines, then every citation with the same key and year
    // (the year known from any of its header lines: the portal footer "Số hiệu:" has no date).
    std::map<std::string, int> own;
    for (std::size_t i = 0; i < m_out.size(); ++i) {
        if (m_extra[i].header) own[m_out[i].key] = std::max(own[m_out[i].key], m_out[i].year);
    }
    for (auto& c : m_out) {
        const auto it = own.find(c.key);
        if (it != own.end() && (c.year == 0 || it->second == 0 || c.year == it->second)) {
            add_flag(c, "self");
            c.relation = Relation::Mentions;
            c.agent.reset();
        }
    }
    // Administrative numbers restart every year; Party and with-year keys stand alone.
    std::map<std::string, std::vector<std::size_t>> by_key;
    for (std::size_t i = 0; i < m_out.size(); ++i) {
        const Citation& c = m_out[i];
        if (has_flag(c, "self")) continue;
        by_key[c.family == SymbolFamily::Administrative ? c.key + "@" + std::to_string(c.year) : c.key].push_back(i);
    }
    for (const auto& [key, group] : by_key) {
        std::map<std::string, int> dates;
        for (std::size_t i : group) dates[m_out[i].date] += m_out[i].date.empty() ? 0 : 1;
        dates.erase("");
        if (dates.size() < 2) continue;
        const auto best = std::max_element(dates.begin(), dates.end(), [](auto& a, auto& b) { return a.second < b.second; });
        const bool tie = std::count_if(dates.begin(), dates.end(), [&](auto& d) { return d.second == best->second; }) > 1;
        for (std::size_t i : group) {
            if (!m_out[i].date.empty() && (tie || m_out[i].date != best->first)) add_flag(m_out[i], "date_conflict");
        }
    }
    // `57-NQ/TU` cited once without a date among several `57-NQ/TW`: one letter of the key differs.
    for (auto& c : m_out) {
        if (c.family != SymbolFamily::Party || !c.date.empty() || has_flag(c, "self") || by_key[c.key].size() != 1) continue;
        const UnicodeString key = UnicodeString::fromUTF8(c.key);
        std::size_t best = 1;
        for (const auto& [other, group] : by_key) {
            const UnicodeString o = UnicodeString::fromUTF8(other);
            if (group.size() <= best || o.length() != key.length() || m_out[group[0]].family != SymbolFamily::Party) continue;
            int differ = 0;
            for (int32_t i = 0; i < key.length(); ++i) differ += key[i] != o[i] ? 1 : 0;
            if (differ == 1) best = group.size(), c.suggested_key = other;
        }
        if (!c.suggested_key.empty()) add_flag(c, "probable_typo");
    }
    static constexpr std::array<std::string_view, 13> kOrder{
        "self",          "malformed_separator", "dotted_number",  "ascii_type_code", "unknown_type",
        "type_from_cue", "legacy_order",        "type_ambiguous", "cue_mismatch",    "invalid_date",
        "year_mismatch", "date_conflict",       "probable_typo"};
    auto rank = [](const std::string& flag) { return std::find(kOrder.begin(), kOrder.end(), flag) - kOrder.begin(); };
    for (auto& c : m_out) std::sort(c.flags.begin(), c.flags.end(), [&](auto& a, auto& b) { return rank(a) < rank(b); });
}

}  // namespace citation_internal

class CitationFinder::Impl {
public:
    std::array<std::unique_ptr<citation_internal::RegexPattern>, citation_internal::kPatternCount> patterns =
        citation_internal::compile_all();
};

CitationFinder::CitationFinder() : m_impl(std::make_unique<Impl>()) {}
CitationFinder::~CitationFinder() = default;
CitationFinder::CitationFinder(CitationFinder&&) noexcept = default;
CitationFinder& CitationFinder::operator=(CitationFinder&&) noexcept = default;

std::vector<Citation> CitationFinder::find(std::string_view normalized_utf8) const {
    return citation_internal::Scan(m_impl->patterns, normalized_utf8).run();
}

std::vector<Citation> find_citations(std::string_view normalized_utf8) {
    static const CitationFinder finder;
    return finder.find(normalized_utf8);
}

std::string relation_name(Relation relation) {
    static constexpr std::array<std::string_view, 7> kNames{"căn cứ",   "thực hiện", "sửa đổi, bổ sung", "thay thế",
                                                            "bãi bỏ",   "hướng dẫn", "dẫn chiếu"};
    return std::string(kNames.at(static_cast<std::size_t>(relation)));
}

std::string family_name(SymbolFamily family) {
    static constexpr std::array<std::string_view, 3> kNames{"with_year", "party", "administrative"};
    return std::string(kNames.at(static_cast<std::size_t>(family)));
}

std::string to_debug_string(const Citation& c) {
    using citation_internal::join;
    std::string issuers = join(c.issuer_codes, 0, "+") + (c.unit.empty() ? "" : "(" + c.unit + ")");
    std::string out = c.key + "|" + family_name(c.family) + "|" + c.type_name + "|" + std::to_string(c.number) + "|" +
                      (c.year != 0 ? std::to_string(c.year) : "") + "|" + issuers + "|" + c.issuer_phrase + "|" +
                      c.date + "|" + relation_name(c.relation);
    return c.flags.empty() ? out : out + "|" + join(c.flags, 0, ",");
}

}  // namespace tracuu::analyzers
