#include "indexer/extract.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzers/normalize.h"

namespace tracuu::indexer {
namespace {

struct XmlDocDeleter {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;
using NodeTest = std::function<bool(const xmlNode*)>;

// Never read as text: code, styling, page chrome and form controls.
constexpr std::array<std::string_view, 20> kSkipped = {
    "script", "style",  "noscript", "template", "svg",      "math",   "head",   "nav",   "header", "footer",
    "form",   "button", "iframe",   "select",   "textarea", "object", "canvas", "audio", "video",  "dialog"};
constexpr std::array<std::string_view, 8> kChromeRoles = {"navigation", "banner",  "contentinfo", "search",
                                                          "menu",       "menubar", "tablist",     "toolbar"};
constexpr std::array<std::string_view, 14> kParagraphs = {"p",  "h1", "h2", "h3",      "h4",     "h5",  "h6",
                                                          "ul", "ol", "dl", "section", "article", "pre", "blockquote"};
constexpr std::array<std::string_view, 17> kLines = {"div",     "li",      "dt",     "dd",      "address", "caption",
                                                     "center",  "details", "figure", "summary", "legend",  "fieldset",
                                                     "main",    "body",    "html",   "aside",   "figcaption"};

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::string attribute(const xmlNode* node, const char* name) {
    std::string value;
    const xmlAttr* attr = xmlHasProp(node, BAD_CAST name);
    for (const xmlNode* part = attr != nullptr ? attr->children : nullptr; part != nullptr; part = part->next) {
        if (part->content != nullptr) value += reinterpret_cast<const char*>(part->content);
    }
    return value;
}

bool has_class(const xmlNode* node, std::string_view name, bool prefix = false) {
    const std::string classes = attribute(node, "class");
    for (std::size_t pos = 0; pos < classes.size();) {
        const std::size_t end = std::min(classes.find_first_of(" \t\r\n", pos), classes.size());
        const std::string_view token = std::string_view(classes).substr(pos, end - pos);
        if (prefix ? token.starts_with(name) : token == name) return true;
        pos = end + 1;
    }
    return false;
}

bool is_skipped(const xmlNode* node) {
    if (is_one_of(name_of(node), kSkipped) || is_one_of(std::string_view(attribute(node, "role")), kChromeRoles) ||
        xmlHasProp(node, BAD_CAST "hidden") != nullptr) {
        return true;
    }
    std::string style = lower_ascii(attribute(node, "style")) + ';';
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    // Transparent blocks are hover pop-ups, such as vbpl.vn's "Nội dung được hướng dẫn" tooltips.
    return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos ||
           style.find("opacity:0;") != std::string::npos || style.find("opacity:0!") != std::string::npos;
}

bool is_cell(const xmlNode* node) {
    return node->type == XML_ELEMENT_NODE && (name_of(node) == "td" || name_of(node) == "th");
}

enum class Visit { Descend, Skip, Stop };

/// Visits the elements below `root` in document order, without recursion: a hostile page can
/// nest elements deeper than the call stack allows.
void visit_elements(const xmlNode* root, const std::function<Visit(const xmlNode*)>& visit) {
    const xmlNode* node = root->children;
    while (node != nullptr) {
        const Visit next = node->type == XML_ELEMENT_NODE ? visit(node) : Visit::Skip;
        if (next == Visit::Stop) return;
        if (next == Visit::Descend && node->children != nullptr) {
            node = node->children;
            continue;
        }
        while (node != root && node->next == nullptr) node = node->parent;
        node = node == root ? nullptr : node->next;
    }
}

/// First element, `root` included, that passes `test`.
const xmlNode* find_element(const xmlNode* root, const NodeTest& test) {
    if (root == nullptr || test(root)) return root;
    const xmlNode* found = nullptr;
    visit_elements(root, [&](const xmlNode* node) {
        if (test(node)) found = node;
        return found != nullptr ? Visit::Stop : Visit::Descend;
    });
    return found;
}

// Whether each table is a layout table, computed once: the test renders the cells, and
// without the cache nested tables would be rendered 2^depth times.
using LayoutCache = std::unordered_map<const xmlNode*, bool>;
bool is_layout_table(const xmlNode* table, LayoutCache& cache);

/// Turns a DOM subtree into lines of text; tidy() settles the whitespace afterwards.
class TextRenderer {
public:
    explicit TextRenderer(LayoutCache& layouts) : m_layouts(layouts) {}

    std::string run(const xmlNode* root) {
        // The same walk as visit_elements(), with a closing step for each element.
        const xmlNode* node = root;
        while (node != nullptr) {
            const bool opened = open(node);
            if (opened && node->children != nullptr) {
                node = node->children;
                continue;
            }
            if (opened) close(node);
            while (node != root && node->next == nullptr) {
                node = node->parent;
                close(node);
            }
            node = node == root ? nullptr : node->next;
        }
        return std::move(m_out);
    }

private:
    // Breaks wait until the next visible character, so that adjacent block edges make one
    // line break and whitespace between blocks makes none.
    void add_break(int lines) {
        if (m_flat_cells > 0) {
            m_out += ' ';
        } else {
            m_pending = std::max(m_pending, lines);
        }
    }

