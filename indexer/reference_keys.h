/** @file
 *  @brief Reference keys: the names under which a cited document and the document itself meet.
 */
#pragma once

#include <string>
#include <string_view>

namespace tracuu::indexer {

/** The canonical words of an issuing body, for keys: abbreviations spelled out, lower case,
 *  one tone placement (`UBND tỉnh Ninh Bình` and `Uỷ ban nhân dân tỉnh Ninh Bình` both give
 *  `ủy ban nhân dân tỉnh ninh bình`). */
[[nodiscard]] std::string canonical_issuer(std::string_view issuer);

/** The reference key of a symbol (LEGAL.md §1.6, canonical keys).
 *
 *  - Numbers with a year in the symbol (`60/2021/NĐ-CP`) and Party numbers of central bodies
 *    (`57-NQ/TW`) are unique: the key is the symbol key itself.
 *  - Administrative numbers and Party numbers of local committees repeat across years and
 *    bodies: the key adds `@year@issuer` (`13/KH-UBND@2025@ủy ban nhân dân tỉnh ninh bình`), with
 *    `?` for a part that is unknown, so two bodies' `13/KH-UBND` are never joined.
 *
 *  `symbol_key` is upper case with `-` dashes (`13/KH-UBND`); `year` 0 means unknown; `issuer`
 *  is the concrete body in any spelling, or "". */
[[nodiscard]] std::string reference_key(std::string_view symbol_key, int year, std::string_view issuer);

/// The parts of a reference key: `13/KH-UBND@2025@ủy ban…` → symbol `13/KH-UBND`, year `2025`,
/// issuer `ủy ban…`; a unique key (`57-NQ/TW`) is all symbol, year and issuer empty. Views into `key`.
struct KeyParts {
    std::string_view symbol;
    std::string_view year;    ///< `2025`, `?` when unknown, "" for a unique key
    std::string_view issuer;  ///< canonical issuer, `?` when unknown, "" for a unique key
};
[[nodiscard]] KeyParts key_parts(std::string_view key);

/** The type code of a symbol key: `NQ` of `57-NQ/TW` (Party: number-code/body), `KH` of
 *  `13/KH-UBND` and `NĐ` of `60/2021/NĐ-CP` (state: number[/year]/code-body); "" otherwise.
 *  analyzers::type_name_of_code() names it. A view into `symbol`. */
[[nodiscard]] std::string_view symbol_type_code(std::string_view symbol);

/// True when the symbol key alone identifies a document (year in symbol, or a central Party body).
[[nodiscard]] bool is_unique_symbol(std::string_view symbol_key);

}  // namespace tracuu::indexer
