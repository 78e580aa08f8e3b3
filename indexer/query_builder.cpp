#include "indexer/query_builder.h"

#include <algorithm>
#include <map>
#include <vector>

#include "analyzers/abbreviations.h"
#include "analyzers/fold.h"
#include "analyzers/normalize.h"
#include "indexer/filters.h"
#include "indexer/schema.h"
#include "indexer/self_number.h"
#include "indexer/term_mapping.h"

namespace tracuu::indexer {
namespace {

using analyzers::Token;
using analyzers::TokenKind;

constexpr double kFoldedFallbackWeight = 0.3;
constexpr double kIdentifierWeight = 2.0;
// The three below were tuned on the ALQAC 2023 dev split; docs/QUALITY.md has the figures.
/// Adjacent query words standing together in a document count this much more than apart.
constexpr double kBigramWeight = 2.0;
/// Weight per title word for a document whose whole title the query contains: enough to rank it
/// above documents that only share words, not so much that a short title decides alone.
constexpr double kTitleWordWeight = 2.0;
/// Up to this many words every word is required. A longer query is a statement or a question,
/// whose words the relevant document rarely has all of: it ranks by what documents share with it.
constexpr std::size_t kMaxRequiredWords = 8;
/// The document whose own number the query names outranks every document that only cites it.
constexpr double kOwnNumberWeight = 10.0;
/// A longer query (a paragraph pasted to find where it comes from) is searched by its first words.
constexpr std::size_t kMaxQueryWords = 64;

// ---- lexing: words, "phrases", -exclusions and OR --------------------------------------------

struct Item {
    std::string text;
    std::string field;  ///< `loai` of `loai:"kế hoạch"`, else empty
    bool phrase = false;
    bool excluded = false;
    bool or_with_previous = false;
};

bool is_quote(std::string_view s, std::size_t i, std::size_t& length) {
    if (s[i] == '"') return (length = 1), true;
    if (s.compare(i, 3, "\u201C") == 0 || s.compare(i, 3, "\u201D") == 0) return (length = 3), true;
    return false;
}

std::vector<Item> lex(std::string_view q) {
    std::vector<Item> items;
    bool pending_or = false;
    std::size_t i = 0;
    while (i < q.size()) {
        if (q[i] == ' ' || q[i] == '\n') {
            ++i;
            continue;
        }
        Item item;
        item.or_with_previous = pending_or;
        pending_or = false;
        if (q[i] == '-' && i + 1 < q.size() && q[i + 1] != ' ') {
            item.excluded = true;
            ++i;
        }
        // `name:value` or `name:"a value"`: a field, if `name` is letters (accented too: `loại:`,
        // `năm:`, as the diacritic restoration or a user writes them) and dashes.
        const std::size_t colon = q.find(':', i);
        const std::size_t space = std::min(q.find(' ', i), q.size());
        if (colon != std::string_view::npos && colon < space && colon > i &&
            std::all_of(q.begin() + static_cast<std::ptrdiff_t>(i), q.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
                const auto byte = static_cast<unsigned char>(c);
                return std::isalpha(byte) || c == '-' || byte >= 0x80;
            })) {
            item.field = std::string(q.substr(i, colon - i));
            i = colon + 1;
        }
        std::size_t quote = 0;
        if (is_quote(q, i, quote)) {
            i += quote;
            std::size_t end = i;
            std::size_t closing = 0;
            while (end < q.size() && !is_quote(q, end, closing)) ++end;
            item.text = std::string(q.substr(i, end - i));
            item.phrase = true;
            i = end < q.size() ? end + closing : end;
        } else {
            const std::size_t end = std::min(q.find(' ', i), q.size());
            item.text = std::string(q.substr(i, end - i));
            i = end;
            if (item.text == "OR" && item.field.empty() && !item.excluded && !items.empty()) {
                pending_or = true;
                continue;
            }
        }
        items.push_back(std::move(item));
    }
    return items;
}

// ---- tokens → Xapian queries ------------------------------------------------------------------

bool accented(const Token& t) { return t.text != t.folded; }

/// One word: the accented layer with the folded one as fallback, or the folded layer alone.
Xapian::Query word_query(const Token& t) {
    const Xapian::Query folded(term_for(t, Layer::Folded));
    if (!accented(t)) return folded;
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(term_for(t, Layer::Exact)),
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, folded, kFoldedFallbackWeight));
}

/// A word inside a phrase: OP_PHRASE takes only terms and ORs of terms.
Xapian::Query phrase_word_query(const Token& t) {
    const Xapian::Query folded(term_for(t, Layer::Folded));
    if (!accented(t)) return folded;
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(term_for(t, Layer::Exact)), folded);
}

