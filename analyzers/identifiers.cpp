#include "analyzers/identifiers.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <vector>
#include <stdexcept>

#include "analyzers/number_candidates.h"

namespace tracuu::analyzers {
namespace {

// The grammar of LEGAL.md §1.6. Spaces are absorbed only where real documents put them:
// after a dash (`57- NQ/TW`, `NĐ- CP`) and around the slash (`1206 /QĐ-HVTC`).
constexpr const char16_t* kDash = u"[\\-\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D]";
constexpr const char16_t* kPartyTypes =
    u"(?:TTLT|NQLT|VBHN|QĐi|QyĐ|CTr|TTr|GUQ|GGT|GNP|BGN|BTT|NQ|QĐ|NĐ|TT|CT|QC|TC|TB|HD|KH|PA|ĐA|DA"
    u"|BC|BB|HĐ|CĐ|GM|PG|PC|PB|KL|CV|PL|GT|NP|UQ|GN|TTh)";
// In documents an issuer code is capitals and digits with at most one lower-case ASCII letter
// (TTg, QĐi, CTr); that keeps `- Hà Nội` after a symbol out of it.
constexpr const char16_t* kIssuerStrict = u"\\p{Lu}[\\p{Lu}\\p{Nd}&]*(?:[a-z][\\p{Lu}\\p{Nd}]*)?";
constexpr const char16_t* kIssuerLenient = u"\\p{L}[\\p{L}\\p{Nd}&]*";

icu::UnicodeString build_pattern(IdentifierMode mode) {
    const icu::UnicodeString dash(kDash);
    const icu::UnicodeString iss1(mode == IdentifierMode::Document ? kIssuerStrict : kIssuerLenient);
    const icu::UnicodeString iss = "(" + iss1 + "(?:" + dash + "\\h?" + iss1 + ")*)";
    const icu::UnicodeString ptype = icu::UnicodeString(mode == IdentifierMode::Query ? u"(?i:" : u"(?:") +
                                     icu::UnicodeString(kPartyTypes) + ")";
    const icu::UnicodeString year = "((?:19|20)\\d{2})";
    icu::UnicodeString p = "(?<![\\p{Nd}/])(?:";
    // 1-3: with year in the symbol (also the malformed `82/2005-QĐ-UBND`)
    p += "(\\d{1,5})\\h?/\\h?" + year + "\\h?[/\\-]\\h?" + iss;
    // 4-6: Party
    p += "|(\\d{1,5})\\h?" + dash + "\\h?(" + ptype + ")\\h?/\\h?" + iss;
    // 7-8: administrative and công văn
    p += "|(\\d{1,5})\\h?/\\h?" + iss;
    // 9-10: number/year alone
    p += "|(\\d{1,5})/" + year;
    // 11-13: numeric date
    p += "|(\\d{1,2})\\h?[/.\\-]\\h?(\\d{1,2})\\h?[/.\\-]\\h?" + year;
    // 14-16: date in words
    p += "|(?i:ngày)\\h*(\\d{1,2})\\h+(?i:tháng)\\h+(\\d{1,2})\\h*(?:,\\h*)?(?i:năm)\\h+" + year;
    p += ")(?![\\p{L}\\p{Nd}/])";
    return p;
}

std::u16string group_text(const icu::RegexMatcher& m, int32_t group) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString s = m.group(group, status);
    return U_SUCCESS(status) ? std::u16string(s.getBuffer(), static_cast<std::size_t>(s.length())) : std::u16string();
}

bool matched(const icu::RegexMatcher& m, int32_t group) {
    UErrorCode status = U_ZERO_ERROR;
    return m.start(group, status) >= 0 && U_SUCCESS(status);
}

/// The values of a run of \p{Nd} digits of any script: `05`, `０５` and `٠٥` all give {0, 5}.
std::vector<int> digit_values(std::u16string_view digits) {
    std::vector<int> values;
    for (std::size_t i = 0; i < digits.size();) {
        UChar32 c;
        U16_NEXT(digits.data(), i, digits.size(), c);
        values.push_back(c >= '0' && c <= '9' ? c - '0' : std::max(0, u_charDigitValue(c)));
    }
    return values;
}

/// Digits as ASCII, leading zeros dropped: `05` → `5`, `１２` → `12`.
std::string strip_leading_zeros(std::u16string_view digits) {
    const std::vector<int> values = digit_values(digits);
    std::size_t i = 0;
    while (i + 1 < values.size() && values[i] == 0) ++i;
    std::string out;
    for (; i < values.size(); ++i) out.push_back(static_cast<char>('0' + values[i]));
    return out;
}

/// Lower-cases a symbol, unifies dashes and drops spaces: `NĐ- CP` → `nđ-cp`.
std::string canonical_symbol(std::u16string_view symbol) {
    icu::UnicodeString out;
    for (char16_t c : symbol) {
        if (c == u' ' || c == u'\t') continue;
        if (c == u'-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D) {
            out.append(u'-');
        } else {
            out.append(static_cast<UChar>(u_tolower(c)));
        }
    }
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

int to_int(std::u16string_view digits) {
    int value = 0;
    for (int digit : digit_values(digits)) value = value * 10 + digit;
    return value;
}

bool valid_date(int year, int month, int day) {
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1) return false;
    if (day > kDays[static_cast<std::size_t>(month - 1)]) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

std::string iso_date(int year, int month, int day) {
    char buffer[40];  // room for any int, so the compiler sees no truncation
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

bool is_party_issuer(std::string_view code) {
    static constexpr std::array<std::string_view, 13> kParty{
        "tw", "tư", "tu", "hu", "qu", "đu", "đuk", "vptw", "btctw", "btgtw", "ubkttw", "bdvtw", "bnctw"};
    for (auto p : kParty) {
        if (code == p) return true;
    }
    return false;
}

bool is_party_type(std::string_view code) {
    static constexpr std::array<std::string_view, 12> kTypes{"nq", "ct", "kl", "qđ", "qđi", "qc", "bc", "ttr", "tb", "hd", "ctr", "kh"};
    for (auto t : kTypes) {
        if (code == t) return true;
    }
    return false;
}

/// `57/nq-tw` typed for `57-nq/tw`: type code and Party issuer with slash and dash swapped.
std::string party_form_of(const std::string& number, const std::string& symbol) {
    const auto dash = symbol.find('-');
    if (dash == std::string::npos || symbol.find('-', dash + 1) != std::string::npos) return {};
    const std::string type = symbol.substr(0, dash);
    const std::string issuer = symbol.substr(dash + 1);
    if (!is_party_type(type) || !is_party_issuer(issuer)) return {};
    return number + "-" + type + "/" + issuer;
}

using namespace number_candidates;

/// `ngày` in any case at i: the one word a match (a date in words) may start with.
bool starts_ngay(std::u16string_view text, std::size_t i) {
    const auto either = [](char16_t c, char16_t lower, char16_t upper) { return c == lower || c == upper; };
    return i + 4 <= text.size() && either(text[i], u'n', u'N') && either(text[i + 1], u'g', u'G') &&
           either(text[i + 2], u'\u00E0', u'\u00C0') && either(text[i + 3], u'y', u'Y');
}

/** Whether a run of ASCII digits starting at i can begin a match. Every numeric alternative of
 *  the pattern is 1 to 5 digits, at most one \h, then `/`, `.` or a dash; a longer run or
 *  anything else after it fails them all (a digit of another script is left to the pattern). */
bool may_start_number(std::u16string_view text, std::size_t i) {
    std::size_t end = digits_end(text, i);
    if (end - i > 5) return false;
    if (end < text.size() && is_horizontal_space(text[end])) ++end;
    if (end >= text.size()) return false;
    const char16_t next = text[end];
    return next == u'/' || next == u'.' || is_dash(next) || other_digit_at(text, end);
}

/// The first offset at or after `from` where the pattern may match: a digit that may start a
/// number, or `ngày`; text.size() if none.
std::size_t next_candidate(std::u16string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size(); ++i) {
        const char16_t c = text[i];
        if (c >= 0x80) {
            if (is_decimal_digit_at(text, i)) return i;
        } else if (is_ascii_digit(c)) {
            if ((i == 0 || !is_ascii_digit(text[i - 1])) && may_start_number(text, i)) return i;
        } else if ((c | 0x20) == u'n' && starts_ngay(text, i)) {
            return i;
        }
    }
    return text.size();
}

}  // namespace

class IdentifierFinder::Impl {
public:
    explicit Impl(IdentifierMode mode) : m_mode(mode) {
        UParseError parse_error{};
        UErrorCode status = U_ZERO_ERROR;
        m_pattern.reset(icu::RegexPattern::compile(build_pattern(mode), 0, parse_error, status));
        if (U_FAILURE(status)) {
            throw std::runtime_error(std::string("identifier pattern does not compile: ") + u_errorName(status));
        }
    }

