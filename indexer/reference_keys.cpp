#include "indexer/reference_keys.h"

#include <array>
#include <regex>
#include <sstream>

#include "analyzers/analyzer.h"
#include "analyzers/fold.h"

namespace tracuu::indexer {
namespace {

struct Expansion {
    const char* folded;
    const char* words;
};

constexpr std::array<Expansion, 5> kIssuerAbbreviations{{
    {"ubnd", "ủy ban nhân dân"},
    {"hdnd", "hội đồng nhân dân"},
    {"btv", "ban thường vụ"},
    {"tp", "thành phố"},
    {"bch", "ban chấp hành"},
}};

// Central Party bodies have one number series for the whole country.
constexpr std::array<std::string_view, 9> kCentralPartyIssuers{"TW", "TƯ", "VPTW", "BTCTW", "BTGTW", "UBKTTW", "BDVTW", "BNCTW", "BKTTW"};

}  // namespace

std::string canonical_issuer(std::string_view issuer) {
    std::istringstream in{std::string(issuer)};
    std::string out;
    for (std::string word; in >> word;) {
        while (!word.empty() && (word.back() == ',' || word.back() == '.' || word.back() == ';')) word.pop_back();
        if (word.empty()) continue;
        std::string canonical = analyzers::canonical_word(word);
        const std::string folded = analyzers::fold_text(canonical);
        for (const auto& e : kIssuerAbbreviations) {
            if (folded == e.folded) canonical = e.words;
        }
        out += (out.empty() ? "" : " ") + canonical;
    }
    return out;
}

std::string_view symbol_type_code(std::string_view symbol) {
    const auto slash = symbol.find('/');
    if (slash == std::string_view::npos) return {};
    const std::string_view head = symbol.substr(0, slash);
    if (const auto dash = head.find('-'); dash != std::string_view::npos) return head.substr(dash + 1);
    const std::string_view last = symbol.substr(symbol.rfind('/') + 1);
    return last.substr(0, last.find('-'));
}

bool is_unique_symbol(std::string_view symbol_key) {
    static const std::regex with_year(R"(^\d+/(19|20)\d\d/.+)");
    static const std::regex party(R"(^\d+-[^/]+/(.+)$)");
    const std::string key(symbol_key);
    if (std::regex_match(key, with_year)) return true;
    std::smatch m;
    if (!std::regex_match(key, m, party)) return false;
    for (auto central : kCentralPartyIssuers) {
        if (m[1].str() == central) return true;
    }
    return false;
}

KeyParts key_parts(std::string_view key) {
    const auto at = key.find('@');
    if (at == std::string_view::npos) return {key, {}, {}};
    const std::string_view rest = key.substr(at + 1);
    const auto second = rest.find('@');
    return {key.substr(0, at), rest.substr(0, second), second == std::string_view::npos ? std::string_view{} : rest.substr(second + 1)};
}

std::string reference_key(std::string_view symbol_key, int year, std::string_view issuer) {
    std::string key(symbol_key);
    if (is_unique_symbol(symbol_key)) return key;
    const std::string body = canonical_issuer(issuer);
    key += "@" + (year > 0 ? std::to_string(year) : std::string("?"));
    key += "@" + (body.empty() ? std::string("?") : body);
    return key;
}

}  // namespace tracuu::indexer
