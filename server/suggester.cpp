#include "server/suggester.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "analyzers/fold.h"
#include "analyzers/normalize.h"
#include "indexer/schema.h"
#include "indexer/term_mapping.h"

namespace tracuu::server {
namespace {

using analyzers::Token;

// Every key press runs this, so every walk is bounded: a prefix of one letter must cost no more
// than a whole word (bench/perf/run measures /api/suggest under load).
constexpr std::size_t kMaxTermsScanned = 2000;  ///< terms read from one allterms walk, at most
constexpr std::size_t kMaxPhrases = 3;
constexpr std::size_t kMaxNumbers = 3;
/// The most a number look-up reads to order those in as many documents by how often they are written.
constexpr std::size_t kMaxNumbersWeighed = kMaxNumbers + 32;
constexpr std::size_t kMaxReferences = 3;
constexpr std::size_t kTitleExpansion = 20;  ///< title words (or pairs) a last word typed may complete to

using Terms = std::vector<std::pair<std::string, Xapian::doccount>>;

/** Terms under `prefix` (the prefix removed) with their document frequency, in term order, at
 *  most kMaxTermsScanned read. With `words_only`, pairs of words (`ngay 12`, `ngay 12\tngày 12`)
 *  are skipped without being read. */
Terms terms_under(const Xapian::Database& db, const std::string& prefix, bool words_only) {
    Terms found;
    std::size_t scanned = 0;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && scanned < kMaxTermsScanned; ++scanned) {
        std::string rest = (*it).substr(prefix.size());
        const auto space = rest.find(' ');
        if (words_only && space != std::string::npos && space < rest.find(schema::kSurfaceSeparator)) {
            // The pairs `ngay 12…` sort right after the word `ngay` and its `ngay\t…` ('\t' < ' '),
            // and every one of them before `ngay!`: jump over them instead of reading thousands.
            it.skip_to(prefix + rest.substr(0, space) + '!');
            continue;
        }
        found.emplace_back(std::move(rest), it.get_termfreq());
        ++it;
    }
    return found;
}

/// The `limit` most frequent of `terms`.
Terms most_frequent(Terms terms, std::size_t limit) {
    std::stable_sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (terms.size() > limit) terms.resize(limit);
    return terms;
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
    const std::string prefix = std::string(schema::kFoldedIdentifier) + compact;
    Terms numbers = most_frequent(terms_under(db, prefix, false), kMaxNumbersWeighed);
    // Among numbers in as many documents, the one written more often first: a plan citing
    // 57-NQ/TW ten times and, once, the typo 57-NQ/TU lists the real one first. Only the numbers
    // that could be shown (the first kMaxNumbers and those tied with the last) are looked up.
    const std::size_t first_shown = std::min(numbers.size(), kMaxNumbers);
    std::size_t weighed = first_shown;
    while (weighed < numbers.size() && numbers[weighed].second == numbers[first_shown - 1].second) ++weighed;
    struct Number {
        std::string text;
        Xapian::doccount documents;
        Xapian::termcount written;
    };
    std::vector<Number> ranked;
    for (std::size_t i = 0; i < weighed; ++i) ranked.push_back({numbers[i].first, numbers[i].second, db.get_collection_freq(prefix + numbers[i].first)});
    std::stable_sort(ranked.begin(), ranked.end(), [](const Number& a, const Number& b) {
        return a.documents != b.documents ? a.documents > b.documents : a.written > b.written;
    });
    for (std::size_t i = 0; i < ranked.size() && i < kMaxNumbers; ++i) out.push_back({upper_ascii(compact + ranked[i].text), "", "number"});
}

/// `nghi quy` → `nghị quyết`: the commonest accented bigram (or word) starting like the last words typed.
/// `head` holds the words to show before the completion, one per typed word (typed or restored).
void add_phrases(const Xapian::Database& db, const std::vector<const Token*>& words, const std::vector<const Token*>& head,
                 std::vector<Suggestion>& out) {
    const Token& last = *words.back();
    const Token* before = words.size() >= 2 ? words[words.size() - 2] : nullptr;
    const std::string folded_prefix = before != nullptr ? before->folded + ' ' + last.folded : last.folded;
    std::string typed_head;
    for (std::size_t i = 0; i + (before != nullptr ? 2 : 1) < words.size(); ++i) typed_head += head[i]->text + ' ';

    // One word typed completes to one word; two complete to a pair.
    std::map<std::string, Xapian::doccount> by_phrase;
    for (const auto& [rest, freq] : terms_under(db, std::string(schema::kSurface) + folded_prefix, before == nullptr)) {
        const auto tab = rest.find(schema::kSurfaceSeparator);
        if (tab != std::string::npos) by_phrase[rest.substr(tab + 1)] += freq;
    }
    std::vector<std::pair<std::string, Xapian::doccount>> ranked(by_phrase.begin(), by_phrase.end());
    ranked = most_frequent(std::move(ranked), ranked.size());
    // Only pairs that keep the restored form of their first word when a word before it gave the
    // restoration its context: `thong tu 12` (`thong tu` restored `thông tư`) must not offer
    // `thông từ 12`, the commoner pair of other texts. Alone (`ke hoa`), the first word's
    // restoration is a guess without context (`kể`), and the pairs decide.
    if (before != nullptr && words.size() >= 3 && head[words.size() - 2] != before) {
        const std::string kept = head[words.size() - 2]->text + ' ';
        std::erase_if(ranked, [&](const auto& p) { return p.first.rfind(kept, 0) != 0; });
    }
    if (ranked.size() > kMaxPhrases) ranked.resize(kMaxPhrases);
    for (const auto& [phrase, freq] : ranked) out.push_back({typed_head + phrase, "", "phrase"});
}

/// `nghi quy` → `Nghị quyết 57-NQ/TW`: the most cited keys of the type typed (CitedKeyTable).
void add_references(const CitedKeyTable& keys, std::string_view normalized, std::vector<Suggestion>& out) {
    for (auto& k : keys.complete(analyzers::fold_text(normalized), kMaxReferences)) out.push_back({std::move(k.text), std::move(k.key), "reference"});
}

/** Documents holding every term of `required` and one of `completions` (each `prefix` + a
 *  remainder); an empty query when there is no completion. */
Xapian::Query all_and_one_of(const std::vector<std::string>& required, const std::string& prefix, const Terms& completions) {
    if (completions.empty()) return Xapian::Query();
    std::vector<Xapian::Query> alternatives;
    for (const auto& [rest, freq] : completions) alternatives.emplace_back(prefix + rest);
    std::vector<Xapian::Query> parts(required.begin(), required.end());
    parts.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

/// The id and title of a stored document: from their value slots, or in an index written before
/// those, from the metadata before the text (schema.h), which costs reading the whole text.
std::pair<std::string, std::string> id_and_title(const Xapian::Document& doc) {
    if (std::string id = doc.get_value(schema::kSlotId); !id.empty()) return {std::move(id), doc.get_value(schema::kSlotTitle)};
    const std::string data = doc.get_data();
    const std::size_t end = std::min(data.find(schema::kDataSeparator), data.size());
    const nlohmann::json meta = nlohmann::json::parse(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(end), nullptr, false);
    if (!meta.is_object()) return {};
    return {meta.value(schema::kDataId, ""), meta.value(schema::kDataTitle, "")};
}

/// Titles of up to `count` documents matching `query` that are not offered yet.
void add_titles_of(const Xapian::Database& db, const Xapian::Query& query, std::size_t count, std::vector<Suggestion>& out) {
    if (query.empty() || count == 0) return;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    // No ranking: a prefix says little about relevance, and with BoolWeight in index order Xapian
    // stops at the count-th match instead of scoring every document that has a common word.
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(count + out.size()));
    std::size_t added = 0;
    for (auto it = mset.begin(); it != mset.end() && added < count; ++it) {
        auto [id, title] = id_and_title(it.get_document());
        if (title.empty()) continue;
        const bool offered = std::any_of(out.begin(), out.end(), [&](const Suggestion& s) { return s.kind == "title" && s.id == id; });
        if (offered) continue;
        out.push_back({std::move(title), std::move(id), "title"});
        ++added;
    }
}

/// Titles holding the words typed in that order, each next to the one before, the last as a prefix.
Xapian::Query title_query(const Xapian::Database& db, const std::vector<const Token*>& words) {
    const std::string prefix(schema::kTitleWord);
    std::vector<std::string> pairs;  // `nghi quyet` of `nghi quyet 5`: a title term of its own
    for (std::size_t i = 0; i + 2 < words.size(); ++i) pairs.push_back(prefix + words[i]->folded + ' ' + words[i + 1]->folded);
    const std::string last = words.size() >= 2 ? prefix + words[words.size() - 2]->folded + ' ' + words.back()->folded
                                                : prefix + words.back()->folded;
    return all_and_one_of(pairs, last, most_frequent(terms_under(db, last, words.size() == 1), kTitleExpansion));
}

/// Titles only: a document whose text merely uses the words typed (`Luật Kế toán` for `ve nghi
/// quy`) is what the search finds on Enter, and offered here it only pushes the fitting ones down.
void add_titles(const Xapian::Database& db, const std::vector<const Token*>& words, std::size_t size, std::vector<Suggestion>& out) {
    add_titles_of(db, title_query(db, words), size, out);
}

/// The plain words of an analysed text (no numbers, identifiers or their parts).
std::vector<const Token*> words_of(const std::vector<Token>& tokens) {
    std::vector<const Token*> words;
    for (const Token& t : tokens) {
        if (t.width == 1 && indexer::is_positional(t)) words.push_back(&t);
    }
    return words;
}

}  // namespace

