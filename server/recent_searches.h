/** @file
 *  @brief The searches asked most recently, to compute again when the index changes.
 */
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "server/search_types.h"

namespace tracuu::server {

/** The last `capacity` distinct searches, the most recently asked first; capacity 0 keeps none.
 *  Thread-safe: the searchers of one index note into it, the cache warmer reads it. */
class RecentSearches {
public:
    explicit RecentSearches(std::size_t capacity) : m_capacity(capacity) {}

    [[nodiscard]] std::size_t capacity() const { return m_capacity; }

    /// Notes a search; `key` names it whatever the index revision (the same key, the same search).
    void note(const std::string& key, const SearchRequest& request) {
        if (m_capacity == 0) return;
        const std::lock_guard lock(m_mutex);
        if (const auto it = m_by_key.find(key); it != m_by_key.end()) {
            m_entries.splice(m_entries.begin(), m_entries, it->second);
            return;
        }
        m_entries.emplace_front(key, request);
        m_by_key[key] = m_entries.begin();
        if (m_entries.size() > m_capacity) {
            m_by_key.erase(m_entries.back().first);
            m_entries.pop_back();
        }
    }

    /// The searches noted, the most recent first.
    [[nodiscard]] std::vector<SearchRequest> latest() const {
        const std::lock_guard lock(m_mutex);
        std::vector<SearchRequest> out;
        out.reserve(m_entries.size());
        for (const auto& entry : m_entries) out.push_back(entry.second);
        return out;
    }

private:
    using Entry = std::pair<std::string, SearchRequest>;
    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::list<Entry> m_entries;
    std::unordered_map<std::string, std::list<Entry>::iterator> m_by_key;
};

}  // namespace tracuu::server
