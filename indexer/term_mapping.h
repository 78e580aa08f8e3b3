/** @file
 *  @brief Which Xapian terms a token becomes: the one mapping used by indexing and by queries.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "analyzers/analyzer.h"

namespace tracuu::indexer {

/// The two layers every word lives in.
enum class Layer { Exact, Folded };

/** The term for a token in one layer. Folded: `Fuy`, `J60/2021/nd-cp`. Exact: the word as
 *  written when it has no diacritics (`ban`, `2024`), else its surface term (`Huy\tủy`, the
 *  same postings, without positions); `I60/2021/nđ-cp` for an identifier with diacritics, and
 *  the folded term for one without (`J57-nq/tw` in both layers). Dates: `D2020-03-05` in both.
 *  Only the folded layer of words carries positions; when both layers give the same term the
 *  index holds it once. */
[[nodiscard]] std::string term_for(const analyzers::Token& token, Layer layer);

/// The same for an alternative spelling of an identifier token (`57-nq/tw` for `57/NQ-TW`).
[[nodiscard]] std::string alternative_term_for(const analyzers::Token& token, const std::string& alternative, Layer layer);

/** The bigram term of two adjacent word tokens, the only one a pair is indexed under: `Buy ban`
 *  when neither word has diacritics, else the pair's surface term (`Hnghi quyet\tnghị quyết`). */
[[nodiscard]] std::string bigram_term(const analyzers::Token& first, const analyzers::Token& second);

/** Every spelling of a pair, accented or not, weighted as one term (OP_SYNONYM): the plain pair
 *  (`Bnghi quyet`) and the surface terms of `vocabulary` whose folded pair it is (`Hnghi
 *  quyet\t…`), the 32 most frequent. Looked up here, over all shards at once, rather than by an
 *  OP_WILDCARD, which Xapian expands per shard so that sharded scores would differ from one
 *  database's. A folded layer of pairs would hold the same postings and cost the indexer a third
 *  of its writing time (bench/perf/PROFILE.md). */
[[nodiscard]] Xapian::Query folded_bigram_query(const analyzers::Token& first, const analyzers::Token& second,
                                                const Xapian::Database& vocabulary);

/// The surface term of a word or bigram whose accented form differs from its folded one, else "".
[[nodiscard]] std::string surface_term(const std::string& folded, const std::string& accented);

/** The title-phrase term (schema::kTitlePhrase) of a document title's words or of a run of
 *  adjacent query words: Word and Number tokens of width 1, in order (`XNtrach nhiem cua bo y te`).
 *  "" when there are fewer than kTitlePhraseMinWords or more than kTitlePhraseMaxWords. */
[[nodiscard]] std::string title_phrase_term(const std::vector<const analyzers::Token*>& words);

/// True for tokens that take a word position (Word, Number, Part); identifiers and dates do not.
[[nodiscard]] bool is_positional(const analyzers::Token& token);

/// Xapian limits a term to 245 bytes; longer ones are not indexed nor queried.
[[nodiscard]] bool fits_in_index(const std::string& term);

/** Adds a term, a positional term or a boolean term unless it is empty or does not fit in the
 *  index: Xapian refuses such a term and then cancels every change not yet committed, so one
 *  junk value (a reference key made of a garbled line) must be left out, not cost the batch.
 *  Every term a document gets goes through these. */
void add_indexable_term(Xapian::Document& doc, const std::string& term, Xapian::termcount wdf = 1);
void add_indexable_posting(Xapian::Document& doc, const std::string& term, Xapian::termpos pos, Xapian::termcount wdf);
void add_indexable_boolean(Xapian::Document& doc, const std::string& term);

}  // namespace tracuu::indexer