    void flush_break() {
        if (!m_out.empty()) m_out.append(static_cast<std::size_t>(m_pending), '\n');
        m_pending = 0;
    }

    void add_text(const xmlNode* node) {
        for (const char* c = reinterpret_cast<const char*>(node->content); c != nullptr && *c != '\0'; ++c) {
            const bool keep_newline = *c == '\n' && m_pre > 0 && m_flat_cells == 0;
            if (std::strchr(" \t\r\n\f\v", *c) != nullptr && !keep_newline) {
                if (m_pending == 0) m_out += ' ';
                continue;
            }
            flush_break();
            m_out += *c;
        }
    }

    bool in_grid() const { return !m_layout_tables.empty() && !m_layout_tables.back(); }

    bool open(const xmlNode* node) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) add_text(node);
        if (node->type != XML_ELEMENT_NODE || is_skipped(node)) return false;
        const std::string_view name = name_of(node);
        if (name == "table") {
            add_break(2);
            m_layout_tables.push_back(is_layout_table(node, m_layouts));
        } else if (name == "tr") {
            add_break(1);
            m_row_cells.push_back(0);
        } else if (is_cell(node) && in_grid()) {
            flush_break();
            if (!m_row_cells.empty() && m_row_cells.back()++ > 0) m_out += " | ";
            ++m_flat_cells;
        } else {
            m_pre += name == "pre" ? 1 : 0;
            add_block_break(name, true);
        }
        return true;
    }

    void close(const xmlNode* node) {
        if (node->type != XML_ELEMENT_NODE) return;
        const std::string_view name = name_of(node);
        if (name == "table") {
            m_layout_tables.pop_back();
            add_break(2);
        } else if (name == "tr") {
            m_row_cells.pop_back();
            add_break(1);
        } else if (is_cell(node) && in_grid()) {
            --m_flat_cells;
        } else {
            m_pre -= name == "pre" ? 1 : 0;
            add_block_break(name, false);
        }
    }

    void add_block_break(std::string_view name, bool opening) {
        if (is_one_of(name, kParagraphs)) {
            add_break(2);
        } else if (is_one_of(name, kLines) || name == "td" || name == "th" || (opening && (name == "br" || name == "hr"))) {
            add_break(1);
        }
    }

    LayoutCache& m_layouts;
    std::string m_out;
    std::vector<bool> m_layout_tables;
    std::vector<std::size_t> m_row_cells;  // cells opened so far in each open row
    int m_flat_cells = 0;                  // open data-table cells: their line breaks become spaces
    int m_pre = 0;
    int m_pending = 0;  // line breaks owed before the next visible character
};

/// One space between words, no empty cells at line ends, at most one blank line in a row.
std::string tidy(std::string_view text) {
    std::string out;
    bool blank_before = false;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        std::string line;
        for (const char c : text.substr(0, end)) {
            if (c != ' ' || (!line.empty() && line.back() != ' ')) line += c;
        }
        while (!line.empty() && (line.back() == ' ' || line.back() == '|')) line.pop_back();
        text.remove_prefix(std::min(end + 1, text.size()));
        if (!line.empty() && !out.empty()) out += blank_before ? "\n\n" : "\n";
        out += line;
        blank_before = line.empty();
    }
    return out;
}

/** True for a table that lays out blocks side by side rather than holding data.
 *
 *  Legal documents put the issuer beside the national motto, and the recipients beside the
 *  signature, in two-column tables whose cells hold several lines. Those read best cell after
 *  cell; a data table (budget lines, lists) reads best as one line per row.
 */
bool is_layout_table(const xmlNode* table, LayoutCache& cache) {
    if (const auto known = cache.find(table); known != cache.end()) return known->second;
    std::size_t widest = 0;
    bool several_lines = false;
    visit_elements(table, [&](const xmlNode* row) {
        if (name_of(row) == "table") return Visit::Skip;
        if (name_of(row) != "tr") return Visit::Descend;
        std::size_t cells = 0;
        for (const xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
            if (!is_cell(cell)) continue;
            ++cells;
            several_lines = several_lines || tidy(TextRenderer(cache).run(cell)).find('\n') != std::string::npos;
        }
        widest = std::max(widest, cells);
        return widest <= 2 ? Visit::Skip : Visit::Stop;
    });
    return cache[table] = widest >= 1 && widest <= 2 && several_lines;
}

std::string render(const xmlNode* node, bool one_line = false) {
    if (node == nullptr) return {};
    LayoutCache layouts;
    std::string text = analyzers::normalize_text(TextRenderer(layouts).run(node));
    std::replace_if(text.begin(), text.end(), [one_line](char c) { return c == '\f' || (one_line && c == '\n'); }, ' ');
    return tidy(text);
}

/** The document's own text: the first known full-text container that has text, else the body.
 *
 *  vbpl.vn (a React portal) marks the text with data-vbpl-content-root; its older ASP.NET pages
 *  use #toanvancontent inside .fulltext; thuvienphapluat.vn uses .content1. Everything outside
 *  such a container is portal chrome.
 */
