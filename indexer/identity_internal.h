/** @file
 *  @brief Internal to identity.cpp, identity_number.cpp and identity_names.cpp: what one part of
 *  extract_identity() reads for another. Not part of the indexer's interface.
 */
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/identity.h"
#include "indexer/identity_text.h"

namespace tracuu::indexer::identity_internal {

using namespace identity_text;

// ---------------------------------------------------------------- identity_number.cpp: dates, the number

/// "ngày 25 tháng 7 năm 2025" anywhere in `s`; `at` receives the byte offset of "ngày".
std::optional<string> written_date(string_view s, std::size_t* at = nullptr);
/// "25/07/2025", "16-11-2025" or "25.7.2025" at the start of `s`.
std::optional<string> numeric_date(string_view s);

struct Symbol {
    string number;       // the ordinal as written ("06", "66.3"); empty in drafts ("Số: /2025/TT-BNNMT")
    string display;      // number and symbol without spaces, dashes unified
    string key;
    string year;         // the year inside the symbol
    string type_code;    // in capitals
    string issuer_code;  // as written
    bool party = false;     // "497-KH/TU"
    bool assembly = false;  // "64/2025/QH15", "94/2025/UBTVQH15"
    bool no_type = false;   // neither type code nor year: a công văn ("3233/BKHCN-KHTC")
};

struct NumberHit {
    Symbol sym;
    std::size_t at = npos;  // byte offset of the number in the text
    string cue;             // folded words before "số" ("luat", "nghi quyet")
    string_view before;     // the line before "Số", which may hold an issuer glued by PDF extraction
};

/// Parses "13/KH-UBND", "249/2025/NĐ-CP", "497-KH/TU", "51 /2025/TT-BYT" or "/2025/TT-BNNMT" at the start of `s`.
std::optional<Symbol> parse_symbol(string_view s);
/// The number of a header line: "Số: 13/KH-UBND", "Luật số: 64/2025/QH15", "Số 06/2026/TT-BTС", "Số : 45/ 2025/TT-NHNN".
std::optional<NumberHit> number_in(const Line& line);
/** The type a symbol names: that of its type code ("Thông tri" for TT of a Party symbol); for
 *  QH<n> and UBTVQH<n> the cue before "số", else the type line, else "Luật" or "Nghị quyết";
 *  "Công văn" for a symbol with neither type code nor year; else "". */
string type_from(const NumberHit& hit, string_view type_line);

// ---------------------------------------------------------------- identity.cpp: line kinds

/// Công báo page headers, signature stamps, portal chrome.
bool is_noise(string_view line);
/// The motto line under the national or the Party header ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA …", "Độc lập …").
bool is_motto(string_view line);
/// "Chính phủ ban hành Nghị định …", "…; Bộ trưởng Bộ Tài chính ban hành Thông tư …".
bool is_enacting(string_view line);

// ---------------------------------------------------------------- identity_names.cpp: issuer and signer

/// A title written in capitals in sentence case: symbols kept, names of bodies, laws and places restored.
string sentence_case(string_view caps);
/// Bodies joined in one header line ("BỘ TƯ PHÁP - BỘ CÔNG AN - …") are formatted one by one.
string format_issuer(string_view caps);
/// Issuer lines in capitals, grouped into bodies; the last body (a unit under its parent) issues.
string header_issuer(const std::vector<Line>& lines, std::size_t from, std::size_t to, std::size_t number_line,
                     string_view before_number, std::size_t date_line);
/// "Bộ trưởng Bộ Công an ban hành Thông tư …" → "Bộ Công an", for copies without a header block.
string enacting_issuer(const std::vector<Line>& lines, std::size_t from);
/// The bodies a symbol's issuer codes stand for, joined by " - "; "" when one of them is unknown.
string issuer_from_codes(string_view codes, string_view portal_place);
/// The first personal name under an office line (past "(Đã ký)" marks) after the header.
void read_signer(const std::vector<Line>& lines, std::size_t from, DocumentIdentity& id);

}  // namespace tracuu::indexer::identity_internal
