#include "server/cited_key_table.h"

#include <algorithm>
#include <unordered_map>

#include "analyzers/citations.h"
#include "analyzers/fold.h"
#include "indexer/reference_keys.h"
#include "indexer/schema.h"

namespace tracuu::server {
namespace {

/// `Kế hoạch 13/KH-UBND (2025)` of `13/KH-UBND@2025@…`; the year only where the key carries one.
std::string spoken(const std::string& type_name, std::string_view key) {
    const indexer::KeyParts parts = indexer::key_parts(key);
    std::string text = type_name + ' ' + std::string(parts.symbol);
    if (!parts.year.empty() && parts.year != "?") text += " (" + std::string(parts.year) + ')';
    return text;
}

}  // namespace

std::shared_ptr<const CitedKeyTable> CitedKeyTable::build(const Xapian::Database& db) {
    auto table = std::make_shared<CitedKeyTable>();
    std::unordered_map<std::string, std::string> name_of_code;  // a few dozen codes among thousands of keys
    std::unordered_map<std::string, std::size_t> type_index;
    const auto add = [&](std::string key, std::size_t count) {
        const std::string_view symbol = indexer::key_parts(key).symbol;
        const std::string code(indexer::symbol_type_code(symbol));
        if (code.empty()) return;
        auto [named, fresh] = name_of_code.try_emplace(code);
        if (fresh) named->second = analyzers::type_name_of_code(code);
        const std::string& name = named->second;
        if (name.empty()) return;
        auto [slot, added] = type_index.try_emplace(name, table->m_types.size());
        if (added) table->m_types.push_back({name, analyzers::fold_text(name), {}});
        std::string folded = analyzers::fold_text(symbol);
        table->m_types[slot->second].keys.push_back({std::move(key), count, std::move(folded)});
    };
    // Both term lists are sorted by key: walked side by side, each key comes once, with the
    // number of files citing it (0 for a key only held).
    const std::string held(schema::kOwnKey), cited(schema::kCites);
    auto h = db.allterms_begin(held), h_end = db.allterms_end(held);
    auto c = db.allterms_begin(cited), c_end = db.allterms_end(cited);
    while (h != h_end || c != c_end) {
        const std::string held_key = h != h_end ? (*h).substr(held.size()) : std::string();
        const std::string cited_key = c != c_end ? (*c).substr(cited.size()) : std::string();
        if (c == c_end || (h != h_end && held_key < cited_key)) {
            add(held_key, 0);
            ++h;
            continue;
        }
        if (h != h_end && held_key == cited_key) ++h;
        add(cited_key, c.get_termfreq());
        ++c;
    }
    for (Type& type : table->m_types) {
        std::stable_sort(type.keys.begin(), type.keys.end(), [](const Entry& a, const Entry& b) { return a.cited_by > b.cited_by; });
    }
    return table;
}

std::vector<KeyCompletion> CitedKeyTable::complete(std::string_view typed_folded, std::size_t limit) const {
    struct Found {
        const Type* type;
        const Entry* entry;
    };
    std::vector<Found> found;
    for (const Type& type : m_types) {
        const std::string_view name = type.folded_name;
        std::string_view number;
        if (typed_folded.size() > name.size() && typed_folded.substr(0, name.size()) == name && typed_folded[name.size()] == ' ') {
            number = typed_folded.substr(name.size() + 1);
        } else if (typed_folded.size() < kMinTypedLetters || name.substr(0, typed_folded.size()) != typed_folded) {
            continue;
        }
        // Each list is ordered, so its first `limit` matches are its best.
        std::size_t taken = 0;
        for (const Entry& e : type.keys) {
            if (taken == limit) break;
            if (e.folded_symbol.compare(0, number.size(), number) != 0) continue;
            found.push_back({&type, &e});
            ++taken;
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.entry->cited_by > b.entry->cited_by; });
    std::vector<KeyCompletion> out;
    for (std::size_t i = 0; i < found.size() && i < limit; ++i) {
        const Entry& e = *found[i].entry;
        out.push_back({e.key, spoken(found[i].type->name, e.key), e.cited_by});
    }
    return out;
}

}  // namespace tracuu::server
