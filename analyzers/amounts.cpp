#include "analyzers/amounts.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <numeric>
#include <optional>

#include "analyzers/text_scan.h"

namespace tracuu::analyzers {
namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr std::uint64_t kMaxVnd = 9'000'000'000'000'000'000ULL;

bool digit_at(std::string_view s, std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }



/// A word ending at i is whole when no letter follows.
std::size_t match_word(std::string_view s, std::size_t i, std::string_view word) {
    const std::size_t end = match_phrase(s, i, word);
    return end == npos || letter_at(s, end) ? npos : end;
}

// "đồng" is also the first syllable of ordinary words: "2 đồng chí" (comrades), "đồng tác giả",
// "năm 2026 đồng thời". These are matched in lower case only, so "5 tỷ đồng Bộ KH&CN cấp" is money.
constexpr std::array<std::string_view, 23> kNotCurrencyAfterDong = {
    "chí", "chủ trì", "chủ nhiệm", "chủ biên", "tác giả", "bào", "hồ", "bộ", "ý", "loạt", "nghiệp", "hành",
    "đều", "thuận", "phục", "sáng lập", "tài trợ", "sở hữu", "ruộng", "thời", "hương", "minh", "lòng"};

bool starts_with_word(std::string_view s, std::size_t i, std::string_view words) {
    return s.substr(i).starts_with(words) && !letter_at(s, i + words.size());
}

std::size_t match_currency(std::string_view s, std::size_t i) {
    if (const std::size_t e = match_word(s, i, "đồng"); e != npos) {
        const std::size_t w = skip_hspace(s, e);
        if (w == e) return e;
        for (const std::string_view words : kNotCurrencyAfterDong) {
            if (starts_with_word(s, w, words)) return npos;
        }
        return e;
    }
    for (const std::string_view word : {"vnđ", "vnd", "đ"}) {
        if (const std::size_t e = match_word(s, i, word); e != npos) return e;
    }
    return match_phrase(s, i, "₫");
}

struct Scale {
    std::string_view words;
    std::uint64_t unit;
};

// Longest first, so "nghìn tỷ" wins over "nghìn" and "trăm nghìn" over "tr".
constexpr std::array<Scale, 13> kScales = {{
    {"nghìn tỷ", 1'000'000'000'000},
    {"ngàn tỷ", 1'000'000'000'000},
    {"nghìn tỉ", 1'000'000'000'000},
    {"ngàn tỉ", 1'000'000'000'000},
    {"trăm nghìn", 100'000},
    {"trăm ngàn", 100'000},
    {"triệu", 1'000'000},
    {"tỷ", 1'000'000'000},
    {"tỉ", 1'000'000'000},
    {"nghìn", 1'000},
    {"ngàn", 1'000},
    {"tr.", 1'000'000},
    {"tr", 1'000'000},
}};

struct ScaleMatch {
    std::size_t end = 0;
    std::uint64_t unit = 1;
};

std::optional<ScaleMatch> match_scale(std::string_view s, std::size_t i) {
    for (const Scale& scale : kScales) {
        const std::size_t e = match_phrase(s, i, scale.words);
        if (e == npos) continue;
        // A scale glued to its currency is still a scale: "50trđ", "5tỷđ".
        if (letter_at(s, e) && match_currency(s, e) == npos) continue;
        return ScaleMatch{e, scale.unit};
    }
    return std::nullopt;
}

/// A number as written, before its reading is decided.
struct Number {
    std::size_t end = 0;
    std::string integer;                  ///< digits before the decimal mark, group dots removed
    std::string fraction;                 ///< digits after ',' (or after '.' when ambiguous)
    std::vector<std::string> comma_groups;  ///< `500,000` or `1,250,000`: 3-digit groups after ','
    bool dot_decimal = false;             ///< English-style `1.5`
};

std::size_t digit_run_end(std::string_view s, std::size_t i) {
    while (digit_at(s, i)) ++i;
    return i;
}

/// True when s[i] is `sep` followed by exactly three digits and no fourth.
bool group_at(std::string_view s, std::size_t i, char sep) {
    return i < s.size() && s[i] == sep && digit_run_end(s, i + 1) == i + 4;
}

std::optional<Number> parse_number(std::string_view s, std::size_t i) {
    Number n;
    std::size_t j = digit_run_end(s, i);
    n.integer.assign(s.substr(i, j - i));
    bool grouped = false;
    if (j < s.size() && s[j] == '.' && digit_at(s, j + 1)) {
        const std::size_t run = digit_run_end(s, j + 1) - (j + 1);
        if (run == 3 && n.integer.size() <= 3) {
            while (group_at(s, j, '.')) {
                n.integer.append(s.substr(j + 1, 3));
                j += 4;
            }
            grouped = true;
        } else if (run <= 2) {
            n.fraction.assign(s.substr(j + 1, run));
            n.dot_decimal = true;
            j += 1 + run;
        } else {
            return std::nullopt;  // 1234.567, 1.2345
        }
        if (j < s.size() && (s[j] == '.' || s[j] == ',') && digit_at(s, j + 1) && n.dot_decimal) return std::nullopt;
        if (j < s.size() && s[j] == '.' && digit_at(s, j + 1)) return std::nullopt;  // 1.234.5, 25.7.2025
    }
    if (!n.dot_decimal && j < s.size() && s[j] == ',' && digit_at(s, j + 1)) {
        if (!grouped && n.integer.size() <= 3 && group_at(s, j, ',')) {
            while (group_at(s, j, ',')) {
                n.comma_groups.emplace_back(s.substr(j + 1, 3));
                j += 4;
            }
        } else {
            const std::size_t end = digit_run_end(s, j + 1);
            n.fraction.assign(s.substr(j + 1, end - j - 1));
            j = end;
        }
        if (j < s.size() && (s[j] == '.' || s[j] == ',') && digit_at(s, j + 1)) return std::nullopt;
    }
    n.end = j;
    return n;
}

/// The digits of a reading with the count of those after the decimal mark.
struct Decimal {
    std::string digits;
    std::size_t fraction = 0;
    bool ambiguous = false;
};

/// Reads a number in a unit. Comma groups are decimals (`1,500 tỷ` = 1,5 tỷ) unless the unit is
/// the đồng itself, where a fraction is meaningless and `500,000 đồng` must be English grouping.
Decimal read_number(const Number& n, std::uint64_t unit) {
    Decimal d;
    d.digits = n.integer;
    d.ambiguous = n.dot_decimal;
    if (!n.comma_groups.empty()) {
        const bool english = n.comma_groups.size() > 1 || unit == 1;
        for (const auto& g : n.comma_groups) d.digits += g;
        d.fraction = english ? 0 : 3;
        d.ambiguous = english;
    } else {
        d.digits += n.fraction;
        d.fraction = n.fraction.size();
    }
    return d;
}

/// digits / 10^fraction * unit, exactly, or nothing when it overflows or leaves a fraction.
std::optional<std::int64_t> value_of(Decimal d, std::uint64_t unit) {
    while (d.fraction > 0 && d.digits.back() == '0') {
        d.digits.pop_back();
        --d.fraction;
    }
    if (d.fraction > 18 || unit == 0) return std::nullopt;
    std::uint64_t mantissa = 0;
    for (const char c : d.digits) {
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (mantissa > (kMaxVnd - digit) / 10) return std::nullopt;
        mantissa = mantissa * 10 + digit;
    }
    std::uint64_t divisor = 1;
    for (std::size_t k = 0; k < d.fraction; ++k) divisor *= 10;
    const std::uint64_t common = std::gcd(unit, divisor);
    divisor /= common;
    const std::uint64_t multiplier = unit / common;
    if (mantissa % divisor != 0) return std::nullopt;
    const std::uint64_t whole = mantissa / divisor;
    if (whole > kMaxVnd / multiplier) return std::nullopt;
    return static_cast<std::int64_t>(whole * multiplier);
}

/// A number with what follows it: scale, currency, per-unit slash.
struct Item {
    std::size_t begin = 0;
    std::size_t end = 0;
    Number number;
    std::optional<std::uint64_t> scale;
    bool currency = false;
    bool per_unit = false;
};

/// "Mẫu 03đ", "mục 4đ", "Mẫu 03đ-1" name forms and items: a bare "đ" glued to a number of one
/// or two digits, or followed by "-" and more of a code, is no currency.
bool item_code(std::string_view s, const Item& item, std::size_t cur_begin, std::size_t cur_end) {
    if (cur_end - cur_begin != std::string_view("đ").size()) return false;
    if (cur_end + 1 < s.size() && s[cur_end] == '-' && (digit_at(s, cur_end + 1) || letter_at(s, cur_end + 1))) return true;
    return !item.scale && cur_begin == item.number.end && item.number.integer.size() <= 2 && item.number.fraction.empty();
}

std::optional<Item> parse_item(std::string_view s, std::size_t i) {
    auto number = parse_number(s, i);
    if (!number) return std::nullopt;
    Item item;
    item.begin = i;
    item.number = std::move(*number);
    item.end = item.number.end;
    if (const auto scale = match_scale(s, skip_hspace(s, item.end))) {
        item.scale = scale->unit;
        item.end = scale->end;
    }
    const std::size_t cur_begin = skip_hspace(s, item.end);
    if (const std::size_t cur = match_currency(s, cur_begin); cur != npos && !item_code(s, item, cur_begin, cur)) {
        item.currency = true;
        item.end = cur;
        item.per_unit = cur + 1 < s.size() && s[cur] == '/' && (letter_at(s, cur + 1) || digit_at(s, cur + 1));
    }
    return item;
}

bool number_starts_at(std::string_view s, std::size_t i) {
    if (!digit_at(s, i)) return false;
    if (i == 0) return true;
    const char prev = s[i - 1];
    return !(prev >= '0' && prev <= '9') && prev != '.' && prev != ',' && !letter_before(s, i);
}

/// The end of a range connector after a lower bound, or npos. A dash only joins a bare lower
/// bound (`10-20 triệu đồng`): between two full amounts it is more often a list separator.
std::size_t match_connector(std::string_view s, std::size_t i, bool lower_has_currency) {
    for (const std::string_view word : {"đến", "tới"}) {
        if (const std::size_t e = match_word(s, i, word); e != npos) return e;
    }
    if (lower_has_currency) return npos;
    for (const std::string_view dash : {"-", "\u2013", "\u2014"}) {
        if (s.substr(i).starts_with(dash)) return i + dash.size();
    }
    return npos;
}

/// Start of "từ " right before i, else i.
std::size_t range_begin(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t')) --j;
    const std::string_view tu = "từ";
    if (j == i || j < tu.size()) return i;
    const std::size_t start = j - tu.size();
    if (match_phrase(s, start, tu) != j || letter_before(s, start)) return i;
    return start;
}

/// "năm 2024 - 500 triệu đồng" is a year, then an amount, not a range starting at 2024.
bool after_year_word(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t')) --j;
    const std::string_view nam = "năm";
    return j != i && j >= nam.size() && match_phrase(s, j - nam.size(), nam) == j;
}

Amount make_amount(std::string_view s, std::size_t begin, std::size_t end, std::int64_t lo, std::int64_t hi) {
    Amount a;
    a.begin = begin;
    a.end = end;
    a.vnd = lo;
    a.vnd_max = hi;
    a.text.assign(s.substr(begin, end - begin));
    return a;
}

/// Tries a range starting with `lower`; returns it when the upper bound carries a currency.
std::optional<Amount> parse_range(std::string_view s, const Item& lower) {
    if (lower.scale == std::nullopt && !lower.currency && after_year_word(s, lower.begin)) return std::nullopt;
    const std::size_t conn = match_connector(s, skip_hspace(s, lower.end), lower.currency);
    if (conn == npos) return std::nullopt;
    const std::size_t j = skip_hspace(s, conn);
    if (!digit_at(s, j)) return std::nullopt;
    const auto upper = parse_item(s, j);
    if (!upper || !upper->currency) return std::nullopt;
    const std::uint64_t hi_unit = upper->scale.value_or(1);
    const std::uint64_t lo_unit = lower.scale ? *lower.scale : (lower.currency ? 1 : hi_unit);
    const Decimal lo_dec = read_number(lower.number, lo_unit);
    const Decimal hi_dec = read_number(upper->number, hi_unit);
    const auto lo = value_of(lo_dec, lo_unit);
    const auto hi = value_of(hi_dec, hi_unit);
    if (!lo || !hi || *lo > *hi) return std::nullopt;
    Amount a = make_amount(s, range_begin(s, lower.begin), upper->end, *lo, *hi);
    a.ambiguous = lo_dec.ambiguous || hi_dec.ambiguous;
    a.per_unit = upper->per_unit;
    return a;
}

/// In a table a bare cell value is money; a number followed by a word or '%' is a count or rate.
bool bare_table_value(std::string_view s, const Item& item) {
    const std::size_t next = skip_hspace(s, item.end);
    return !letter_at(s, next) && !(next < s.size() && (s[next] == '%' || s[next] == '/'));
}

}  // namespace

std::vector<Amount> find_amounts(std::string_view text, std::int64_t table_unit_vnd) {
    std::vector<Amount> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!number_starts_at(text, i)) {
            ++i;
            continue;
        }
        const auto item = parse_item(text, i);
        if (!item) {
            ++i;
            continue;
        }
        if (auto range = parse_range(text, *item)) {
            i = range->end;
            out.push_back(std::move(*range));
            continue;
        }
        std::optional<std::uint64_t> unit;
        if (item->currency) {
            unit = item->scale.value_or(1);
        } else if (table_unit_vnd > 0 && bare_table_value(text, *item)) {
            unit = item->scale.value_or(static_cast<std::uint64_t>(table_unit_vnd));
        }
        if (unit) {
            const Decimal d = read_number(item->number, *unit);
            if (const auto vnd = value_of(d, *unit)) {
                Amount a = make_amount(text, item->begin, item->end, *vnd, *vnd);
                a.ambiguous = d.ambiguous;
                a.per_unit = item->per_unit;
                out.push_back(std::move(a));
                i = item->end;
                continue;
            }
        }
        i = item->number.end;
    }
    return out;
}

namespace {

std::string group_thousands(std::uint64_t v) {
    std::string digits = std::to_string(v);
    std::string out;
    for (std::size_t k = 0; k < digits.size(); ++k) {
        if (k > 0 && (digits.size() - k) % 3 == 0) out += '.';
        out += digits[k];
    }
    return out;
}

/// `v` in units of 10^exponent with up to 3 decimals, or nothing when that is not exact.
std::optional<std::string> in_scale(std::uint64_t v, int exponent, std::string_view word) {
    std::uint64_t unit = 1;
    for (int k = 0; k < exponent; ++k) unit *= 10;
    std::string fraction = std::to_string(v % unit);
    fraction.insert(0, static_cast<std::size_t>(exponent) - fraction.size(), '0');
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (fraction.size() > 3) return std::nullopt;
    std::string out = group_thousands(v / unit);
    if (!fraction.empty()) out += "," + fraction;
    out += ' ';
    out += word;
    return out;
}

}  // namespace

std::string format_vnd(std::int64_t vnd) {
    const bool negative = vnd < 0;
    // Negate in unsigned arithmetic: -INT64_MIN does not fit in int64.
    const std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(vnd) : static_cast<std::uint64_t>(vnd);
    std::string body;
    if (v >= 1'000'000'000) {
        if (auto s = in_scale(v, 9, "tỷ đồng")) body = std::move(*s);
    }
    if (body.empty() && v >= 1'000'000) {
        if (auto s = in_scale(v, 6, "triệu đồng")) body = std::move(*s);
    }
    if (body.empty()) body = group_thousands(v) + " đồng";
    return negative ? "-" + body : body;
}

}  // namespace tracuu::analyzers
