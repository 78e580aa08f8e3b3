/** @file
 *  @brief Totals and facet counts of recent searches, shared by the searchers of one index.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "server/search_types.h"

namespace tracuu::server {

/** Exact counts are the expensive part of a search: every match is walked, where the ranked page
 *  alone lets Xapian stop early. A page turned, a sort changed or a query asked again on the same
 *  index revision has the same counts, so they are kept here, keyed by the query's Xapian
 *  description (filters included) and the revision: a commit changes the key, never the answer.
 *  At most `capacity` entries, the least recently used go first; capacity 0 keeps nothing.
 *  Thread-safe. Elasticsearch's shard request cache does the same for aggregations. */
class CountCache {
public:
    struct Counts {
        std::uint64_t total = 0;
        Facets facets;
    };

    explicit CountCache(std::size_t capacity) : m_capacity(capacity) {}

    /// The counts stored for this key, if any.
    [[nodiscard]] std::optional<Counts> find(const std::string& key);
    void store(const std::string& key, Counts counts);

    /// The key of a query on one revision of the index.
    [[nodiscard]] static std::string key(const Xapian::Query& query, Xapian::rev revision);

    [[nodiscard]] std::size_t capacity() const { return m_capacity; }
    [[nodiscard]] std::uint64_t hits() const;
    [[nodiscard]] std::uint64_t misses() const;

private:
    using Entry = std::pair<std::string, Counts>;

    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::list<Entry> m_entries;  ///< most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> m_by_key;
    std::uint64_t m_hits = 0;
    std::uint64_t m_misses = 0;
};

}  // namespace tracuu::server
