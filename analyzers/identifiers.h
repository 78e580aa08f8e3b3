/** @file
 *  @brief Recognising document numbers and dates in running text, before the word break.
 */
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::analyzers {

/// What an identifier span is.
enum class IdentifierKind {
    DocumentNumber,  ///< a full number and symbol: `60/2021/NĐ-CP`, `57-NQ/TW`, `13/KH-UBND`
    NumberYear,      ///< number and year of a normative document without its symbol: `60/2021`
    Date,            ///< a calendar date: `05/3/2020`, `25.7.2025`, `ngày 09 tháng 01 năm 2025`
};

/// How strictly to read symbols.
enum class IdentifierMode {
    Document,  ///< symbols in capitals as the rules require (`13/KH-UBND`), so `100/ha` is no symbol
    Query,     ///< any case (`60/2021/nd-cp`), and common user errors get their corrected spelling too
};

/// One identifier found in text.
struct IdentifierSpan {
    IdentifierKind kind = IdentifierKind::DocumentNumber;
    std::size_t begin = 0;  ///< UTF-16 offset of the first code unit
    std::size_t end = 0;    ///< UTF-16 offset one past the last code unit
    /** The canonical term. Document numbers are lower-cased with spaces removed, dashes unified
     *  and leading zeros dropped (`57- NQ/TW` → `57-nq/tw`); dates are ISO `yyyy-mm-dd`. */
    std::string term;
    /// For a number with year in its symbol, `num/year` (`60/2021`); else empty.
    std::string number_year;
    /// Query mode only: a Party number typed the administrative way (`57/NQ-TW`) also gives `57-nq/tw`.
    std::vector<std::string> alternatives;
};

/** Finds document numbers and dates (the three symbol families of LEGAL.md §1.6).
 *
 *  Construct once and reuse; find() is const and safe to call from several threads.
 *  Throws std::runtime_error if ICU cannot compile the patterns (a broken installation).
 */
class IdentifierFinder {
public:
    explicit IdentifierFinder(IdentifierMode mode);
    ~IdentifierFinder();
    IdentifierFinder(IdentifierFinder&&) noexcept;
    IdentifierFinder& operator=(IdentifierFinder&&) noexcept;

    /// Spans in order of position, never overlapping. Invalid dates (31/02/2020) are skipped.
    [[nodiscard]] std::vector<IdentifierSpan> find(std::u16string_view text) const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace tracuu::analyzers
