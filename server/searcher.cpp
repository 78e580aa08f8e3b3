#include "server/searcher.h"

#include <algorithm>
#include <chrono>

#include "indexer/document_builder.h"
#include "indexer/schema.h"
#include "server/and_maybe_guard.h"
#include "server/match_sets.h"
#include "server/shards.h"
#include "server/snippet.h"

namespace tracuu::server {
namespace {

/// Larger pages are computed each time, so the answer cache's memory stays bounded by its
/// entries. Measured as JSON on the 100k benchmark index: 7–11 kB for an answer of 10 hits,
/// 7–17 kB for 20 (hits, snippets and facets), so about 35 MB for the default 2,048 entries.
constexpr unsigned kMaxCachedPageSize = 20;

/// About two lines of a result list.
constexpr std::size_t kSnippetBytes = 320;

Error index_broken(const Xapian::Error& e) {
    return Error{ErrorCode::Unavailable, "the index could not be read (" + std::string(e.get_type()) + "); try again shortly"};
}

/// Appends a field and a separator no query or filter value holds (they are normalised text).
void append_field(std::string& key, std::string_view field) {
    key += field;
    key += '\x1f';
}

void append_values(std::string& key, const std::vector<std::string>& values) {
    for (const auto& v : values) append_field(key, v);
    key += '\x1e';
}

/// Everything an answer depends on: the request as asked and the revision it is read from
/// (Searcher::revision_key(); "" for a key that holds on every revision).
std::string answer_key(const SearchRequest& request, const std::string& revision) {
    std::string key = revision;
    append_field(key, request.query);
    append_field(key, std::to_string(request.page));
    append_field(key, std::to_string(request.size));
    append_field(key, std::to_string(static_cast<int>(request.sort)));
    const indexer::SearchFilters& f = request.filters;
    for (const auto* values : {&f.types, &f.issuers, &f.years, &f.statuses}) append_values(key, *values);
    append_field(key, f.from);
    append_field(key, f.to);
    return key;
}

/// `ke hoach 13` → `ke hoach`: the words a user has finished typing ("" for one word).
std::string_view before_last_word(std::string_view typed) {
    const auto last = typed.find_last_not_of(" \t");
    if (last == std::string_view::npos) return {};
    const auto space = typed.find_last_of(" \t", last);
    return space == std::string_view::npos ? std::string_view{} : typed.substr(0, space);
}

/// Counts depend on the query and its filters (both in the Xapian query), not on page or sort.
std::string counts_key(const Xapian::Query& query, const std::string& revision) { return revision + query.get_description(); }

}  // namespace

Result<Searcher> Searcher::open(const std::filesystem::path& index_dir) { return open(std::vector<std::string>{index_dir.string()}); }

Result<Searcher> Searcher::open(const std::vector<std::string>& shards, SearchCaches* caches, double count_seconds) {
    Result<Xapian::Database> db = open_shards(shards);
    if (!db.ok()) return db.error();
    const bool local = std::none_of(shards.begin(), shards.end(), [](const std::string& s) { return is_remote(s); });
    // Only one local database has one revision to key the caches with (a folder may be a stub
    // listing several: it then gets none, and its searchers keep their own tables).
    const bool one_database = local && db.value().size() == 1;
    Searcher searcher(std::move(db).value(), local, one_database ? caches : nullptr, count_seconds);
    searcher.m_shards = shards;
    return searcher;
}

Searcher::Searcher(Xapian::Database db, bool local, SearchCaches* caches, double count_seconds)
    : m_db(std::move(db)),
      m_uuid(m_db.get_uuid()),
      m_analyzer(analyzers::AnalysisMode::Index),
      m_query_analyzer(analyzers::AnalysisMode::Query),
      m_local(local),
      m_caches(caches),
      m_count_seconds(count_seconds) {}

std::vector<Suggestion> Searcher::suggest(std::string_view typed, std::size_t size) {
    try {
        std::string key;
        if (m_caches != nullptr && m_caches->suggestions.enabled()) {
            // Without a revision there is no key: the suggestions are computed.
            if (const std::string revision = revision_key(); !revision.empty()) {
                key = revision + std::to_string(size) + '\n' + std::string(typed);
                if (auto cached = m_caches->suggestions.find(key)) return std::move(*cached);
            }
        }
        // Over remote shards the table would be read term by term through the network (1.4 s at
        // 100,000 documents, measured over loopback) after each commit: no reference suggestions.
        const std::shared_ptr<const CitedKeyTable> keys = m_local ? cited_key_table() : nullptr;
        const std::string_view done = before_last_word(typed);
        const std::optional<std::string> restored = done.empty() ? std::nullopt : restore(done);
        std::vector<Suggestion> suggestions =
            server::suggest(m_db, m_query_analyzer, typed, size, SuggestHelp{keys.get(), restored.value_or("")});
        if (!key.empty()) m_caches->suggestions.store(key, suggestions);
        return suggestions;
    } catch (const Xapian::Error&) {
        return {};  // suggestions are a convenience: a reader hiccup must not surface as an error
    }
}

void Searcher::refresh() {
    try {
        bool changed = m_db.reopen();
        // An index rebuilt in place (tracuu-index --rebuild) is another database that counts its
        // revisions from 1 again: when it reaches the revision open, reopen() keeps reading the
        // old one's tables (Xapian 1.4.22), so a new uuid opens it anew.
        if (const std::string uuid = m_db.get_uuid(); uuid != m_uuid && !m_shards.empty()) {
            Result<Xapian::Database> fresh = open_shards(m_shards);
            if (!fresh.ok()) return;
            m_db = std::move(fresh).value();
            m_uuid = m_db.get_uuid();
            changed = true;
        }
        if (changed) {
            m_facet_table.reset();
            m_cited_keys.reset();
        }
    } catch (const Xapian::Error&) {
        // The next query reports the problem; a failed reopen leaves the old revision readable.
    }
}

Result<SearchAnswer> Searcher::search(const SearchRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    std::string key;
    if (m_caches != nullptr && m_caches->answers.enabled() && request.size <= kMaxCachedPageSize) {
        // Without a revision there is no key: the answer is computed.
        if (const std::string revision = revision_key(); !revision.empty()) key = answer_key(request, revision);
    }
    if (!key.empty()) {
        m_caches->recent.note(answer_key(request, ""), request);
        if (auto cached = m_caches->answers.find(key)) {
            cached->took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            return std::move(*cached);
        }
    }
    Result<SearchAnswer> answer = compute(request);
    // An estimate is not kept: the same search may be counted in full when the server is less busy.
    if (!key.empty() && answer.ok() && answer.value().total_exact) {
        // Keyed by the revision read, which is newer than the one looked up when a commit made
        // compute() reopen the index (as in warm()).
        if (const std::string read_revision = revision_key(); !read_revision.empty()) m_caches->answers.store(answer_key(request, read_revision), answer.value());
    }
    return answer;
}

bool Searcher::warm(const SearchRequest& request) {
    if (m_caches == nullptr || !m_caches->answers.enabled() || request.size > kMaxCachedPageSize) return false;
    const std::string open_revision = revision_key();
    if (open_revision.empty()) return false;
    const std::string key = answer_key(request, open_revision);
    if (m_caches->answers.contains(key)) return false;
    Result<SearchAnswer> answer = compute(request);
    if (!answer.ok() || !answer.value().total_exact) return false;
    // compute() reopens the index when a commit overwrote what it was reading: key the answer by
    // the revision it was read from.
    const std::string read_revision = revision_key();
    if (read_revision.empty()) return false;
    m_caches->answers.store(answer_key(request, read_revision), std::move(answer).value());
    ++m_caches->warmed;
    return true;
}

void Searcher::prepare_tables() {
    if (!m_local) return;
    try {
        (void)facet_table();
        (void)cited_key_table();
        if (m_caches != nullptr) (void)m_caches->tables.lengths.get(revision(), m_db);
    } catch (const Xapian::Error&) {
        // The request that needs a table meets the problem and reports it.
    }
}

std::shared_ptr<const FacetTable> Searcher::facet_table() {
    if (m_caches != nullptr) return m_caches->tables.facets.get(revision(), m_db);
    if (!m_facet_table) m_facet_table = FacetTable::build(m_db);
    return m_facet_table;
}

std::shared_ptr<const CitedKeyTable> Searcher::cited_key_table() {
    if (m_caches != nullptr) return m_caches->tables.cited_keys.get(revision(), m_db);
    if (!m_cited_keys) m_cited_keys = CitedKeyTable::build(m_db);
    return m_cited_keys;
}

std::string Searcher::revision_key() const {
    try {
        return m_db.get_uuid() + '@' + std::to_string(m_db.get_revision()) + '\n';
    } catch (const Xapian::Error&) {
        return "";
    }
}

Xapian::rev Searcher::revision() const {
    try {
        return m_db.get_revision();
    } catch (const Xapian::Error&) {
        return 0;
    }
}

Result<SearchAnswer> Searcher::compute(const SearchRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    // A limit in nanoseconds past kMaxCountSeconds would overflow the clock and land in the past.
    const CountDeadline deadline =
        m_count_seconds > 0 && m_count_seconds <= kMaxCountSeconds
            ? started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(m_count_seconds))
            : CountDeadline::max();
    std::optional<std::string> restored;
    try {
        restored = restore(request.query);
    } catch (const Xapian::Error&) {
        // A restoration is a convenience: search the query as typed.
    }
    SearchAnswer answer;
    answer.query = request.query;
    answer.suggestion = restored;
    answer.page = request.page;
    answer.size = request.size;
    const Xapian::doccount offset = (request.page - 1) * request.size;
    Result<Xapian::Query> url_filter = indexer::filter_query(request.filters);
    if (!url_filter.ok()) return url_filter.error();
    const auto filtered = [&](const Xapian::Query& q) {
        if (url_filter.value().empty()) return q;
        return Xapian::Query(Xapian::Query::OP_FILTER, q, url_filter.value());
    };
    const SearchAnswer blank = answer;
    for (int attempt = 0;; ++attempt) {
        try {
            // Built against the index (the spellings of unaccented pairs), so inside the retry.
            const std::string& text = restored ? *restored : request.query;
            bool has_phrase = false;
            Result<indexer::ParsedQuery> parsed = m_queries.build(text, m_db, [&](const Xapian::Query& phrase) {
                has_phrase = true;
                return phrase;
            });
            if (!parsed.ok()) return parsed.error();
            indexer::ParsedQuery ranked = parsed.value();
            if (has_phrase && sets_enabled()) {
                // The same query, each phrase restricted to its matches, kept as sets: Xapian then
                // tests positions only where the phrase is known to match (bench/perf/PROFILE.md).
                const std::string revision = revision_key();
                try {
                    auto restricted = m_queries.build(text, m_db, [&](const Xapian::Query& phrase) {
                        return within_known_matches(m_db, phrase, &m_caches->term_sets, revision, deadline);
                    });
                    if (restricted.ok()) ranked = std::move(restricted).value();
                } catch (const MatchingTimedOut&) {
                    // A phrase too slow to match in full: rank with the plain query.
                }
            }
            RankedPage page = run(filtered(parsed.value().query), filtered(ranked.query), request, offset, deadline, answer);
            if (answer.total == 0) {
                page = run(filtered(parsed.value().relaxed), filtered(ranked.relaxed), request, offset, deadline, answer);
                answer.relaxed = answer.total > 0;
            }
            fill_hits(page, parsed.value(), answer);
            answer.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            return answer;
        } catch (const Xapian::DatabaseModifiedError& e) {
            // Later commits overwrote the revision being read: Xapian's recovery is to reopen and
            // read again, once; a second time, the index is changing too fast to answer now.
            if (attempt > 0) return index_broken(e);
            try {
                m_db.reopen();
            } catch (const Xapian::Error& reopen_error) {
                return index_broken(reopen_error);
            }
            m_facet_table.reset();
            m_cited_keys.reset();
            answer = blank;
        } catch (const Xapian::Error& e) {
            return index_broken(e);
        }
    }
}

