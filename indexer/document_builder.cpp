#include "indexer/document_builder.h"

#include <nlohmann/json.hpp>

#include "indexer/schema.h"
#include "indexer/term_mapping.h"

namespace tracuu::indexer {
namespace {

using analyzers::Token;

constexpr Xapian::termcount kTitleWdf = 5;
constexpr Xapian::termpos kTitleGap = 100;

void add_term(Xapian::Document& xdoc, const std::string& term, Xapian::termcount wdf) {
    if (fits_in_index(term)) xdoc.add_term(term, wdf);
}

void add_posting(Xapian::Document& xdoc, const std::string& term, Xapian::termpos pos, Xapian::termcount wdf) {
    if (fits_in_index(term)) xdoc.add_posting(term, pos, wdf);
}

/// Adds the terms of one analysed field; returns the position after its last word.
Xapian::termpos index_field(Xapian::Document& xdoc, const std::vector<Token>& tokens, Xapian::termpos base,
                            Xapian::termcount wdf) {
    Xapian::termpos end = base;
    const Token* previous_word = nullptr;
    for (const Token& token : tokens) {
        if (!is_positional(token)) {
            add_term(xdoc, term_for(token, Layer::Exact), wdf);
            add_term(xdoc, term_for(token, Layer::Folded), wdf);
            continue;
        }
        const Xapian::termpos pos = base + token.position;
        add_posting(xdoc, term_for(token, Layer::Exact), pos, wdf);
        add_posting(xdoc, term_for(token, Layer::Folded), pos, wdf);
        end = std::max(end, pos + token.width);
        if (token.kind == analyzers::TokenKind::Part) continue;
        add_term(xdoc, surface_term(token.folded, token.text), wdf);
        if (previous_word != nullptr && !token.starts_clause && previous_word->position + 1 == token.position) {
            add_term(xdoc, bigram_term(*previous_word, token, Layer::Exact), wdf);
            add_term(xdoc, bigram_term(*previous_word, token, Layer::Folded), wdf);
            add_term(xdoc, surface_term(previous_word->folded + ' ' + token.folded, previous_word->text + ' ' + token.text), wdf);
        }
        previous_word = &token;
    }
    return end;
}

}  // namespace

Xapian::Document build_document(const IndexedDocument& doc, const analyzers::Analyzer& analyzer) {
    Xapian::Document xdoc;
    const Xapian::termpos after_title =
        index_field(xdoc, analyzer.analyze(doc.title), schema::kFirstPosition, kTitleWdf);
    index_field(xdoc, analyzer.analyze(doc.text), after_title + kTitleGap, 1);

    xdoc.add_boolean_term(std::string(schema::kId) + doc.id);
    xdoc.add_boolean_term(std::string(schema::kKind) + std::string(schema::kKindDocument));
    xdoc.add_value(schema::kSlotSourcePath, doc.source_path);
    xdoc.add_value(schema::kSlotContentHash, doc.content_hash);

    const nlohmann::json metadata = {
        {schema::kDataId, doc.id},
        {schema::kDataTitle, doc.title},
        {schema::kDataSourceFile, doc.source_file},
        {schema::kDataFormat, doc.format},
        {schema::kDataPages, doc.pages},
    };
    // Metadata first and the text after a NUL, so a result list reads titles without parsing
    // megabytes of JSON-escaped text.
    std::string data = metadata.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    data += schema::kDataSeparator;
    data += doc.text;
    xdoc.set_data(data);
    return xdoc;
}

IndexedDocument read_document(const Xapian::Document& xdoc) {
    const std::string stored = xdoc.get_data();
    const std::size_t separator = stored.find(schema::kDataSeparator);
    const nlohmann::json data = nlohmann::json::parse(stored.substr(0, separator), nullptr, false);
    IndexedDocument doc;
    if (separator != std::string::npos) doc.text = stored.substr(separator + 1);
    if (!data.is_object()) return doc;
    doc.id = data.value(schema::kDataId, "");
    doc.title = data.value(schema::kDataTitle, "");
    doc.source_file = data.value(schema::kDataSourceFile, "");
    doc.format = data.value(schema::kDataFormat, "");
    doc.pages = data.value(schema::kDataPages, 1u);
    doc.source_path = xdoc.get_value(schema::kSlotSourcePath);
    doc.content_hash = xdoc.get_value(schema::kSlotContentHash);
    return doc;
}

}  // namespace tracuu::indexer