Xapian::Query identifier_query(const Token& t) {
    const Layer layer = accented(t) ? Layer::Exact : Layer::Folded;
    std::vector<Xapian::Query> spellings{Xapian::Query(term_for(t, layer))};
    for (const auto& alt : t.alternatives) spellings.emplace_back(alternative_term_for(t, alt, layer));
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, spellings.begin(), spellings.end()),
                         kIdentifierWeight);
}

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
    if (parts.empty()) return Xapian::Query();
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(op, parts.begin(), parts.end());
}

/// The query for one word position or one span of positions (a number, a date, a dotted word).
struct Unit {
    Xapian::Query query;
    std::uint32_t first = 0;
    std::uint32_t end = 0;  ///< one past the last position
};

/// Queries for one analysed run of words, in word order.
struct RunQueries {
    std::vector<Xapian::Query> units;    ///< one per word, or per identifier span
    std::vector<Xapian::Query> bigrams;  ///< adjacent-word boosts
};

/// A phrase as the caller wants it run (QueryBuilder::build's `wrap_phrase`); other queries as they are.
Xapian::Query wrapped(const Xapian::Query& query, const PhraseWrapper& wrap_phrase) {
    return wrap_phrase && query.get_type() == Xapian::Query::OP_PHRASE ? wrap_phrase(query) : query;
}

std::vector<Unit> word_units(const std::vector<Token>& tokens, const PhraseWrapper& wrap_phrase) {
    std::map<std::uint32_t, std::vector<const Token*>> at;  // position → tokens starting there
    for (const Token& t : tokens) at[t.position].push_back(&t);

    std::vector<Unit> units;
    std::uint32_t next = 0;
    for (const auto& [position, starting] : at) {
        if (position < next) continue;
        const Token* widest = nullptr;
        for (const Token* t : starting) {
            if (t->width > 1 && (widest == nullptr || t->width > widest->width)) widest = t;
        }
        if (widest != nullptr) {
            // A span (number, date, dotted word): its whole term, or its words in a row, so that
            // `7/QĐ-UBND` written `7 / QĐ - UBND` is found but a text holding 7, QĐ and UBND
            // apart is not (it would inflate the total of every number query).
            std::vector<Xapian::Query> words;
            for (const Token& t : tokens) {
                if (t.position >= position && t.position < position + widest->width && t.width == 1) {
                    words.emplace_back(term_for(t, Layer::Folded));  // positions live in the folded layer
                }
            }
            const Xapian::Query whole = is_positional(*widest) ? word_query(*widest) : identifier_query(*widest);
            units.push_back({Xapian::Query(Xapian::Query::OP_OR, whole, wrapped(combine(Xapian::Query::OP_PHRASE, words), wrap_phrase)), position,
                             position + widest->width});
            next = position + widest->width;
            continue;
        }
        std::vector<Xapian::Query> alternatives;
        for (const Token* t : starting) alternatives.push_back(word_query(*t));
        units.push_back({combine(Xapian::Query::OP_OR, alternatives), position, position + 1});
        next = position + 1;
    }
    return units;
}

/// The tokens of the first `words` words (and the spans within them); the rest is dropped.
std::vector<Token> keep_words(std::vector<Token> tokens, std::size_t words) {
    std::size_t seen = 0;
    std::uint32_t last = 0;
    bool cut = false;
    for (const Token& t : tokens) {
        if (t.width != 1 || !is_positional(t)) continue;
        if (seen == words) {
            cut = true;
            break;
        }
        ++seen;
        last = std::max(last, t.position);
    }
    if (!cut) return tokens;
    std::erase_if(tokens, [&](const Token& t) { return words == 0 || t.position + (t.width > 0 ? t.width - 1 : 0) > last; });
    return tokens;
}

/// A folded phrase (`uy ban nhan dan`) as a query.
Xapian::Query folded_phrase(const std::vector<std::string>& words) {
    std::vector<Xapian::Query> terms;
    for (const auto& w : words) terms.emplace_back(std::string(schema::kFolded) + w);
    if (terms.size() == 1) return terms.front();
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
}

/// Replaces runs of units that spell an abbreviation or its long form by "that OR the others".
void add_abbreviations(const std::vector<Token>& tokens, std::vector<Unit>& units, const PhraseWrapper& wrap_phrase) {
    std::vector<std::string> folded;  // one per position
    std::vector<std::uint32_t> positions;
    for (const Token& t : tokens) {
        if (t.width == 1 && is_positional(t) && (positions.empty() || positions.back() != t.position)) {
            folded.push_back(t.folded);
            positions.push_back(t.position);
        }
    }
    for (const auto& match : analyzers::find_abbreviations(folded)) {
        const std::uint32_t first = positions[match.start];
        const std::uint32_t end = positions[match.start + match.length - 1] + 1;
        const auto begin_unit = std::find_if(units.begin(), units.end(), [&](const Unit& u) { return u.first == first; });
        auto end_unit = begin_unit;
        while (end_unit != units.end() && end_unit->end <= end) ++end_unit;
        if (begin_unit == units.end() || begin_unit == end_unit || std::prev(end_unit)->end != end) continue;  // splits a span

        std::vector<Xapian::Query> same;
        for (auto it = begin_unit; it != end_unit; ++it) same.push_back(it->query);
        std::vector<Xapian::Query> others;
        for (const auto& alt : match.alternatives) others.push_back(wrapped(folded_phrase(alt), wrap_phrase));
        Xapian::Query other = combine(Xapian::Query::OP_OR, others);
        if (match.weight != 1.0) other = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, other, match.weight);
        Unit merged{Xapian::Query(Xapian::Query::OP_OR, combine(Xapian::Query::OP_AND, same), other), first, end};
        const auto at = units.erase(begin_unit, end_unit);
        units.insert(at, std::move(merged));
    }
}

