/** @file
 *  @brief A map of at most N entries that forgets the least recently used first.
 */
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tracuu::server {

/** At most `capacity` values by string key; capacity 0 keeps nothing. Not thread-safe: the
 *  caches that hold one guard it. */
template <class Value>
class LruMap {
public:
    explicit LruMap(std::size_t capacity) : m_capacity(capacity) {}

    [[nodiscard]] std::size_t capacity() const { return m_capacity; }

    /// The value stored for this key, marked as just used; null when there is none.
    [[nodiscard]] const Value* use(const std::string& key) {
        const auto it = m_by_key.find(key);
        if (it == m_by_key.end()) return nullptr;
        m_entries.splice(m_entries.begin(), m_entries, it->second);
        return &it->second->second;
    }

    [[nodiscard]] bool contains(const std::string& key) const { return m_by_key.count(key) != 0; }

    /// Stores or replaces the value for this key, as just used; the least recently used goes past capacity.
    void put(const std::string& key, Value value) {
        if (m_capacity == 0) return;
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

    /// Every value, the most recently used first.
    [[nodiscard]] std::vector<Value> values() const {
        std::vector<Value> out;
        out.reserve(m_entries.size());
        for (const auto& entry : m_entries) out.push_back(entry.second);
        return out;
    }

private:
    using Entry = std::pair<std::string, Value>;

    std::size_t m_capacity;
    std::list<Entry> m_entries;  ///< most recently used first
    std::unordered_map<std::string, typename std::list<Entry>::iterator> m_by_key;
};

}  // namespace tracuu::server
