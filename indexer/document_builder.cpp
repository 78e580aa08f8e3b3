#include "indexer/document_builder.h"

#include <nlohmann/json.hpp>

#include "analyzers/fold.h"
#include "indexer/budget_index.h"
#include "indexer/filters.h"
#include "indexer/references.h"
#include "indexer/schema.h"
#include "indexer/self_number.h"
#include "indexer/term_mapping.h"

namespace tracuu::indexer {
namespace {

using analyzers::Token;

constexpr Xapian::termcount kTitleWdf = 5;
constexpr Xapian::termpos kTitleGap = 100;

/// Adds the terms of one analysed field; returns the position after its last word.
Xapian::termpos index_field(Xapian::Document& xdoc, const std::vector<Token>& tokens, Xapian::termpos base,
                            Xapian::termcount wdf) {
    Xapian::termpos end = base;
    const Token* previous_word = nullptr;
    for (const Token& token : tokens) {
        // term_for gives one term for both layers where they agree (see term_mapping.h).
        const std::string folded = term_for(token, Layer::Folded);
        const std::string exact = term_for(token, Layer::Exact);
        if (!is_positional(token)) {
            add_indexable_term(xdoc, folded, wdf);
            if (exact != folded) add_indexable_term(xdoc, exact, wdf);
            continue;
        }
        // Only the folded layer carries positions: phrases match on it (term_mapping.h).
        const Xapian::termpos pos = base + token.position;
        add_indexable_posting(xdoc, folded, pos, wdf);
        add_indexable_term(xdoc, exact, wdf);
        end = std::max(end, pos + token.width);
        if (token.kind == analyzers::TokenKind::Part) continue;
        if (previous_word != nullptr && !token.starts_clause && previous_word->position + 1 == token.position) {
            add_indexable_term(xdoc, bigram_term(*previous_word, token), wdf);
        }
        previous_word = &token;
    }
    return end;
}

/// Boolean terms for each folded title word and each pair of adjacent ones (schema::kTitleWord):
/// suggestions complete titles from these few terms instead of expanding a prefix over every
/// word of every text, and the pairs keep `nghi quy` from matching `Nghị định … quy định`.
void add_title_words(Xapian::Document& xdoc, const std::vector<const Token*>& title_words) {
    const std::string prefix(schema::kTitleWord);
    for (std::size_t i = 0; i < title_words.size(); ++i) {
        add_indexable_boolean(xdoc, prefix + title_words[i]->folded);
        if (i > 0 && title_words[i - 1]->position + 1 == title_words[i]->position) {
            add_indexable_boolean(xdoc, prefix + title_words[i - 1]->folded + ' ' + title_words[i]->folded);
        }
    }
}

/// Filter terms, facet values and self-identity terms of the document's identity.
void add_identity(Xapian::Document& xdoc, const DocumentFields& f) {
    const auto filter = [&](std::string_view prefix, Xapian::valueno slot, const std::string& value) {
        if (value.empty()) return;
        add_indexable_boolean(xdoc, filter_term(prefix, value));
        xdoc.add_value(slot, value);
    };
    filter(schema::kFilterType, schema::kSlotType, f.type);
    filter(schema::kFilterIssuer, schema::kSlotIssuer, f.issuer);
    filter(schema::kFilterStatus, schema::kSlotStatus, f.status);
    const std::string year = f.date.size() >= 4 ? f.date.substr(0, 4) : "";
    filter(schema::kFilterYear, schema::kSlotYear, year);
    if (!f.date.empty()) xdoc.add_value(schema::kSlotDate, f.date);

    std::string issuer_words = analyzers::fold_text(f.issuer + " " + f.issuer_code);
    for (std::size_t start = 0; start < issuer_words.size();) {
        std::size_t end = issuer_words.find(' ', start);
        if (end == std::string::npos) end = issuer_words.size();
        if (end > start) add_indexable_boolean(xdoc, std::string(schema::kIssuerWord) + issuer_words.substr(start, end - start));
        start = end + 1;
    }
    for (const auto& term : self_number_terms(f)) add_indexable_term(xdoc, term);
}

}  // namespace

Xapian::Document build_document(const IndexedDocument& doc, const analyzers::Analyzer& analyzer) {
    Xapian::Document xdoc;
    const std::vector<Token> title = analyzer.analyze(doc.title);
    const Xapian::termpos after_title = index_field(xdoc, title, schema::kFirstPosition, kTitleWdf);
    std::vector<const Token*> title_words;
    for (const Token& t : title) {
        if (t.width == 1 && (t.kind == analyzers::TokenKind::Word || t.kind == analyzers::TokenKind::Number)) title_words.push_back(&t);
    }
    add_indexable_term(xdoc, title_phrase_term(title_words), 1);
    add_title_words(xdoc, title_words);
    index_field(xdoc, analyzer.analyze(doc.text), after_title + kTitleGap, 1);

    add_indexable_boolean(xdoc, std::string(schema::kId) + doc.id);
    add_indexable_boolean(xdoc, std::string(schema::kKind) + std::string(schema::kKindDocument));
    xdoc.add_value(schema::kSlotSourcePath, doc.source_path);
    xdoc.add_value(schema::kSlotContentHash, doc.content_hash);
    xdoc.add_value(schema::kSlotId, doc.id);
    if (!doc.title.empty()) xdoc.add_value(schema::kSlotTitle, doc.title);

    const DocumentFields& f = doc.fields;
    nlohmann::json references = nlohmann::json::array();
    for (const auto& r : doc.references) {
        references.push_back({{"key", r.key}, {"symbol", r.symbol}, {"written", r.written}, {"type", r.type}, {"issuer", r.issuer},
                              {"date", r.date}, {"relation", r.relation}, {"context", r.context}, {"offset", r.offset},
                              {"section", r.section}, {"flags", r.flags}, {"suggested_key", r.suggested_key}});
        add_indexable_boolean(xdoc, std::string(schema::kCites) + r.key);
    }
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& c : doc.budget.checks) {
        checks.push_back({{"line_id", budget_line_id(doc.id, c.line)}, {"ok", c.ok}, {"stated_vnd", c.stated_vnd},
                          {"children_sum_vnd", c.children_sum_vnd}, {"children", c.children}, {"message", c.message}});
    }
    const std::string own_key = own_reference_key(doc.fields);
    if (!own_key.empty()) add_indexable_boolean(xdoc, std::string(schema::kOwnKey) + own_key);
    nlohmann::json outline = nlohmann::json::array();
    for (const auto& entry : doc.outline) outline.push_back({{"path", entry.path}, {"heading", entry.heading}, {"offset", entry.offset}});
    const nlohmann::json metadata = {
        {schema::kDataId, doc.id},
        {schema::kDataTitle, doc.title},
        {schema::kDataSourceFile, doc.source_file},
        {schema::kDataFormat, doc.format},
        {schema::kDataPages, doc.pages},
        {schema::kDataOcr, doc.ocr},
        {"number", f.number},
        {"type", f.type},
        {"type_from_symbol", f.type_from_symbol},
        {"type_conflict", f.type_conflict},
        {"issuer", f.issuer},
        {"issuer_code", f.issuer_code},
        {"date", f.date},
        {"place", f.place},
        {"signer", f.signer},
        {"effective_date", f.effective_date},
        {"status", f.status},
        {"number_key", f.number_key},
        {"outline", std::move(outline)},
        {"references", std::move(references)},
        {"budget_checks", std::move(checks)},
    };
    add_identity(xdoc, f);
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
    doc.ocr = data.value(schema::kDataOcr, false);
    DocumentFields& f = doc.fields;
    f.number = data.value("number", "");
    f.number_key = data.value("number_key", "");
    f.type = data.value("type", "");
    f.type_from_symbol = data.value("type_from_symbol", "");
    f.type_conflict = data.value("type_conflict", false);
    f.issuer = data.value("issuer", "");
    f.issuer_code = data.value("issuer_code", "");
    f.date = data.value("date", "");
    f.place = data.value("place", "");
    f.signer = data.value("signer", "");
    f.effective_date = data.value("effective_date", "");
    f.status = data.value("status", "");
    if (data.contains("references") && data["references"].is_array()) {
        for (const auto& r : data["references"]) {
            Reference ref;
            ref.key = r.value("key", "");
            ref.symbol = r.value("symbol", "");
            ref.written = r.value("written", "");
            ref.type = r.value("type", "");
            ref.issuer = r.value("issuer", "");
            ref.date = r.value("date", "");
            ref.relation = r.value("relation", "");
            ref.context = r.value("context", "");
            ref.offset = r.value("offset", std::size_t{0});
            ref.section = r.value("section", "");
            ref.flags = r.value("flags", std::vector<std::string>{});
            ref.suggested_key = r.value("suggested_key", "");
            doc.references.push_back(std::move(ref));
        }
    }
    if (data.contains("outline") && data["outline"].is_array()) {
        for (const auto& e : data["outline"]) doc.outline.push_back({e.value("path", ""), e.value("heading", ""), e.value("offset", std::size_t{0})});
    }
    doc.source_path = xdoc.get_value(schema::kSlotSourcePath);
    doc.content_hash = xdoc.get_value(schema::kSlotContentHash);
    return doc;
}

