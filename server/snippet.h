/** @file
 *  @brief Choosing and marking the passage of a document that best shows why it matched.
 */
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "analyzers/analyzer.h"

namespace tracuu::server {

struct Snippet {
    std::string html;  ///< HTML-escaped; only <mark> tags are markup
    unsigned page = 1; ///< 1-based page (form feeds before the passage + 1)
    std::size_t offset = 0;  ///< byte offset of the passage in the text
};

/** Picks the paragraph holding the most distinct highlight words (ties: the earliest), cuts it
 *  to about `max_bytes` around its densest run of matches on word boundaries, and marks every
 *  word whose folded form is in `highlight` (so `uy ban` marks `Ủy ban`). Words are found by
 *  the same Analyzer that indexed the text. With no match, returns the text's opening. */
[[nodiscard]] Snippet make_snippet(std::string_view text, const std::set<std::string>& highlight,
                                   const analyzers::Analyzer& analyzer, std::size_t max_bytes = 320);

/// Escapes &, <, >, " and ' for HTML text and attributes.
[[nodiscard]] std::string html_escape(std::string_view text);

}  // namespace tracuu::server
