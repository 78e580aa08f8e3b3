#include "indexer/extract.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "analyzers/legacy_encoding.h"
#include "analyzers/normalize.h"
#include "indexer/extract_ocr.h"
#include "indexer/pdf_table.h"

namespace tracuu::indexer {
namespace {

void ignore_poppler_message(const std::string& /*message*/, void* /*closure*/) {}

// Poppler prints every syntax complaint about a damaged file to stderr; the indexer reports
// its own one-line error per file instead. The function-local static makes the one library
// call thread-safe and keeps our code free of mutable globals.
void silence_poppler() {
    static const bool silenced = [] {
        poppler::set_debug_error_function(ignore_poppler_message, nullptr);
        return true;
    }();
    (void)silenced;
}

std::string poppler_to_utf8(const poppler::ustring& text) {
    const poppler::byte_array utf8 = text.to_utf8();
    return {utf8.begin(), utf8.end()};
}

/** The UTF-8 form of a Poppler string, byte for byte what ustring::to_utf8() gives.
 *
 *  Poppler's to_utf8() opens an iconv converter on every call: once per page text and once per
 *  word of a word list, a few per cent of the extraction. The strings Poppler hands out were
 *  converted from its own UTF-8, so they are valid UTF-16 and convert here; anything else (an
 *  unpaired surrogate) goes to Poppler, whose iconv decides what becomes of it. */
std::string to_std_string(const poppler::ustring& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 2);
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n; ++i) {
        char32_t c = text[i];
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            continue;
        }
        if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
            continue;
        }
        if (c >= 0xD800 && c < 0xE000) {
            const bool paired = c < 0xDC00 && i + 1 < n && text[i + 1] >= 0xDC00 && text[i + 1] < 0xE000;
            if (!paired) return poppler_to_utf8(text);
            c = 0x10000 + ((c - 0xD800) << 10) + (static_cast<char32_t>(text[++i]) - 0xDC00);
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        }
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
    return out;
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n\f") == std::string_view::npos;
}

bool is_legacy_font(const std::string& name) {
    return analyzers::encoding_from_font_name(name) != analyzers::LegacyEncoding::Unicode;
}

/// True when word `b` follows word `a` on the same text line.
bool same_line(const poppler::text_box& a, const poppler::text_box& b) {
    const poppler::rectf x = a.bbox();
    const poppler::rectf y = b.bbox();
    return std::abs(x.y() - y.y()) < 0.5 * x.height() && y.x() >= x.x();
}

/** Converts the words a page draws in legacy fonts.
 *
 *  Poppler gives the font of each word only in its word list, whose order is not the raw order
 *  of page_text(). The words of each legacy font are repaired together (one font, one encoding),
 *  then each word of the raw text takes the repair of the same word's next occurrence in the
 *  list: the same letters may be a .VnTimeH heading in one place and body text in another.
 */
std::string repair_legacy_words(const poppler::page& page, const std::string& text) {
    const std::vector<poppler::text_box> boxes = page.text_list(poppler::page::text_list_include_font);
    std::vector<std::string> words;
    std::map<std::string, std::vector<std::size_t>> by_font;
    for (const poppler::text_box& box : boxes) {
        words.push_back(to_std_string(box.text()));
        if (!box.has_font_info()) continue;
        const std::string font = box.get_font_name(0);
        if (is_legacy_font(font)) by_font[font].push_back(words.size() - 1);
    }
    std::vector<std::string> repaired = words;
    std::unordered_set<std::string> changed;
    for (const auto& [font, indexes] : by_font) {
        // The words keep their lines: the repair reads `c- ` opening a line as a list marker.
        std::string run;
        for (std::size_t k = 0; k < indexes.size(); ++k) {
            if (k > 0) run += same_line(boxes[indexes[k - 1]], boxes[indexes[k]]) ? ' ' : '\n';
            run += words[indexes[k]];
        }
        run += '\n';
        const std::string fixed = analyzers::repair_font_run(run, font);
        std::size_t begin = 0;
        for (const std::size_t i : indexes) {
            const std::size_t end = fixed.find_first_of(" \n", begin);
            if (end == std::string::npos) break;
            repaired[i] = fixed.substr(begin, end - begin);
            if (repaired[i] != words[i]) changed.insert(words[i]);
            begin = end + 1;
        }
    }
    if (changed.empty()) return text;
    std::unordered_map<std::string, std::vector<std::size_t>> occurrences;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (changed.contains(words[i])) occurrences[words[i]].push_back(i);
    }
    std::unordered_map<std::string, std::size_t> seen;
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    for (std::size_t begin = 0; begin <= text.size();) {
        const std::size_t end = std::min(text.find_first_of(" \n", begin), text.size());
        std::string word = text.substr(begin, end - begin);
        const auto hit = occurrences.find(word);
        if (hit != occurrences.end()) {
            const std::size_t n = seen[word]++;
            word = repaired[hit->second[std::min(n, hit->second.size() - 1)]];
        }
        out += word;
        if (end < text.size()) out.push_back(text[end]);
        begin = end + 1;
    }
    return out;
}

/** The page's raw-order text with each table written as one line per row, cells joined by
 *  " | " (as DOCX tables come out), or nullopt when the page has no table.
 *
 *  The text above, between and below the tables is Poppler's raw order of those horizontal
 *  bands: a band is cut at the table's top and bottom, and Poppler keeps a character whose
 *  baseline lies inside the band. */
