/** @file
 *  @brief Diacritic restoration: a query typed without accents (`ke hoach phat trien`) → its most
 *  likely accented form (`kế hoạch phát triển`), from the index's own word and word-pair counts.
 */
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "analyzers/analyzer.h"
#include "server/revision_cache.h"

namespace tracuu::server {

/** The accented spellings of folded words and word pairs with the number of documents holding
 *  each, as restore() reads them from the index (a scan of its surface terms per word and pair),
 *  kept per index revision for the searchers of one index: users' words repeat from query to query. */
using SurfaceFormCache = RevisionCache<std::map<std::string, double>>;

/** Restores the diacritics of queries typed without them.
 *
 *  Each word of the query may stand for several accented words of the index (`ban` → `ban`,
 *  `bàn`, `bán`, `bạn`…). The candidates of a word are the accented forms the index has for it
 *  (its surface terms, schema::kSurface, and the unaccented word itself when the accented layer
 *  holds it), weighed by how many documents contain them; adjacent words are weighed together by
 *  how many documents contain each accented pair (`bán hàng` against `bàn hàng`). The most likely
 *  sequence of a run of adjacent words is found by dynamic programming (Viterbi) over the
 *  candidates, smoothing pair counts towards word counts so that unseen pairs stay possible.
 *
 *  Only queries without any diacritic are restored. Everything that is not a plain word is kept
 *  byte for byte: spaces, quotes, `-` and `OR`, `field:value` items, numbers, document numbers
 *  and dates, punctuation, and words the index has never seen. Case follows what was typed
 *  (`Ke Hoach` → `Kế Hoạch`, `KE HOACH` → `KẾ HOẠCH`).
 *
 *  One restorer per Searcher. It holds no database: the searcher passes its own to each call, so
 *  the restorer follows the searcher's reopen() and moves. restore() is const and keeps no state
 *  between calls; it is as thread-safe as the database passed to it (one thread per
 *  Xapian::Database).
 */
class DiacriticRestorer {
public:
    DiacriticRestorer();

    /** The query with its words' diacritics restored, or nullopt when there is nothing to restore:
     *  the query already has a diacritic, has no word the index knows in an accented form, or the
     *  likeliest form is the query itself (ignoring case).
     *
     *  @param db     the index whose statistics decide; only read.
     *  @param query  the query as the user typed it (any Unicode form; normalised first).
     *  @param forms  where the spellings read are looked up and kept (null: read every time), under
     *                `revision_key`, which must name the revision of `db` as open ("" keeps nothing).
     *  @return the restored query, normalised (analyzers::normalize_text) and otherwise as typed.
     *  @throws Xapian::Error when the index cannot be read (DatabaseModifiedError: reopen and retry).
     */
    [[nodiscard]] std::optional<std::string> restore(const Xapian::Database& db, std::string_view query, SurfaceFormCache* forms = nullptr,
                                                     const std::string& revision_key = "") const;

private:
    analyzers::Analyzer m_analyzer;  ///< Query mode, as the query builder reads the words
};

}  // namespace tracuu::server
