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

/** The stored document `stored` (written by build_document) under a new id and source file, its
 *  terms untouched: what a renamed or moved file needs, without extracting or analysing it again.
 *  The id term, the source path slot and the id, source file and budget-check line ids of the
 *  data change; nothing else does. `stored` is a handle (Xapian documents share state): the
 *  result is the same document, edited. */
[[nodiscard]] Xapian::Document relocated_document(Xapian::Document stored, const std::string& id,
                                                  const std::string& source_file, const std::string& source_path);

}  // namespace tracuu::indexer
