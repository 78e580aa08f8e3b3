#include "bench/eval/evaluation.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "analyzers/analyzer.h"
#include "analyzers/normalize.h"
#include "indexer/writer.h"

namespace tracuu::eval {
namespace {

constexpr unsigned kPageSize = 10;
/// Ids listed per query that missed rank 1: enough to see what won, short enough to read.
constexpr std::size_t kShownAbove = 3;

const char* typing_name(Typing typing) { return typing == Typing::AsWritten ? "accented" : "stripped"; }

std::string fixed3(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    return buffer;
}

std::string padded(std::string s, std::size_t width) {
    if (s.size() < width) s.insert(0, width - s.size(), ' ');
    return s;
}

std::string share(std::size_t part, std::size_t whole) { return std::to_string(part) + "/" + std::to_string(whole); }

/// The words of a text as the index writes them: lower case, canonical tone placement.
std::vector<std::string> canonical_words(const analyzers::Analyzer& analyzer, const std::string& text) {
    std::vector<std::string> words;
    for (const auto& t : analyzer.analyze(analyzers::normalize_text(text))) {
        if (t.width == 1 && (t.kind == analyzers::TokenKind::Word || t.kind == analyzers::TokenKind::Number)) words.push_back(t.text);
    }
    return words;
}

/// Counts the words of the restored query that match the original one.
void count_restoration(const analyzers::Analyzer& analyzer, const std::string& original, const QueryRun& run, RunReport& report) {
    const auto expected = canonical_words(analyzer, original);
    const auto got = canonical_words(analyzer, run.suggestion.value_or(run.sent));
    if (expected.size() != got.size()) return;
    std::size_t same = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) same += expected[i] == got[i] ? 1 : 0;
    report.restored_words += same;
    report.compared_words += expected.size();
    report.restored_queries += same == expected.size() ? 1 : 0;
}

}  // namespace

Result<indexer::IndexSummary> import_corpus(const std::filesystem::path& corpus, const std::filesystem::path& index_dir,
                                            const indexer::ProblemSink& on_problem) {
    auto writer = indexer::IndexWriter::open(index_dir);
    if (!writer.ok()) return writer.error();
    return indexer::import_jsonl(writer.value(), corpus, indexer::IndexOptions{}, on_problem);
}

RunReport run_queries(server::Searcher& searcher, const std::vector<JudgedQuery>& queries, Typing typing) {
    RunReport report;
    report.typing = typing;
    const analyzers::Analyzer analyzer(analyzers::AnalysisMode::Index);
    std::vector<Metrics> per_query;
    for (const JudgedQuery& q : queries) {
        QueryRun run;
        run.id = q.id;
        run.sent = typing == Typing::AsWritten ? q.text : strip_diacritics(q.text);
        server::SearchRequest request;
        request.query = run.sent;
        request.page = 1;
        request.size = kPageSize;
        const Result<server::SearchAnswer> answer = searcher.search(request);
        if (answer.ok()) {
            for (const auto& hit : answer.value().results) run.ranked.push_back(hit.id);
            run.relaxed = answer.value().relaxed;
            run.suggestion = answer.value().suggestion;
            report.search_ms += answer.value().took_ms;
            report.slowest_ms = std::max(report.slowest_ms, answer.value().took_ms);
        } else {
            run.error = answer.error().message;
        }
        run.metrics = measure(run.ranked, q.relevant);
        const auto relevant = std::find_if(run.ranked.begin(), run.ranked.end(), [&](const std::string& id) {
            const auto judged = q.relevant.find(id);
            return judged != q.relevant.end() && judged->second > 0;
        });
        if (relevant != run.ranked.end()) run.first_relevant = static_cast<std::size_t>(relevant - run.ranked.begin()) + 1;
        report.relaxed += run.relaxed ? 1 : 0;
        report.suggested += run.suggestion.has_value() ? 1 : 0;
        report.errors += run.error.empty() ? 0 : 1;
        per_query.push_back(run.metrics);
        if (typing == Typing::WithoutDiacritics) count_restoration(analyzer, q.text, run, report);
        report.queries.push_back(std::move(run));
    }
    report.mean = mean(per_query);
    return report;
}

std::string format_summary(const std::vector<RunReport>& reports) {
    std::string out = "queries   count    R@1   R@10  MRR@10  nDCG@10  relaxed  suggested  refused\n";
    for (const auto& r : reports) {
        const std::size_t n = r.queries.size();
        out += std::string(typing_name(r.typing)) + padded(std::to_string(n), 7) + padded(fixed3(r.mean.recall_at_1), 7) +
               padded(fixed3(r.mean.recall_at_10), 7) + padded(fixed3(r.mean.mrr_at_10), 8) + padded(fixed3(r.mean.ndcg_at_10), 9) +
               padded(share(r.relaxed, n), 9) + padded(share(r.suggested, n), 11) + padded(share(r.errors, n), 9) + "\n";
    }
    for (const auto& r : reports) {
        if (r.typing != Typing::WithoutDiacritics) continue;
        const double percent = r.compared_words > 0 ? 100.0 * static_cast<double>(r.restored_words) / static_cast<double>(r.compared_words) : 0;
        char line[160];
        std::snprintf(line, sizeof line, "\ndiacritics restored: %zu/%zu words (%.1f%%), %zu/%zu queries entirely\n", r.restored_words,
                      r.compared_words, percent, r.restored_queries, r.queries.size());
        out += line;
    }
    return out;
}

std::string format_timing(const std::vector<RunReport>& reports) {
    std::string out;
    for (const auto& r : reports) {
        const double mean_ms = r.queries.empty() ? 0 : r.search_ms / static_cast<double>(r.queries.size());
        char line[160];
        std::snprintf(line, sizeof line, "tracuu-eval: %s: %zu searches, %.1f ms mean, %.1f ms slowest\n", typing_name(r.typing), r.queries.size(), mean_ms,
                      r.slowest_ms);
        out += line;
    }
    return out;
}

std::string format_per_query(const std::vector<RunReport>& reports) {
    std::string out;
    for (const auto& r : reports) {
        for (const auto& q : r.queries) {
            const std::string rank = q.first_relevant > 0 ? std::to_string(q.first_relevant) : "-";
            out += std::string(typing_name(r.typing)) + '\t' + q.id + "\trank " + rank;
            if (q.relaxed) out += "\trelaxed";
            if (q.suggestion) out += "\tsuggested: " + *q.suggestion;
            if (!q.error.empty()) out += "\trefused: " + q.error;
            if (q.first_relevant != 1 && !q.ranked.empty()) {
                const std::size_t above = q.first_relevant > 0 ? q.first_relevant - 1 : q.ranked.size();
                out += "\tfirst: ";
                for (std::size_t i = 0; i < above && i < kShownAbove; ++i) out += (i > 0 ? " | " : "") + q.ranked[i];
            }
            out += '\t' + q.sent + '\n';
        }
    }
    return out;
}

ScratchDir::ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tracuu-eval-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a folder under " + std::filesystem::temp_directory_path().string());
    m_path = pattern;
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

}  // namespace tracuu::eval
