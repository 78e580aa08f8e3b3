/** @file
 *  @brief The read side: one Xapian database, queries, snippets, documents.
 */
#pragma once

#include <xapian.h>

#include <filesystem>
#include <set>
#include <string>

#include "analyzers/analyzer.h"
#include "indexer/error.h"
#include "indexer/query_builder.h"
#include "server/budget_reader.h"
#include "server/count_deadline.h"
#include "server/diacritic_restorer.h"
#include "server/facet_counter.h"
#include "server/page_ranker.h"
#include "server/reference_reader.h"
#include "server/search_caches.h"
#include "server/search_types.h"
#include "server/suggester.h"

namespace tracuu::server {

/** Answers searches and document look-ups from one index folder.
 *
 *  Holds its own Xapian::Database, so a Searcher must be used by one thread at a time (see
 *  SearcherPool). refresh() picks up what the indexer has committed since.
 */
class Searcher {
public:
    /// Opens the index; Unavailable if the folder holds no tracuu index.
    static Result<Searcher> open(const std::filesystem::path& index_dir);
    /** Opens several shards as one index (see open_shards() in shards.h). With one local folder
     *  holding one database, `caches` (if given, shared by the searchers of that index and
     *  outliving them) keep answers, counts and suggestions of recent requests
     *  (search_caches.h); shards (or a folder that is a stub listing several) are never cached.
     *  A search spends at most about `count_seconds` counting its matches (> 0; more than a day
     *  means no limit) in the parts Xapian matches (phrases…; words are counted from their
     *  postings without one); past that its
     *  answer says the total is an estimate (SearchAnswer::total_exact) and nothing is cached.
     *  Over remote shards, which run the match themselves, counting has no time limit. */
    static Result<Searcher> open(const std::vector<std::string>& shards, SearchCaches* caches = nullptr,
                                 double count_seconds = kDefaultCountSeconds);

    static constexpr double kDefaultCountSeconds = 2.0;
    /// Longer than this (a day) is no limit: more would overflow the clock's nanoseconds.
    static constexpr double kMaxCountSeconds = 86400.0;

    /** Runs a query. When no document has every word, runs the relaxed form (any word) and says
     *  so. A query typed without any diacritic is searched in its restored form (see
     *  DiacriticRestorer), which the answer offers as `suggestion`.
     *  Errors: InvalidArgument for a query without words; Unavailable if the index broke. */
    [[nodiscard]] Result<SearchAnswer> search(const SearchRequest& request);

    /** Computes the answer to `request` on the open revision and keeps it in the answer cache,
     *  unless it is kept already or cannot be (no cache, a page too large, shards); counts
     *  neither a hit nor a miss of the answer cache (the count cache counts as for a search) and
     *  does not note the search as asked. True when it computed and kept an answer. */
    bool warm(const SearchRequest& request);

    /// The revision open, 0 when it has none (several shards; a health check must not fail) or cannot be read.
    [[nodiscard]] Xapian::rev revision() const;
    /** Names the revision open in the caches' keys: with the database's uuid, since an index
     *  rebuilt in place counts its revisions from 1 again. "" when it cannot be read. */
    [[nodiscard]] std::string revision_key() const;

    /** Builds the facet and cited-key tables of the open revision into the shared caches, if
     *  they are not there yet, so that requests find them (the cache warmer's first step). */
    void prepare_tables();

    /// The document with this id, with its resolved references and who cites it; NotFound if there is none.
    [[nodiscard]] Result<DocumentAnswer> document(const std::string& id);

    /// The references of one document, each resolved against the corpus (reference_reader.h).
    [[nodiscard]] Result<std::vector<ResolvedReference>> references(const std::string& id);
    /// Everything about one reference key (reference_reader.h).
    [[nodiscard]] Result<KeyAnswer> reference(const std::string& key);
    /// Cited keys containing `contains`, of a document type if `type` is not empty (reference_reader.h).
    [[nodiscard]] Result<std::vector<KeyEntry>> list_references(const std::string& contains, bool unresolved_only, std::size_t limit,
                                                                const std::string& type = "");