std::optional<std::string> text_with_tables(const poppler::page& page) {
    std::vector<PdfWord> words;
    for (const poppler::text_box& box : page.text_list()) {
        const poppler::rectf r = box.bbox();
        words.push_back({to_std_string(box.text()), r.left(), r.top(), r.right(), r.bottom()});
    }
    const std::vector<PdfTable> tables = find_pdf_tables(words);
    if (tables.empty()) return std::nullopt;
    // Wider and taller than any page: the slice is clipped to the page anyway.
    constexpr double kFar = 1e5;
    std::string out;
    const auto append = [&out](std::string part) {
        while (!part.empty() && (part.back() == '\n' || part.back() == '\f' || part.back() == ' ')) part.pop_back();
        if (part.empty()) return;
        if (!out.empty()) out.push_back('\n');
        out += part;
    };
    double y = 0;
    for (const PdfTable& table : tables) {
        if (table.top > y) append(to_std_string(page.text(poppler::rectf(0, y, kFar, table.top - y), poppler::page::raw_order_layout)));
        for (const auto& row : table.rows) append(table_row_line(row));
        y = table.bottom;
    }
    append(to_std_string(page.text(poppler::rectf(0, y, kFar, kFar), poppler::page::raw_order_layout)));
    return out;
}

/** The text of one page in content-stream ("raw") order.
 *
 *  Raw order was the best of poppler's three layouts on the Công báo and plan PDFs: the
 *  reading-order layout joins lines and drops the hyphen of wrapped document numbers
 *  ("118/2015/NĐ-" + "CP" becomes "118/2015/NĐCP"), and the physical layout interleaves the
 *  two header columns (issuer | national motto) line by line and pads with runs of spaces.
 */
std::string page_text(const poppler::document& document, int index) {
    const std::unique_ptr<poppler::page> page(document.create_page(index));
    if (!page) return {};
    std::string text = to_std_string(page->text(poppler::rectf(), poppler::page::raw_order_layout));
    // Finding tables needs the word list, a second layout pass: only pages with figures at
    // the ends of two lines are worth it. Other pages keep the raw text as it is.
    if (may_hold_table(text)) {
        if (std::optional<std::string> tabled = text_with_tables(*page)) text = std::move(*tabled);
    }
    // Legacy 8-bit text is repaired line by line from its statistics. Only a page where that
    // finds some is worth the second pass of Poppler's word list, which knows each word's font
    // and converts runs in .VnTime or VNI-Times fonts by their encoding, .VnTimeH in capitals.
    // (Scanning fonts up front costs up to a third of the extraction, and Công báo PDFs of
    // 2015-2016 embed a .VnCenturySchoolbook font they never draw with.)
    std::string repaired = analyzers::repair_encoding(text);
    if (repaired != text) {
        const std::string by_font = repair_legacy_words(*page, text);
        if (by_font != text) repaired = analyzers::repair_encoding(by_font);
    }
    text = std::move(repaired);
    // Poppler ends a page with its own form feed; page breaks are ours to place.
    std::replace(text.begin(), text.end(), '\f', '\n');
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\f';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out.push_back(space ? ' ' : c);
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

/// The Title entry of the document information, unless it is empty or a browser placeholder.
std::string info_title(const poppler::document& document) {
    std::string title = collapse_spaces(
        analyzers::normalize_text(analyzers::repair_encoding(to_std_string(document.info_key("Title")))));
    // Pages printed from a browser carry the tab's address as their title.
    if (title == "about:blank" || title.starts_with("http://") || title.starts_with("https://")) return {};
    return title;
}

}  // namespace

Result<ExtractedText> extract_pdf(std::string_view bytes) { return extract_pdf(bytes, OcrOptions{}); }

Result<ExtractedText> extract_pdf(std::string_view bytes, const OcrOptions& ocr_options) {
    silence_poppler();
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        return Error{ErrorCode::Unsupported, "PDF is too large (over 2 GiB)"};
    }
    // load_from_raw_data neither copies nor frees the bytes: they outlive the document here.
    const std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!document) return Error{ErrorCode::Unsupported, "corrupt or unreadable PDF"};
    if (document->is_locked()) return Error{ErrorCode::Unsupported, "encrypted PDF (password required)"};
    const int pages = document->pages();
    if (pages <= 0) return Error{ErrorCode::Unsupported, "PDF has no pages"};

    std::string joined;
    bool any_text = false;
    bool any_ocr = false;
    // Made at the first page without a text layer, so the OCR model is loaded once or never.
    std::optional<PdfOcr> ocr;
    std::string ocr_error;
    for (int i = 0; i < pages; ++i) {
        if (i > 0) joined.push_back('\f');
        std::string text = page_text(*document, i);
        if (is_blank(text) && ocr_options.enabled) {
            if (!ocr) ocr.emplace(bytes, ocr_options);
            Result<std::string> read = ocr->page_text(i);
            if (read.ok()) {
                text = std::move(read.value());
                any_ocr = any_ocr || !is_blank(text);
            } else if (ocr_error.empty()) {
                ocr_error = read.error().message;
            }
        }
        any_text = any_text || !is_blank(text);
        joined += text;
    }
    if (!any_text) {
        if (!ocr_options.enabled) return Error{ErrorCode::Unsupported, "PDF has no text layer (scanned?); OCR is off"};
        if (!ocr_error.empty()) {
            return Error{ErrorCode::Unsupported, "PDF has no text layer (scanned?) and OCR failed: " + ocr_error};
        }
        return Error{ErrorCode::Unsupported, "PDF has no text layer (scanned?) and OCR found no text"};
    }

    ExtractedText result;
    result.format = SourceFormat::Pdf;
    // page_text() repaired legacy encodings before normalize_text() drops U+00AD (TCVN3's ư).
    result.text = analyzers::normalize_text(joined);
    result.pages = static_cast<unsigned>(pages);
    result.format_title = info_title(*document);
    result.ocr = any_ocr;
    return result;
}

}  // namespace tracuu::indexer
