/** @file
 *  @brief A bounded, thread-safe cache of values computed from one revision of the index.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "server/lru_map.h"

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
    explicit RevisionCache(std::size_t capacity) : m_entries(capacity) {}

    [[nodiscard]] bool enabled() const { return m_entries.capacity() > 0; }

    /// A copy of the value stored for this key, if any; counts a hit or a miss.
    [[nodiscard]] std::optional<Value> find(const std::string& key) {
        const std::lock_guard lock(m_mutex);
        const Value* found = m_entries.use(key);
        if (found == nullptr) {
            ++m_misses;
            return std::nullopt;
        }
        ++m_hits;
        return *found;
    }

    /// Whether a value is stored for this key; counts neither a hit nor a miss.
    [[nodiscard]] bool contains(const std::string& key) const {
        const std::lock_guard lock(m_mutex);
        return m_entries.contains(key);
    }

    /// Keeps the value, at `cost` of the capacity (1 unless the cache counts in other units).
    void store(const std::string& key, Value value, std::size_t cost = 1) {
        const std::lock_guard lock(m_mutex);
        m_entries.put(key, std::move(value), cost);
    }

    [[nodiscard]] CacheStats stats() const {
        const std::lock_guard lock(m_mutex);
        return CacheStats{m_entries.capacity(), m_hits, m_misses};
    }

private:
    mutable std::mutex m_mutex;
    LruMap<Value> m_entries;
    std::uint64_t m_hits = 0;
    std::uint64_t m_misses = 0;
};

}  // namespace tracuu::server
