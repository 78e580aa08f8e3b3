/** @file
 *  @brief Number look-up that forgives: the terms that tie a document to its own number, and
 *  the terms a query's number, year and type words point at.
 */
#pragma once

#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "indexer/indexed_document.h"

namespace tracuu::indexer {

/** Terms naming a document's own identity (schema::kSelfNumber): its whole folded number
 *  (`XK=60/2021/nd-cp`), number with year (`XK:60/2021`), and number under its type code and
 *  type name, with and without year (`XKnd:60`, `XKnghi dinh:60/2021`). */
[[nodiscard]] std::vector<std::string> self_number_terms(const DocumentFields& fields);

/** The self-number terms a query points at: a whole number in it (`57/NQ-TW` also as
 *  `57-nq/tw`), or its first number with a year and a type word or code
 *  (`nghi dinh 60 2021`, `NĐ 60/2021`, `nd-cp 60 2021`, `Nghị định 60`, `60/2021`). Empty when
 *  the query names no number. */
[[nodiscard]] std::vector<std::string> number_lookup_terms(const std::vector<analyzers::Token>& tokens);

}  // namespace tracuu::indexer