std::optional<std::string> Searcher::restore(std::string_view query) const {
    if (m_caches == nullptr) return m_restorer.restore(m_db, query);
    return m_restorer.restore(m_db, query, &m_caches->surface_forms, revision_key());
}

bool Searcher::sets_enabled() const { return m_caches != nullptr && m_caches->term_sets.sets.enabled(); }

RankedPage Searcher::run(const Xapian::Query& query, const Xapian::Query& ranked, const SearchRequest& request, Xapian::doccount offset,
                         CountDeadline deadline, SearchAnswer& answer) {
    answer.total_exact = true;
    Xapian::Enquire enquire(m_db);
    // Pages stop early once their best matches are certain: guarded against Xapian's skip.
    enquire.set_query(guard_and_maybe(ranked));
    if (request.sort != SortOrder::Relevance) {
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, request.sort == SortOrder::DateDescending);
    }
    if (m_local) {
        // Searchers with caches read one database (open()), which has a revision to key them with.
        const std::string revision = m_caches != nullptr ? revision_key() : "";
        const std::string key = !revision.empty() && m_caches->counts.enabled() ? counts_key(query, revision) : "";
        if (!key.empty()) {
            if (auto counts = m_caches->counts.find(key)) {
                answer.total = counts->total;
                answer.facets = std::move(counts->facets);
                return page_alone(enquire, query, ranked, request, offset, deadline, nullptr);
            }
        }
        const std::shared_ptr<const FacetTable> table = facet_table();
        if (sets_enabled() && decidable_by_sets(query)) {
            try {
                // Counted by set algebra over the sets of the query's terms, most of them kept
                // from earlier queries; only the page is ranked. With every set to read, this
                // costs what the exact pass below costs; with them kept, half (PROFILE.md).
                const DocSet matches = matching_documents(m_db, query, &m_caches->term_sets, revision, deadline);
                answer.total = matches.count();
                answer.facets = table->facets(matches);
                if (!key.empty()) m_caches->counts.store(key, MatchCounts{answer.total, answer.facets});
                return page_alone(enquire, query, ranked, request, offset, deadline, &matches);
            } catch (const MatchingTimedOut&) {
                // A part too slow to match in full: the pass below counts within the time limit.
            }
        }
        // Facet counts and the total are exact only if every match is seen (check_at_least =
        // doccount). One ranked pass over every match costs less than an unweighted counting pass
        // plus a ranked pass that stops early (measured: bench/perf/PROFILE.md); what made the
        // walk expensive was reading four values per match, which the FacetTable replaces.
        FacetTable::Spy spy(*table);
        StopAtDeadline stop(deadline);
        enquire.add_matchspy(&spy);
        enquire.add_matchspy(&stop);  // after the facets: a match it stops at is counted there
        try {
            Xapian::MSet mset = enquire.get_mset(offset, request.size, m_db.get_doccount());
            answer.total = mset.get_matches_estimated();
            answer.facets = table->facets(spy);
            if (!key.empty()) m_caches->counts.store(key, MatchCounts{answer.total, answer.facets});
            return page_of(mset);
        } catch (const MatchingTimedOut&) {
            // Too many matches to count in time: the page alone, Xapian's estimate of the total
            // (at least the matches seen) and the facets of those, said to be so.
            enquire.clear_matchspies();
            Xapian::MSet mset = enquire.get_mset(offset, request.size);
            answer.total = std::max<std::uint64_t>(mset.get_matches_estimated(), spy.seen());
            answer.total_exact = false;
            answer.facets = table->facets(spy);
            return page_of(mset);
        }
    }
    Xapian::ValueCountMatchSpy types(schema::kSlotType), issuers(schema::kSlotIssuer), years(schema::kSlotYear), statuses(schema::kSlotStatus);
    // Remote shards run the match themselves, with Xapian's spies: no deadline (see StopAtDeadline).
    for (auto* spy : {&types, &issuers, &years, &statuses}) enquire.add_matchspy(spy);
    Xapian::MSet mset = enquire.get_mset(offset, request.size, m_db.get_doccount());
    answer.total = mset.get_matches_estimated();
    answer.facets = facets_of(types, issuers, years, statuses);
    return page_of(mset);
}

