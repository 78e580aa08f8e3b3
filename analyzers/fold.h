/** @file
 *  @brief The diacritic-free layer: what a user typing without accents writes.
 */
#pragma once

#include <string>
#include <string_view>

namespace tracuu::analyzers {

/** Folds a lower-case term: Vietnamese vowels lose tone and quality marks, đ becomes d, other
 *  Latin letters lose their combining marks (é → e, ü → u). Characters with no Latin base are
 *  kept as they are. */
[[nodiscard]] std::u32string fold_term(std::u32string_view lower);

/** Lower-cases and folds running UTF-8 text character by character, keeping every other
 *  character, for cheap substring tests (snippet selection). Not a tokenizer: `Ủy ban` becomes
 *  `uy ban`, punctuation stays. */
[[nodiscard]] std::string fold_text(std::string_view utf8);

/// True when the UTF-8 text carries any diacritic or đ, i.e. folding would change it.
[[nodiscard]] bool has_diacritics(std::string_view lower_utf8);

}  // namespace tracuu::analyzers
