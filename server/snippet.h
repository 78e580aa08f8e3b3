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

/** Picks the paragraph holding the most distinct highlight words (ties: the one holding most of
 *  the `exact` forms as written, then the earliest), cuts it to about `max_bytes` around its
 *  densest run of matches on word boundaries, and marks every word whose folded form is in
 *  `highlight` (so `uy ban` marks `Ủy ban`) — except that where the passage holds a word of
 *  `exact` (accented forms, Token::text, of words searched for with diacritics), the words of
 *  the same folded form are marked only in that spelling (`quỹ` marks `quỹ`, not `Quy` beside
 *  it; a passage with `Quy` alone, matched through the folded layer, still shows it marked).
 *  Words are found by the same Analyzer that indexed the text. With no match, returns the
 *  text's opening. */
[[nodiscard]] Snippet make_snippet(std::string_view text, const std::set<std::string>& highlight,
                                   const analyzers::Analyzer& analyzer, std::size_t max_bytes = 320,
                                   const std::set<std::string>& exact = {});

/// Escapes &, <, >, " and ' for HTML text and attributes.
[[nodiscard]] std::string html_escape(std::string_view text);

}  // namespace tracuu::server