std::vector<Suggestion> suggest(const Xapian::Database& db, const analyzers::Analyzer& query_analyzer, std::string_view typed,
                                std::size_t size, const SuggestHelp& help) {
    const std::string normalized = analyzers::normalize_text(typed);
    const std::vector<Token> tokens = query_analyzer.analyze(normalized);
    std::vector<const Token*> words = words_of(tokens);
    std::vector<Suggestion> out;
    if (words.empty()) return out;
    // The restored text keeps everything but plain words byte for byte, so its words pair with
    // the typed ones but the last; if they do not, the typed ones are shown.
    const std::vector<Token> restored_tokens = help.restored.empty() ? std::vector<Token>{} : query_analyzer.analyze(help.restored);
    std::vector<const Token*> head = words_of(restored_tokens);
    if (head.size() + 1 == words.size()) {
        head.push_back(words.back());
    } else {
        head = words;
    }
    add_numbers(db, normalized, out);
    add_phrases(db, words, head, out);
    if (help.keys != nullptr) add_references(*help.keys, normalized, out);
    add_titles(db, words, size, out);

    std::vector<Suggestion> unique;
    for (auto& s : out) {
        const bool seen = std::any_of(unique.begin(), unique.end(), [&](const Suggestion& u) { return u.text == s.text; });
        if (!seen && unique.size() < size) unique.push_back(std::move(s));
    }
    return unique;
}

}  // namespace tracuu::server
