/** @file
 *  @brief A user's query string → a Xapian query over the schema, through the same analyzer
 *  that indexed the documents.
 */
#pragma once

#include <xapian.h>

#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "analyzers/analyzer.h"
#include "indexer/error.h"

namespace tracuu::indexer {

/// A parsed query, ready to run.
struct ParsedQuery {
    Xapian::Query query;    ///< every word must match (through either layer); past 8 words, as `relaxed`
    Xapian::Query relaxed;  ///< any word may match; run when `query` finds nothing
    /// Folded forms of the words a user searched for, to mark in snippets and document views.
    std::set<std::string> highlight;
    /// The accented forms (analyzer Token::text) of the words searched for with diacritics: where
    /// a passage has them, a snippet marks them and not their look-alikes (`quỹ`, not `Quy`).
    std::set<std::string> highlight_exact;
};

/** Given a phrase query (OP_PHRASE), the query to run in its place, matching the same documents
 *  (e.g. the phrase restricted to its known matches). The builder never puts a phrase under an
 *  OP_SYNONYM. */
using PhraseWrapper = std::function<Xapian::Query(const Xapian::Query& phrase)>;

/** Builds queries. Syntax, as a user types it:
 *  - words, with or without diacritics; per word, an accented word matches the accented layer
 *    first and the folded layer at lower weight, a word without diacritics the folded layer;
 *  - `"a phrase"` (straight or curly quotes): the words adjacent and in order;
 *  - `-word` or `-"a phrase"`: exclude documents that contain it;
 *  - `a OR b`: either;
 *  - document numbers and dates anywhere (`57-NQ/TW`, `60/2021`, `5/3/2020`);
 *  - identity fields (`loai:"kế hoạch"`, `nam:2025`, `co-quan:ubnd`, `tinh-trang:…`, and
 *    `type:`, `year:`, `issuer:`, `status:`), which filter rather than rank; a query of fields
 *    alone lists every document that passes them.
 *  Every word is required in a query of up to 8 words. A longer query (a statement or a question
 *  pasted from a text) matches documents with any of its words, ranked by what they share with it;
 *  past 64 words, only the first 64 are searched.
 *  Adjacent words also rank documents where they stand together (bigrams) higher, and a
 *  document whose whole title (5 to 24 words) the query contains higher still.
 *
 *  build() is const and safe to call from several threads.
 */
class QueryBuilder {
public:
    QueryBuilder();

    /** `vocabulary` is the database the query will run on: the spellings of an unaccented pair
     *  are looked up in it (folded_bigram_query); with an empty Database() such a pair is
     *  boosted through its plain spelling (`B…`) alone.
     *  Errors (InvalidArgument): no searchable word nor field, only excluded words, a field
     *  without a value or with a malformed year.
     *  `wrap_phrase`, when given, replaces each phrase the query holds (quoted, an identifier
     *  written in words, an abbreviation's long form). */
    [[nodiscard]] Result<ParsedQuery> build(std::string_view user_query, const Xapian::Database& vocabulary,
                                            const PhraseWrapper& wrap_phrase = {}) const;

private:
    analyzers::Analyzer m_analyzer;
};

}  // namespace tracuu::indexer
