#include "server/match_sets.h"

#include <utility>

#include "server/doc_set_source.h"

namespace tracuu::server {
namespace {

/// Adds every match a MatchSpy sees to a set.
class Collect : public Xapian::MatchSpy {
public:
    explicit Collect(DocSet& into) : m_into(into) {}
    void operator()(const Xapian::Document& doc, double) override { m_into.add(doc.get_docid()); }

private:
    DocSet& m_into;
};

class Evaluator {
public:
    Evaluator(const Xapian::Database& db, DocSetCache* cache, const std::string& revision_key, CountDeadline deadline)
        : m_db(db), m_last(db.get_lastdocid()), m_cache(cache), m_revision_key(revision_key), m_deadline(deadline) {}

    DocSet evaluate(const Xapian::Query& query) {
        switch (query.get_type()) {
            case Xapian::Query::LEAF_TERM: {
                const std::string term = *query.get_terms_begin();
                // A rare term is read again faster than its set is worth keeping: a set costs a
                // bit per document id whatever its size (bench/perf/PROFILE.md, "session 5").
                if (m_cache != nullptr && m_db.get_termfreq(term) < m_last / m_cache->rare_share) return postings(term);
                return cached('t', term, [&](const std::string& t) { return postings(t); });
            }
            case Xapian::Query::LEAF_MATCH_ALL:
                return cached('t', "", [&](const std::string& term) { return postings(term); });
            case Xapian::Query::LEAF_MATCH_NOTHING:
                return DocSet(m_last);
            case Xapian::Query::OP_AND:
            case Xapian::Query::OP_FILTER:
                return combine(query, &DocSet::intersect);
            case Xapian::Query::OP_OR:
            case Xapian::Query::OP_SYNONYM:
            case Xapian::Query::OP_MAX:
                return combine(query, &DocSet::unite);
            case Xapian::Query::OP_AND_NOT: {
                DocSet out = evaluate(query.get_subquery(0));
                for (std::size_t i = 1; i < query.get_num_subqueries() && !out.empty(); ++i) out.subtract(evaluate(query.get_subquery(i)));
                return out;
            }
            case Xapian::Query::OP_AND_MAYBE:
            case Xapian::Query::OP_SCALE_WEIGHT:
                return evaluate(query.get_subquery(0));
            default:
                // Positions, values, expansions: Xapian's matcher decides, sets take its answer.
                return cached('q', query.get_description(), [&](const std::string&) { return matched_by_xapian(query); });
        }
    }

private:
    using Operation = void (DocSet::*)(const DocSet&);

    DocSet combine(const Xapian::Query& query, Operation operation) {
        DocSet out = evaluate(query.get_subquery(0));
        for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) {
            // An empty intersection stays empty: the other terms need not be read.
            if (operation == &DocSet::intersect && out.empty()) break;
            (out.*operation)(evaluate(query.get_subquery(i)));
        }
        return out;
    }

    template <class Make>
    DocSet cached(char kind, const std::string& name, Make make) {
        if (m_cache == nullptr || m_revision_key.empty()) return make(name);
        std::string key = m_revision_key;
        key += kind;
        key += name;
        if (auto found = m_cache->sets.find(key)) return **found;
        auto made = std::make_shared<const DocSet>(make(name));
        m_cache->sets.store(key, made, made->bytes());
        return *made;
    }

    DocSet postings(const std::string& term) const {
        DocSet out(m_last);
        for (auto it = m_db.postlist_begin(term); it != m_db.postlist_end(term); ++it) out.add(*it);
        return out;
    }

    DocSet matched_by_xapian(const Xapian::Query& query) const {
        DocSet out(m_last);
        Collect collect(out);
        Xapian::Enquire enquire(m_db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.add_matchspy(&collect);
        StopAtDeadline stop(m_deadline);
        if (m_deadline != CountDeadline::max()) enquire.add_matchspy(&stop);
        (void)enquire.get_mset(0, 0, m_db.get_doccount());
        return out;
    }

    const Xapian::Database& m_db;
    Xapian::docid m_last;
    DocSetCache* m_cache;
    const std::string& m_revision_key;
    CountDeadline m_deadline;
};

}  // namespace

Xapian::Query within_known_matches(const Xapian::Database& db, const Xapian::Query& query, DocSetCache* cache, const std::string& revision_key,
                                   CountDeadline deadline) {
    const auto matches = std::make_shared<const DocSet>(Evaluator(db, cache, revision_key, deadline).evaluate(query));
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new DocSetSource(matches, query.get_description()))->release()));
}

bool decidable_by_sets(const Xapian::Query& query) {
    if (query.get_type() == Xapian::Query::OP_ELITE_SET) return false;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (!decidable_by_sets(query.get_subquery(i))) return false;
    }
    return true;
}

DocSet matching_documents(const Xapian::Database& db, const Xapian::Query& query, DocSetCache* cache, const std::string& revision_key,
                          CountDeadline deadline) {
    return Evaluator(db, cache, revision_key, deadline).evaluate(query);
}

}  // namespace tracuu::server