std::string main_text(const xmlNode* root) {
    const std::array<NodeTest, 4> containers = {
        [](const xmlNode* n) { return xmlHasProp(n, BAD_CAST "data-vbpl-content-root") != nullptr; },
        [](const xmlNode* n) { return attribute(n, "id") == "toanvancontent" || has_class(n, "toanvancontent"); },
        [](const xmlNode* n) { return has_class(n, "content1"); },
        [](const xmlNode* n) { return has_class(n, "fulltext"); },
    };
    for (const NodeTest& container : containers) {
        std::string text = render(find_element(root, container));
        if (!text.empty()) return text;
    }
    const xmlNode* body = find_element(root, [](const xmlNode* n) { return name_of(n) == "body"; });
    return render(body != nullptr ? body : root);
}

/** The vbpl.vn header's effect status and dates, and the "Thuộc tính" tab if the page was saved
 *  with it open (its layout is unknown, so it is kept as rendered), under one heading line.
 */
std::string portal_properties(const xmlNode* root) {
    std::string lines;
    auto add = [&lines](const std::string& line) { lines += line.empty() ? "" : "\n" + line; };
    const xmlNode* header = find_element(root, [](const xmlNode* n) {
        return has_class(n, "lawDocumentHeader_statusAndDateContainer", true);
    });
    if (header != nullptr) {
        const xmlNode* status = find_element(header, [](const xmlNode* n) { return has_class(n, "effStatus_", true); });
        if (status != nullptr) add("Tình trạng hiệu lực: " + render(status, true));
        const NodeTest is_date = [](const xmlNode* n) { return has_class(n, "lawDocumentHeader_dateItem", true); };
        for (const xmlNode* item = find_element(header, is_date); item != nullptr; item = item->next) {
            if (item->type != XML_ELEMENT_NODE || !is_date(item)) continue;
            // Label and value are adjacent spans: "Ngày có hiệu lực:" "31/12/2025".
            std::string pair;
            for (const xmlNode* part = item->children; part != nullptr; part = part->next) {
                pair += " " + render(part, true);
            }
            add(tidy(pair));
        }
    }
    add(render(find_element(root, [](const xmlNode* n) { return attribute(n, "id").ends_with("-panel-thuoc-tinh"); })));
    return lines.empty() ? std::string() : "Thuộc tính văn bản" + lines;
}

/// The portal's heading for the document if there is one (vbpl.vn's <title> is generic), else <title>.
std::string page_title(const xmlNode* root) {
    const xmlNode* heading =
        find_element(root, [](const xmlNode* n) { return has_class(n, "lawDocumentHeader_title", true); });
    if (std::string title = render(heading, true); !title.empty()) return title;
    return render(find_element(root, [](const xmlNode* n) { return name_of(n) == "title"; }), true);
}

/** The charset named by a <meta> tag before <body>, "UTF-8" if none, or empty to let libxml2
 *  read a UTF-16 byte-order mark. Saved portal pages put 170 KB of inline CSS before the meta
 *  tag, so the search covers the whole head rather than the first kilobyte.
 */
std::string declared_charset(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return {};
    const std::string head = lower_ascii(bytes.substr(0, std::min(bytes.find("<body"), std::size_t{1} << 20)));
    for (std::size_t tag = head.find("<meta"); tag != std::string::npos; tag = head.find("<meta", tag + 1)) {
        const std::string_view meta = std::string_view(head).substr(tag, head.find('>', tag) - tag);
        std::size_t start = meta.find("charset=");
        if (start != std::string::npos) start = meta.find_first_not_of("\"' ", start + 8);
        if (start == std::string::npos) continue;
        const std::size_t end = meta.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._:-", start);
        if (end != start) return std::string(meta.substr(start, end - start));
    }
    return "UTF-8";
}

XmlDocPtr parse(std::string_view bytes, const std::string& charset) {
    constexpr int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    return XmlDocPtr(htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                    charset.empty() ? nullptr : charset.c_str(), options));
}

}  // namespace

Result<ExtractedText> extract_html(std::string_view bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        return Error{ErrorCode::Unsupported, "HTML page is too large (over 2 GiB)"};
    }
    const std::string charset = declared_charset(bytes);
    XmlDocPtr doc = parse(bytes, charset);
    // An encoding libxml2 does not know leaves no document; UTF-8 is the best remaining guess.
    if (!doc && charset != "UTF-8") doc = parse(bytes, "UTF-8");
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    const Error no_text{ErrorCode::Unsupported, "HTML page has no readable text"};
    if (root == nullptr) return no_text;

    ExtractedText result;
    result.format = SourceFormat::Html;
    result.text = main_text(root);
    if (result.text.empty()) return no_text;
    if (const std::string properties = portal_properties(root); !properties.empty()) {
        result.text += "\n\n" + properties;
    }
    result.format_title = page_title(root);
    result.pages = 1;
    return result;
}

}  // namespace tracuu::indexer
