/** @file
 *  @brief What a document says about itself: number, type, issuer, place and date, title, signer.
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tracuu::indexer {

/** The identity of one Vietnamese legal or administrative document, as read from its own text.
 *
 *  Every field stays empty (0 for `year`, npos for `number_offset`) when the text does not state
 *  it: nothing is taken from file names and nothing is guessed. Strings are UTF-8 as
 *  analyzers::normalize_text() leaves them; dates are ISO `yyyy-mm-dd`.
 */
struct DocumentIdentity {
    /** The number and symbol from the header ("Số: 13/KH-UBND", "Luật số: 64/2025/QH15"), cleaned
     *  for display: spaces dropped, dashes unified to '-', Latin look-alike Cyrillic letters made
     *  Latin (`TT-BTС` → `TT-BTC`), case and leading zeros kept ("06/2026/TT-BTC", "497-KH/TU").
     *  Empty when the header has no number (drafts print "Số: /2025/TT-BNNMT"). */
    std::string number;
    /// `number` in capitals with leading zeros of the ordinal dropped: "6/2026/TT-BTC", "5/2026/QĐ-TTG".
    std::string number_key;
    /// Byte offset in the text of the first character of `number` (to skip the self-citation), or npos.
    std::size_t number_offset = std::string::npos;
    /** The type named by the type line under the header ("KẾ HOẠCH" → "Kế hoạch", "THÔNG TƯ LIÊN
     *  TỊCH" → "Thông tư liên tịch"); "Công văn" for a letter with a "V/v" line and no type line;
     *  "Văn bản hợp nhất" for a consolidated text (VBHN symbol or "XÁC THỰC VĂN BẢN HỢP NHẤT"
     *  block); else the portal's "Loại văn bản". */
    std::string type;
    /** The type read from the symbol's type code (KH → "Kế hoạch", NĐ → "Nghị định", VBHN → "Văn bản
     *  hợp nhất"; QH<n> → "Luật" or the cue before "số:" such as "Nghị quyết"; a symbol without type
     *  code and without year, like 3233/BKHCN-KHTC, → "Công văn"). Also filled from a header symbol
     *  whose ordinal is blank. */
    std::string type_from_symbol;
    /// True when `type` and `type_from_symbol` are both known and neither starts with the other.
    bool type_conflict = false;
    /** The issuing body in running-text capitalisation: the left header block ("ỦY BAN NHÂN DÂN" /
     *  "TỈNH NINH BÌNH" → "Ủy ban nhân dân tỉnh Ninh Bình"; with a parent above a unit, the unit);
     *  else the authentication block of a consolidated text, the enacting clause ("Bộ trưởng Bộ Công
     *  an ban hành Thông tư …" → "Bộ Công an"), or a known issuer code of the symbol ("CP" →
     *  "Chính phủ"). */
    std::string issuer;
    /// The issuer part of the symbol as written: "UBND", "CP", "QH15", "TTg", "BTP-BCA" (joint).
    std::string issuer_code;
    /// The place of the place-and-date line ("Ninh Bình", "Hà Nội", "TP. Hồ Chí Minh").
    std::string place;
    /** The date of issue from the header ("ngày 25 tháng 7 năm 2025"), the authentication block of
     *  a consolidated text, "… thông qua ngày …" at the end of a law, or the portal's "Ngày ban
     *  hành". Written as found, even when it disagrees with the symbol's year. */
    std::string date;
    /// The year of the symbol ("249/2025/NĐ-CP" → 2025), else the year of `date`, else 0.
    int year = 0;
    /** The summary (trích yếu) under the type line, wrapped lines joined; a title written in
     *  capitals is put in sentence case with names restored ("Luật Thuế giá trị gia tăng", "tỉnh
     *  Ninh Bình", "Việt Nam"); for a công văn the "V/v …" line; for a consolidated text the
     *  consolidated document's type and name ("Luật Kế toán"). */
    std::string title;
    /** The signer: the personal-name line under a signature block (TM./KT./BỘ TRƯỞNG/CHỦ TỊCH …,
     *  past "(Đã ký)"), without military rank ("Đại tướng Lương Tam Quang" → "Lương Tam Quang");
     *  else the portal's "Người ký". Signature stamps of PDF files ("Người ký: CỔNG THÔNG TIN ĐIỆN
     *  TỬ …") are not signers. */
    std::string signer;
    /// The title on the line above the signer: "Phó Chủ tịch", "Thứ trưởng", "Chủ tịch Quốc hội".
    std::string signer_title;
    /// The portal's "Ngày hiệu lực" / "Ngày có hiệu lực", ISO.
    std::string effective_date;
    /// The portal's "Tình trạng hiệu lực" ("Còn hiệu lực", "Hết hiệu lực toàn bộ"); placeholders such as "Kiểm tra" are dropped.
    std::string status;
    /// The Official Gazette issue: "1563 + 1564 (2025-11-16)" from a "CÔNG BÁO/Số …/Ngày …" page header or the portal.
    std::string gazette;
};

/** Reads the identity of a document from its normalised text (pages separated by '\f').
 *
 *  Understands the national-decree header layout (issuer block, motto, "Số:" line, place and
 *  date, type line, summary) in the orders that text copies and PDF extraction produce, Công báo
 *  page headers and signature stamps, portal headers and metadata footers ("HIỆU LỰC VĂN BẢN",
 *  "Thuộc tính văn bản" with "• Số hiệu: …" lines), consolidated texts and header-less copies.
 *  Pure and thread-safe; never throws for any input, including invalid UTF-8.
 */
[[nodiscard]] DocumentIdentity extract_identity(std::string_view text);

/** The body an issuer code stands for ("CP" → "Chính phủ", "TTg" or "TTG" → "Thủ tướng Chính phủ",
 *  "QH15" → "Quốc hội", "BKHCN" → "Bộ Khoa học và Công nghệ", "UBND" → "Ủy ban nhân dân"),
 *  following LEGAL.md §1.4 plus the ministries of 2025; "" for unknown codes. */
[[nodiscard]] std::string issuer_for_code(std::string_view code);

}  // namespace tracuu::indexer
