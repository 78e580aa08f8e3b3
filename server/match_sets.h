/** @file
 *  @brief The set of documents a query matches, by set algebra over the postings of its terms.
 */
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>

#include "server/count_deadline.h"
#include "server/doc_set.h"
#include "server/revision_cache.h"

namespace tracuu::server {

/** Sets of one term's documents (and of the subqueries read through Xapian's matcher), per index
 *  revision, bounded by their size in bytes. A new query made of words asked before on the same
 *  revision is then counted without reading their postings again: the common words of a province's
 *  documents are few, and each sits in tens of thousands of them. Solr's filterCache keeps such
 *  sets for its filter queries; here every term of a query's matching part is one, except rare
 *  terms (`rare_share`), read again faster than their set is worth keeping. Thread-safe. */
struct DocSetCache {
    explicit DocSetCache(std::size_t bytes, Xapian::docid rare = 1024) : sets(bytes), rare_share(std::max<Xapian::docid>(rare, 1)) {}
    RevisionCache<std::shared_ptr<const DocSet>> sets;  ///< costs counted in bytes
    /// Terms in fewer than 1 of this many document ids are not kept (at 100,000 documents: read
    /// in under 5 µs, where a set costs 39 kB; measured in bench/perf/PROFILE.md); at least 1.
    Xapian::docid rare_share;
};

/** Whether matching_documents() finds exactly Xapian's matches for `query`: false when it holds
 *  an OP_ELITE_SET, whose choice of terms depends on their weights in the whole query. */
[[nodiscard]] bool decidable_by_sets(const Xapian::Query& query);

/** The documents of `db` (as open) that `query` matches: the ids Xapian's matcher would count for
 *  it with an exact count, so the total is their number (when decidable_by_sets(query)). AND,
 *  OR, SYNONYM, MAX, AND_NOT, AND_MAYBE (its left side), FILTER and SCALE_WEIGHT are set
 *  operations over the postings of the terms; what sets cannot decide (phrases, value ranges,
 *  wildcards…) is matched by Xapian without weights and its matches enter the algebra as a set,
 *  kept under the subquery's description. With `cache` (and a key naming the revision read,
 *  `revision_key`), sets are looked up and kept there. A part Xapian matches that is still being
 *  matched at `deadline` throws MatchingTimedOut (and nothing incomplete is kept).
 *  A set has a bit per document id up to the database's last one, Xapian documents of budget
 *  lines included: about 39 kB per 100,000 text documents of the generated corpus.
 *  Throws Xapian::Error like any read, DatabaseModifiedError included. */
[[nodiscard]] DocSet matching_documents(const Xapian::Database& db, const Xapian::Query& query, DocSetCache* cache = nullptr,
                                        const std::string& revision_key = "", CountDeadline deadline = CountDeadline::max());

/** `query` (a phrase, or any query matching_documents() decides) restricted to the documents it
 *  matches, as a posting list over their set (kept in `cache` like the others): the same
 *  matches, and Xapian tests positions only where the phrase is known to match instead of in
 *  every document holding its words (a phrase under an OR: an abbreviation's long form, `khoa
 *  học công nghệ`). Weights are those of the plain query up to the last digits (the order of a
 *  sum), except where Xapian 1.4 credits a phrase under an OR to a document that has its words
 *  but not the phrase: the restricted query does not (bench/perf/PROFILE.md, "session 5").
 *  Not for use under an OP_SYNONYM (Xapian cannot estimate a posting source's frequency there),
 *  and for `db` alone: the restriction names its document ids, which differ in a database of
 *  several shards. `deadline` as for matching_documents(). */
[[nodiscard]] Xapian::Query within_known_matches(const Xapian::Database& db, const Xapian::Query& query, DocSetCache* cache,
                                                 const std::string& revision_key, CountDeadline deadline = CountDeadline::max());

}  // namespace tracuu::server