/// Boosts documents whose whole title is a run of adjacent words of the query, longer titles more.
void add_title_boosts(const std::vector<Token>& tokens, std::vector<Xapian::Query>& boosts) {
    std::vector<const Token*> words;
    for (const Token& t : tokens) {
        if (t.width == 1 && (t.kind == TokenKind::Word || t.kind == TokenKind::Number)) words.push_back(&t);
    }
    std::map<std::size_t, std::vector<Xapian::Query>> by_length;
    for (std::size_t first = 0; first < words.size(); ++first) {
        for (std::size_t end = first + 1; end <= words.size() && end - first <= schema::kTitlePhraseMaxWords; ++end) {
            if (end - first > 1 && words[end - 1]->position != words[end - 2]->position + 1) break;
            const std::string term = title_phrase_term(std::vector<const Token*>(words.begin() + static_cast<std::ptrdiff_t>(first), words.begin() + static_cast<std::ptrdiff_t>(end)));
            if (!term.empty()) by_length[end - first].emplace_back(term);
        }
    }
    for (const auto& [length, terms] : by_length) {
        boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, combine(Xapian::Query::OP_OR, terms), kTitleWordWeight * static_cast<double>(length));
    }
}

RunQueries run_queries(const std::vector<Token>& tokens, const Xapian::Database& vocabulary, const PhraseWrapper& wrap_phrase) {
    std::vector<Unit> units = word_units(tokens, wrap_phrase);
    add_abbreviations(tokens, units, wrap_phrase);
    RunQueries out;
    for (auto& unit : units) out.units.push_back(std::move(unit.query));

    const Token* previous = nullptr;
    for (const Token& t : tokens) {
        if (t.kind != TokenKind::Word && t.kind != TokenKind::Number) continue;
        if (previous != nullptr && !t.starts_clause && previous->position + 1 == t.position) {
            if (accented(*previous) && accented(t)) {
                out.bigrams.emplace_back(bigram_term(*previous, t));
            } else {
                out.bigrams.push_back(folded_bigram_query(*previous, t, vocabulary));
            }
        }
        previous = &t;
    }
    return out;
}

Xapian::Query phrase_query(const std::vector<Token>& tokens, const PhraseWrapper& wrap_phrase) {
    std::vector<Xapian::Query> words;
    for (const Token& t : tokens) {
        if (t.kind == TokenKind::Word || t.kind == TokenKind::Number) words.push_back(phrase_word_query(t));
    }
    if (words.size() <= 1) return combine(Xapian::Query::OP_AND, words);
    return wrapped(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()), wrap_phrase);
}

}  // namespace

QueryBuilder::QueryBuilder() : m_analyzer(analyzers::AnalysisMode::Query) {}