    /// Completions for a partly typed query (see suggest() in suggester.h); empty on index errors.
    /// Served from the suggestion cache when this revision already answered the same prefix.
    /// Reference suggestions only when every shard is a local folder.
    [[nodiscard]] std::vector<Suggestion> suggest(std::string_view typed, std::size_t size);

    /// Budget lines by document, reference, year or words (budget_reader.h).
    [[nodiscard]] Result<BudgetAnswer> budget(const BudgetQuery& query);

    [[nodiscard]] IndexStatus status() const;

    /// Reopens the database at its latest committed revision (cheap when nothing changed).
    void refresh();

private:
    Searcher(Xapian::Database db, bool local, SearchCaches* caches, double count_seconds);
    /// The answer, computed: search() without the answer cache.
    Result<SearchAnswer> compute(const SearchRequest& request);
    /** Runs one query, filling answer's total and facets (counted on `query`, exact unless the
     *  time limit cut the count short: then total_exact is false); returns the
     *  requested page of matches of `ranked`, which must match the same documents (`query` itself,
     *  or `query` with its phrases restricted to their known matches: see within_known_matches()). */
    RankedPage run(const Xapian::Query& query, const Xapian::Query& ranked, const SearchRequest& request, Xapian::doccount offset,
                   CountDeadline deadline, SearchAnswer& answer);
    /** The page of `ranked` when its matches are counted already (`matches`, when known): ranked
     *  from the kept postings when the order is by relevance and its weight a sum of BM25 parts
     *  (page_ranker.h), else by `enquire` (set to `ranked`), which may stop early. */
    RankedPage page_alone(Xapian::Enquire& enquire, const Xapian::Query& query, const Xapian::Query& ranked, const SearchRequest& request,
                          Xapian::doccount offset, CountDeadline deadline, const DocSet* matches);
    static RankedPage page_of(const Xapian::MSet& mset);
    /// The query with its diacritics restored (DiacriticRestorer), with the spellings kept per revision.
    [[nodiscard]] std::optional<std::string> restore(std::string_view query) const;
    /// Queries are counted with the term sets kept in the caches (one local index with room for them).
    [[nodiscard]] bool sets_enabled() const;
    /// The facet table of the open revision: the one the caches share, else this searcher's own.
    std::shared_ptr<const FacetTable> facet_table();
    /// The cited-key table of the open revision, likewise.
    std::shared_ptr<const CitedKeyTable> cited_key_table();
    /// Turns a page of matches into hits with snippets marking the words searched for.
    void fill_hits(const RankedPage& page, const indexer::ParsedQuery& searched, SearchAnswer& answer);
    /// What a result shows of the document with this Xapian id: from the document cache, or read.
    std::shared_ptr<const HitDocument> hit_document(Xapian::docid id);

    Xapian::Database m_db;
    std::string m_uuid;                ///< of m_db as opened: another one is an index rebuilt in place
    std::vector<std::string> m_shards;  ///< what open() opened, to open again after a rebuild
    indexer::QueryBuilder m_queries;
    analyzers::Analyzer m_analyzer;        ///< Index mode: snippets see the words as the index did
    analyzers::Analyzer m_query_analyzer;  ///< Query mode: suggestions read the words as typed
    DiacriticRestorer m_restorer;
    /// Every shard is a folder: facets are counted with a FacetTable (remote shards need
    /// Xapian's serialisable spies instead).
    bool m_local = true;
    /// Without caches (several shards): this searcher's tables of the open revision, null until needed.
    std::shared_ptr<const FacetTable> m_facet_table;
    std::shared_ptr<const CitedKeyTable> m_cited_keys;
    SearchCaches* m_caches = nullptr;  ///< null: every request is computed anew
    double m_count_seconds;            ///< Xapian's time limit for counting one query's matches
};

}  // namespace tracuu::server
