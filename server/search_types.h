/** @file
 *  @brief Plain request and answer types of the read side, independent of HTTP.
 */
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "indexer/budget_index.h"
#include "indexer/filters.h"
#include "indexer/indexed_document.h"
#include "server/revision_cache.h"

namespace tracuu::server {

enum class SortOrder { Relevance, DateDescending, DateAscending };

struct SearchRequest {
    std::string query;
    unsigned page = 1;   ///< 1-based
    unsigned size = 10;  ///< results per page
    indexer::SearchFilters filters;
    SortOrder sort = SortOrder::Relevance;
};

struct SearchHit {
    std::string id;
    std::string title;
    std::string snippet;  ///< HTML-escaped text with <mark> around matched words
    unsigned page = 1;    ///< the page the snippet comes from
    double score = 0;     ///< relevance relative to the best hit, in (0, 1]
    indexer::DocumentFields fields;
    std::string section;  ///< outline path of the snippet's passage, or ""
    bool ocr = false;     ///< some of the text was read by OCR from page images
};

/// One value of a facet and how many matching documents have it.
struct FacetCount {
    std::string value;
    std::uint64_t count = 0;
};

struct Facets {
    std::vector<FacetCount> type, issuer, year, status;
};

struct SearchAnswer {
    std::string query;
    std::uint64_t total = 0;
    /// False when counting stopped at the time limit: `total` is then Xapian's estimate and the
    /// facets count the matches seen until then.
    bool total_exact = true;
    double took_ms = 0;
    unsigned page = 1;
    unsigned size = 10;
    bool relaxed = false;  ///< no document had every word; results match some of them
    std::vector<SearchHit> results;
    Facets facets;  ///< counts over every matching document (when total_exact)
    std::optional<std::string> suggestion;
};

/// Which lines to list; at least one field must be set.
struct BudgetQuery {
    std::string doc_id;
    std::string ref;    ///< a reference key (`57-NQ/TW`)
    int year = 0;
    std::string words;  ///< words of the label, with or without diacritics
};

/// A parent line's stated total against the sum of its children.
struct BudgetCheckView {
    std::string line_id;
    bool ok = false;
    std::int64_t stated_vnd = 0;
    std::int64_t children_sum_vnd = 0;
    std::string message;
};

/// A document that is another file of the same document (`kh13.pdf` beside `kh13.txt`).
struct DocumentCopy {
    std::string doc_id;
    std::string same_as;  ///< the id of the copy kept
};

struct BudgetAnswer {
    std::vector<indexer::StoredBudgetLine> lines;  ///< by document, then text order
    /// Sum of the listed spending lines (revenue lines are listed but not added), counting a
    /// line only when its parent is not listed too, so children never add to their total twice.
    std::int64_t total_vnd = 0;
    std::vector<BudgetCheckView> checks;  ///< the checks of the listed parent lines
    /// Documents whose lines are left out because they are another copy (same number, year and
    /// issuer) of a document whose lines are listed.
    std::vector<DocumentCopy> copies;
};

/// A document named by id and title.
struct DocumentLink {
    std::string id;
    std::string title;
    std::string number;
    std::string date;
};

/// A reference with the corpus document it resolves to, if the corpus holds it.
struct ResolvedReference {
    indexer::Reference reference;
    std::optional<DocumentLink> target;
};

/// One document citing a key.
struct Citing {
    DocumentLink document;
    std::vector<std::string> contexts;
    std::vector<std::string> relations;
    std::size_t count = 0;
    /// Ids of other files of the same document (same number, year and issuer: `kh13.pdf` beside
    /// `kh13.txt`), whose citations are not counted again.
    std::vector<std::string> copies;
};

/// A problem a person should look at: `date`, `typo` or `cue`.
struct ReferenceConflict {
    std::string kind;
    std::string message;
};

/// Everything known about one reference key.
struct KeyAnswer {
    std::string key;
    std::optional<DocumentLink> document;  ///< the corpus document with this identity
    std::vector<Citing> cited_by;
    std::vector<std::string> dates_seen;   ///< distinct dates it was cited with, most frequent first
    std::vector<ReferenceConflict> conflicts;
    std::int64_t budget_total_vnd = 0;     ///< budget lines whose label or sentence cites the key
    std::size_t budget_lines = 0;
};

/// A key in the list of everything cited.
struct KeyEntry {
    std::string key;
    std::uint64_t cited_by = 0;              ///< citing documents
    std::optional<DocumentLink> document;    ///< set when the corpus holds it
};

struct DocumentAnswer {
    std::string id;
    std::string title;
    std::string text;
    std::string source_file;
    std::string source_path;  ///< absolute path of the original file; empty for imports
    std::string format;
    unsigned pages = 1;
    indexer::DocumentFields fields;
    std::vector<indexer::OutlineEntry> outline;
    std::vector<ResolvedReference> references;  ///< what it cites
    std::vector<DocumentLink> cited_by;         ///< who cites it
    BudgetAnswer budget;                        ///< its budget lines and their checks
    bool ocr = false;                           ///< some of the text was read by OCR from page images
};

struct IndexStatus {
    std::uint64_t documents = 0;
    std::uint64_t revision = 0;
    CacheStats answer_cache;      ///< all zero when the index is not cached (shards)
    CacheStats count_cache;
    CacheStats suggestion_cache;
    CacheStats term_set_cache;  ///< capacity in bytes
    CacheStats postings_cache;  ///< capacity in bytes
    CacheStats document_cache;  ///< capacity in bytes
    std::uint64_t warmed = 0;  ///< answers computed ahead by the cache warmer (cache_warmer.h)
};

}  // namespace tracuu::server
