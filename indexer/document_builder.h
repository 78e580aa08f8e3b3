/** @file
 *  @brief IndexedDocument → Xapian::Document: terms of both layers, bigrams, identifiers, data.
 */
#pragma once

#include <xapian.h>

#include "analyzers/analyzer.h"
#include "indexer/indexed_document.h"

namespace tracuu::indexer {

/** Builds the Xapian document for one IndexedDocument.
 *
 *  The title and the text are analysed by the same Analyzer (Index mode); the title's words are
 *  indexed with positions before the text's, with a gap so phrases never span them, and with a
 *  higher wdf so that title matches rank first. The document data is the JSON object described
 *  in schema.h.
 */
[[nodiscard]] Xapian::Document build_document(const IndexedDocument& doc, const analyzers::Analyzer& analyzer);

/// Reads back the IndexedDocument stored by build_document (text, title, paths; not the terms).
[[nodiscard]] IndexedDocument read_document(const Xapian::Document& doc);

}  // namespace tracuu::indexer
