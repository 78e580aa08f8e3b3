#include "bench/eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace tracuu::eval {
namespace {

int grade_of(const Judgements& relevant, const std::string& id) {
    const auto it = relevant.find(id);
    return it == relevant.end() ? 0 : it->second;
}

/// The first `k` results with repeats removed, so a duplicated hit cannot be counted twice.
std::vector<std::string> distinct_head(const std::vector<std::string>& ranked, std::size_t k) {
    std::vector<std::string> head;
    std::set<std::string> seen;
    for (const auto& id : ranked) {
        if (head.size() == k) break;
        if (seen.insert(id).second) head.push_back(id);
    }
    return head;
}

std::size_t relevant_count(const Judgements& relevant) {
    return static_cast<std::size_t>(std::count_if(relevant.begin(), relevant.end(), [](const auto& j) { return j.second > 0; }));
}

}  // namespace

double recall_at(const std::vector<std::string>& ranked, const Judgements& relevant, std::size_t k) {
    const std::size_t total = relevant_count(relevant);
    if (total == 0) return 0;
    std::size_t found = 0;
    for (const auto& id : distinct_head(ranked, k)) found += grade_of(relevant, id) > 0 ? 1 : 0;
    return static_cast<double>(found) / static_cast<double>(total);
}

double reciprocal_rank_at(const std::vector<std::string>& ranked, const Judgements& relevant, std::size_t k) {
    const auto head = distinct_head(ranked, k);
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (grade_of(relevant, head[i]) > 0) return 1.0 / static_cast<double>(i + 1);
    }
    return 0;
}

double ndcg_at(const std::vector<std::string>& ranked, const Judgements& relevant, std::size_t k) {
    const auto discount = [](std::size_t rank0) { return 1.0 / std::log2(static_cast<double>(rank0) + 2.0); };
    double dcg = 0;
    const auto head = distinct_head(ranked, k);
    for (std::size_t i = 0; i < head.size(); ++i) dcg += std::max(0, grade_of(relevant, head[i])) * discount(i);

    std::vector<int> grades;
    for (const auto& [id, grade] : relevant) {
        if (grade > 0) grades.push_back(grade);
    }
    std::sort(grades.begin(), grades.end(), std::greater<>());
    double ideal = 0;
    for (std::size_t i = 0; i < grades.size() && i < k; ++i) ideal += grades[i] * discount(i);
    return ideal > 0 ? dcg / ideal : 0;
}

Metrics measure(const std::vector<std::string>& ranked, const Judgements& relevant) {
    return Metrics{recall_at(ranked, relevant, 1), recall_at(ranked, relevant, 10), reciprocal_rank_at(ranked, relevant, 10),
                   ndcg_at(ranked, relevant, 10)};
}

Metrics mean(const std::vector<Metrics>& per_query) {
    Metrics sum;
    for (const auto& m : per_query) {
        sum.recall_at_1 += m.recall_at_1;
        sum.recall_at_10 += m.recall_at_10;
        sum.mrr_at_10 += m.mrr_at_10;
        sum.ndcg_at_10 += m.ndcg_at_10;
    }
    if (per_query.empty()) return sum;
    const auto n = static_cast<double>(per_query.size());
    return Metrics{sum.recall_at_1 / n, sum.recall_at_10 / n, sum.mrr_at_10 / n, sum.ndcg_at_10 / n};
}

}  // namespace tracuu::eval
