#include "server/bm25_parts.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "server/doc_set_source.h"

namespace tracuu::server {
namespace {

using bm25::kB;
using bm25::kK1;
using bm25::kMinNormlen;

/// The factor of an OP_SCALE_WEIGHT query, which Xapian 1.4 shows only in its description:
/// `Query(0.2999999999999999889 * …)`, printed with enough digits to read back exactly.
std::optional<double> scale_factor(const Xapian::Query& query) {
    const std::string description = query.get_description();
    constexpr std::string_view kOpening = "Query(";
    const std::size_t times = description.find(" * ");
    if (description.rfind(kOpening, 0) != 0 || times == std::string::npos) return std::nullopt;
    double factor = 0;
    const char* end = description.data() + times;
    const auto [stop, error] = std::from_chars(description.data() + kOpening.size(), end, factor);  // whatever the locale
    if (error != std::errc() || stop != end || !std::isfinite(factor) || factor < 0) return std::nullopt;
    return factor;
}

/** Whether a term query has a wqf of 1, which Xapian's BM25 weighs as read_part() does (k3 = 1
 *  multiplies by 2·wqf / (1 + wqf)). The wqf shows only in the description, after the term as
 *  Xapian escapes it: `Query(term#3@2)`, where a wqf of 1 gives `Query(term@2)` or `Query(term)`. */
bool weighs_once(const Xapian::Query& term) {
    const std::string description = term.get_description();
    std::string opening = Xapian::Query(*term.get_terms_begin()).get_description();
    opening.pop_back();  // its closing parenthesis
    return description.rfind(opening, 0) == 0 && description.size() > opening.size() && description[opening.size()] != '#';
}

/// Whether `query` matches exactly where a part it is (or scales) is in a document.
bool is_part(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::LEAF_MATCH_NOTHING:
            return true;
        case Xapian::Query::OP_SCALE_WEIGHT:
            return is_part(query.get_subquery(0));
        default:
            return false;
    }
}

/// The parts found so far, and the conditions of the subquery being walked.
struct Collection {
    std::vector<QueryPart> parts;
    std::vector<Xapian::Query> conditions;
    std::vector<std::size_t> scopes;  ///< an id per condition pushed, for QueryPart::scope
    std::size_t pushed = 0;

    void add(const Xapian::Query& query, double factor) {
        if (factor != 0) parts.push_back(QueryPart{query, factor, conditions, scopes.empty() ? 0 : scopes.back()});
    }
};

bool collect_parts(const Xapian::Query& query, double factor, Collection& into);

/** A phrase restricted to its matches, as within_known_matches() writes it: the phrase filtered
 *  by a posting source over the documents where it matches. Where it matches, Xapian weighs it
 *  as the AND of its words. A bare phrase is not such a sum: under an OR, Xapian 1.4 also credits
 *  it to documents that hold its words without the phrase (bench/perf/PROFILE.md, "session 5"). */
bool is_restricted_phrase(const Xapian::Query& query) {
    return query.get_type() == Xapian::Query::OP_FILTER && query.get_num_subqueries() == 2 &&
           query.get_subquery(0).get_type() == Xapian::Query::OP_PHRASE &&
           query.get_subquery(1).get_type() == Xapian::Query::LEAF_POSTING_SOURCE;
}

/** Whether `query` matches wherever one of the parts in it weighs: a part, or an OR of such
 *  (the parts under an AND in it weigh only where that AND matches, their own condition). Such a
 *  subquery needs no condition of its own; testing one, an OR of 60 words, for every part under it
 *  was most of a long query's ranking. */
bool matches_where_its_parts_weigh(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::OP_SCALE_WEIGHT:
            return matches_where_its_parts_weigh(query.get_subquery(0));
        case Xapian::Query::OP_OR:
            return true;
        default:
            return is_part(query);
    }
}

/// A subquery that weighs only where it matches, which its parent's matching does not imply.
bool collect_optional(const Xapian::Query& query, double factor, Collection& into) {
    if (matches_where_its_parts_weigh(query)) return collect_parts(query, factor, into);
    into.conditions.push_back(query);
    into.scopes.push_back(++into.pushed);
    const bool collected = collect_parts(query, factor, into);
    into.conditions.pop_back();
    into.scopes.pop_back();
    return collected;
}

