/** @file
 *  @brief A set of Xapian document ids as a bitmap: the matches of a query, counted by set algebra.
 */
#pragma once

#include <xapian.h>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tracuu::server {

/** The number of bits set. std::popcount is a call into libgcc on baseline x86-64 (POPCNT is not
 *  assumed before x86-64-v2), and a call inside a loop summing weights spills the sum to memory:
 *  this is the same count, inlined. */
[[nodiscard]] constexpr int bit_count(std::uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555;
    x = (x & 0x3333333333333333) + ((x >> 2) & 0x3333333333333333);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0f;
    return static_cast<int>((x * 0x0101010101010101) >> 56);
}

/** Document ids 1..last of one database revision, one bit each (12.5 kB per 100,000 ids).
 *  Set operations work word by word; both operands must be sized for the same `last`. */
class DocSet {
public:
    explicit DocSet(Xapian::docid last = 0) : m_last(last), m_words(static_cast<std::size_t>(last) / 64 + 1, 0) {}

    /// Ids above the `last` the set was made for are ignored (a document committed after it).
    void add(Xapian::docid id) {
        if (id <= m_last) m_words[id / 64] |= std::uint64_t{1} << (id % 64);
    }

    [[nodiscard]] bool contains(Xapian::docid id) const {
        const std::size_t word = id / 64;
        return word < m_words.size() && (m_words[word] >> (id % 64) & 1) != 0;
    }

    void intersect(const DocSet& other) {
        for (std::size_t i = 0; i < m_words.size(); ++i) m_words[i] &= i < other.m_words.size() ? other.m_words[i] : 0;
    }

    void unite(const DocSet& other) {
        for (std::size_t i = 0; i < m_words.size() && i < other.m_words.size(); ++i) m_words[i] |= other.m_words[i];
    }

    void subtract(const DocSet& other) {
        for (std::size_t i = 0; i < m_words.size() && i < other.m_words.size(); ++i) m_words[i] &= ~other.m_words[i];
    }

    /// The smallest id in the set that is at least `from`, or 0 when there is none.
    [[nodiscard]] Xapian::docid first_from(Xapian::docid from) const {
        std::size_t word = from / 64;
        if (word >= m_words.size()) return 0;
        std::uint64_t bits = m_words[word] & (~std::uint64_t{0} << (from % 64));
        while (bits == 0) {
            if (++word == m_words.size()) return 0;
            bits = m_words[word];
        }
        return static_cast<Xapian::docid>(word * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
    }

    [[nodiscard]] std::uint64_t count() const {
        std::uint64_t n = 0;
        for (const std::uint64_t w : m_words) n += static_cast<std::uint64_t>(bit_count(w));
        return n;
    }

    [[nodiscard]] bool empty() const {
        for (const std::uint64_t w : m_words) {
            if (w != 0) return false;
        }
        return true;
    }

    /// Calls `visit(id)` for every id in the set, in increasing order.
    template <class Visit>
    void for_each(Visit&& visit) const {
        for (std::size_t i = 0; i < m_words.size(); ++i) {
            for (std::uint64_t w = m_words[i]; w != 0; w &= w - 1) {
                visit(static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(std::countr_zero(w))));
            }
        }
    }

    /** The number of ids in the words before each word: with them, the rank of an id among the
     *  set's ids costs one count in its word (4 bytes per 64 ids, made once for a set read often). */
    [[nodiscard]] std::vector<std::uint32_t> ranks_of_words() const {
        std::vector<std::uint32_t> ranks;
        ranks.reserve(m_words.size());
        std::uint32_t before = 0;
        for (const std::uint64_t w : m_words) {
            ranks.push_back(before);
            before += static_cast<std::uint32_t>(bit_count(w));
        }
        return ranks;
    }

    /// The bits of ids 64·i to 64·i + 63 (0 past the last id).
    [[nodiscard]] std::uint64_t word(std::size_t i) const { return i < m_words.size() ? m_words[i] : 0; }
    [[nodiscard]] std::size_t word_count() const { return m_words.size(); }

    [[nodiscard]] std::size_t bytes() const { return m_words.size() * sizeof(std::uint64_t); }

private:
    Xapian::docid m_last;
    std::vector<std::uint64_t> m_words;
};

}  // namespace tracuu::server
