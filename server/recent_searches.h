/** @file
 *  @brief The searches asked most recently, to compute again when the index changes.
 */
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "server/lru_map.h"
#include "server/search_types.h"

namespace tracuu::server {

/** The last `capacity` distinct searches, the most recently asked first; capacity 0 keeps none.
 *  Thread-safe: the searchers of one index note into it, the cache warmer reads it. */
class RecentSearches {
public:
    explicit RecentSearches(std::size_t capacity) : m_entries(capacity) {}

    [[nodiscard]] std::size_t capacity() const { return m_entries.capacity(); }

    /// Notes a search; `key` names it whatever the index revision (the same key, the same search).
    void note(const std::string& key, const SearchRequest& request) {
        const std::lock_guard lock(m_mutex);
        m_entries.put(key, request);
    }

    /// The searches noted, the most recent first.
    [[nodiscard]] std::vector<SearchRequest> latest() const {
        const std::lock_guard lock(m_mutex);
        return m_entries.values();
    }

private:
    mutable std::mutex m_mutex;
    LruMap<SearchRequest> m_entries;
};

}  // namespace tracuu::server
