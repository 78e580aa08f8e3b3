/** @file
 *  @brief A query's weight as Xapian's BM25 sums it: its weighted parts (terms and synonym groups),
 *  their postings, and the length of every document, so that a page can be ranked from kept
 *  postings instead of by Xapian's matcher (page_ranker.h).
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "server/doc_set.h"

namespace tracuu::server {

/** Xapian::BM25Weight()'s default parameters, which Enquire uses unless told otherwise, as the
 *  searcher does (k2 = 0 adds nothing; k3 with a wqf of 1 multiplies by 1). With k1 = 1 the
 *  factor k1 + 1 is 2, exact wherever it is applied. */
namespace bm25 {
inline constexpr double kK1 = 1;
inline constexpr double kB = 0.5;
inline constexpr double kMinNormlen = 0.5;
}  // namespace bm25

/** The length of every document of one revision (what BM25 divides by), read once and shared by
 *  the searchers of that revision (revision_tables.h): 12 bytes per document id. */
class DocLengths {
public:
    /// Reads `db` as open. Throws Xapian::Error like any read.
    [[nodiscard]] static std::shared_ptr<const DocLengths> build(const Xapian::Database& db);

    /** BM25's share of a part in a document, `wdf / (k1·(b·normlen + 1 − b) + wdf)` with
     *  Xapian::BM25Weight's default parameters, computed as Xapian 1.4 computes it: multiplied by
     *  the part's termweight it is the weight Xapian gives the part in that document. */
    [[nodiscard]] double saturation(Xapian::termcount wdf, Xapian::docid id) const {
        const double wdf_double = wdf;
        return wdf_double / (m_length_parts[id] + wdf_double);
    }

    [[nodiscard]] Xapian::termcount length(Xapian::docid id) const { return id < m_lengths.size() ? m_lengths[id] : 0; }
    [[nodiscard]] Xapian::doccount documents() const { return m_documents; }
    [[nodiscard]] std::size_t bytes() const { return m_lengths.size() * (sizeof(std::uint32_t) + sizeof(double)); }

private:
    std::vector<std::uint32_t> m_lengths;  ///< by document id; 0 for ids without a document
    /// By document id (`id` ≤ the last id when built): `k1·(b·normlen + 1 − b)`, BM25's
    /// denominator without the wdf, as Xapian computes it.
    std::vector<double> m_length_parts;
    Xapian::doccount m_documents = 0;
};

/** A part of a query Xapian weights as one term: a term, or an OP_SYNONYM of terms, under the
 *  product of the OP_SCALE_WEIGHT factors above it. It weighs in a document the query matches only
 *  where each of its `conditions` matches too: the subqueries above it under an OP_OR or on the
 *  optional side of an OP_AND_MAYBE (in `(a AND b) OR c`, `a` weighs only with `b`). */
struct QueryPart {
    Xapian::Query query;
    double factor = 1;
    std::vector<Xapian::Query> conditions;
    /// Parts with the same non-zero scope have the same conditions (weighted_parts() numbers
    /// them), so where they hold is found once; 0: not shared.
    std::size_t scope = 0;
};

/** The parts whose weights Xapian adds up to weight a document `query` matches (the left side of
 *  OP_FILTER and OP_AND_NOT, every side of OP_AND, OP_OR and OP_AND_MAYBE, each where it matches,
 *  and the words of a phrase restricted to its matches as within_known_matches() writes it), or
 *  nullopt when its weight is not such a sum: other phrases, posting sources, OP_MAX,
 *  OP_ELITE_SET, values, wildcards, match-all, or a term given a wqf other than 1 (the query
 *  builder gives none). Parts scaled by 0 weigh nothing and are left out. */
[[nodiscard]] std::optional<std::vector<QueryPart>> weighted_parts(const Xapian::Query& query);

/** A part's postings with what BM25 needs of them: the documents, their wdf (for a synonym, the
 *  sum of its terms' wdf, at most the document's length, as Xapian counts it) and its idf. They
 *  do not depend on the scale factor, so a word kept for one query serves every query that
 *  weighs it, at any factor. */
struct WeightedPart {
    DocSet documents;
    std::vector<std::uint32_t> word_ranks;  ///< documents.ranks_of_words()
    std::vector<std::uint16_t> wdfs;        ///< in document id order, as `documents` holds them
    double idf = 0;                         ///< log of BM25's ratio for the part's frequency
    double max_saturation = 0;              ///< the greatest DocLengths::saturation() in its documents

    /// BM25's termweight of the part under a scale factor, computed as Xapian computes it.
    [[nodiscard]] double termweight(double factor) const { return idf * factor * (bm25::kK1 + 1); }

    /** Xapian's weight of the part in document `id` (0 when the part is not in it), up to the last
     *  digits, `termweight` being termweight(factor). */
    [[nodiscard]] double weight(Xapian::docid id, const DocLengths& lengths, double termweight) const {
        const std::size_t i = id / 64;
        const std::uint64_t bits = documents.word(i);
        const int bit = static_cast<int>(id % 64);
        if ((bits >> bit & 1) == 0) return 0;
        const std::size_t rank = word_ranks[i] + static_cast<std::size_t>(bit_count(bits & ((std::uint64_t{1} << bit) - 1)));
        return termweight * lengths.saturation(wdfs[rank], id);
    }

    [[nodiscard]] std::size_t bytes() const {
        return documents.bytes() + word_ranks.size() * sizeof(std::uint32_t) + wdfs.size() * sizeof(std::uint16_t);
    }
};

/** Reads a part (QueryPart::query: a term or a synonym of terms) from `db` (as open; the lengths
 *  of the same revision). nullopt when it cannot be read as such: a wdf past 65,535, a synonym of
 *  anything but terms, or an idf that cannot be recovered from Xapian. Throws Xapian::Error like
 *  any read. */
[[nodiscard]] std::optional<WeightedPart> read_part(const Xapian::Database& db, const Xapian::Query& part, const DocLengths& lengths);

}  // namespace tracuu::server
