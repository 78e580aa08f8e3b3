#include "server/suggester.h"

#include <algorithm>
#include <map>

#include "analyzers/fold.h"
#include "analyzers/normalize.h"
#include "indexer/document_builder.h"
#include "indexer/schema.h"
#include "indexer/term_mapping.h"

namespace tracuu::server {
namespace {

using analyzers::Token;

constexpr std::size_t kMaxTermsScanned = 5000;
constexpr std::size_t kMaxPhrases = 3;
constexpr std::size_t kMaxNumbers = 3;
constexpr Xapian::termcount kWildcardExpansion = 100;

/// Terms under `prefix` with their document frequency, most frequent first.
std::vector<std::pair<std::string, Xapian::doccount>> terms_under(const Xapian::Database& db, const std::string& prefix, std::size_t limit) {
    std::vector<std::pair<std::string, Xapian::doccount>> found;
    std::size_t scanned = 0;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && scanned < kMaxTermsScanned; ++it, ++scanned) {
        found.emplace_back((*it).substr(prefix.size()), it.get_termfreq());
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (found.size() > limit) found.resize(limit);
    return found;
}

std::string upper_ascii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

void add_numbers(const Xapian::Database& db, std::string_view typed, std::vector<Suggestion>& out) {
    std::string compact;
    for (char c : analyzers::fold_text(typed)) {
        if (c != ' ') compact.push_back(c);
    }
    if (compact.empty() || !std::isdigit(static_cast<unsigned char>(compact.front()))) return;
    for (const auto& [number, freq] : terms_under(db, std::string(schema::kFoldedIdentifier) + compact, kMaxNumbers)) {
        out.push_back({upper_ascii(compact + number), "", "number"});
    }
}

/// `nghi quy` → `nghị quyết`: the commonest accented bigram (or word) starting like the last words typed.
void add_phrases(const Xapian::Database& db, const std::vector<const Token*>& words, std::vector<Suggestion>& out) {
    const Token& last = *words.back();
    const Token* before = words.size() >= 2 ? words[words.size() - 2] : nullptr;
    const std::string folded_prefix = before != nullptr ? before->folded + ' ' + last.folded : last.folded;
    std::string typed_head;
    for (std::size_t i = 0; i + (before != nullptr ? 2 : 1) < words.size(); ++i) typed_head += words[i]->text + ' ';

    std::map<std::string, Xapian::doccount> by_phrase;
    for (const auto& [rest, freq] : terms_under(db, std::string(schema::kSurface) + folded_prefix, kMaxTermsScanned)) {
        const auto tab = rest.find(schema::kSurfaceSeparator);
        if (tab == std::string::npos) continue;
        const std::string accented = rest.substr(tab + 1);
        const std::string folded = folded_prefix + rest.substr(0, tab);
        if (before == nullptr && folded.find(' ') != std::string::npos) continue;  // one word typed: complete one word
        by_phrase[accented] += freq;
    }
    std::vector<std::pair<std::string, Xapian::doccount>> ranked(by_phrase.begin(), by_phrase.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (std::size_t i = 0; i < ranked.size() && i < kMaxPhrases; ++i) out.push_back({typed_head + ranked[i].first, "", "phrase"});
}

void add_titles(const Xapian::Database& db, const std::vector<const Token*>& words, std::size_t size, std::vector<Suggestion>& out) {
    std::vector<Xapian::Query> parts;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) parts.emplace_back(indexer::term_for(*words[i], indexer::Layer::Folded));
    parts.emplace_back(Xapian::Query::OP_WILDCARD, indexer::term_for(*words.back(), indexer::Layer::Folded), kWildcardExpansion,
                       Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(size));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const indexer::IndexedDocument doc = indexer::read_document(it.get_document());
        if (!doc.title.empty()) out.push_back({doc.title, doc.id, "title"});
    }
}

}  // namespace

std::vector<Suggestion> suggest(const Xapian::Database& db, const analyzers::Analyzer& query_analyzer, std::string_view typed,
                                std::size_t size) {
    const std::string normalized = analyzers::normalize_text(typed);
    const std::vector<Token> tokens = query_analyzer.analyze(normalized);
    std::vector<const Token*> words;
    for (const Token& t : tokens) {
        if (t.width == 1 && indexer::is_positional(t)) words.push_back(&t);
    }
    std::vector<Suggestion> out;
    if (words.empty()) return out;
    add_numbers(db, normalized, out);
    add_phrases(db, words, out);
    add_titles(db, words, size, out);

    std::vector<Suggestion> unique;
    for (auto& s : out) {
        const bool seen = std::any_of(unique.begin(), unique.end(), [&](const Suggestion& u) { return u.text == s.text; });
        if (!seen && unique.size() < size) unique.push_back(std::move(s));
    }
    return unique;
}

}  // namespace tracuu::server