Result<ParsedQuery> QueryBuilder::build(std::string_view user_query, const Xapian::Database& vocabulary, const PhraseWrapper& wrap_phrase) const {
    const std::string normalized = analyzers::normalize_text(user_query);
    std::vector<Item> items = lex(normalized);

    // Plain words next to each other are analysed together, so numbers and bigrams span them.
    std::vector<Item> merged;
    bool last_is_plain_run = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        Item& item = items[i];
        const bool next_is_or = i + 1 < items.size() && items[i + 1].or_with_previous;
        const bool plain = item.field.empty() && !item.phrase && !item.excluded && !item.or_with_previous && !next_is_or;
        if (plain && last_is_plain_run) {
            merged.back().text += ' ' + item.text;
            continue;
        }
        merged.push_back(std::move(item));
        last_is_plain_run = plain;
    }

    ParsedQuery parsed;
    std::vector<Xapian::Query> filters;
    std::vector<Xapian::Query> excluded_filters;
    std::vector<Item> words;
    bool last_is_filter = false;  // the previous item was a field kept as a (not excluded) filter
    for (auto& item : merged) {
        const bool after_filter = last_is_filter;
        last_is_filter = false;
        if (item.field.empty()) {
            words.push_back(std::move(item));
            continue;
        }
        auto field = field_query(item.field, item.text);
        // A name written with diacritics may be Vietnamese text (`kế hoạch năm: 2025`, `năm:2025-2030`):
        // a field only when its value is one, else words, never an error.
        const bool vietnamese_name = std::any_of(item.field.begin(), item.field.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        if (!field || (!field->ok() && vietnamese_name)) {  // not a field we know (`ISO 9001:2015`): plain words after all
            item.text = item.field + ":" + item.text;
            item.field.clear();
            words.push_back(std::move(item));
            continue;
        }
        if (!field->ok()) return field->error();
        if (item.excluded) {
            excluded_filters.push_back(field->value());
        } else if (item.or_with_previous && after_filter) {
            // `nam:2025 OR nam:2026`: either filter passes.
            filters.back() = Xapian::Query(Xapian::Query::OP_OR, filters.back(), field->value());
            last_is_filter = true;
        } else {
            filters.push_back(field->value());
            last_is_filter = true;
        }
    }
    merged = std::move(words);

    std::vector<Xapian::Query> required;  // AND of clauses; OR groups collapse into one clause
    std::vector<Xapian::Query> any_unit;  // every unit, for the relaxed form
    std::vector<Xapian::Query> excluded;
    std::vector<Xapian::Query> boosts;
    std::vector<Token> all_tokens;  // of the wanted words, for the number look-up
    std::size_t word_count = 0;
    std::size_t wanted_words = 0;
    for (const Item& item : merged) {
        if (word_count >= kMaxQueryWords) break;  // a pasted text is searched by its first words
        std::vector<Token> tokens = keep_words(m_analyzer.analyze(item.text), kMaxQueryWords - word_count);
        word_count += static_cast<std::size_t>(std::count_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.width == 1 && is_positional(t); }));
        if (tokens.empty()) continue;
        Xapian::Query clause;
        RunQueries run;
        if (item.phrase) {
            clause = phrase_query(tokens, wrap_phrase);
        } else {
            run = run_queries(tokens, vocabulary, wrap_phrase);
            clause = combine(Xapian::Query::OP_AND, run.units);
        }
        if (item.excluded) {
            // Only excluded: an excluded word neither matches the relaxed form nor boosts.
            excluded.push_back(clause);
            continue;
        }
        if (item.phrase) {
            any_unit.push_back(clause);
        } else {
            any_unit.insert(any_unit.end(), run.units.begin(), run.units.end());
            if (!run.bigrams.empty()) boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, combine(Xapian::Query::OP_OR, run.bigrams), kBigramWeight);
            add_title_boosts(tokens, boosts);
        }
        for (const Token& t : tokens) {
            if (is_positional(t) && t.width == 1) {
                parsed.highlight.insert(t.folded);
                if (t.text != t.folded) parsed.highlight_exact.insert(t.text);
            }
        }
        wanted_words += static_cast<std::size_t>(std::count_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.width == 1 && is_positional(t); }));
        all_tokens.insert(all_tokens.end(), tokens.begin(), tokens.end());
        if (item.or_with_previous && !required.empty()) {
            required.back() = Xapian::Query(Xapian::Query::OP_OR, required.back(), clause);
        } else {
            required.push_back(clause);
        }
    }
    if (required.empty() && !filters.empty()) required.emplace_back(std::string(schema::kKind) + std::string(schema::kKindDocument));
    if (required.empty()) {
        return Error{ErrorCode::InvalidArgument,
                     excluded.empty() ? "the query has no words to search for" : "the query has only excluded words"};
    }
    excluded.insert(excluded.end(), excluded_filters.begin(), excluded_filters.end());
    const Xapian::Query filter = combine(Xapian::Query::OP_AND, filters);

    std::vector<Xapian::Query> own_number;
    for (const auto& t : number_lookup_terms(all_tokens)) own_number.emplace_back(t);
    if (!own_number.empty()) {
        boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, combine(Xapian::Query::OP_OR, own_number), kOwnNumberWeight);
    }
    const auto finish = [&](Xapian::Query core) {
        if (!filter.empty()) core = Xapian::Query(Xapian::Query::OP_FILTER, core, filter);
        if (!boosts.empty()) core = Xapian::Query(Xapian::Query::OP_AND_MAYBE, core, combine(Xapian::Query::OP_OR, boosts));
        if (!excluded.empty()) core = Xapian::Query(Xapian::Query::OP_AND_NOT, core, combine(Xapian::Query::OP_OR, excluded));
        return core;
    };
    parsed.relaxed = finish(combine(Xapian::Query::OP_OR, any_unit));
    parsed.query = wanted_words > kMaxRequiredWords ? parsed.relaxed : finish(combine(Xapian::Query::OP_AND, required));
    return parsed;
}

}  // namespace tracuu::indexer
