#include "indexer/self_number.h"

#include <array>
#include <charconv>

#include "analyzers/fold.h"
#include "analyzers/utf.h"
#include "indexer/schema.h"

namespace tracuu::indexer {
namespace {

using analyzers::Token;
using analyzers::TokenKind;

struct TypeName {
    const char* code;  ///< folded type code
    const char* name;  ///< folded type name
};

constexpr std::array<TypeName, 17> kTypes{{
    {"nd", "nghi dinh"}, {"nq", "nghi quyet"}, {"qd", "quyet dinh"}, {"kh", "ke hoach"}, {"tt", "thong tu"},
    {"ct", "chi thi"}, {"ctr", "chuong trinh"}, {"tb", "thong bao"}, {"hd", "huong dan"}, {"bc", "bao cao"},
    {"kl", "ket luan"}, {"cv", "cong van"}, {"qyd", "quy dinh"}, {"ttlt", "thong tu lien tich"}, {"vbhn", "van ban hop nhat"},
    {"cd", "cong dien"}, {"da", "de an"},
}};

std::string fold(const std::string& s) { return analyzers::fold_text(s); }

std::string term(const std::string& hint, const std::string& number, const std::string& year) {
    std::string t(schema::kSelfNumber);
    t += hint + ":" + number;
    if (!year.empty()) t += "/" + year;
    return t;
}

bool is_year(const std::string& s) { return s.size() == 4 && (s.rfind("19", 0) == 0 || s.rfind("20", 0) == 0); }

/// Number, year and type code of a folded canonical number (`60/2021/nd-cp`, `57-nq/tw`, `13/kh-ubnd`).
struct ParsedNumber {
    std::string number, year, code;
};

ParsedNumber parse_number(const std::string& folded) {
    ParsedNumber p;
    std::size_t i = 0;
    while (i < folded.size() && std::isdigit(static_cast<unsigned char>(folded[i]))) ++i;
    p.number = folded.substr(0, i);
    while (p.number.size() > 1 && p.number.front() == '0') p.number.erase(0, 1);
    if (i >= folded.size()) return p;
    std::string rest = folded.substr(i + 1);
    if (folded[i] == '-') {  // Party: 57-nq/tw
        p.code = rest.substr(0, rest.find('/'));
        return p;
    }
    if (rest.size() > 5 && is_year(rest.substr(0, 4)) && rest[4] == '/') {
        p.year = rest.substr(0, 4);
        rest = rest.substr(5);
    }
    const std::string first = rest.substr(0, rest.find('-'));
    for (const auto& t : kTypes) {
        if (first == t.code) p.code = first;
    }
    return p;
}

const TypeName* type_by_name(const std::string& folded_name) {
    for (const auto& t : kTypes) {
        if (folded_name == t.name) return &t;
    }
    return nullptr;
}

}  // namespace

std::vector<std::string> self_number_terms(const DocumentFields& fields) {
    std::vector<std::string> terms;
    if (fields.number.empty()) return terms;
    const std::string folded = fold(fields.number);
    terms.push_back(std::string(schema::kSelfNumber) + "=" + folded);
    ParsedNumber p = parse_number(folded);
    if (p.number.empty()) return terms;
    if (p.year.empty() && fields.date.size() >= 4) p.year = fields.date.substr(0, 4);
    if (!p.year.empty()) terms.push_back(term("", p.number, p.year));
    std::vector<std::string> hints;
    if (!p.code.empty()) hints.push_back(p.code);
    if (const TypeName* t = type_by_name(fold(fields.type))) {
        hints.push_back(t->name);
        if (p.code.empty()) hints.push_back(t->code);
    }
    for (const auto& hint : hints) {
        terms.push_back(term(hint, p.number, ""));
        if (!p.year.empty()) terms.push_back(term(hint, p.number, p.year));
    }
    return terms;
}

std::vector<std::string> number_lookup_terms(const std::vector<Token>& tokens) {
    std::vector<std::string> terms;
    std::string number, year, hint;
    std::vector<std::string> words;  // folded words, to find type names
    for (const Token& t : tokens) {
        if (t.kind == TokenKind::DocumentNumber) {
            terms.push_back(std::string(schema::kSelfNumber) + "=" + t.folded);
            for (const auto& alt : t.alternatives) terms.push_back(std::string(schema::kSelfNumber) + "=" + fold(alt));
            return terms;  // a whole number says it all
        }
        if (t.kind == TokenKind::NumberYear) {
            const auto slash = t.folded.find('/');
            number = t.folded.substr(0, slash);
            year = t.folded.substr(slash + 1);
            continue;
        }
        if (t.width != 1) continue;
        if (t.kind == TokenKind::Number) {
            if (number.empty() && t.folded.size() <= 5) {
                number = t.folded;
            } else if (year.empty() && is_year(t.folded)) {
                year = t.folded;
            }
            continue;
        }
        words.push_back(t.folded);
        for (const auto& type : kTypes) {
            if (hint.empty() && t.folded == type.code) hint = type.code;
        }
        if (words.size() >= 2) {
            if (const TypeName* type = type_by_name(words[words.size() - 2] + " " + words.back())) hint = type->name;
        }
    }
    if (number.empty()) return terms;
    if (!hint.empty()) terms.push_back(term(hint, number, year));
    if (!year.empty()) terms.push_back(term("", number, year));
    return terms;
}

}  // namespace tracuu::indexer