RankedPage Searcher::page_alone(Xapian::Enquire& enquire, const Xapian::Query& query, const Xapian::Query& ranked, const SearchRequest& request,
                                Xapian::doccount offset, CountDeadline deadline, const DocSet* matches) {
    const std::optional<std::vector<QueryPart>> parts =
        request.sort == SortOrder::Relevance && m_caches != nullptr && m_caches->postings.parts.enabled() ? weighted_parts(ranked) : std::nullopt;
    if (parts) {
        try {
            // `ranked` differs from `query` only by its phrases restricted to their known
            // matches: the same matches, so those of `query` are the ones ranked.
            const std::string revision = revision_key();
            std::optional<DocSet> counted;
            if (matches == nullptr) counted = matching_documents(m_db, query, &m_caches->term_sets, revision, deadline);
            const std::shared_ptr<const DocLengths> lengths = m_caches->tables.lengths.get(this->revision(), m_db);
            const KeptPostings kept{&m_caches->postings, &m_caches->term_sets, revision, deadline};
            std::optional<RankedPage> page = rank_matches(m_db, *parts, matches != nullptr ? *matches : *counted, offset, request.size, *lengths, kept);
            if (page) return std::move(*page);
        } catch (const MatchingTimedOut&) {
            // A filter too slow to match in full (a date range): Xapian ranks the page within its limit.
        }
    }
    return page_of(enquire.get_mset(offset, request.size));
}

