#include "indexer/filters.h"

#include <algorithm>
#include <chrono>
#include <sstream>

#include "analyzers/abbreviations.h"
#include "analyzers/fold.h"
#include "indexer/schema.h"

namespace tracuu::indexer {
namespace {

std::string trimmed_folded(std::string_view value) {
    std::string folded = analyzers::fold_text(value);
    std::string out;
    for (char c : folded) {
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out.push_back(c);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool is_year(std::string_view s) { return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); }

/// `YYYY-MM-DD` naming a day of the calendar (not 2025-13-01 nor 2025-02-30).
bool is_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    const auto number = [&](std::size_t at, std::size_t length) {
        int n = 0;
        for (std::size_t i = at; i < at + length; ++i) n = n * 10 + (s[i] - '0');
        return n;
    };
    const std::chrono::year_month_day day{std::chrono::year(number(0, 4)), std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                          std::chrono::day(static_cast<unsigned>(number(8, 2)))};
    return day.ok();
}

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(filter_term(prefix, v));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

/// `ubnd tinh ninh binh` → the issuer words, with `ubnd` also as `uy ban nhan dan`.
Xapian::Query issuer_words_query(std::string_view value) {
    std::vector<std::string> words;
    std::istringstream in(trimmed_folded(value));
    for (std::string w; in >> w;) words.push_back(w);
    std::vector<Xapian::Query> required;
    std::size_t next = 0;
    const auto word_term = [](const std::string& w) { return Xapian::Query(std::string(schema::kIssuerWord) + w); };
    for (const auto& match : analyzers::find_abbreviations(words)) {
        for (; next < match.start; ++next) required.push_back(word_term(words[next]));
        std::vector<Xapian::Query> spellings;
        std::vector<Xapian::Query> same;
        for (std::size_t i = match.start; i < match.start + match.length; ++i) same.push_back(word_term(words[i]));
        spellings.emplace_back(Xapian::Query::OP_AND, same.begin(), same.end());
        for (const auto& alt : match.alternatives) {
            std::vector<Xapian::Query> alt_terms;
            for (const auto& w : alt) alt_terms.push_back(word_term(w));
            spellings.emplace_back(Xapian::Query::OP_AND, alt_terms.begin(), alt_terms.end());
        }
        required.emplace_back(Xapian::Query::OP_OR, spellings.begin(), spellings.end());
        next = match.start + match.length;
    }
    for (; next < words.size(); ++next) required.push_back(word_term(words[next]));
    return Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
}

}  // namespace

bool SearchFilters::empty() const {
    return types.empty() && issuers.empty() && years.empty() && statuses.empty() && from.empty() && to.empty();
}

std::string filter_term(std::string_view prefix, std::string_view value) { return std::string(prefix) + trimmed_folded(value); }

Result<Xapian::Query> filter_query(const SearchFilters& filters) {
    std::vector<Xapian::Query> parts;
    for (const auto& y : filters.years) {
        if (!is_year(y)) return Error{ErrorCode::InvalidArgument, "year \"" + y + "\" is not a four-digit year"};
    }
    for (const auto& d : {filters.from, filters.to}) {
        if (!d.empty() && !is_iso_date(d)) return Error{ErrorCode::InvalidArgument, "date \"" + d + "\" is not a day in the form YYYY-MM-DD"};
    }
    if (!filters.from.empty() && !filters.to.empty() && filters.from > filters.to) {
        return Error{ErrorCode::InvalidArgument, "the date range is empty: \"from\" is after \"to\""};
    }
    if (!filters.types.empty()) parts.push_back(any_of(schema::kFilterType, filters.types));
    if (!filters.issuers.empty()) parts.push_back(any_of(schema::kFilterIssuer, filters.issuers));
    if (!filters.years.empty()) parts.push_back(any_of(schema::kFilterYear, filters.years));
    if (!filters.statuses.empty()) parts.push_back(any_of(schema::kFilterStatus, filters.statuses));
    if (!filters.from.empty() && !filters.to.empty()) {
        parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, filters.from, filters.to);
    } else if (!filters.from.empty()) {
        parts.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, filters.from);
    } else if (!filters.to.empty()) {
        parts.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, filters.to);
    }
    if (parts.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

std::optional<Result<Xapian::Query>> field_query(std::string_view name, std::string_view value) {
    const std::string field = trimmed_folded(name);
    if (value.find_first_not_of(' ') == std::string_view::npos) {
        if (field == "loai" || field == "type" || field == "nam" || field == "year" || field == "co-quan" || field == "coquan" ||
            field == "issuer" || field == "tinh-trang" || field == "status") {
            return Result<Xapian::Query>(Error{ErrorCode::InvalidArgument, "the field \"" + std::string(name) + ":\" needs a value"});
        }
        return std::nullopt;
    }
    if (field == "loai" || field == "type") return Result<Xapian::Query>(Xapian::Query(filter_term(schema::kFilterType, value)));
    if (field == "tinh-trang" || field == "status") return Result<Xapian::Query>(Xapian::Query(filter_term(schema::kFilterStatus, value)));
    if (field == "co-quan" || field == "coquan" || field == "issuer") return Result<Xapian::Query>(issuer_words_query(value));
    if (field == "nam" || field == "year") {
        if (!is_year(value)) return Result<Xapian::Query>(Error{ErrorCode::InvalidArgument, "\"" + std::string(name) + ":\" needs a four-digit year"});
        return Result<Xapian::Query>(Xapian::Query(std::string(schema::kFilterYear) + std::string(value)));
    }
    return std::nullopt;
}

}  // namespace tracuu::indexer
