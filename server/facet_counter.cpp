#include "server/facet_counter.h"

#include <algorithm>
#include <unordered_map>

#include "indexer/schema.h"

namespace tracuu::server {
namespace {

constexpr std::array<Xapian::valueno, 4> kFacetSlots = {schema::kSlotType, schema::kSlotIssuer, schema::kSlotYear, schema::kSlotStatus};

/// By descending count, ties by value: the order Xapian's spy gives (values sorted) after a
/// stable sort by count, which answers had before this table existed.
std::vector<FacetCount> ordered(std::vector<FacetCount> out) {
    std::sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
        if (a.count != b.count) return a.count > b.count;
        return a.value < b.value;
    });
    return out;
}

std::vector<FacetCount> counts(const Xapian::ValueCountMatchSpy& spy) {
    std::vector<FacetCount> out;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        if (!(*it).empty()) out.push_back({*it, it.get_termfreq()});
    }
    return ordered(std::move(out));
}

}  // namespace

std::shared_ptr<const FacetTable> FacetTable::build(const Xapian::Database& db) {
    auto table = std::make_shared<FacetTable>();
    const Xapian::docid last = db.get_lastdocid();
    for (std::size_t s = 0; s < kSlots; ++s) {
        std::vector<std::string>& values = table->m_values[s];
        std::vector<std::uint32_t>& of_doc = table->m_of_doc[s];
        values.assign(1, std::string());
        of_doc.assign(static_cast<std::size_t>(last) + 1, 0);
        std::unordered_map<std::string, std::uint32_t> ids;
        for (auto it = db.valuestream_begin(kFacetSlots[s]); it != db.valuestream_end(kFacetSlots[s]); ++it) {
            const std::string value = *it;
            if (value.empty() || it.get_docid() > last) continue;
            auto [at, added] = ids.try_emplace(value, static_cast<std::uint32_t>(values.size()));
            if (added) values.push_back(value);
            of_doc[it.get_docid()] = at->second;
        }
    }
    return table;
}

FacetTable::Counts FacetTable::empty_counts() const {
    Counts counts;
    for (std::size_t s = 0; s < kSlots; ++s) counts[s].assign(m_values[s].size(), 0);
    return counts;
}

void FacetTable::count(Xapian::docid id, Counts& counts) const {
    for (std::size_t s = 0; s < kSlots; ++s) {
        // A document added after the table was built has no entry; the searcher rebuilds the
        // table when the database changes, so this only guards against a race with a reopen.
        if (id < m_of_doc[s].size()) ++counts[s][m_of_doc[s][id]];
    }
}

Facets FacetTable::facets(const Counts& counts) const {
    std::array<std::vector<FacetCount>, kSlots> out;
    for (std::size_t s = 0; s < kSlots; ++s) {
        for (std::size_t v = 1; v < m_values[s].size(); ++v) {
            if (counts[s][v] > 0) out[s].push_back({m_values[s][v], counts[s][v]});
        }
        out[s] = ordered(std::move(out[s]));
    }
    return Facets{std::move(out[0]), std::move(out[1]), std::move(out[2]), std::move(out[3])};
}

FacetTable::Spy::Spy(const FacetTable& table) : m_table(table), m_counts(table.empty_counts()) {}

void FacetTable::Spy::operator()(const Xapian::Document& doc, double) {
    m_table.count(doc.get_docid(), m_counts);
    ++m_seen;
}

Facets FacetTable::facets(const Spy& spy) const { return facets(spy.m_counts); }

Facets FacetTable::facets(const DocSet& matches) const {
    Counts counts = empty_counts();
    matches.for_each([&](Xapian::docid id) { count(id, counts); });
    return facets(counts);
}

Facets facets_of(const Xapian::ValueCountMatchSpy& types, const Xapian::ValueCountMatchSpy& issuers, const Xapian::ValueCountMatchSpy& years,
                 const Xapian::ValueCountMatchSpy& statuses) {
    return Facets{counts(types), counts(issuers), counts(years), counts(statuses)};
}

}  // namespace tracuu::server
