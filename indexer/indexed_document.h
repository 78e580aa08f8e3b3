/** @file
 *  @brief A document as the index stores it.
 */
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "indexer/budget_lines.h"

namespace tracuu::indexer {

/// A heading of the document's outline.
struct OutlineEntry {
    std::string path;        ///< `A.I.1`, `Chương I.Điều 5`
    std::string heading;
    std::size_t offset = 0;  ///< UTF-8 byte offset of the heading in the text
};

/// Who issued the document, when, under which number: empty strings where unknown.
struct DocumentFields {
    std::string number;          ///< `13/KH-UBND` as written
    std::string number_key;      ///< canonical: upper case, no spaces, `-` dashes, no leading zeros
    std::size_t number_offset = std::string::npos;  ///< byte offset of the number in the text
    std::string type;            ///< `Kế hoạch`
    std::string issuer;          ///< `Ủy ban nhân dân tỉnh Ninh Bình`
    std::string issuer_code;     ///< `UBND`
    std::string date;            ///< ISO issue date
    std::string place;
    std::string signer;
    std::string effective_date;  ///< ISO, from portal metadata
    std::string status;          ///< `Còn hiệu lực` …
    bool type_conflict = false;  ///< the type line and the symbol disagree
    std::string type_from_symbol;
};

/// One citation of another document, as stored with the citing document.
struct Reference {
    std::string key;            ///< reference key (see reference_keys.h): `57-NQ/TW`, `13/KH-UBND@2025@ủy ban nhân dân tỉnh ninh bình`
    std::string symbol;         ///< the symbol's key alone: `13/KH-UBND`
    std::string written;        ///< as written in the text: `57- NQ/TW`
    std::string type;           ///< `Nghị quyết`
    std::string issuer;         ///< issuer phrase or code: `Bộ Chính trị`
    std::string date;           ///< ISO date written after the symbol, or ""
    std::string relation;       ///< `căn cứ`, `thực hiện`, … , `dẫn chiếu`
    std::string context;        ///< the clause or sentence that cites it
    std::size_t offset = 0;     ///< UTF-8 byte offset of the symbol in the text
    std::string section;        ///< outline path of the citing passage
    std::vector<std::string> flags;  ///< `probable_typo`, `cue_mismatch`, `malformed_separator`, …
    std::string suggested_key;  ///< with `probable_typo`, the key probably meant
};

/// Everything the index keeps about one document.
struct IndexedDocument {
    std::string id;            ///< stable id, unique in the index; the API's `id`
    std::string title;         ///< display title
    std::string text;          ///< normalised text, pages separated by '\f'
    std::string source_file;   ///< the path as the user gave it (for display), or empty
    std::string source_path;   ///< absolute path of the source file, or empty for imports
    std::string format;        ///< "text", "pdf", "html" or "jsonl"
    unsigned pages = 1;
    /// True when some of the text was read by OCR from page images (it may hold misread letters).
    bool ocr = false;
    std::string content_hash;  ///< hex hash of the source bytes, empty for imports
    DocumentFields fields;
    std::vector<OutlineEntry> outline;
    std::vector<Reference> references;
    BudgetExtraction budget;  ///< the amounts the document allocates, with their sum checks
};

/// The innermost outline entry at or before a byte offset, or "" when the offset precedes them all.
[[nodiscard]] inline std::string outline_path_at(const std::vector<OutlineEntry>& outline, std::size_t offset) {
    std::string path;
    for (const auto& entry : outline) {
        if (entry.offset > offset) break;
        path = entry.path;
    }
    return path;
}

}  // namespace tracuu::indexer