Xapian::Document relocated_document(Xapian::Document stored, const std::string& id, const std::string& source_file,
                                    const std::string& source_path) {
    const std::string data = stored.get_data();
    const std::size_t separator = data.find(schema::kDataSeparator);
    nlohmann::json metadata = nlohmann::json::parse(data.substr(0, separator), nullptr, false);
    if (!metadata.is_object()) metadata = nlohmann::json::object();
    const std::string old_id = metadata.value(schema::kDataId, "");
    metadata[schema::kDataId] = id;
    metadata[schema::kDataSourceFile] = source_file;
    if (metadata.contains("budget_checks") && metadata["budget_checks"].is_array()) {
        for (auto& check : metadata["budget_checks"]) check["line_id"] = relocated_budget_line_id(check.value("line_id", ""), old_id, id);
    }

    Xapian::Document out = stored;
    if (!old_id.empty()) out.remove_term(std::string(schema::kId) + old_id);
    add_indexable_boolean(out, std::string(schema::kId) + id);
    out.add_value(schema::kSlotSourcePath, source_path);
    if (!out.get_value(schema::kSlotId).empty()) out.add_value(schema::kSlotId, id);
    std::string new_data = metadata.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (separator != std::string::npos) new_data += data.substr(separator);
    out.set_data(new_data);
    return out;
}

}  // namespace tracuu::indexer
