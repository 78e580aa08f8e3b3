#include "server/page_ranker.h"

#include <algorithm>
#include <deque>
#include <map>

namespace tracuu::server {
namespace {

/// Ranks before: the greater weight, then the smaller id (Xapian's order for equal weights).
bool ranks_before(const RankedDoc& a, const RankedDoc& b) { return a.weight > b.weight || (a.weight == b.weight && a.id < b.id); }

std::shared_ptr<const WeightedPart> find_or_read(const Xapian::Database& db, const QueryPart& part, const DocLengths& lengths,
                                                 const KeptPostings& kept) {
    PartCache* cache = kept.parts;
    const std::string& revision_key = kept.revision_key;
    const bool cached = cache != nullptr && cache->parts.enabled() && !revision_key.empty();
    std::string key;
    if (cached) {
        key = revision_key + 'w' + part.query.get_description();
        if (auto found = cache->parts.find(key)) return *found;
    }
    std::optional<WeightedPart> read = read_part(db, part.query, lengths);
    if (!read) return nullptr;
    auto made = std::make_shared<const WeightedPart>(std::move(*read));
    if (cached && made->wdfs.size() >= db.get_lastdocid() / cache->rare_share) cache->parts.store(key, made, made->bytes());
    return made;
}

/// The best `wanted` documents offered, in a heap whose top is the one that ranks last.
class BestDocs {
public:
    explicit BestDocs(std::size_t wanted) : m_wanted(wanted) { m_docs.reserve(std::min<std::size_t>(wanted, 4096)); }

    [[nodiscard]] bool full() const { return m_docs.size() == m_wanted; }
    /// The weight a document must reach to be kept, once full.
    [[nodiscard]] double threshold() const { return m_docs.front().weight; }

    void offer(const RankedDoc& doc) {
        if (m_docs.size() < m_wanted) {
            m_docs.push_back(doc);
            std::push_heap(m_docs.begin(), m_docs.end(), ranks_before);
        } else if (m_wanted > 0 && ranks_before(doc, m_docs.front())) {
            std::pop_heap(m_docs.begin(), m_docs.end(), ranks_before);
            m_docs.back() = doc;
            std::push_heap(m_docs.begin(), m_docs.end(), ranks_before);
        }
    }

    [[nodiscard]] std::vector<RankedDoc> sorted() && {
        std::sort_heap(m_docs.begin(), m_docs.end(), ranks_before);
        return std::move(m_docs);
    }

private:
    std::size_t m_wanted;
    std::vector<RankedDoc> m_docs;
};

/// A part read, its termweight and greatest weight in this query, and the matches where it
/// weighs (those of its conditions).
struct Scoped {
    std::shared_ptr<const WeightedPart> part;
    double termweight;
    double max_weight;
    const DocSet* scope;
};

}  // namespace

std::optional<RankedPage> rank_matches(const Xapian::Database& db, const std::vector<QueryPart>& parts, const DocSet& matches,
                                       Xapian::doccount first, Xapian::doccount count, const DocLengths& lengths, const KeptPostings& kept) {
    if (count == 0) return RankedPage{};
    std::vector<Scoped> weighted;
    weighted.reserve(parts.size());
    // The matches where each part's conditions hold, found once per scope: keyed by the
    // conditions' descriptions instead, a query of 60 words spent most of its time describing them.
    std::map<std::size_t, DocSet> shared_scopes;
    std::deque<DocSet> own_scopes;
    for (const QueryPart& part : parts) {
        std::shared_ptr<const WeightedPart> read = find_or_read(db, part, lengths, kept);
        if (!read) return std::nullopt;
        const DocSet* scope = &matches;
        if (!part.conditions.empty()) {
            DocSet* where = nullptr;
            bool added = true;
            if (part.scope != 0) {
                const auto at = shared_scopes.try_emplace(part.scope, matches);
                where = &at.first->second;
                added = at.second;
            } else {
                where = &own_scopes.emplace_back(matches);
            }
            if (added) {
                for (const Xapian::Query& condition : part.conditions) {
                    where->intersect(matching_documents(db, condition, kept.sets, kept.revision_key, kept.deadline));
                }
            }
            scope = where;
        }
        const double termweight = read->termweight(part.factor);
        const double max_weight = termweight * read->max_saturation;
        weighted.push_back(Scoped{std::move(read), termweight, max_weight, scope});
    }
    // MaxScore (Turtle and Flood, 1995), exact: parts in order of their greatest weight; the
    // matches of each part not met in an earlier one are weighed, until the weights of the parts
    // left cannot add up to what the last kept document has. In our queries the boosts of word
    // pairs weigh far more than the common words all matches hold, so the documents with a pair
    // are weighed, not every match.
    std::sort(weighted.begin(), weighted.end(), [](const Scoped& a, const Scoped& b) { return a.max_weight > b.max_weight; });
    std::vector<double> left(weighted.size() + 1, 0);  // left[i]: the greatest weight of parts i, i + 1, …
    for (std::size_t i = weighted.size(); i-- > 0;) left[i] = left[i + 1] + weighted[i].max_weight;
    // Sums of the same weights in another order differ in their last digits: a margin keeps every
    // document that could tie.
    constexpr double kMargin = 1e-9;
    BestDocs best(static_cast<std::size_t>(first) + count);
    // The weight of a document first met in part `from` (the parts before it are not in it),
    // or nullopt once what is left cannot bring it to the page.
    const auto weigh = [&](Xapian::docid id, std::size_t from) -> std::optional<double> {
        double sum = 0;
        for (std::size_t j = from; j < weighted.size(); ++j) {
            const Scoped& s = weighted[j];
            if (s.scope == &matches || s.scope->contains(id)) sum += s.part->weight(id, lengths, s.termweight);
            if (best.full() && (sum + left[j + 1]) * (1 + kMargin) < best.threshold()) return std::nullopt;
        }
        return sum;
    };
    std::vector<std::uint64_t> met(matches.word_count(), 0);
    for (std::size_t p = 0; p < weighted.size(); ++p) {
        if (best.full() && left[p] * (1 + kMargin) < best.threshold()) break;
        const DocSet& documents = weighted[p].part->documents;
        const DocSet& scope = *weighted[p].scope;
        for (std::size_t i = 0; i < met.size(); ++i) {
            const std::uint64_t in_part = documents.word(i) & scope.word(i);
            for (std::uint64_t fresh = in_part & ~met[i]; fresh != 0; fresh &= fresh - 1) {
                const auto id = static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(std::countr_zero(fresh)));
                if (const std::optional<double> weight = weigh(id, p)) best.offer(RankedDoc{id, *weight});
            }
            met[i] |= in_part;
        }
    }
    // Matches in no part weigh 0: they rank only while the page is not full of heavier ones.
    if (!best.full() || best.threshold() <= 0) {
        for (std::size_t i = 0; i < met.size(); ++i) {
            for (std::uint64_t unmet = matches.word(i) & ~met[i]; unmet != 0; unmet &= unmet - 1) {
                best.offer(RankedDoc{static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(std::countr_zero(unmet))), 0});
            }
        }
    }
    std::vector<RankedDoc> ranked = std::move(best).sorted();
    RankedPage page;
    if (!ranked.empty()) page.best = ranked.front().weight;
    if (first < ranked.size()) page.hits.assign(ranked.begin() + first, ranked.end());
    return page;
}

}  // namespace tracuu::server