RankedPage Searcher::page_of(const Xapian::MSet& mset) {
    RankedPage page;
    page.best = mset.get_max_attained();
    for (auto it = mset.begin(); it != mset.end(); ++it) page.hits.push_back(RankedDoc{*it, it.get_weight()});
    return page;
}

std::shared_ptr<const HitDocument> Searcher::hit_document(Xapian::docid id) {
    std::string key;
    if (m_caches != nullptr && m_caches->documents.enabled()) {
        if (const std::string revision = revision_key(); !revision.empty()) {
            key = revision + std::to_string(id);
            if (auto found = m_caches->documents.find(key)) return *found;
        }
    }
    indexer::IndexedDocument doc = indexer::read_document(m_db.get_document(id));
    auto hit = std::make_shared<const HitDocument>(
        HitDocument{std::move(doc.id), std::move(doc.title), std::move(doc.text), std::move(doc.fields), std::move(doc.outline), doc.ocr});
    if (!key.empty()) m_caches->documents.store(key, hit, hit->bytes());
    return hit;
}

void Searcher::fill_hits(const RankedPage& page, const indexer::ParsedQuery& searched, SearchAnswer& answer) {
    answer.results.clear();
    for (const RankedDoc& ranked : page.hits) {
        const std::shared_ptr<const HitDocument> doc = hit_document(ranked.id);
        const Snippet snippet = make_snippet(doc->text, searched.highlight, m_analyzer, kSnippetBytes, searched.highlight_exact);
        SearchHit hit{doc->id, doc->title, snippet.html, snippet.page, page.best > 0 ? ranked.weight / page.best : 0, doc->fields,
                      indexer::outline_path_at(doc->outline, snippet.offset), doc->ocr};
        answer.results.push_back(std::move(hit));
    }
}

