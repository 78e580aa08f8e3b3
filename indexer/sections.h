/** @file
 *  @brief The outline of a document: its numbered headings and where each one starts.
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::indexer {

/** One heading of a document's outline.
 *
 *  `path` joins the labels of the heading and its ancestors with '.':
 *  - plans and reports: top letters, Roman and Arabic numbers, lettered points, each label bare —
 *    "A", "A.I", "A.I.1", "A.I.2.1" (the heading "2.1." under "2."), "A.I.2.4.a", "C.2.2";
 *  - legal texts: units with their word — "Phần thứ nhất", "Chương I", "Chương II.Mục 1",
 *    "Chương I.Điều 5", then clauses and points bare: "Chương I.Điều 5.2", "Chương I.Điều 5.2.a";
 *  - appendices start a new top level: "Phụ lục I", "Phụ lục I.1".
 *  A dotted number whose written parent is not open (the plan restarts "3.1." under "III.")
 *  keeps its whole label: "A.III.3.1". Paths are not unique when a document restarts a list
 *  ("a) b) … a) b)" under one heading).
 */
struct Section {
    std::string path;
    /** The heading line as written, label included ("2.1. Hoạt động khoa học, công nghệ", "Điều 5.
     *  Đối tượng áp dụng"); for "Chương I" / "Mục 1" / "Phần …" / "Phụ lục …" alone on a line, the
     *  title line under it is joined after ". ". Footnote markers ("[1]") are dropped; text longer
     *  than 200 bytes is cut at a word and ends with "…". */
    std::string heading;
    /// UTF-8 byte offset in the text of the first character of the heading line.
    std::size_t offset = 0;
    /// Depth in the outline: 1 for top-level headings, 2 for their children, and so on.
    int level = 0;
};

/** Finds the headings of a normalised document text (pages separated by '\f'), in text order.
 *
 *  A heading starts a line with a label: `Phần thứ nhất`/`Phần I`, `Chương I`, `Mục 1`, `Điều
 *  5.`, `Phụ lục I`, a top letter `A.` (title in capitals or continuing A, B, …), a Roman `I.`,
 *  an Arabic `1.`, `2.1.` or `3.2.1`, a point `a)` (or `c.`). Numbering must fit the nesting:
 *  siblings may skip up to two numbers (3.3 → 3.5, a) → c)), a list may restart at a) but an
 *  Arabic list may not restart at 1 under the same parent, so numbered sentences inside a
 *  section are not headings; articles run on across chapters (skipping at most four) and may
 *  restart at Điều 1 (a regulation issued with the act). A long line (250 bytes or more, not in
 *  capitals) is a heading only below another heading (the numbered tasks of a lettered or Roman
 *  section, clauses and points of an article) or when its number is dotted; at the top level
 *  it is a paragraph. Bullets ("-", "+", "*", "•"), lines opening with a
 *  quotation mark and lines inside a quotation “…” (the text an amending act inserts) are not
 *  headings, nor is anything before the end of the preamble ("Căn cứ …", "Thực hiện …", the
 *  enacting clause). Pure and thread-safe; never throws.
 */
[[nodiscard]] std::vector<Section> extract_sections(std::string_view text);

/** The path of the innermost section containing a byte offset of the same text: the last
 *  section starting at or before `offset` (a section runs until the next heading). "" when
 *  `offset` lies before the first heading or `sections` is empty. `sections` must be in text
 *  order, as extract_sections() returns them. */
[[nodiscard]] std::string section_path_at(const std::vector<Section>& sections, std::size_t offset);

}  // namespace tracuu::indexer
