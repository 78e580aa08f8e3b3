/** @file
 *  @brief A document's citations as stored references, keyed so they meet the documents cited.
 */
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/citations.h"
#include "indexer/indexed_document.h"

namespace tracuu::indexer {

/** The citations of a document's text as references: keyed by reference_key(), with the
 *  clause that cites, the outline section, relation and flags. The document's own number (at
 *  `fields.number_offset`, see DocumentFields) is its identity, not a citation, and is left
 *  out. An administrative citation without an issuer phrase whose code is the citing document's
 *  own (`1049/QĐ-UBND` in a UBND plan) is taken to be that body's. */
[[nodiscard]] std::vector<Reference> extract_references(std::string_view text, const DocumentFields& fields,
                                                        const std::vector<OutlineEntry>& outline,
                                                        const analyzers::CitationFinder& finder);

/// The reference key under which other documents cite this one, or "" without a number.
[[nodiscard]] std::string own_reference_key(const DocumentFields& fields);

}  // namespace tracuu::indexer
