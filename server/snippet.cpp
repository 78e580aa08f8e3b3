#include "server/snippet.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "analyzers/fold.h"
#include "indexer/term_mapping.h"

namespace tracuu::server {
namespace {

/// Paragraphs longer than this many times the snippet are analysed only around their matches.
constexpr std::size_t kAnalysisBytes = 4;

struct Paragraph {
    std::size_t begin;
    std::size_t end;
};

/// Paragraphs end at a blank line or a page break; single line breaks are soft (PDF wrapping).
std::vector<Paragraph> paragraphs(std::string_view text) {
    std::vector<Paragraph> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = start;
        while (end < text.size() && text[end] != '\f' && !(text[end] == '\n' && end + 1 < text.size() && text[end + 1] == '\n')) ++end;
        std::size_t first = start, last = end;
        while (first < last && (text[first] == ' ' || text[first] == '\n')) ++first;
        while (last > first && (text[last - 1] == ' ' || text[last - 1] == '\n')) --last;
        if (first < last) out.push_back({first, last});
        start = end + 1;
    }
    return out;
}

/// Escapes a piece of a paragraph for the snippet, turning soft line breaks into spaces.
std::string snippet_text(std::string_view piece) {
    std::string escaped = html_escape(piece);
    std::replace(escaped.begin(), escaped.end(), '\n', ' ');
    return escaped;
}

/// The code point at byte `i` of `s` (valid UTF-8) and its length in bytes.
std::pair<UChar32, std::size_t> code_point_at(std::string_view s, std::size_t i) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
    auto next = static_cast<int32_t>(i);
    UChar32 c = 0;
    U8_NEXT(bytes, next, static_cast<int32_t>(s.size()), c);
    return {c, static_cast<std::size_t>(next) - i};
}

/// Letters, digits and the marks on them make words; spaces, punctuation and quotes (`”`) do not.
bool is_word_char(UChar32 c) { return c >= 0 && (u_isalnum(c) || u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK); }

/// A word as text writes it at the start of a sentence and in headings: `quỹ`, `Quỹ`, `QUỸ`.
std::vector<std::string> spellings_of(const std::string& word) {
    const icu::UnicodeString lower = icu::UnicodeString::fromUTF8(word);
    icu::UnicodeString upper = lower;
    upper.toUpper(icu::Locale::getRoot());
    icu::UnicodeString capital = lower;
    capital.replace(0, lower.moveIndex32(0, 1), icu::UnicodeString(lower, 0, lower.moveIndex32(0, 1)).toUpper(icu::Locale::getRoot()));
    std::vector<std::string> out(3);
    lower.toUTF8String(out[0]);
    capital.toUTF8String(out[1]);
    upper.toUTF8String(out[2]);
    return out;
}

/// Whether a word character ends right before byte `at`.
bool word_char_before(std::string_view s, std::size_t at) {
    if (at == 0) return false;
    std::size_t start = at - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;  // back to the lead byte
    return is_word_char(code_point_at(s, start).first);
}

bool word_char_at(std::string_view s, std::size_t at) { return at < s.size() && is_word_char(code_point_at(s, at).first); }

/// Whether `word` occurs in `text` as a whole word.
bool holds_word(std::string_view text, std::string_view word) {
    for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        if (!word_char_before(text, at) && !word_char_at(text, at + word.size())) return true;
    }
    return false;
}

/// How many highlight words occur as whole words in a folded paragraph.
std::size_t distinct_hits(std::string_view folded, const std::set<std::string>& highlight) {
    return static_cast<std::size_t>(std::count_if(highlight.begin(), highlight.end(), [&](const std::string& w) { return holds_word(folded, w); }));
}

