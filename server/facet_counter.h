/** @file
 *  @brief Exact facet counts (type, issuer, year, status) over every match of a query, without
 *  reading values from the index per match.
 */
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "server/doc_set.h"
#include "server/search_types.h"

namespace tracuu::server {

/** The facet values of every document of one database revision, as small numbers per document
 *  id, read once from the value streams of the four facet slots.
 *
 *  Counting a match is then four array increments, where Xapian::ValueCountMatchSpy reads four
 *  values through the value streams and increments a std::map<std::string, …> per match.
 *  Memory: 4 × 4 bytes per document id of the database (1.6 MB per 100,000 Xapian documents).
 *  Immutable once built; build a new one when the database changes.
 */
class FacetTable {
public:
    /// Reads the four facet slots of every document. Throws Xapian::Error like any read.
    static std::shared_ptr<const FacetTable> build(const Xapian::Database& db);

    /// A MatchSpy counting into `counts`; the table must outlive it.
    class Spy;

    /// The counts gathered by a Spy, as facets: values by descending count, then by value.
    [[nodiscard]] Facets facets(const Spy& spy) const;
    /// The same for a set of matches (documents the table does not know are not counted).
    [[nodiscard]] Facets facets(const DocSet& matches) const;

private:
    static constexpr std::size_t kSlots = 4;
    /// Per slot: distinct values (index 0 is "no value"), and each document id's value index.
    std::array<std::vector<std::string>, kSlots> m_values;
    std::array<std::vector<std::uint32_t>, kSlots> m_of_doc;
    using Counts = std::array<std::vector<std::uint64_t>, kSlots>;
    [[nodiscard]] Counts empty_counts() const;
    void count(Xapian::docid id, Counts& counts) const;
    [[nodiscard]] Facets facets(const Counts& counts) const;
    friend class Spy;
};

class FacetTable::Spy : public Xapian::MatchSpy {
public:
    explicit Spy(const FacetTable& table);
    void operator()(const Xapian::Document& doc, double weight) override;
    /// How many matches it was shown: fewer than the total when the match stopped early.
    [[nodiscard]] std::uint64_t seen() const { return m_seen; }

private:
    const FacetTable& m_table;
    Counts m_counts;
    std::uint64_t m_seen = 0;
    friend class FacetTable;
};

/** Facets from Xapian's own spies, for databases a FacetTable cannot be used with (remote
 *  shards run the match on the server, which needs spies it can serialise). */
[[nodiscard]] Facets facets_of(const Xapian::ValueCountMatchSpy& types, const Xapian::ValueCountMatchSpy& issuers,
                               const Xapian::ValueCountMatchSpy& years, const Xapian::ValueCountMatchSpy& statuses);

}  // namespace tracuu::server
