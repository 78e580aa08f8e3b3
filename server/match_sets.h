/** @file
 *  @brief The set of documents a query matches, by set algebra over the postings of its terms.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>

#include "server/doc_set.h"
#include "server/revision_cache.h"

namespace tracuu::server {

/** Sets of one term's documents (and of the subqueries read through Xapian's matcher), per index
 *  revision, bounded by their size in bytes. A new query made of words asked before on the same
 *  revision is then counted without reading their postings again: the common words of a province's
 *  documents are few, and each sits in tens of thousands of them. Solr's filterCache keeps such
 *  sets for its filter queries; here every term of a query's matching part is one. Thread-safe. */
struct DocSetCache {
    explicit DocSetCache(std::size_t bytes) : sets(bytes) {}
    RevisionCache<std::shared_ptr<const DocSet>> sets;  ///< costs counted in bytes
};

/** The documents of `db` (as open) that `query` matches: the ids Xapian's matcher would count for
 *  it with an exact count, so the total is their number. AND, OR, SYNONYM, MAX, AND_NOT,
 *  AND_MAYBE (its left side), FILTER and SCALE_WEIGHT are set operations over the postings of
 *  the terms; what sets cannot decide (phrases, value ranges, wildcards…) is matched by Xapian
 *  without weights and its matches enter the algebra as a set. With `cache` (and a key naming the
 *  revision read, `revision_key`), term sets are looked up and kept there.
 *  Throws Xapian::Error like any read, DatabaseModifiedError included. */
[[nodiscard]] DocSet matching_documents(const Xapian::Database& db, const Xapian::Query& query, DocSetCache* cache = nullptr,
                                        const std::string& revision_key = "");

/** `query` restricted to the documents it matches (as matching_documents() finds them, with the
 *  same cache): the same matches with the same weights, but Xapian tests positions only where
 *  they are known to match. A phrase under an OR (an abbreviation's long form, `khoa học công
 *  nghệ`) is otherwise tested in every document holding its words. For `db` alone: the
 *  restriction names its document ids, which differ in a database of several shards. */
[[nodiscard]] Xapian::Query within_known_matches(const Xapian::Database& db, const Xapian::Query& query, DocSetCache* cache,
                                                 const std::string& revision_key);

}  // namespace tracuu::server
