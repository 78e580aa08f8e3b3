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

/** Values by string key whose costs add up to at most `capacity` (each costs 1 unless told
 *  otherwise, so the capacity is a number of entries); capacity 0 keeps nothing, and a value
 *  costing more than the capacity is not kept. Not thread-safe: the caches that hold one guard it. */
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
        return &it->second->value;
    }

    [[nodiscard]] bool contains(const std::string& key) const { return m_by_key.count(key) != 0; }

    /// Stores or replaces the value for this key, as just used; the least recently used go
    /// until the costs fit the capacity.
    void put(const std::string& key, Value value, std::size_t cost = 1) {
        if (cost > m_capacity) return;
        if (const auto it = m_by_key.find(key); it != m_by_key.end()) {
            m_cost -= it->second->cost;
            m_entries.erase(it->second);
            m_by_key.erase(it);
        }
        m_entries.push_front(Entry{key, std::move(value), cost});
        m_by_key[key] = m_entries.begin();
        m_cost += cost;
        while (m_cost > m_capacity) {
            m_cost -= m_entries.back().cost;
            m_by_key.erase(m_entries.back().key);
            m_entries.pop_back();
        }
    }

    /// The costs of the values kept, added up.
    [[nodiscard]] std::size_t cost() const { return m_cost; }

    /// Every value, the most recently used first.
    [[nodiscard]] std::vector<Value> values() const {
        std::vector<Value> out;
        out.reserve(m_entries.size());
        for (const auto& entry : m_entries) out.push_back(entry.value);
        return out;
    }

private:
    struct Entry {
        std::string key;
        Value value;
        std::size_t cost;
    };

    std::size_t m_capacity;
    std::size_t m_cost = 0;
    std::list<Entry> m_entries;  ///< most recently used first
    std::unordered_map<std::string, typename std::list<Entry>::iterator> m_by_key;
};

}  // namespace tracuu::server