    std::vector<IdentifierSpan> find(std::u16string_view text) const {
        std::vector<IdentifierSpan> spans;
        std::size_t candidate = next_candidate(text, 0);
        if (candidate == text.size()) return spans;
        const icu::UnicodeString input(false, text.data(), static_cast<int32_t>(text.size()));
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::RegexMatcher> m(m_pattern->matcher(input, status));
        if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU matcher failed: ") + u_errorName(status));
        // Every match starts at a digit or at `ngày`. Trying the pattern only there, with the
        // text around visible to its look-behind and look-ahead, finds what find() over the
        // whole text finds, without running the matcher at every character of plain prose.
        m->useTransparentBounds(true);
        m->useAnchoringBounds(false);
        const auto length = static_cast<int64_t>(text.size());
        while (candidate < text.size()) {
            m->region(static_cast<int64_t>(candidate), length, status);
            if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU matcher failed: ") + u_errorName(status));
            if (!m->lookingAt(status) || U_FAILURE(status)) {
                candidate = next_candidate(text, candidate + 1);
                continue;
            }
            IdentifierSpan span;
            span.begin = static_cast<std::size_t>(m->start(status));
            span.end = static_cast<std::size_t>(m->end(status));
            if (fill(*m, span)) spans.push_back(std::move(span));
            // As find() does, the search resumes after the match even when fill() rejected it.
            candidate = next_candidate(text, std::max(span.end, candidate + 1));
        }
        return spans;
    }

private:
    bool fill(const icu::RegexMatcher& m, IdentifierSpan& span) const {
        if (matched(m, 1)) {
            const std::string number = strip_leading_zeros(group_text(m, 1));
            const std::string year = canonical_symbol(group_text(m, 2));
            span.term = number + "/" + year + "/" + canonical_symbol(group_text(m, 3));
            span.number_year = number + "/" + year;
            return true;
        }
        if (matched(m, 4)) {
            const std::string number = strip_leading_zeros(group_text(m, 4));
            span.term = number + "-" + canonical_symbol(group_text(m, 5)) + "/" + canonical_symbol(group_text(m, 6));
            return true;
        }
        if (matched(m, 7)) {
            const std::string number = strip_leading_zeros(group_text(m, 7));
            const std::string symbol = canonical_symbol(group_text(m, 8));
            span.term = number + "/" + symbol;
            if (m_mode == IdentifierMode::Query) {
                if (std::string party = party_form_of(number, symbol); !party.empty()) span.alternatives.push_back(party);
            }
            return true;
        }
        if (matched(m, 9)) {
            span.kind = IdentifierKind::NumberYear;
            span.term = strip_leading_zeros(group_text(m, 9)) + "/" + canonical_symbol(group_text(m, 10));
            return true;
        }
        const int first = matched(m, 11) ? 11 : 14;
        const int day = to_int(group_text(m, first));
        const int month = to_int(group_text(m, first + 1));
        const int year = to_int(group_text(m, first + 2));
        if (!valid_date(year, month, day)) return false;
        span.kind = IdentifierKind::Date;
        span.term = iso_date(year, month, day);
        return true;
    }

    IdentifierMode m_mode;
    std::unique_ptr<icu::RegexPattern> m_pattern;
};

IdentifierFinder::IdentifierFinder(IdentifierMode mode) : m_impl(std::make_unique<Impl>(mode)) {}
IdentifierFinder::~IdentifierFinder() = default;
IdentifierFinder::IdentifierFinder(IdentifierFinder&&) noexcept = default;
IdentifierFinder& IdentifierFinder::operator=(IdentifierFinder&&) noexcept = default;

std::vector<IdentifierSpan> IdentifierFinder::find(std::u16string_view text) const { return m_impl->find(text); }

}  // namespace tracuu::analyzers
