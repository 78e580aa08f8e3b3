/** @file
 *  @brief A bounded, thread-safe cache of values computed from one revision of the index.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace tracuu::server {

/// How often a cache answered, for /api/status and the benchmark.
struct CacheStats {
    std::size_t capacity = 0;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
};

/** Values keyed by a string that names the index revision they were computed on, so a commit
 *  changes the key and never the value: nothing is invalidated, stale entries age out.
 *  At most `capacity` entries, the least recently used go first; capacity 0 keeps nothing.
 *  Thread-safe: the searchers of one index share it. */
template <class Value>
class RevisionCache {
public:
    explicit RevisionCache(std::size_t capacity) : m_capacity(capacity) {}

    [[nodiscard]] bool enabled() const { return m_capacity > 0; }

    /// A copy of the value stored for this key, if any; counts a hit or a miss.
    [[nodiscard]] std::optional<Value> find(const std::string& key) {
        const std::lock_guard lock(m_mutex);
        const auto it = m_by_key.find(key);
        if (it == m_by_key.end()) {
            ++m_misses;
            return std::nullopt;
        }
        ++m_hits;
        m_entries.splice(m_entries.begin(), m_entries, it->second);
        return it->second->second;
    }

    /// Whether a value is stored for this key; counts neither a hit nor a miss.
    [[nodiscard]] bool contains(const std::string& key) const {
        const std::lock_guard lock(m_mutex);
        return m_by_key.count(key) != 0;
    }

    void store(const std::string& key, Value value) {
        if (m_capacity == 0) return;
        const std::lock_guard lock(m_mutex);
        if (const auto it = m_by_key.find(key); it != m_by_key.end()) {
            it->second->second = std::move(value);
            m_entries.splice(m_entries.begin(), m_entries, it->second);
            return;
        }
        m_entries.emplace_front(key, std::move(value));
        m_by_key[key] = m_entries.begin();
        if (m_entries.size() > m_capacity) {
            m_by_key.erase(m_entries.back().first);
            m_entries.pop_back();
        }
    }

    [[nodiscard]] CacheStats stats() const {
        const std::lock_guard lock(m_mutex);
        return CacheStats{m_capacity, m_hits, m_misses};
    }

private:
    using Entry = std::pair<std::string, Value>;

    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::list<Entry> m_entries;  ///< most recently used first
    std::unordered_map<std::string, typename std::list<Entry>::iterator> m_by_key;
    std::uint64_t m_hits = 0;
    std::uint64_t m_misses = 0;
};

}  // namespace tracuu::server
