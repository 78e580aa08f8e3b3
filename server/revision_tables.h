/** @file
 *  @brief Tables read from a whole index revision, built once and shared by its searchers.
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <mutex>

#include "server/cited_key_table.h"
#include "server/facet_counter.h"

namespace tracuu::server {

/** The table of the newest revision asked for: built by the first caller (the cache warmer, as
 *  soon as a commit appears, when there is one) while later callers wait for it instead of
 *  building their own. `Table::build(db)` must read `db` at `revision`. A caller still on an
 *  older revision gets a table of its own, and revision 0 (unknown) is never shared.
 *  Thread-safe. */
template <class Table>
class LatestTable {
public:
    [[nodiscard]] std::shared_ptr<const Table> get(Xapian::rev revision, const Xapian::Database& db) {
        if (revision == 0) return Table::build(db);
        const std::lock_guard lock(m_mutex);
        if (m_table && revision == m_revision) return m_table;
        if (m_table && revision < m_revision) return Table::build(db);
        m_table = Table::build(db);
        m_revision = revision;
        ++m_builds;
        return m_table;
    }

    /// Shared tables built so far, one per revision at most.
    [[nodiscard]] std::uint64_t builds() const {
        const std::lock_guard lock(m_mutex);
        return m_builds;
    }

private:
    mutable std::mutex m_mutex;  ///< held while building
    Xapian::rev m_revision = 0;
    std::shared_ptr<const Table> m_table;
    std::uint64_t m_builds = 0;
};

/** The facet table (12 ms at 100,000 documents) and the cited-key table (38 ms) of a local index,
 *  which every searcher used to build for itself after each commit, on the first search or
 *  suggestion that needed them (measured: bench/perf/PROFILE.md). */
struct RevisionTables {
    LatestTable<FacetTable> facets;
    LatestTable<CitedKeyTable> cited_keys;
};

}  // namespace tracuu::server
