#include "indexer/enrich.h"

#include "indexer/budget_lines.h"
#include "indexer/identity.h"
#include "indexer/references.h"
#include "indexer/sections.h"

namespace tracuu::indexer {
namespace {

DocumentFields fields_of(const DocumentIdentity& id) {
    DocumentFields f;
    f.number = id.number;
    f.number_key = id.number_key;
    f.number_offset = id.number_offset;
    f.type = id.type.empty() ? id.type_from_symbol : id.type;
    f.type_from_symbol = id.type_from_symbol;
    f.type_conflict = id.type_conflict;
    f.issuer = id.issuer;
    f.issuer_code = id.issuer_code;
    f.date = id.date;
    f.place = id.place;
    f.signer = id.signer;
    f.effective_date = id.effective_date;
    f.status = id.status;
    return f;
}

}  // namespace

void Enricher::enrich(IndexedDocument& doc) const {
    const DocumentIdentity identity = extract_identity(doc.text);
    doc.fields = fields_of(identity);
    if (!identity.title.empty()) doc.title = identity.title;
    doc.outline.clear();
    for (const Section& s : extract_sections(doc.text)) doc.outline.push_back({s.path, s.heading, s.offset});
    doc.references = extract_references(doc.text, doc.fields, doc.outline, m_citations);
    doc.budget = extract_budget_lines(doc.text);
}

}  // namespace tracuu::indexer
