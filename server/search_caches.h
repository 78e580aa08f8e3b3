/** @file
 *  @brief What the searchers of one index remember between requests, per index revision.
 */
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "indexer/indexed_document.h"
#include "server/diacritic_restorer.h"
#include "server/match_sets.h"
#include "server/page_ranker.h"
#include "server/recent_searches.h"
#include "server/revision_tables.h"
#include "server/revision_cache.h"
#include "server/search_types.h"
#include "server/suggester.h"

namespace tracuu::server {

/// What a search result shows of a stored document, read (unzipped and parsed) once per revision.
struct HitDocument {
    std::string id;
    std::string title;
    std::string text;
    indexer::DocumentFields fields;
    std::vector<indexer::OutlineEntry> outline;
    bool ocr = false;

    /// About what it holds in memory, to bound the cache in bytes.
    [[nodiscard]] std::size_t bytes() const {
        std::size_t n = sizeof(HitDocument) + id.size() + title.size() + text.size();
        for (const auto& entry : outline) n += sizeof(entry) + entry.path.size() + entry.heading.size();
        return n + 256;  // the fields' strings, roughly
    }
};

/// The total and facets of one query with its filters: the same on every page and sort order.
struct MatchCounts {
    std::uint64_t total = 0;
    Facets facets;
};

/** The caches one index's searchers share (see Searcher::open). Each is keyed by the index
 *  revision, so an answer is never older than the reader that would recompute it. Only a single
 *  local index has one revision to key with; shards are never cached (a remote one may change
 *  unseen).
 *  - `answers`: whole search answers per request (query, filters, sort, page, size): a query
 *    asked again (the same search from another desk, the back button, the widget's popular
 *    searches) costs a look-up instead of a walk over its matches. Elasticsearch's shard request
 *    cache and Solr's queryResultCache do the same. Pages of more than 20 results are not kept.
 *  - `counts`: totals and facets per query and filters: turning a page or changing the sort
 *    keeps them, so only the page is ranked anew; Xapian may then stop early.
 *  - `suggestions`: completions per typed prefix: every key press repeats the last prefix plus a
 *    letter, and a search box's popular prefixes are few.
 *  - `recent`: the last searches asked whose answers may be kept (pages of up to 20 results),
 *    which a CacheWarmer computes again on each new revision so that a commit does not make
 *    every popular search a first-time one.
 *  - `term_sets`: the documents of each term a query's matching part names, as sets: a new query
 *    made of words asked before on the revision is counted by set algebra (match_sets.h) and
 *    only its page is ranked.
 *  - `postings`: the postings of each word (term or synonym) a new query weighs, with what BM25
 *    needs of them: its page is then ranked from them (page_ranker.h) instead of by Xapian's
 *    matcher walking every match.
 *  - `documents`: the stored documents results show, unzipped and parsed: the documents a
 *    department's searches find are fewer than its searches (in a stream of 3,000 different
 *    searches at 100,000 documents, 73 % of the results had been shown among the last 8,000).
 *  - `surface_forms`: the accented spellings of the words and pairs of unaccented queries, read
 *    for their restoration (diacritic_restorer.h); a fixed number of entries, each a few spellings.
 *  - `tables`: the facet and cited-key tables of the newest revision, built once for all. */
struct SearchCaches {
    /// How much each cache keeps; 0 keeps nothing.
    struct Sizes {
        std::size_t answers = 0;      ///< entries
        std::size_t counts = 0;       ///< entries
        std::size_t suggestions = 0;  ///< entries
        std::size_t recent = 0;       ///< entries
        std::size_t term_set_bytes = 0;
        std::size_t postings_bytes = 0;
        std::size_t document_bytes = 0;
    };

    explicit SearchCaches(const Sizes& sizes)
        : answers(sizes.answers), counts(sizes.counts), suggestions(sizes.suggestions), recent(sizes.recent), term_sets(sizes.term_set_bytes),
          postings(sizes.postings_bytes),
          documents(sizes.document_bytes),
          surface_forms(kSurfaceFormEntries) {}

    /// Words and pairs whose spellings are kept (each a map of at most 64 spellings and counts).
    static constexpr std::size_t kSurfaceFormEntries = 16384;

    RevisionCache<SearchAnswer> answers;
    RevisionCache<MatchCounts> counts;
    RevisionCache<std::vector<Suggestion>> suggestions;
    RecentSearches recent;
    DocSetCache term_sets;
    PartCache postings;
    RevisionCache<std::shared_ptr<const HitDocument>> documents;  ///< costs counted in bytes
    SurfaceFormCache surface_forms;
    RevisionTables tables;
    std::atomic<std::uint64_t> warmed{0};  ///< answers computed ahead of their asking (Searcher::warm)
};

}  // namespace tracuu::server
