#include "indexer/term_mapping.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "analyzers/fold.h"
#include "analyzers/utf.h"
#include "indexer/schema.h"

namespace tracuu::indexer {

using analyzers::TokenKind;

bool is_positional(const analyzers::Token& token) {
    return token.kind == TokenKind::Word || token.kind == TokenKind::Number || token.kind == TokenKind::Part;
}

namespace {

std::string with_prefix(std::string_view prefix, std::string_view text) {
    std::string term(prefix);
    term += text;
    return term;
}

bool has_marks(const analyzers::Token& token) { return token.text != token.folded; }

}  // namespace

std::string term_for(const analyzers::Token& token, Layer layer) {
    switch (token.kind) {
        case TokenKind::Date:
            // Dates carry no diacritics: one term serves both layers.
            return with_prefix(schema::kDate, token.text);
        case TokenKind::DocumentNumber:
        case TokenKind::NumberYear:
            // An identifier without diacritics (`57-nq/tw`) is the same in both layers: it is
            // indexed once, under the folded prefix that number completion reads.
            if (layer == Layer::Exact && has_marks(token)) return with_prefix(schema::kIdentifier, token.text);
            return with_prefix(schema::kFoldedIdentifier, token.folded);
        case TokenKind::Word:
        case TokenKind::Number:
        case TokenKind::Part: break;
    }
    if (layer == Layer::Folded) return with_prefix(schema::kFolded, token.folded);
    // The accented layer of a word with diacritics is its surface term: the two held the same
    // postings, and only the folded layer needs positions (phrases match on it).
    if (has_marks(token)) return surface_term(token.folded, token.text);
    return with_prefix(schema::kExact, token.text);
}

std::string alternative_term_for(const analyzers::Token& token, const std::string& alternative, Layer layer) {
    analyzers::Token spelling = token;
    spelling.text = alternative;
    spelling.folded = analyzers::to_utf8(analyzers::fold_term(analyzers::to_utf32(alternative)));
    return term_for(spelling, layer);
}

std::string bigram_term(const analyzers::Token& first, const analyzers::Token& second) {
    std::string accented = first.text;
    accented += ' ';
    accented += second.text;
    // As for words: where either word has diacritics the accented bigram is the surface term.
    if (has_marks(first) || has_marks(second)) return surface_term(first.folded + ' ' + second.folded, accented);
    return with_prefix(schema::kExactBigram, accented);
}

Xapian::Query folded_bigram_query(const analyzers::Token& first, const analyzers::Token& second,
                                  const Xapian::Database& vocabulary) {
    const std::string folded = first.folded + ' ' + second.folded;
    std::string surfaces(schema::kSurface);
    surfaces += folded;
    surfaces += schema::kSurfaceSeparator;
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    for (auto t = vocabulary.allterms_begin(surfaces); t != vocabulary.allterms_end(surfaces); ++t) found.emplace_back(t.get_termfreq(), *t);
    // Spellings beyond the most frequent few are typos; the cap bounds a query's fan-out.
    constexpr std::size_t kMaxSpellings = 32;
    const std::size_t kept = std::min(found.size(), kMaxSpellings);
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(), std::greater<>());
    std::vector<Xapian::Query> spellings{Xapian::Query(with_prefix(schema::kExactBigram, folded))};
    for (std::size_t i = 0; i < kept; ++i) spellings.emplace_back(found[i].second);
    return Xapian::Query(Xapian::Query::OP_SYNONYM, spellings.begin(), spellings.end());
}

std::string surface_term(const std::string& folded, const std::string& accented) {
    if (folded == accented) return {};
    std::string term(schema::kSurface);
    term += folded;
    term += schema::kSurfaceSeparator;
    term += accented;
    return term;
}

std::string title_phrase_term(const std::vector<const analyzers::Token*>& words) {
    if (words.size() < schema::kTitlePhraseMinWords || words.size() > schema::kTitlePhraseMaxWords) return {};
    std::string term(schema::kTitlePhrase);
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) term += ' ';
        term += words[i]->folded;
    }
    return term;
}

bool fits_in_index(const std::string& term) { return !term.empty() && term.size() <= 245; }

void add_indexable_term(Xapian::Document& doc, const std::string& term, Xapian::termcount wdf) {
    if (fits_in_index(term)) doc.add_term(term, wdf);
}

void add_indexable_posting(Xapian::Document& doc, const std::string& term, Xapian::termpos pos, Xapian::termcount wdf) {
    if (fits_in_index(term)) doc.add_posting(term, pos, wdf);
}

void add_indexable_boolean(Xapian::Document& doc, const std::string& term) {
    if (fits_in_index(term)) doc.add_boolean_term(term);
}

}  // namespace tracuu::indexer