bool collect_parts(const Xapian::Query& query, double factor, Collection& into) {
    const std::size_t subqueries = query.get_num_subqueries();
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
            if (!weighs_once(query)) return false;
            into.add(query, factor);
            return true;
        case Xapian::Query::OP_SYNONYM:
            for (std::size_t i = 0; i < subqueries; ++i) {
                const Xapian::Query term = query.get_subquery(i);
                if (term.get_type() != Xapian::Query::LEAF_TERM || !weighs_once(term)) return false;
            }
            into.add(query, factor);
            return true;
        case Xapian::Query::LEAF_MATCH_NOTHING:
            return true;
        case Xapian::Query::OP_AND:
            // Where an AND matches, every side does.
            for (std::size_t i = 0; i < subqueries; ++i) {
                if (!collect_parts(query.get_subquery(i), factor, into)) return false;
            }
            return true;
        case Xapian::Query::OP_OR:
            for (std::size_t i = 0; i < subqueries; ++i) {
                if (!collect_optional(query.get_subquery(i), factor, into)) return false;
            }
            return true;
        case Xapian::Query::OP_AND_MAYBE:
            if (!collect_parts(query.get_subquery(0), factor, into)) return false;
            for (std::size_t i = 1; i < subqueries; ++i) {
                if (!collect_optional(query.get_subquery(i), factor, into)) return false;
            }
            return true;
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_AND_NOT:
            if (is_restricted_phrase(query)) {
                // Where it matches, every word of the phrase does (a term or an OR of spellings).
                const Xapian::Query phrase = query.get_subquery(0);
                for (std::size_t i = 0; i < phrase.get_num_subqueries(); ++i) {
                    if (!collect_parts(phrase.get_subquery(i), factor, into)) return false;
                }
                return true;
            }
            return collect_parts(query.get_subquery(0), factor, into);
        case Xapian::Query::OP_SCALE_WEIGHT: {
            const std::optional<double> scale = scale_factor(query);
            // Xapian multiplies the factors from the top down, as here.
            return scale && collect_parts(query.get_subquery(0), factor * *scale, into);
        }
        default:
            return false;
    }
}

/// The log of BM25's ratio for a part in `termfreq` of `documents` documents, as BM25Weight::init.
double idf_for(Xapian::doccount documents, double termfreq) {
    double ratio = (static_cast<double>(documents) - termfreq + 0.5) / (termfreq + 0.5);
    if (ratio < 2) ratio = ratio * 0.5 + 1;
    return std::log(ratio);
}

using Postings = std::vector<std::pair<Xapian::docid, Xapian::termcount>>;

Postings read_postings(const Xapian::Database& db, const std::string& term, Xapian::docid last) {
    Postings out;
    out.reserve(db.get_termfreq(term));
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && *it <= last; ++it) out.emplace_back(*it, it.get_wdf());
    return out;
}

/// Both lists' documents in id order, the wdf of a document in both summed.
Postings merge(const Postings& a, const Postings& b) {
    Postings out;
    out.reserve(a.size() + b.size());
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
            out.push_back(a[i++]);
        } else if (i == a.size() || b[j].first < a[i].first) {
            out.push_back(b[j++]);
        } else {
            out.emplace_back(a[i].first, a[i].second + b[j].second);
            ++i;
            ++j;
        }
    }
    return out;
}

/// Xapian's weight for `part` in one document it matches, asked of Xapian itself.
double xapian_weight(const Xapian::Database& db, const Xapian::Query& part, Xapian::docid id) {
    auto one = std::make_shared<DocSet>(db.get_lastdocid());
    one->add(id);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, part, Xapian::Query((new DocSetSource(one, "one document"))->release())));
    const Xapian::MSet mset = enquire.get_mset(0, 1);
    return mset.empty() ? 0 : mset.begin().get_weight();
}

