// Budget lines as the index stores them: every parent a line names is itself stored.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "indexer/budget_index.h"
#include "indexer/schema.h"

using tracuu::indexer::BudgetKind;
using tracuu::indexer::BudgetLine;

namespace {

BudgetLine line(std::size_t index, std::optional<std::size_t> parent, BudgetKind kind) {
    BudgetLine l;
    l.index = index;
    l.parent = parent;
    l.kind = kind;
    l.label = "Chi khoản " + std::to_string(index);
    l.amount_vnd = 1000000000;
    return l;
}

/// Stored lines' parent ids by their ids.
std::map<std::string, std::string> parents_of(const tracuu::indexer::IndexedDocument& doc) {
    std::map<std::string, std::string> out;
    for (const auto& [id_term, xdoc] : tracuu::indexer::build_budget_documents(doc)) {
        const auto data = nlohmann::json::parse(xdoc.get_data());
        out[data["id"].get<std::string>()] = data["parent_id"].get<std::string>();
    }
    return out;
}

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("a budget line under an amount that is not stored names its nearest stored ancestor, or none") {
    tracuu::indexer::IndexedDocument doc;
    doc.id = "kh";
    // 0 total (stored) > 1 an amount read as no budget line (Other) > 2 and 3 items; 4 under an
    // Other at the top; 5 an ordinary child of 0.
    doc.budget.lines = {line(0, std::nullopt, BudgetKind::Recurrent), line(1, 0, BudgetKind::Other),  line(2, 1, BudgetKind::Recurrent),
                        line(3, 1, BudgetKind::Recurrent),            line(4, 6, BudgetKind::Recurrent), line(5, 0, BudgetKind::Recurrent),
                        line(6, std::nullopt, BudgetKind::Other)};
    const auto parents = parents_of(doc);
    const std::string total = tracuu::indexer::budget_line_id("kh", 0);
    CHECK(parents.size() == 5);
    CHECK(parents.count(tracuu::indexer::budget_line_id("kh", 1)) == 0);
    CHECK(parents.at(tracuu::indexer::budget_line_id("kh", 2)) == total);
    CHECK(parents.at(tracuu::indexer::budget_line_id("kh", 3)) == total);
    CHECK(parents.at(tracuu::indexer::budget_line_id("kh", 4)).empty());
    CHECK(parents.at(tracuu::indexer::budget_line_id("kh", 5)) == total);
    for (const auto& [id, parent] : parents) {
        CAPTURE(id);
        CHECK((parent.empty() || parents.count(parent) == 1));  // no line names a missing parent
    }
}

TEST_CASE("a budget line's cited symbol is stored under the key the document's citation of it has") {
    tracuu::indexer::IndexedDocument doc;
    doc.id = "kh";
    tracuu::indexer::Reference decision;
    decision.key = "929/QĐ-TTG@2025@thủ tướng chính phủ";
    decision.symbol = "929/QĐ-TTG";
    tracuu::indexer::Reference party;
    party.key = "57-NQ/TW";
    party.symbol = "57-NQ/TW";
    doc.references = {decision, party};
    BudgetLine l = line(0, std::nullopt, BudgetKind::Recurrent);
    l.refs = {"929/QĐ-TTG", "57-NQ/TW", "12/KH-UBND"};  // the last one the text does not cite
    doc.budget.lines = {l};
    const auto built = tracuu::indexer::build_budget_documents(doc);
    REQUIRE(built.size() == 1);
    const auto data = nlohmann::json::parse(built.front().second.get_data());
    CHECK(data["refs"] == nlohmann::json::array({"929/QĐ-TTG@2025@thủ tướng chính phủ", "57-NQ/TW", "12/KH-UBND@?@?"}));
    const Xapian::Document& stored = built.front().second;
    for (const std::string key : {"929/QĐ-TTG@2025@thủ tướng chính phủ", "57-NQ/TW"}) {
        CAPTURE(key);
        bool found = false;
        for (auto t = stored.termlist_begin(); t != stored.termlist_end(); ++t) found = found || *t == std::string(tracuu::schema::kBudgetRef) + key;
        CHECK(found);
    }
}

}  // TEST_SUITE
