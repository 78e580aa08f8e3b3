/** @file
 *  @brief From text to knowledge: identity, outline, references and budget lines of a document.
 */
#pragma once

#include "analyzers/citations.h"
#include "indexer/indexed_document.h"

namespace tracuu::indexer {

/** Fills a document's identity fields, outline, references and budget lines from its text, and
 *  replaces a guessed title by the document's own summary line when one is found. Holds the
 *  compiled recognisers: build one and reuse it. enrich() is const and thread-safe. */
class Enricher {
public:
    void enrich(IndexedDocument& doc) const;

private:
    analyzers::CitationFinder m_citations;
};

}  // namespace tracuu::indexer
