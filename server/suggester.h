/** @file
 *  @brief As-you-type completions from the index's own words, numbers and titles.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer.h"

namespace tracuu::server {

struct Suggestion {
    std::string text;
    std::string id;    ///< the document a title suggestion opens, else ""
    std::string kind;  ///< "number", "phrase" or "title"
};

/** Completes a partly typed query, with or without diacritics (`nghi quy` → `nghị quyết`):
 *  document numbers that start with what was typed, the most frequent accented spellings of the
 *  last two words in the index (the surface terms of schema.h), and titles of the best documents
 *  for the words typed so far, the last one taken as a prefix. At most `size` suggestions,
 *  numbers first. `query_analyzer` must be in Query mode. */
[[nodiscard]] std::vector<Suggestion> suggest(const Xapian::Database& db, const analyzers::Analyzer& query_analyzer,
                                              std::string_view typed, std::size_t size);

}  // namespace tracuu::server
