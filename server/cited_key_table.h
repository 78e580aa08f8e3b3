/** @file
 *  @brief The reference keys of one index revision by document type, for completing
 *  `nghị quyết 5…` to `Nghị quyết 57-NQ/TW`.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::server {

/// A reference key offered as a completion.
struct KeyCompletion {
    std::string key;      ///< the reference key (`57-NQ/TW`, `13/KH-UBND@2025@ủy ban nhân dân tỉnh ninh bình`)
    std::string text;     ///< type and symbol, as a person says it: `Nghị quyết 57-NQ/TW`, `Kế hoạch 13/KH-UBND (2025)`
    std::size_t cited_by = 0;  ///< files citing it (the posting list of its `XC` term)
};

/** Every reference key the index knows (cited, `XC`, or held, `XE`) whose symbol names a
 *  document type (`NQ`, `QĐ`, `KH`, … — not a công văn or a law of the National Assembly), grouped
 *  by type and ordered by how often they are cited. Built once per index revision, by one walk
 *  over the key terms (80,962 cited keys at 100,000 generated documents: 33–42 ms); immutable,
 *  so searchers may share it. */
class CitedKeyTable {
public:
    /// Reads the key terms of `db`. Throws Xapian::Error like any read.
    static std::shared_ptr<const CitedKeyTable> build(const Xapian::Database& db);

    /** Keys for what was typed, folded (`nghi quy`, `nghi quyet 5`, `quyet dinh 12/q`): typed
     *  is the start of a type name (at least `kMinTypedLetters` letters), or a whole type name
     *  followed by the start of a number. Most cited first, at most `limit`. */
    [[nodiscard]] std::vector<KeyCompletion> complete(std::string_view typed_folded, std::size_t limit) const;

    static constexpr std::size_t kMinTypedLetters = 4;

private:
    struct Entry {
        std::string key;
        std::size_t cited_by = 0;
        std::string folded_symbol;  ///< `57-nq/tw`, what a typed number is compared with
    };
    struct Type {
        std::string name;         ///< `Nghị quyết`
        std::string folded_name;  ///< `nghi quyet`
        std::vector<Entry> keys;  ///< most cited first
    };
    std::vector<Type> m_types;
};

}  // namespace tracuu::server
