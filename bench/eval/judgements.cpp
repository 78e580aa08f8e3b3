#include "bench/eval/judgements.h"

#include <nlohmann/json.hpp>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <charconv>
#include <fstream>
#include <map>
#include <stdexcept>

namespace tracuu::eval {
namespace {

Error bad_input(const std::filesystem::path& file, std::size_t line, const std::string& what) {
    return Error{ErrorCode::InvalidArgument, file.string() + (line > 0 ? ":" + std::to_string(line) : "") + ": " + what};
}

std::vector<std::string> split_tabs(std::string_view line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        fields.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) return fields;
        start = tab + 1;
    }
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool parse_int(std::string_view s, int& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

/// Query id → judgements, from qrels.tsv.
Result<std::map<std::string, Judgements>> read_qrels(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return bad_input(file, 0, "cannot read file");
    std::map<std::string, Judgements> qrels;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (trimmed(line).empty()) continue;
        const auto fields = split_tabs(line);
        int score = 0;
        if (fields.size() != 3 || !parse_int(trimmed(fields[2]), score)) {
            if (number == 1) continue;  // the header row of BEIR's qrels
            return bad_input(file, number, "expected query-id<TAB>corpus-id<TAB>integer score");
        }
        qrels[std::string(trimmed(fields[0]))][std::string(trimmed(fields[1]))] = score;
    }
    return qrels;
}

bool any_relevant(const Judgements& j) {
    for (const auto& [id, grade] : j) {
        if (grade > 0) return true;
    }
    return false;
}

}  // namespace

Result<QuerySet> read_beir_queries(const std::filesystem::path& folder) {
    auto qrels = read_qrels(folder / "qrels.tsv");
    if (!qrels.ok()) return qrels.error();
    const std::filesystem::path file = folder / "queries.jsonl";
    std::ifstream in(file, std::ios::binary);
    if (!in) return bad_input(file, 0, "cannot read file");
    QuerySet set;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (trimmed(line).empty()) continue;
        const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
        if (!object.is_object() || !object.contains("_id") || !object.contains("text") || !object["text"].is_string()) {
            return bad_input(file, number, "expected {\"_id\": …, \"text\": \"…\"}");
        }
        const nlohmann::json& id = object["_id"];
        JudgedQuery query{id.is_string() ? id.get<std::string>() : id.dump(), object["text"].get<std::string>(), {}};
        const auto judged = qrels.value().find(query.id);
        if (judged == qrels.value().end() || !any_relevant(judged->second)) {
            ++set.unjudged;
            continue;
        }
        query.relevant = judged->second;
        set.queries.push_back(std::move(query));
    }
    return set;
}

Result<QuerySet> read_staff_queries(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return bad_input(file, 0, "cannot read file");
    QuerySet set;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a BOM from spreadsheet exports
        if (trimmed(line).empty() || trimmed(line).front() == '#') continue;
        const auto fields = split_tabs(line);
        JudgedQuery query{"line " + std::to_string(number), std::string(trimmed(fields[0])), {}};
        for (std::size_t i = 1; i < fields.size(); ++i) {
            const std::string_view id = trimmed(fields[i]);
            if (!id.empty()) query.relevant[std::string(id)] = 1;
        }
        if (query.text.empty() || query.relevant.empty()) {
            return bad_input(file, number, "expected query<TAB>expected id[<TAB>another id…]");
        }
        set.queries.push_back(std::move(query));
    }
    return set;
}

std::string strip_diacritics(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalizers unavailable: ") + u_errorName(status));
    const icu::UnicodeString decomposed =
        nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))), status);
    icu::UnicodeString bare;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        bare.append(c == 0x0111 ? UChar32{'d'} : c == 0x0110 ? UChar32{'D'} : c);
    }
    const icu::UnicodeString composed = nfc->normalize(bare, status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalization failed: ") + u_errorName(status));
    std::string out;
    composed.toUTF8String(out);
    return out;
}

}  // namespace tracuu::eval
