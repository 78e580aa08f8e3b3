#include "server/count_cache.h"

namespace tracuu::server {

std::optional<CountCache::Counts> CountCache::find(const std::string& key) {
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

void CountCache::store(const std::string& key, Counts counts) {
    if (m_capacity == 0) return;
    const std::lock_guard lock(m_mutex);
    if (const auto it = m_by_key.find(key); it != m_by_key.end()) {
        it->second->second = std::move(counts);
        m_entries.splice(m_entries.begin(), m_entries, it->second);
        return;
    }
    m_entries.emplace_front(key, std::move(counts));
    m_by_key[key] = m_entries.begin();
    if (m_entries.size() > m_capacity) {
        m_by_key.erase(m_entries.back().first);
        m_entries.pop_back();
    }
}

std::string CountCache::key(const Xapian::Query& query, Xapian::rev revision) {
    return std::to_string(revision) + '\n' + query.get_description();
}

std::uint64_t CountCache::hits() const {
    const std::lock_guard lock(m_mutex);
    return m_hits;
}

std::uint64_t CountCache::misses() const {
    const std::lock_guard lock(m_mutex);
    return m_misses;
}

}  // namespace tracuu::server