/** A synonym's idf. Xapian weighs a synonym with a document frequency it estimates from its
 *  terms' (combining them pairwise in an order of its own), so the estimate is read back from
 *  Xapian's weight in one document and the idf computed from it as for a term. */
std::optional<double> synonym_idf(const Xapian::Database& db, const Xapian::Query& synonym, const DocLengths& lengths, Xapian::docid id,
                                  Xapian::termcount wdf) {
    const double measured = xapian_weight(db, synonym, id) / lengths.saturation(wdf, id) / (kK1 + 1);
    if (!(measured > 0) || !std::isfinite(measured)) return std::nullopt;
    double ratio = std::exp(measured);
    if (ratio < 2) ratio = (ratio - 1) * 2;  // undoes idf_for's ratio * 0.5 + 1
    const double termfreq = std::round((static_cast<double>(lengths.documents()) + 0.5 - 0.5 * ratio) / (ratio + 1));
    const double exact = idf_for(lengths.documents(), termfreq);
    if (std::abs(exact - measured) > 1e-9 * measured) return std::nullopt;
    return exact;
}

}  // namespace

std::shared_ptr<const DocLengths> DocLengths::build(const Xapian::Database& db) {
    auto out = std::make_shared<DocLengths>();
    const Xapian::docid last = db.get_lastdocid();
    out->m_lengths.assign(static_cast<std::size_t>(last) + 1, 0);
    for (auto it = db.postlist_begin(""); it != db.postlist_end("") && *it <= last; ++it) out->m_lengths[*it] = it.get_doclength();
    out->m_documents = db.get_doccount();
    // Xapian's statistics: the total length over the number of documents, then its inverse.
    const double average = out->m_documents == 0 ? 0 : static_cast<double>(db.get_total_length()) / out->m_documents;
    const double length_factor = average == 0 ? 0 : 1 / average;
    out->m_length_parts.reserve(out->m_lengths.size());
    for (const std::uint32_t length : out->m_lengths) {
        const double normlen = std::max(length * length_factor, kMinNormlen);
        out->m_length_parts.push_back(kK1 * (normlen * kB + (1 - kB)));
    }
    return out;
}

std::optional<std::vector<QueryPart>> weighted_parts(const Xapian::Query& query) {
    Collection collection;
    if (!collect_parts(query, 1, collection)) return std::nullopt;
    return std::move(collection.parts);
}

std::optional<WeightedPart> read_part(const Xapian::Database& db, const Xapian::Query& part, const DocLengths& lengths) {
    const Xapian::docid last = db.get_lastdocid();
    Postings postings;
    const bool synonym = part.get_type() == Xapian::Query::OP_SYNONYM;
    if (synonym) {
        for (std::size_t i = 0; i < part.get_num_subqueries(); ++i) {
            const Xapian::Query term = part.get_subquery(i);
            if (term.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
            postings = merge(postings, read_postings(db, *term.get_terms_begin(), last));
        }
        // Xapian's SynonymPostList holds a synonym's wdf to the document's length.
        for (auto& [id, wdf] : postings) wdf = std::min(wdf, lengths.length(id));
    } else {
        if (part.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
        postings = read_postings(db, *part.get_terms_begin(), last);
    }
    WeightedPart out{DocSet(last), {}, {}, 0, 0};
    out.wdfs.reserve(postings.size());
    for (const auto& [id, wdf] : postings) {
        if (wdf > std::numeric_limits<std::uint16_t>::max()) return std::nullopt;
        out.documents.add(id);
        out.wdfs.push_back(static_cast<std::uint16_t>(wdf));
    }
    out.word_ranks = out.documents.ranks_of_words();
    if (postings.empty()) return out;
    if (synonym) {
        const std::optional<double> idf = synonym_idf(db, part, lengths, postings.front().first, postings.front().second);
        if (!idf) return std::nullopt;
        out.idf = *idf;
    } else {
        out.idf = idf_for(lengths.documents(), db.get_termfreq(*part.get_terms_begin()));
    }
    for (std::size_t i = 0; i < postings.size(); ++i) out.max_saturation = std::max(out.max_saturation, lengths.saturation(out.wdfs[i], postings[i].first));
    return out;
}

}  // namespace tracuu::server
