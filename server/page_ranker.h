/** @file
 *  @brief The page of a query ranked from kept postings: the order Xapian's exhaustive pass gives,
 *  without Xapian's matcher walking every match again for each new query.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/bm25_parts.h"
#include "server/count_deadline.h"
#include "server/doc_set.h"
#include "server/match_sets.h"
#include "server/revision_cache.h"

namespace tracuu::server {

/// A document of a ranked page and its weight.
struct RankedDoc {
    Xapian::docid id = 0;
    double weight = 0;
};

/// Ranks [first, first + count) of a query's matches, and the best weight of all of them.
struct RankedPage {
    std::vector<RankedDoc> hits;
    double best = 0;
};

/** The weighted parts of queries (bm25_parts.h) per index revision, bounded by their size in bytes:
 *  a part of a common word costs 2 bytes per document it is in beside its set and the set's ranks
 *  (58 kB at 100,000 documents), and the words of a province's searches are few. Parts are kept
 *  without their scale factor: a word's part serves it at any weight. Parts in fewer than 1 of
 *  `rare_share` document ids are read again each time, as DocSetCache does. Thread-safe. */
struct PartCache {
    explicit PartCache(std::size_t bytes, Xapian::docid rare = 1024) : parts(bytes), rare_share(rare < 1 ? 1 : rare) {}
    RevisionCache<std::shared_ptr<const WeightedPart>> parts;  ///< costs counted in bytes
    Xapian::docid rare_share;
};

/// Where one revision's parts and sets are kept (either may be null: read anew), and until when
/// the conditions of parts may be matched.
struct KeptPostings {
    PartCache* parts = nullptr;
    DocSetCache* sets = nullptr;
    std::string revision_key;  ///< names the revision read; "" keeps nothing
    CountDeadline deadline = CountDeadline::max();
};

/** Ranks `matches` (every document the query of `parts` matches in `db` as open; its parts from
 *  weighted_parts()) by the sum of their parts' BM25 weights, best first and equal weights in
 *  document id order, as Xapian's exhaustive pass with BM25Weight orders them, and returns
 *  [first, first + count) (nothing for a count of 0). Weights are Xapian's up to the last digits
 *  (the order of a sum), so two documents whose weights differ only there may come in either
 *  order (a reviewer found 3 such pairs in 800 whole rankings of 100,000 documents, none in the
 *  first 500 of any).
 *  Parts are looked up in `kept.parts` or read and kept there; their conditions are matched with
 *  matching_documents() (with `kept.sets`, which may throw MatchingTimedOut at the deadline).
 *  nullopt when a part cannot be read so (read_part()). Throws Xapian::Error like any read. */
[[nodiscard]] std::optional<RankedPage> rank_matches(const Xapian::Database& db, const std::vector<QueryPart>& parts, const DocSet& matches,
                                                     Xapian::doccount first, Xapian::doccount count, const DocLengths& lengths,
                                                     const KeptPostings& kept);

}  // namespace tracuu::server
