/** @file
 *  @brief Detecting and converting the legacy 8-bit Vietnamese encodings (TCVN3, VNI, VISCII,
 *         Windows-1258) and the "Cyrillic shift" of broken PDF ToUnicode maps to Unicode.
 *
 *  Legacy text reaches us in two shapes, and every converter accepts both:
 *  - raw bytes, from a text file that is not UTF-8 (`decode_legacy_bytes`);
 *  - Unicode text whose characters are really legacy bytes read as Windows-1252, as a PDF text
 *    layer or a DOC export gives them: U+00E9 `é` for byte 0xE9, U+00AD SOFT HYPHEN for byte
 *    0xAD, U+201C for byte 0x93 (`repair_legacy_text`, `repair_encoding`).
 *
 *  All functions are pure and thread-safe: the code tables are immutable, and ICU (used for
 *  Windows-1258 and case mapping) is only called through per-call objects.
 *
 *  Run these before analyzers::normalize_text(): that function drops U+00AD, which is the letter
 *  ư in TCVN3.
 */
#pragma once

#include <string>
#include <string_view>

namespace tracuu::analyzers {

/** How a piece of Vietnamese text is encoded.
 *
 *  - Unicode: already right (UTF-8, any normalization form); never changed.
 *  - Tcvn3: TCVN 5712:1993 VN3 ("ABC"), fonts `.VnTime`, `.VnTimeH`, `.VnArial`…: one byte per
 *    letter, lower-case toned vowels only, ư at 0xAD.
 *  - Vni: VNI-Windows, fonts `VNI-Times`…: a base letter followed by a mark character
 *    (`Vieät` = Việt), plus single bytes for đ ơ ư ĩ ỉ ị ỵ.
 *  - Viscii: VISCII 1.1 (RFC 1456), every precomposed letter in one byte, six of them in C0.
 *  - Windows1258: Microsoft code page 1258, a base letter followed by a tone byte.
 *  - CyrillicShift: Unicode text from a PDF whose ToUnicode map put U+1EA0–U+1EF9 at
 *    U+04A4–U+04FD (−0x19FC), ơ/ư at U+046B/U+046D, ĩ at U+01AD (`tiӃng`, `chѭѫng`, `nghƭa`) and,
 *    by the glyph order, their capitals one code point lower.
 */
enum class LegacyEncoding { Unicode, Tcvn3, Vni, Viscii, Windows1258, CyrillicShift };

/// A stable lower-case name for logs and tests: "unicode", "tcvn3", "vni", "viscii",
/// "windows-1258", "cyrillic-shift".
[[nodiscard]] std::string_view encoding_name(LegacyEncoding encoding);

/** Converts raw bytes in `encoding` to UTF-8, letters precomposed (Windows-1258 goes through
 *  ICU's `windows-1258` converter, which gives the tone bytes as combining marks, then NFC).
 *
 *  ASCII is kept. Bytes the encoding does not define as letters are read as Windows-1252
 *  (0x93 → “), or as the Latin-1 code point where Windows-1252 has none. TCVN3 has no capital
 *  toned vowels: `.VnTimeH` headings, drawn as capitals from lower-case codes, come out in lower
 *  case, since the display case cannot be recovered from the bytes alone (see
 *  is_capitals_font()); a word whose other letters are all capitals (`QUYÕT`) gets capital
 *  vowels. For Unicode the bytes are returned unchanged; for CyrillicShift they are read as
 *  UTF-8 and repaired as by repair_legacy_text().
 */
[[nodiscard]] std::string decode_legacy_bytes(std::string_view bytes, LegacyEncoding encoding);

/** Converts UTF-8 text whose characters stand for legacy bytes to proper UTF-8.
 *
 *  Each code point below U+0100, and each Windows-1252 character of 0x80–0x9F (U+201C …), is
 *  mapped back to its byte and converted as by decode_legacy_bytes(); other characters (real
 *  Vietnamese letters, CJK, combining marks) pass through unchanged. For TCVN3 an ASCII hyphen
 *  touching lower-case letters is read as ư when that makes one valid syllable (`tr-ëng` →
 *  `trưởng`, `nh- sau` → `như sau`, `-u ®·i` → `ưu đãi`), since PDF WinAnsiEncoding names byte
 *  0xAD "hyphen"; `QĐ-UBND`, `2021-2025` and a list marker opening a line (`c- Số`) stay.
 *  Unicode returns the text unchanged.
 */
[[nodiscard]] std::string repair_legacy_text(std::string_view utf8_text, LegacyEncoding encoding);

/** The encoding a font name implies: `.Vn*` → Tcvn3, `VNI-*` → Vni, anything else → Unicode.
 *
 *  A PDF subset prefix (`ABCDEF+.VnTime`) is ignored; case does not matter.
 */
[[nodiscard]] LegacyEncoding encoding_from_font_name(std::string_view font_name);

/// True for the TCVN3 all-capitals fonts (`.VnTimeH`, `.VnArialH`, also with a style suffix such
/// as `,Bold`), which draw lower-case codes as capitals.
[[nodiscard]] bool is_capitals_font(std::string_view font_name);

/** Repairs the text drawn in one font, e.g. all the words a PDF page draws in it, joined by
 *  spaces and line breaks as they stand (both kept, so the words can be split apart again).
 *
 *  The encoding comes from the font name (encoding_from_font_name()); text in other fonts is
 *  returned unchanged, and so is text that already holds Vietnamese letters no legacy byte gives
 *  (ộ, ư, đ…): its PDF carried a ToUnicode map to real Unicode. Text in a capitals font
 *  (is_capitals_font()) is upper-cased, as the font displays it.
 */
[[nodiscard]] std::string repair_font_run(std::string_view utf8_text, std::string_view font_name);

/** Detects the encoding of one run of text (a paragraph, a table cell, a PDF text run).
 *
 *  A font name that implies an encoding decides (`.VnTime` → Tcvn3, `VNI-Times` → Vni).
 *  Otherwise the input is read as UTF-8 when it is valid UTF-8, else as Windows-1252 bytes, and
 *  each candidate encoding whose characters occur is tried word by word: a word is valid when
 *  it has the structure of a Vietnamese syllable (onset, vowel nucleus, final consonant, at most
 *  one tone, only sắc or nặng before c ch p t). A conversion is accepted when it makes at least
 *  two invalid words valid, breaks fewer valid words than it fixes, fixes at least half of the
 *  invalid words that hold legacy-looking characters, and leaves at least half of all words
 *  valid; the candidate that wins most words is taken (for the Cyrillic shift one word is enough:
 *  no language mixes those letters into Latin words). Acronyms (UBND) and single letters count
 *  for nothing. So German or French (`Café Müller über Straße`), English and real Unicode
 *  Vietnamese (NFC or NFD) stay Unicode, and so does a run too short to tell (one word).
 */
[[nodiscard]] LegacyEncoding detect_encoding(std::string_view text_or_bytes, std::string_view font_name = "");

/** Detects and repairs legacy encodings line by line in UTF-8 text, e.g. a Unicode body with a
 *  TCVN3 table. Line breaks ('\n', '\f') are kept; lines left alone are returned byte for byte.
 *
 *  Each line is judged as in detect_encoding(). A line that also holds Vietnamese letters no
 *  legacy byte gives (ộ, ư, đ…) is Unicode with legacy words left in it: only its invalid words
 *  that a conversion makes valid are converted (`Nh­ Điều 2` → `Như Điều 2`). A line with a single
 *  repairable word is converted when the same encoding wins at least three words over the whole
 *  text; a line that reads validly both ways (`Tù do`, TCVN3 for `Tự do`) follows its
 *  neighbouring lines when one of them was converted and neither is Unicode Vietnamese.
 *  The result still needs analyzers::normalize_text().
 */
[[nodiscard]] std::string repair_encoding(std::string_view text);

}  // namespace tracuu::analyzers