Result<DocumentAnswer> Searcher::document(const std::string& id) {
    const std::string term = std::string(schema::kId) + id;
    try {
        Xapian::PostingIterator it = m_db.postlist_begin(term);
        if (it == m_db.postlist_end(term)) return Error{ErrorCode::NotFound, "no document with id \"" + id + "\""};
        const indexer::IndexedDocument doc = indexer::read_document(m_db.get_document(*it));
        DocumentAnswer answer{doc.id, doc.title, doc.text, doc.source_file, doc.source_path, doc.format, doc.pages, doc.fields, doc.outline, {}, {}, {}, doc.ocr};
        if (auto refs = server::references_of(m_db, id); refs.ok()) answer.references = std::move(refs).value();
        answer.cited_by = server::cited_by(m_db, doc.fields);
        if (auto lines = find_budget(m_db, BudgetQuery{id, "", 0, ""}); lines.ok()) answer.budget = std::move(lines).value();
        return answer;
    } catch (const Xapian::Error& e) {
        return index_broken(e);
    }
}

Result<std::vector<ResolvedReference>> Searcher::references(const std::string& id) {
    try {
        return server::references_of(m_db, id);
    } catch (const Xapian::Error& e) {
        return index_broken(e);
    }
}

Result<KeyAnswer> Searcher::reference(const std::string& key) {
    try {
        Result<KeyAnswer> answer = server::reference(m_db, key);
        if (!answer.ok()) return answer;
        if (auto lines = find_budget(m_db, BudgetQuery{"", answer.value().key, 0, ""}); lines.ok()) {
            answer.value().budget_total_vnd = lines.value().total_vnd;
            answer.value().budget_lines = lines.value().lines.size();
        }
        return answer;
    } catch (const Xapian::Error& e) {
        return index_broken(e);
    }
}

Result<std::vector<KeyEntry>> Searcher::list_references(const std::string& contains, bool unresolved_only, std::size_t limit,
                                                        const std::string& type) {
    try {
        return server::list_references(m_db, contains, unresolved_only, limit, type);
    } catch (const Xapian::Error& e) {
        return index_broken(e);
    }
}

Result<BudgetAnswer> Searcher::budget(const BudgetQuery& query) {
    try {
        return find_budget(m_db, query);
    } catch (const Xapian::Error& e) {
        return index_broken(e);
    }
}

IndexStatus Searcher::status() const {
    IndexStatus status{m_db.get_termfreq(std::string(schema::kKind) + std::string(schema::kKindDocument)), revision(), {}, {}, {}, {}, {}, {}, 0};
    if (m_caches != nullptr) {
        status.answer_cache = m_caches->answers.stats();
        status.warmed = m_caches->warmed.load();
        status.count_cache = m_caches->counts.stats();
        status.suggestion_cache = m_caches->suggestions.stats();
        status.term_set_cache = m_caches->term_sets.sets.stats();
        status.postings_cache = m_caches->postings.parts.stats();
        status.document_cache = m_caches->documents.stats();
    }
    return status;
}

}  // namespace tracuu::server
