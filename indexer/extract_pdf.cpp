#include "indexer/extract.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <string>
#include <string_view>

#include "analyzers/normalize.h"

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

std::string to_std_string(const poppler::ustring& text) {
    const poppler::byte_array utf8 = text.to_utf8();
    return {utf8.begin(), utf8.end()};
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n\f") == std::string_view::npos;
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
    std::string title = collapse_spaces(analyzers::normalize_text(to_std_string(document.info_key("Title"))));
    // Pages printed from a browser carry the tab's address as their title.
    if (title == "about:blank" || title.starts_with("http://") || title.starts_with("https://")) return {};
    return title;
}

}  // namespace

Result<ExtractedText> extract_pdf(std::string_view bytes) {
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
    for (int i = 0; i < pages; ++i) {
        if (i > 0) joined.push_back('\f');
        const std::string text = page_text(*document, i);
        any_text = any_text || !is_blank(text);
        joined += text;
    }
    if (!any_text) {
        return Error{ErrorCode::Unsupported, "PDF has no text layer (scanned?); OCR is not enabled"};
    }

    ExtractedText result;
    result.format = SourceFormat::Pdf;
    result.text = analyzers::normalize_text(joined);
    result.pages = static_cast<unsigned>(pages);
    result.format_title = info_title(*document);
    return result;
}

}  // namespace tracuu::indexer
