#include "indexer/term_mapping.h"

#include "analyzers/fold.h"
#include "analyzers/utf.h"
#include "indexer/schema.h"

namespace tracuu::indexer {

using analyzers::TokenKind;

bool is_positional(const analyzers::Token& token) {
    return token.kind == TokenKind::Word || token.kind == TokenKind::Number || token.kind == TokenKind::Part;
}

namespace {

std::string with_prefix(std::string_view prefix, const std::string& text) {
    std::string term(prefix);
    term += text;
    return term;
}

std::string_view prefix_for(TokenKind kind, Layer layer) {
    switch (kind) {
        case TokenKind::DocumentNumber:
        case TokenKind::NumberYear:
            return layer == Layer::Exact ? schema::kIdentifier : schema::kFoldedIdentifier;
        case TokenKind::Date: return schema::kDate;
        case TokenKind::Word:
        case TokenKind::Number:
        case TokenKind::Part: break;
    }
    return layer == Layer::Exact ? schema::kExact : schema::kFolded;
}

}  // namespace

std::string term_for(const analyzers::Token& token, Layer layer) {
    // Dates carry no diacritics: one term serves both layers.
    const bool folded = layer == Layer::Folded && token.kind != TokenKind::Date;
    return with_prefix(prefix_for(token.kind, layer), folded ? token.folded : token.text);
}

std::string alternative_term_for(const analyzers::Token& token, const std::string& alternative, Layer layer) {
    const std::string text = layer == Layer::Exact ? alternative : analyzers::to_utf8(analyzers::fold_term(analyzers::to_utf32(alternative)));
    return with_prefix(prefix_for(token.kind, layer), text);
}

std::string bigram_term(const analyzers::Token& first, const analyzers::Token& second, Layer layer) {
    const bool folded = layer == Layer::Folded;
    std::string term(folded ? schema::kFoldedBigram : schema::kExactBigram);
    term += folded ? first.folded : first.text;
    term += ' ';
    term += folded ? second.folded : second.text;
    return term;
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

}  // namespace tracuu::indexer
