/** @file
 *  @brief Tables read from a whole index revision, built once and shared by its searchers.
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <exception>
#include <future>
#include <memory>
#include <mutex>
#include <string>

#include "server/bm25_parts.h"
#include "server/cited_key_table.h"
#include "server/facet_counter.h"

namespace tracuu::server {

/** The table of the newest revision of an index asked for, built once: by the first caller (the
 *  cache warmer, as soon as a commit appears, when there is one), while later callers for the
 *  same revision wait for that build; callers for other revisions are not held up by it. A
 *  caller still on an older revision of the same index gets a table of its own; an index
 *  created anew (another uuid, its revisions counted from 1 again) takes the place of the old.
 *  `Table::build(db)` must read `db` as open. Thread-safe. */
template <class Table>
class LatestTable {
public:
    using Shared = std::shared_ptr<const Table>;

    [[nodiscard]] Shared get(Xapian::rev revision, const Xapian::Database& db) {
        if (revision == 0) return Table::build(db);
        const std::string uuid = db.get_uuid();
        std::promise<Shared> promise;
        std::shared_future<Shared> table;
        bool builder = false;
        {
            const std::lock_guard lock(m_mutex);
            if (m_table.valid() && uuid == m_uuid && revision == m_revision) {
                table = m_table;
            } else if (m_table.valid() && uuid == m_uuid && revision < m_revision) {
                table = {};  // older than the shared one: built below, for this caller alone
            } else {
                m_uuid = uuid;
                m_revision = revision;
                m_table = promise.get_future().share();
                ++m_builds;
                table = m_table;
                builder = true;
            }
        }
        if (!table.valid()) return Table::build(db);
        if (builder) {
            try {
                promise.set_value(Table::build(db));
            } catch (...) {
                promise.set_exception(std::current_exception());
                forget(uuid, revision);  // the next caller tries again
            }
        }
        return table.get();
    }

    /// Shared tables built (or being built) so far, one per revision at most.
    [[nodiscard]] std::uint64_t builds() const {
        const std::lock_guard lock(m_mutex);
        return m_builds;
    }

private:
    void forget(const std::string& uuid, Xapian::rev revision) {
        const std::lock_guard lock(m_mutex);
        if (uuid == m_uuid && revision == m_revision) m_table = {};
    }

    mutable std::mutex m_mutex;  ///< guards the members, never held while building
    std::string m_uuid;
    Xapian::rev m_revision = 0;
    std::shared_future<Shared> m_table;
    std::uint64_t m_builds = 0;
};

/** The facet table (12 ms at 100,000 documents) and the cited-key table (38 ms) of a local index,
 *  which every searcher used to build for itself after each commit, on the first search or
 *  suggestion that needed them (measured: bench/perf/PROFILE.md), and the document lengths pages
 *  are ranked with (page_ranker.h; 8 ms). */
struct RevisionTables {
    LatestTable<FacetTable> facets;
    LatestTable<CitedKeyTable> cited_keys;
    LatestTable<DocLengths> lengths;
};

}  // namespace tracuu::server
