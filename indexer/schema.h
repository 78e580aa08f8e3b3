/** @file
 *  @brief The Xapian schema: term prefixes, value slots and stored data, shared by the indexer
 *  and the server so that both sides read one definition.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string_view>

namespace tracuu::schema {

/// Bumped whenever analysis or the layout below changes; an index of another version is refused
/// by the writer until started over (`tracuu-index --rebuild`) and by the server.
inline constexpr std::string_view kVersion = "5";
/// Database metadata key holding kVersion.
inline constexpr std::string_view kVersionKey = "tracuu.schema";

// Term prefixes. Every word is in two layers (indexer/term_mapping.h decides the terms): the
// folded layer under kFolded, with positions; the accented layer without positions, as the word
// itself when it has no diacritics, else as its surface term (kSurface). Terms are always lower
// case, so an unprefixed term never starts with a capital and cannot be mistaken for a prefixed one.
inline constexpr std::string_view kExact = "";           ///< words without diacritics (`ban`, `2024`), no positions
inline constexpr std::string_view kFolded = "F";         ///< every word without diacritics, with positions
/// Adjacent words neither of which has diacritics (`Buy ban`), no positions; other pairs are
/// indexed as their surface term (kSurface) only. Pairs have no folded layer: a query reaches
/// every spelling of a pair through these two (term_mapping.h, folded_bigram_query).
inline constexpr std::string_view kExactBigram = "B";
inline constexpr std::string_view kIdentifier = "I";     ///< document numbers with diacritics as written (`60/2021/nđ-cp`)
inline constexpr std::string_view kFoldedIdentifier = "J";  ///< every document number folded (`60/2021/nd-cp`, `60/2021`)
inline constexpr std::string_view kDate = "D";           ///< dates mentioned in the text, ISO (`2020-03-05`)
/// How words and bigrams are written with diacritics: `H` + folded + '\t' + accented
/// (`Hnghi quyet\tnghị quyết`), added only where the two differ: the accented layer of those
/// words and bigrams. Suggestions and diacritic restoration read these with their term frequencies.
inline constexpr std::string_view kSurface = "H";
inline constexpr char kSurfaceSeparator = '\t';
/// A document's whole title as one term, its folded words joined by spaces
/// (`XNtrach nhiem cua bo y te`), for titles of kTitlePhraseMinWords to kTitlePhraseMaxWords
/// words: a query that contains the title ranks the document above ones that share only words.
inline constexpr std::string_view kTitlePhrase = "XN";
inline constexpr std::size_t kTitlePhraseMinWords = 5;
inline constexpr std::size_t kTitlePhraseMaxWords = 24;
/// Each folded word of a document's title and each pair of adjacent ones, joined by a space,
/// without positions (`XHnghi`, `XHquyet`, `XHnghi quyet`, `XH57`): the title completions of
/// suggestions read these short posting lists, never the body's.
inline constexpr std::string_view kTitleWord = "XH";
inline constexpr std::string_view kId = "Q";             ///< the document's stable id, one per document
inline constexpr std::string_view kKind = "K";           ///< what a Xapian document is: kKindDocument

inline constexpr std::string_view kKindDocument = "doc";
/// A budget line is a Xapian document of its own (DESIGN.md "One store"), never matched by
/// text searches: its words live under kBudgetWord only.
inline constexpr std::string_view kKindBudget = "budget";
inline constexpr std::string_view kBudgetOf = "XBD";     ///< the id of the document the line belongs to
inline constexpr std::string_view kBudgetRef = "XBR";    ///< a reference key its label or sentence cites
inline constexpr std::string_view kBudgetYear = "XBY";   ///< the year it budgets
inline constexpr std::string_view kBudgetWord = "XBW";   ///< folded words of its label

// Identity filters: boolean terms holding the folded, lower-case value, so a URL filter
// (`type=Kế hoạch`) and a field in the query (`loai:"ke hoach"`) reach the same term.
inline constexpr std::string_view kFilterType = "XT";     ///< `XTke hoach`
inline constexpr std::string_view kFilterIssuer = "XO";   ///< `XOuy ban nhan dan tinh ninh binh`
inline constexpr std::string_view kFilterYear = "XY";     ///< `XY2025`
inline constexpr std::string_view kFilterStatus = "XS";   ///< `XScon hieu luc`
inline constexpr std::string_view kIssuerWord = "XW";     ///< each folded word of the issuer and its code: `XWubnd`, `XWninh`
/// The document's own identity, for number look-ups that put it first: `XK` + folded type code
/// or name + ':' + number [+ '/' + year] (`XKnd:60`, `XKnghi dinh:60/2021`), and `XK:60/2021`.
inline constexpr std::string_view kSelfNumber = "XK";
/// A reference key the document cites (`XC57-NQ/TW`): "cited by" is this term's posting list.
inline constexpr std::string_view kCites = "XC";
/// The document's own reference key (`XE13/KH-UBND@2025@ủy ban nhân dân tỉnh ninh bình`).
inline constexpr std::string_view kOwnKey = "XE";

/// Value slots.
enum Slot : Xapian::valueno {
    kSlotSourcePath = 0,   ///< absolute path of the source file (empty for imported documents)
    kSlotContentHash = 1,  ///< hex xxh3 of the source bytes, to skip unchanged files
    kSlotType = 2,         ///< display type (`Kế hoạch`), for facet counts
    kSlotIssuer = 3,       ///< display issuer (`Ủy ban nhân dân tỉnh Ninh Bình`)
    kSlotYear = 4,         ///< year of issue (`2025`)
    kSlotStatus = 5,       ///< validity status from portal metadata (`Còn hiệu lực`)
    kSlotDate = 6,         ///< ISO issue date (`2025-07-25`): sorts and ranges as a string
    /// The document's id and display title, also in the data: lists that show titles alone
    /// (suggestions) read these instead of the data, which holds the whole text. Indexes written
    /// before they existed lack them; readers fall back to the data.
    kSlotId = 7,
    kSlotTitle = 8,
};

// Document data: a JSON object with the keys below, then kDataSeparator, then the text.
inline constexpr char kDataSeparator = '\0';
inline constexpr std::string_view kDataId = "id";
inline constexpr std::string_view kDataTitle = "title";
inline constexpr std::string_view kDataSourceFile = "source_file";
inline constexpr std::string_view kDataFormat = "format";
inline constexpr std::string_view kDataPages = "pages";
inline constexpr std::string_view kDataOcr = "ocr";  ///< true when some text was read by OCR

/// Word-position offset: Xapian positions start at 1.
inline constexpr Xapian::termpos kFirstPosition = 1;

}  // namespace tracuu::schema
