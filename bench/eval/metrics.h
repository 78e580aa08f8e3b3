/** @file
 *  @brief Rank metrics of one result list against relevance judgements, as trec_eval counts them.
 */
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace tracuu::eval {

/// Document id → relevance grade. Grades of 0 or less count as not relevant.
using Judgements = std::map<std::string, int>;

/** The share of the relevant documents found in the first `k` results, in [0, 1]; 0 when
 *  nothing is relevant. A document listed twice counts once. */
[[nodiscard]] double recall_at(const std::vector<std::string>& ranked, const Judgements& relevant, std::size_t k);

/// 1 / the rank (1-based) of the first relevant document within the first `k`, else 0.
[[nodiscard]] double reciprocal_rank_at(const std::vector<std::string>& ranked, const Judgements& relevant, std::size_t k);

/** Normalised discounted cumulative gain of the first `k` results: gain = grade, discount =
 *  log2(rank + 1), divided by the same sum over the ideal ordering of the judged documents
 *  (trec_eval's ndcg_cut, the BEIR figure). 0 when nothing is relevant. */
[[nodiscard]] double ndcg_at(const std::vector<std::string>& ranked, const Judgements& relevant, std::size_t k);

/// The four figures tracuu-eval reports, for one query or as means over several.
struct Metrics {
    double recall_at_1 = 0;
    double recall_at_10 = 0;
    double mrr_at_10 = 0;  ///< for one query, its reciprocal rank at 10
    double ndcg_at_10 = 0;
};

/// All four figures for one result list.
[[nodiscard]] Metrics measure(const std::vector<std::string>& ranked, const Judgements& relevant);

/// The mean of each figure over `per_query`; all zeros for an empty list.
[[nodiscard]] Metrics mean(const std::vector<Metrics>& per_query);

}  // namespace tracuu::eval
