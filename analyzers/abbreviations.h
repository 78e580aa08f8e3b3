/** @file
 *  @brief The abbreviations of Vietnamese administrative text, as query-time synonyms.
 */
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tracuu::analyzers {

/// A run of query words that has other spellings with the same meaning.
struct AbbreviationMatch {
    std::size_t start = 0;   ///< index of the first matched word
    std::size_t length = 0;  ///< number of matched words
    /// The other spellings, each a sequence of folded words (`{"uy","ban","nhan","dan"}` for `ubnd`).
    std::vector<std::vector<std::string>> alternatives;
    /// 1 for unambiguous groups; lower for ambiguous codes (BCT: Bộ Chính trị or Bộ Công Thương).
    double weight = 1.0;
};

/** Finds abbreviations and their long forms in a sequence of folded query words (`ubnd`,
 *  `kh cn` from `KH&CN`, `tp hcm`, `uy ban nhan dan`, …), longest match first, without
 *  overlaps. One table, in abbreviations.cpp, holds every group (VIETNAMESE.md §5): UBND,
 *  HĐND, KH&CN/KHCN, ĐMST, CĐS, NSNN, KBNN, TTg, TW, BCT, BTC, TP.HCM, QH, MTTQ, VBQPPL, XHCN,
 *  CNTT, BHXH, GD&ĐT, TN&MT, PTNT, ĐBQH, BKHCN, QyĐ, and the type codes KH, QĐ, NĐ, which a
 *  long form (`kế hoạch`) reaches but which never expand themselves outside a symbol. */
[[nodiscard]] std::vector<AbbreviationMatch> find_abbreviations(const std::vector<std::string>& folded_words);

}  // namespace tracuu::analyzers
