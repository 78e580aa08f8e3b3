/** @file
 *  @brief Citations of other documents in running text: number and symbol, type, date, issuer
 *  and the relation the sentence states (LEGAL.md §1.6).
 */
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::analyzers {

/// How a symbol is built (LEGAL.md §1.6).
enum class SymbolFamily {
    WithYear,        ///< A: `60/2021/NĐ-CP`, `17/2008/QH12`, `55/2005/TTLT-BNV-VPCP`: normative, unique across years
    Party,           ///< D: `57-NQ/TW`, `135-CTr/TU`: numbered per term, never carries a year
    Administrative,  ///< B: `13/KH-UBND`, `929/QĐ-TTg`, công văn `3233/BKHCN-KHTC`: numbered per year and body
};

/// What the text says about the cited document.
enum class Relation {
    LegalBasis,  ///< căn cứ: the sentence starts with "Căn cứ", or "căn cứ" is the nearest verb
    Implements,  ///< thực hiện, triển khai, thi hành
    Amends,      ///< sửa đổi, bổ sung: the cited document is the one amended
    Replaces,    ///< thay thế: the cited document is the one replaced
    Repeals,     ///< bãi bỏ: the cited document is the one repealed
    Guides,      ///< hướng dẫn, quy định chi tiết: the cited document is the one guided
    Mentions,    ///< dẫn chiếu: anything else
};

/// One citation of a document by its number and symbol.
struct Citation {
    std::size_t begin = 0;  ///< byte offset of the symbol in the analysed text
    std::size_t end = 0;    ///< byte offset one past the symbol
    std::string symbol;     ///< as written: `57- NQ/TW`
    /** Canonical symbol key: upper case, spaces removed, dashes unified to '-', leading zeros
     *  dropped, the malformed `82/2005-QĐ-UBND` given its '/', Đ kept; `TƯ` is written `TW` and
     *  the ASCII type codes `ND`/`QD` are written `NĐ`/`QĐ`. `57-NQ/TW`, `60/2021/NĐ-CP`,
     *  `13/KH-UBND`, `36/2006/CT-TTG`, `8-QĐI/TW`. Administrative and Party keys are unique only
     *  together with year and body (LEGAL.md §1.6 "Canonical keys"). */
    std::string key;
    SymbolFamily family = SymbolFamily::Administrative;
    int number = 0;  ///< the ordinal, leading zeros dropped; for `66.12/2026/NQ-CP` the part before the dot
    /** Year of issue, 0 if unknown: the year in the symbol, else the year of the date written
     *  after it, else a "năm YYYY" right after it, else (header numbers only) the place-date line. */
    int year = 0;
    std::string type_code;  ///< usual spelling of the type code: "NQ", "QĐi", "CTr"; "" for a công văn and for QH symbols
    /** Document type: from the code (NĐ 30/2020 table, NĐ, TT, TTLT, NQLT, VBHN, QĐi, KL, CV, PL),
     *  TT of a Party symbol = "Thông tri", QH<n> = "Luật", UBTVQH<n> = "Nghị quyết", công văn =
     *  "Công văn". The cue phrase only decides what the code leaves open: Party QĐ (Quyết định
     *  or Quy định), QH (Luật, Bộ luật or Nghị quyết), UBTVQH (Nghị quyết or Pháp lệnh), a
     *  symbol with no type code (then flag "type_from_cue"). "" if nothing tells. */
    std::string type_name;
    /// Issuing bodies as written, in order (`BNV`, `VPCP`); `TTG` is given its usual spelling `TTg`.
    std::vector<std::string> issuer_codes;
    std::string unit;           ///< drafting unit after the issuer of a công văn (`KHTC`), joined by '-'
    std::string issuer_phrase;  ///< "của …" after the symbol and date, as written: "Bộ Chính trị", "HĐND tỉnh Nam Định"
    std::string date;           ///< ISO `yyyy-mm-dd` written right after the symbol, or ""
    std::string cue;            ///< canonical cue phrase before the symbol: "Nghị quyết", "Kế hoạch hành động", "Văn bản", or ""
    Relation relation = Relation::Mentions;
    /** Index in the result of the citation that the text names as doing what `relation` says:
     *  the citation right before the verb in the same clause. In "Nghị định số 111/2025/NĐ-CP …
     *  sửa đổi, bổ sung một số điều của Nghị định số 60/2021/NĐ-CP" the second citation has
     *  relation Amends and agent = the first; in "Kế hoạch số 113/KH-UBND … thực hiện Nghị quyết
     *  số 71/NQ-CP" the resolution is Implements with agent = the plan. No agent when the verb is
     *  inside that citation's topic ("… về tổng kết thực hiện …"). Empty: the citing document
     *  itself, or nobody named. */
    std::optional<std::size_t> agent;
    /// Byte range of the sentence holding the citation, with its final punctuation: cut at line
    /// breaks and at . ! ? before a space (so not inside `1.093` or `25.7.2025`).
    std::size_t sentence_begin = 0, sentence_end = 0;
    /// Byte range of the clause: the sentence cut after ';' as well (enumerations separate items with ';').
    std::size_t clause_begin = 0, clause_end = 0;
    /** Machine-readable problems and notes, in this order when several apply:
     *  - "self": the document's own number (a header line "Số: …", "Số hiệu: …", "Luật số: …" alone
     *    on its line, and every citation with the same key and year); not a reference to another document;
     *  - "malformed_separator": `82/2005-QĐ-UBND`;
     *  - "dotted_number": `66.12/2026/NQ-CP`;
     *  - "ascii_type_code": `ND-CP` for `NĐ-CP`;
     *  - "unknown_type": a first token that is no known type code;
     *  - "type_from_cue": no type code in the symbol, the type comes from the cue phrase;
     *  - "legacy_order": pre-2000 state symbols with the type last (`500/BYT-QĐ`, `37-BYT/QĐ`);
     *  - "type_ambiguous": Party QĐ with no cue saying Quyết định or Quy định (Quyết định assumed);
     *  - "cue_mismatch": cue and symbol disagree ("Chương trình hành động số 54-KH/TU");
     *  - "invalid_date": a date follows but has no such day (31/02/2020); `date` stays "";
     *  - "year_mismatch": the date's year differs from the year in the symbol;
     *  - "date_conflict": the same document is cited elsewhere in the text with another date, and
     *    this date is not the one most citations give;
     *  - "probable_typo": a dateless Party number cited once whose key differs by one letter from
     *    a Party key cited several times (`57-NQ/TU` among `57-NQ/TW`); see suggested_key. */
    std::vector<std::string> flags;
    std::string suggested_key;  ///< with "probable_typo": the key probably meant
};

/** Finds citations in normalised text (the output of normalize_text()).
 *
 *  Symbols follow the grammar of LEGAL.md §1.6 with the stray spaces real documents contain
 *  (`57- NQ/TW`, `80/2021/NĐ- CP`, `1206 /QĐ-HVTC`, `số31-QĐ/TW`, `TT-⏎BTC` in broken headings),
 *  any Unicode dash, and the legacy orders `500/BYT-QĐ` and `37-BYT/QĐ`. Issuer codes must be
 *  capitals with at most one lower-case letter (TTg, QĐi), so counts and words (`15/63`,
 *  `xã/phường`, `100/ha`) are never symbols. Skipped: form and template numbers ("Mẫu số
 *  01/QTDA", "các biểu 01/TCD, 02/XLD", and a công văn-like number with no cue, date or issuer
 *  phrase, such as a form title "02/XLD" on its own line), standard numbers (`QCVN
 *  19:2025/BKHCN`), and anything without a number and symbol (title-only citations such as
 *  "Luật Quản lý thuế", named programmes such as "Đề án 06"). File names
 *  (`Quyết_định_05-2025-QĐ-TTg`) are not read.
 *
 *  The cue phrase is the type word nearest before the symbol on the same line, within about 90
 *  characters, followed only by up to 8 words without digits, punctuation or "và"/"hoặc" (which
 *  start another item) and "số"; a cue in lower case counts only directly before "số"
 *  ("quyết định số 82/…").
 *
 *  The relation is given by the last relation verb in the clause before the citation's cue
 *  (nearest verb wins; so in "thực hiện A và B" both are Implements), except that every citation
 *  in a sentence starting "Căn cứ" is LegalBasis. Passive verbs ("được sửa đổi, bổ sung bởi")
 *  and "theo" ("theo quy định tại", "thực hiện theo", "kèm theo"; but "triển khai theo" is
 *  Implements) reset it to Mentions. A clause that is a bare list item ("; Nghị quyết số
 *  19-NQ/TW …") takes the relation of the previous clause in the sentence when that clause's
 *  verb came before its first citation, i.e. governs the list ("Thực hiện Nghị quyết số
 *  18-NQ/TW …; Nghị quyết số 19-NQ/TW …"). A title with its own verb is read like any other
 *  text: in "Luật sửa đổi, bổ sung … của Luật A số N", N is taken as the amended one.
 *
 *  Construction compiles ICU patterns and throws std::runtime_error if ICU cannot compile them
 *  (a broken installation). find() is const and may be called from several threads at once;
 *  it is linear in the text (a few milliseconds for an 85 KB plan). Input must be valid UTF-8.
 */
class CitationFinder {
public:
    CitationFinder();
    ~CitationFinder();
    CitationFinder(CitationFinder&&) noexcept;
    CitationFinder& operator=(CitationFinder&&) noexcept;

    /// Citations in order of position, never overlapping.
    [[nodiscard]] std::vector<Citation> find(std::string_view normalized_utf8) const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

/// find() of one CitationFinder built on first use and shared (immutable, thread-safe).
[[nodiscard]] std::vector<Citation> find_citations(std::string_view normalized_utf8);

/// Vietnamese label: "căn cứ", "thực hiện", "sửa đổi, bổ sung", "thay thế", "bãi bỏ", "hướng dẫn", "dẫn chiếu".
[[nodiscard]] std::string relation_name(Relation relation);

/// "with_year", "party" or "administrative".
[[nodiscard]] std::string family_name(SymbolFamily family);

/** The document type a symbol's type code names, in any case and with the ASCII spellings seen
 *  in real text: "NQ" → "Nghị quyết", "qđ" and "QD" → "Quyết định", "CTr" → "Chương trình";
 *  "" for a code that names no type ("UBND"). Reads the same table as the citation finder. */
[[nodiscard]] std::string type_name_of_code(std::string_view code);

/** One line for tests and logs:
 *  `key|family|type_name|number|year|issuers|issuer_phrase|date|relation[|flag,flag…]`, with
 *  issuers joined by '+' and the unit in parentheses (`BKHCN(KHTC)`), year 0 written as "". */
[[nodiscard]] std::string to_debug_string(const Citation& citation);

}  // namespace tracuu::analyzers
