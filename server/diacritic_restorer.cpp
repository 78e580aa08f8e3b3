#include "server/diacritic_restorer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

#include "analyzers/normalize.h"
#include "analyzers/utf.h"
#include "indexer/schema.h"
#include "indexer/term_mapping.h"

namespace tracuu::server {
namespace {

using analyzers::Token;
using analyzers::TokenKind;

/// Accented forms kept per word: the commonest few carry nearly all of the probability.
constexpr std::size_t kMaxCandidates = 8;
/// Surface terms read per word or pair, a bound for indexes full of odd spellings.
constexpr std::size_t kMaxSurfaceTerms = 64;
/// Dirichlet prior μ of the pair model, in documents: how much the word's own frequency counts
/// against what follows the previous word. Small, so a pair seen in a few documents outweighs a
/// commoner word (`bàn ghế` over `bạn ghế`), while an unseen pair falls back to word frequency.
constexpr double kPairPrior = 2.0;
/// The document count given to a word the index lacks, so that it has a small, finite probability.
constexpr double kUnseenDocuments = 0.5;

struct Candidate {
    std::string accented;
    double documents = 0;
};

/// One word of a run: what was typed, and what it may stand for (never empty).
struct Slot {
    const Token* token = nullptr;
    std::vector<Candidate> candidates;
    bool restorable = false;  ///< false: keep the word exactly as typed
};

std::string surface_prefix(const std::string& folded) {
    std::string prefix(schema::kSurface);
    prefix += folded;
    prefix += schema::kSurfaceSeparator;
    return prefix;
}

/// What the restorer reads of the index: the database, and where spellings read are kept.
struct Index {
    const Xapian::Database& db;
    SurfaceFormCache* forms;
    const std::string& revision_key;

    /// Accented spellings of a folded word or pair, with the number of documents holding each.
    [[nodiscard]] std::map<std::string, double> surface_forms(const std::string& folded) const {
        const bool cached = forms != nullptr && forms->enabled() && !revision_key.empty();
        const std::string prefix = surface_prefix(folded);
        if (cached) {
            if (auto found = forms->find(revision_key + prefix)) return std::move(*found);
        }
        std::map<std::string, double> out;
        std::size_t read = 0;
        for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && read < kMaxSurfaceTerms; ++it, ++read) {
            out[(*it).substr(prefix.size())] = it.get_termfreq();
        }
        if (cached) forms->store(revision_key + prefix, out);
        return out;
    }
};

/// The candidates of a restorable word: its accented spellings and, if indexed, itself.
std::vector<Candidate> word_candidates(const Index& index, const std::string& folded) {
    const Xapian::Database& db = index.db;
    std::vector<Candidate> out;
    for (const auto& [accented, documents] : index.surface_forms(folded)) out.push_back({accented, documents});
    // Surface terms exist only where the accented form differs; `ban` itself is an exact term.
    const Xapian::doccount plain = db.get_termfreq(std::string(schema::kExact) + folded);
    if (plain > 0) out.push_back({folded, static_cast<double>(plain)});
    std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.documents > b.documents; });
    if (out.size() > kMaxCandidates) out.resize(kMaxCandidates);
    return out;
}

bool is_ascii_letters(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

/// `loai:ke-hoach` or `nam:2025`: a name of letters and dashes, a colon, and a value.
bool is_field_item(std::string_view item) {
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == item.size()) return false;
    const std::string_view name = item.substr(item.front() == '-' ? 1 : 0, colon - (item.front() == '-' ? 1 : 0));
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '-'; });
}

/// Byte ranges of field items, whose words belong to the field syntax, not to the search: a
/// quoted value (`loai:"thong tu"`) runs to its closing quote.
std::vector<std::pair<std::size_t, std::size_t>> field_items(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find(' ', start), text.size());
        if (is_field_item(text.substr(start, end - start))) {
            const std::size_t value = text.find(':', start) + 1;
            if (text[value] == '"' && text.find('"', value + 1) > end) {
                end = std::min(text.find(' ', std::min(text.find('"', value + 1), text.size())), text.size());
            }
            ranges.emplace_back(start, end);
        }
        start = end + 1;
    }
    return ranges;
}

/// Words a user may have typed without accents: plain letters, not the OR operator, not a field.
bool restorable(const Token& t, std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& fields,
                const std::vector<bool>& in_identifier) {
    if (t.kind != TokenKind::Word || t.position >= in_identifier.size() || in_identifier[t.position]) return false;
    const std::string_view typed = text.substr(t.begin, t.end - t.begin);
    if (!is_ascii_letters(typed) || typed == "OR") return false;
    return std::none_of(fields.begin(), fields.end(), [&](const auto& r) { return t.begin >= r.first && t.end <= r.second; });
}

/// How many documents hold the accented pair `a b`.
double pair_documents(const Xapian::Database& db, const std::map<std::string, double>& pair_forms, const Slot& left, const Candidate& a,
                      const Slot& right, const Candidate& b) {
    const auto found = pair_forms.find(a.accented + ' ' + b.accented);
    if (found != pair_forms.end()) return found->second;
    if (a.accented == left.token->folded && b.accented == right.token->folded) {
        // Both unaccented: no surface term, but the accented-layer bigram counts it.
        std::string term(schema::kExactBigram);
        term += a.accented + ' ' + b.accented;
        return db.get_termfreq(term);
    }
    return 0;
}