/// How many of the words (each with its spellings) occur as whole words in a paragraph.
std::size_t distinct_spelled(std::string_view paragraph, const std::vector<std::vector<std::string>>& words) {
    return static_cast<std::size_t>(std::count_if(words.begin(), words.end(), [&](const std::vector<std::string>& spellings) {
        return std::any_of(spellings.begin(), spellings.end(), [&](const std::string& w) { return holds_word(paragraph, w); });
    }));
}

struct Mark {
    std::size_t begin;
    std::size_t end;
};

/// The window [first, last) of marks, within max_bytes, holding the most marks.
std::pair<std::size_t, std::size_t> densest(const std::vector<Mark>& marks, std::size_t max_bytes) {
    std::size_t best_first = 0, best_last = marks.empty() ? 0 : 1;
    for (std::size_t first = 0, last = 0; first < marks.size(); ++first) {
        last = std::max(last, first + 1);
        while (last < marks.size() && marks[last].end - marks[first].begin <= max_bytes) ++last;
        if (last - first > best_last - best_first) best_first = first, best_last = last;
    }
    return {best_first, best_last};
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/** Where the highlight words are in a paragraph, found without the Analyzer: each
 *  whitespace-separated chunk and each of its ASCII-delimited parts, folded, looked up in
 *  `highlight`. Only locates the passage; the Analyzer then marks it exactly. */
std::vector<Mark> rough_marks(std::string_view para, const std::set<std::string>& highlight) {
    std::vector<Mark> marks;
    const auto try_word = [&](std::size_t begin, std::size_t end) {
        if (begin < end && highlight.count(analyzers::fold_text(para.substr(begin, end - begin))) > 0) marks.push_back({begin, end});
    };
    std::size_t at = 0;
    while (at < para.size()) {
        while (at < para.size() && is_space(para[at])) ++at;
        std::size_t end = at;
        while (end < para.size() && !is_space(para[end])) ++end;
        const std::size_t chunk = marks.size();
        std::size_t part = at;
        for (std::size_t i = at; i < end;) {  // punctuation and quotes (`“Kim Sơn”`) split parts
            const auto [c, length] = code_point_at(para, i);
            if (!is_word_char(c)) {
                try_word(part, i);
                part = i + length;
            }
            i += length;
        }
        try_word(part, end);
        if (marks.size() == chunk) {  // a chunk that is one term (`57-nq/tw`) rather than its parts
            std::size_t b = at, e = end;
            while (b < e && !word_char_at(para, b)) b += code_point_at(para, b).second;
            while (e > b && !word_char_before(para, e)) {
                do --e;
                while (e > b && (static_cast<unsigned char>(para[e]) & 0xC0) == 0x80);
            }
            try_word(b, e);
        }
        at = end;
    }
    return marks;
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

Snippet make_snippet(std::string_view text, const std::set<std::string>& highlight, const analyzers::Analyzer& analyzer,
                     std::size_t max_bytes, const std::set<std::string>& exact) {
    const std::vector<Paragraph> all = paragraphs(text);
    if (all.empty()) return {};
    Paragraph chosen = all.front();
    std::size_t chosen_hits = 0, chosen_exact = 0;
    std::vector<std::vector<std::string>> exact_spellings;
    for (const auto& word : exact) exact_spellings.push_back(spellings_of(word));
    for (const Paragraph& p : all) {
        const std::string_view para = text.substr(p.begin, p.end - p.begin);
        const std::size_t hits = distinct_hits(analyzers::fold_text(para), highlight);
        if (hits < chosen_hits || hits == 0) continue;
        // The searched spellings as text writes them (`quỹ`, `Quỹ`, `QUỸ`): enough to prefer `quỹ`
        // to `Quy`; the marking below reads the words properly.
        const std::size_t exact_hits = exact.empty() ? 0 : distinct_spelled(para, exact_spellings);
        if (hits > chosen_hits || exact_hits > chosen_exact) chosen = p, chosen_hits = hits, chosen_exact = exact_hits;
        if (chosen_hits == highlight.size() && chosen_exact == exact.size()) break;
    }
    // Analysing costs far more than the rest: in a long paragraph (PDF text and many portal
    // texts have no blank lines, so a paragraph can be the whole document) analyse only the
    // stretch around the densest matches found by a cheap scan, wide enough for the window below.
    std::size_t base = chosen.begin;
    std::size_t length = chosen.end - chosen.begin;
    bool cut_before = false, cut_after = false;
    if (length > kAnalysisBytes * max_bytes) {
        const std::string_view whole = text.substr(chosen.begin, length);
        const std::vector<Mark> rough = rough_marks(whole, highlight);
        const auto [first, last] = densest(rough, max_bytes);
        std::size_t from = rough.empty() ? 0 : rough[first].begin;
        std::size_t to = rough.empty() ? 0 : rough[last - 1].end;
        from = from > max_bytes ? from - max_bytes : 0;
        to = std::min(whole.size(), to + max_bytes + (rough.empty() ? max_bytes : 0));
        while (from > 0 && !is_space(whole[from - 1])) --from;  // whole words only
        while (to < whole.size() && !is_space(whole[to])) ++to;
        while (from < to && is_space(whole[from])) ++from;
        cut_before = from > 0;
        cut_after = to < whole.size();
        base += from;
        length = to - from;
    }
    const std::string_view para = text.substr(base, length);
    const auto tokens = analyzer.analyze(para);

    // Folded forms whose searched spelling the passage holds: only that spelling is marked.
    std::set<std::string> spelled_as_searched;
    for (const auto& t : tokens) {
        if (exact.count(t.text) > 0) spelled_as_searched.insert(t.folded);
    }
    std::vector<Mark> marks;
    for (const auto& t : tokens) {
        if (t.width != 1 || !indexer::is_positional(t) || highlight.count(t.folded) == 0) continue;
        if (spelled_as_searched.count(t.folded) > 0 && exact.count(t.text) == 0) continue;
        if (!marks.empty() && para.substr(marks.back().end, t.begin - marks.back().end).find_first_not_of(" \n") == std::string_view::npos) {
            marks.back().end = t.end;  // `<mark>Nghị quyết</mark>`, not two marks
        } else {
            marks.push_back({t.begin, t.end});
        }
    }

    // Window: around the densest marks, widened to max_bytes on word boundaries.
    const auto [first, last] = densest(marks, max_bytes);
    std::size_t from = marks.empty() ? 0 : marks[first].begin;
    std::size_t to = marks.empty() ? 0 : marks[last - 1].end;
    const std::size_t slack = max_bytes > to - from ? max_bytes - (to - from) : 0;
    from = from > slack / 3 ? from - slack / 3 : 0;
    to = std::min(para.size(), to + slack - (marks.empty() ? 0 : slack / 3));
    for (const auto& t : tokens) {  // snap to the word containing each edge
        if (t.begin < from && t.end > from) from = t.begin;
        if (t.begin < to && t.end > to) to = t.end;
    }
    const auto continuation = [&](std::size_t i) { return i < para.size() && (static_cast<unsigned char>(para[i]) & 0xC0) == 0x80; };
    while (from > 0 && continuation(from)) --from;
    while (continuation(to)) ++to;

    Snippet snippet;
    snippet.offset = base + from;
    snippet.page = static_cast<unsigned>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(chosen.begin), '\f')) + 1;
    if (from > 0 || cut_before) snippet.html += "… ";
    std::size_t at = from;
    for (const Mark& m : marks) {
        if (m.begin < from || m.end > to) continue;
        snippet.html += snippet_text(para.substr(at, m.begin - at));
        snippet.html += "<mark>" + snippet_text(para.substr(m.begin, m.end - m.begin)) + "</mark>";
        at = m.end;
    }
    snippet.html += snippet_text(para.substr(at, to - at));
    if (to < para.size() || cut_after) snippet.html += " …";
    return snippet;
}

}  // namespace tracuu::server
