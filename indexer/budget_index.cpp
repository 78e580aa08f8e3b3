#include "indexer/budget_index.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "analyzers/fold.h"
#include "indexer/reference_keys.h"
#include "indexer/schema.h"
#include "indexer/term_mapping.h"

namespace tracuu::indexer {
namespace {

void add_label_words(Xapian::Document& xdoc, const std::string& label) {
    const std::string folded = analyzers::fold_text(label);
    std::string word;
    const auto flush = [&] {
        if (!word.empty()) add_indexable_term(xdoc, std::string(schema::kBudgetWord) + word);
        word.clear();
    };
    for (char c : folded) {
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            word.push_back(c);
        } else {
            flush();
        }
    }
    flush();
}

}  // namespace

std::string budget_line_id(const std::string& doc_id, std::size_t index) { return doc_id + "-b" + std::to_string(index); }

std::string budget_owner_term(const std::string& doc_id) { return std::string(schema::kBudgetOf) + doc_id; }

std::string relocated_budget_line_id(const std::string& line_id, const std::string& old_doc_id, const std::string& new_doc_id) {
    const std::string old_prefix = old_doc_id + "-b";
    if (line_id.rfind(old_prefix, 0) != 0) return line_id;
    return new_doc_id + "-b" + line_id.substr(old_prefix.size());
}

Xapian::Document relocated_budget_line(Xapian::Document line, const std::string& new_doc_id) {
    nlohmann::json data = nlohmann::json::parse(line.get_data(), nullptr, false);
    if (!data.is_object()) return line;
    const std::string old_doc_id = data.value("doc_id", "");
    const std::string old_id = data.value("id", "");
    const std::string id = relocated_budget_line_id(old_id, old_doc_id, new_doc_id);
    line.remove_term(std::string(schema::kId) + old_id);
    add_indexable_boolean(line, std::string(schema::kId) + id);
    line.remove_term(budget_owner_term(old_doc_id));
    add_indexable_boolean(line, budget_owner_term(new_doc_id));
    data["id"] = id;
    data["doc_id"] = new_doc_id;
    data["parent_id"] = relocated_budget_line_id(data.value("parent_id", ""), old_doc_id, new_doc_id);
    line.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return line;
}

std::vector<std::pair<std::string, Xapian::Document>> build_budget_documents(const IndexedDocument& doc) {
    std::vector<std::pair<std::string, Xapian::Document>> out;
    const auto& lines = doc.budget.lines;
    // The nearest ancestor that is kept as a budget line: a line under an amount that is not one
    // (a total whose label a PDF line break cut into "2026 là") must not name a missing parent.
    const auto kept_parent = [&](const BudgetLine& line) {
        std::optional<std::size_t> parent = line.parent;
        for (std::size_t steps = 0; parent && *parent < lines.size() && lines[*parent].kind == BudgetKind::Other && steps < lines.size(); ++steps) {
            parent = lines[*parent].parent;
        }
        return parent && *parent < lines.size() ? parent : std::nullopt;
    };
    // A line names a symbol (`929/QĐ-TTG`); the document's citation of it knows its year and issuer
    // (`929/QĐ-TTG@2025@thủ tướng chính phủ`), the key its reference page and budget look up.
    std::map<std::string, std::set<std::string>> keys_of_symbol;
    for (const Reference& r : doc.references) keys_of_symbol[r.symbol].insert(r.key);
    const auto key_of_cited = [&](const std::string& symbol) {
        const auto found = keys_of_symbol.find(symbol);
        return found != keys_of_symbol.end() && found->second.size() == 1 ? *found->second.begin() : reference_key(symbol, 0, "");
    };
    for (const BudgetLine& line : lines) {
        if (line.kind == BudgetKind::Other) continue;  // fines, prices, rates: amounts, not budget lines
        Xapian::Document xdoc;
        const std::string id = budget_line_id(doc.id, line.index);
        add_indexable_boolean(xdoc, std::string(schema::kId) + id);
        add_indexable_boolean(xdoc, std::string(schema::kKind) + std::string(schema::kKindBudget));
        add_indexable_boolean(xdoc, budget_owner_term(doc.id));
        if (line.year > 0) add_indexable_boolean(xdoc, std::string(schema::kBudgetYear) + std::to_string(line.year));
        std::vector<std::string> keys;
        for (const auto& symbol : line.refs) {
            keys.push_back(key_of_cited(symbol));
            add_indexable_boolean(xdoc, std::string(schema::kBudgetRef) + keys.back());
        }
        add_label_words(xdoc, line.label);
        const std::optional<std::size_t> parent = kept_parent(line);
        const nlohmann::json data = {
            {"id", id},
            {"doc_id", doc.id},
            {"doc_number", doc.fields.number},
            {"doc_title", doc.title},
            {"section", outline_path_at(doc.outline, line.offset)},
            {"label", line.label},
            {"amount_vnd", line.amount_vnd},
            {"amount_text", line.amount_text},
            {"year", line.year},
            {"kind", std::string(to_string(line.kind))},
            {"parent_id", parent ? budget_line_id(doc.id, *parent) : ""},
            {"refs", keys},
        };
        xdoc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        out.emplace_back(std::string(schema::kId) + id, std::move(xdoc));
    }
    return out;
}

StoredBudgetLine read_budget_line(const Xapian::Document& xdoc) {
    const nlohmann::json d = nlohmann::json::parse(xdoc.get_data(), nullptr, false);
    StoredBudgetLine line;
    if (!d.is_object()) return line;
    line.id = d.value("id", "");
    line.doc_id = d.value("doc_id", "");
    line.doc_number = d.value("doc_number", "");
    line.doc_title = d.value("doc_title", "");
    line.section = d.value("section", "");
    line.label = d.value("label", "");
    line.amount_vnd = d.value("amount_vnd", std::int64_t{0});
    line.amount_text = d.value("amount_text", "");
    line.year = d.value("year", 0);
    line.kind = d.value("kind", "");
    line.parent_id = d.value("parent_id", "");
    line.refs = d.value("refs", std::vector<std::string>{});
    return line;
}

}  // namespace tracuu::indexer