/// The likeliest candidate index per slot of one run: Viterbi over a bigram language model of
/// the index's documents, P(b | a) = (df(a b) + μ·P(b)) / (df(a) + μ), P(b) = df(b) / documents.
std::vector<std::size_t> best_path(const Index& index, const std::vector<Slot>& run) {
    const Xapian::Database& db = index.db;
    const double documents = std::max(1.0, static_cast<double>(db.get_doccount()));
    const auto unigram = [&](const Candidate& c) { return std::max(c.documents, kUnseenDocuments) / documents; };
    std::vector<double> score;
    for (const auto& c : run[0].candidates) score.push_back(std::log(unigram(c)));
    std::vector<std::vector<std::size_t>> back(run.size());
    for (std::size_t i = 1; i < run.size(); ++i) {
        const Slot& left = run[i - 1];
        const Slot& right = run[i];
        const bool any_choice = left.restorable || right.restorable;
        const std::map<std::string, double> pair_forms =
            any_choice ? index.surface_forms(left.token->folded + ' ' + right.token->folded) : std::map<std::string, double>{};
        std::vector<double> next(right.candidates.size(), -std::numeric_limits<double>::infinity());
        back[i].assign(right.candidates.size(), 0);
        for (std::size_t a = 0; a < left.candidates.size(); ++a) {
            const Candidate& first = left.candidates[a];
            for (std::size_t b = 0; b < right.candidates.size(); ++b) {
                const double pair = any_choice ? pair_documents(db, pair_forms, left, first, right, right.candidates[b]) : 0;
                const double p = (pair + kPairPrior * unigram(right.candidates[b])) / (first.documents + kPairPrior);
                const double s = score[a] + std::log(p);
                if (s > next[b]) {
                    next[b] = s;
                    back[i][b] = a;
                }
            }
        }
        score = std::move(next);
    }
    std::vector<std::size_t> path(run.size());
    path.back() = static_cast<std::size_t>(std::max_element(score.begin(), score.end()) - score.begin());
    for (std::size_t i = run.size() - 1; i > 0; --i) path[i - 1] = back[i][path[i]];
    return path;
}

/// The accented word with the capitals of the typed one: `Ke` → `Kế`, `KE` → `KẾ`.
std::string with_case_of(std::string_view typed, const std::string& accented) {
    const bool first_upper = typed[0] >= 'A' && typed[0] <= 'Z';
    const bool all_upper = typed.size() > 1 && std::all_of(typed.begin(), typed.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!first_upper) return accented;
    std::u32string chars = analyzers::to_utf32(accented);
    for (std::size_t i = 0; i < chars.size() && (i == 0 || all_upper); ++i) chars[i] = static_cast<char32_t>(u_toupper(static_cast<UChar32>(chars[i])));
    return analyzers::to_utf8(chars);
}

}  // namespace

DiacriticRestorer::DiacriticRestorer() : m_analyzer(analyzers::AnalysisMode::Query) {}

std::optional<std::string> DiacriticRestorer::restore(const Xapian::Database& db, std::string_view query, SurfaceFormCache* forms,
                                                      const std::string& revision_key) const {
    const Index index{db, forms, revision_key};
    const std::string text = analyzers::normalize_text(query);
    const std::vector<Token> tokens = m_analyzer.analyze(text);
    std::size_t positions = 0;
    for (const Token& t : tokens) {
        if (t.kind == TokenKind::Word && t.text != t.folded) return std::nullopt;  // typed with accents: trust them
        positions = std::max<std::size_t>(positions, t.position + t.width);
    }
    // Words inside a document number, a date or a dotted word are part of a whole, not prose.
    std::vector<bool> in_identifier(positions, false);
    for (const Token& t : tokens) {
        if (t.width > 1) std::fill_n(in_identifier.begin() + t.position, t.width, true);
    }
    const auto fields = field_items(text);

    // Runs of adjacent words, as the index pairs them: no punctuation in between.
    std::vector<std::vector<Slot>> runs;
    const Token* previous = nullptr;
    for (const Token& t : tokens) {
        if (t.width != 1 || (t.kind != TokenKind::Word && t.kind != TokenKind::Number)) continue;
        Slot slot{&t, {}, restorable(t, text, fields, in_identifier)};
        if (slot.restorable) slot.candidates = word_candidates(index, t.folded);
        if (slot.candidates.empty()) {
            slot.restorable = false;
            slot.candidates.push_back({t.text, static_cast<double>(db.get_termfreq(indexer::term_for(t, indexer::Layer::Exact)))});
        }
        const bool continues = previous != nullptr && !t.starts_clause && previous->position + 1 == t.position;
        if (!continues) runs.emplace_back();
        runs.back().push_back(std::move(slot));
        previous = &t;
    }

    std::string restored;
    std::size_t copied = 0;
    bool changed = false;
    for (const auto& run : runs) {
        const std::vector<std::size_t> path = best_path(index, run);
        for (std::size_t i = 0; i < run.size(); ++i) {
            const Slot& slot = run[i];
            const std::string& chosen = slot.candidates[path[i]].accented;
            if (!slot.restorable || chosen == slot.token->folded) continue;
            restored.append(text, copied, slot.token->begin - copied);
            restored += with_case_of(std::string_view(text).substr(slot.token->begin, slot.token->end - slot.token->begin), chosen);
            copied = slot.token->end;
            changed = true;
        }
    }
    if (!changed) return std::nullopt;
    restored.append(text, copied, std::string::npos);
    return restored;
}

}  // namespace tracuu::server
