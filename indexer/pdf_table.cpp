#include "indexer/pdf_table.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>

#include "analyzers/text_scan.h"

namespace tracuu::indexer {
namespace {

// Column gaps and word runs: a gap of 0.7 text heights is wider than a justified space and
// narrower than the two cell paddings (about 5.4 pt each in Word) between two columns.
constexpr double kGapFactor = 0.7;
// Non-numbered lines allowed between two numbered lines of one table (wrapped labels,
// "Trong đó:" rows, section rows).
constexpr std::size_t kMaxLinesBetween = 4;

bool digit(char c) { return c >= '0' && c <= '9'; }

/// A figure as Vietnamese tables print it: `12`, `422.880`, `1.093,5`; not `080.44417` (a
/// telephone number) nor `1.1` (a section).
bool numeric_word(std::string_view w) {
    std::size_t i = 0;
    while (i < w.size() && digit(w[i])) ++i;
    if (i == 0) return false;
    const bool grouped = i <= 3 && i < w.size() && w[i] == '.';
    while (grouped && i < w.size() && w[i] == '.') {
        if (i + 4 > w.size() || !digit(w[i + 1]) || !digit(w[i + 2]) || !digit(w[i + 3]) || (i + 4 < w.size() && digit(w[i + 4]))) return false;
        i += 4;
    }
    if (i < w.size() && w[i] == ',') {
        const std::size_t start = ++i;
        while (i < w.size() && digit(w[i])) ++i;
        if (i == start) return false;
    }
    return i == w.size();
}

/// Two letters or more: a label, as opposed to `A`, `B`, `(1)` over columns of a form.
bool wordy(std::string_view s) {
    std::size_t letters = 0;
    for (std::size_t i = 0; i < s.size() && letters < 2;) {
        std::size_t next = 0;
        if (u_isalpha(static_cast<UChar32>(analyzers::decode_at(s, i, next)))) {
            ++letters;
        } else {
            letters = 0;
        }
        i = next;
    }
    return letters >= 2;
}

struct Line {
    std::vector<PdfWord> words;  ///< left to right
    double y0 = 0;
    double y1 = 0;
    double height = 0;  ///< median word height
};

struct Segment {
    std::size_t first = 0;  ///< word indexes [first, last)
    std::size_t last = 0;
    double x0 = 0;
    double x1 = 0;
};

struct Interval {
    double x0 = 0;
    double x1 = 0;
};

double height_of(const PdfWord& w) { return w.y1 - w.y0; }

std::vector<Line> group_lines(const std::vector<PdfWord>& words) {
    std::vector<const PdfWord*> order;
    for (const PdfWord& w : words) {
        if (height_of(w) > 0 && w.x1 > w.x0) order.push_back(&w);
    }
    std::stable_sort(order.begin(), order.end(), [](const PdfWord* a, const PdfWord* b) {
        const double ca = (a->y0 + a->y1) / 2;
        const double cb = (b->y0 + b->y1) / 2;
        return ca != cb ? ca < cb : a->x0 < b->x0;
    });
    std::vector<Line> lines;
    double center = 0;  // of the line's first word, so a line does not drift down the page
    for (const PdfWord* w : order) {
        const double c = (w->y0 + w->y1) / 2;
        if (lines.empty() || std::abs(c - center) > 0.5 * std::min(height_of(*w), lines.back().height)) {
            lines.push_back({{}, w->y0, w->y1, height_of(*w)});
            center = c;
        }
        Line& line = lines.back();
        line.words.push_back(*w);
        line.y0 = std::min(line.y0, w->y0);
        line.y1 = std::max(line.y1, w->y1);
    }
    for (Line& line : lines) {
        std::stable_sort(line.words.begin(), line.words.end(), [](const PdfWord& a, const PdfWord& b) { return a.x0 < b.x0; });
        std::vector<double> heights;
        for (const PdfWord& w : line.words) heights.push_back(height_of(w));
        std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2), heights.end());
        line.height = heights[heights.size() / 2];
    }
    return lines;
}

std::vector<Segment> segments_of(const Line& line) {
    std::vector<Segment> out;
    for (std::size_t k = 0; k < line.words.size(); ++k) {
        const PdfWord& w = line.words[k];
        if (out.empty() || w.x0 - out.back().x1 >= kGapFactor * line.height) {
            out.push_back({k, k + 1, w.x0, w.x1});
        } else {
            out.back().last = k + 1;
            out.back().x1 = std::max(out.back().x1, w.x1);
        }
    }
    return out;
}

bool numeric_segment(const Line& line, const Segment& s) {
    for (std::size_t k = s.first; k < s.last; ++k) {
        if (!numeric_word(line.words[k].text)) return false;
    }
    return true;
}

/// A line with a figure apart from its first cell and a word somewhere: a row of a table.
bool numbered_line(const Line& line) {
    const auto segments = segments_of(line);
    bool figure = false;
    for (std::size_t s = 1; s < segments.size() && !figure; ++s) figure = numeric_segment(line, segments[s]);
    return figure && std::any_of(line.words.begin(), line.words.end(), [](const PdfWord& w) { return wordy(w.text); });
}

/// The x-ranges covered by the words of some lines, merged across gaps narrower than a column gap.
std::vector<Interval> columns_of(const std::vector<Line>& lines, const std::vector<std::size_t>& which) {
    std::vector<Interval> spans;
    std::vector<double> heights;
    for (const std::size_t i : which) {
        for (const PdfWord& w : lines[i].words) spans.push_back({w.x0, w.x1});
        heights.push_back(lines[i].height);
    }
    if (spans.empty()) return {};
    std::sort(heights.begin(), heights.end());
    const double gap = kGapFactor * heights[heights.size() / 2];
    std::sort(spans.begin(), spans.end(), [](const Interval& a, const Interval& b) { return a.x0 < b.x0; });
    std::vector<Interval> merged = {spans.front()};
    for (const Interval& s : spans) {
        if (s.x0 - merged.back().x1 < gap) {
            merged.back().x1 = std::max(merged.back().x1, s.x1);
        } else {
            merged.push_back(s);
        }
    }
    return merged;
}

/// The column a run of words belongs to, or nullopt when it touches two columns.
std::optional<std::size_t> column_of(const Segment& s, const std::vector<Interval>& columns) {
    std::optional<std::size_t> found;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (s.x1 <= columns[c].x0 || s.x0 >= columns[c].x1) continue;
        if (found) return std::nullopt;
        found = c;
    }
    if (found) return found;
    // In a gap: the nearest column (a centred header wider than the figures under it).
    std::size_t best = 0;
    double best_distance = INFINITY;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const double d = s.x1 <= columns[c].x0 ? columns[c].x0 - s.x1 : s.x0 - columns[c].x1;
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

/// The cells of a line under the columns, or nullopt when a run of words spans two columns.
std::optional<std::vector<std::string>> cells_of(const Line& line, const std::vector<Interval>& columns) {
    std::vector<std::string> cells(columns.size());
    for (const Segment& s : segments_of(line)) {
        const auto c = column_of(s, columns);
        if (!c) return std::nullopt;
        for (std::size_t k = s.first; k < s.last; ++k) {
            if (!cells[*c].empty()) cells[*c] += ' ';
            cells[*c] += line.words[k].text;
        }
    }
    return cells;
}

std::size_t filled(const std::vector<std::string>& cells) {
    return static_cast<std::size_t>(std::count_if(cells.begin(), cells.end(), [](const std::string& c) { return !c.empty(); }));
}

/// `I`, `IV.`, `12`, `1.2`, `a)`, `b`, `-`: what a row-number cell holds.
bool marker_cell(std::string_view s) {
    if (s.empty() || s.size() > 6) return false;
    if (s == "-" || s == "+" || s == "*") return true;
    if (s.back() == '.' || s.back() == ')') s.remove_suffix(1);
    if (s.empty()) return false;
    const bool roman = s.find_first_not_of("IVXL") == std::string_view::npos;
    const bool number = s.find_first_not_of("0123456789.") == std::string_view::npos && std::isdigit(static_cast<unsigned char>(s[0]));
    const bool letter = s.size() == 1 && std::isalpha(static_cast<unsigned char>(s[0]));
    return roman || number || letter;
}

bool starts_lower(std::string_view s) {
    std::size_t next = 0;
    return !s.empty() && u_islower(static_cast<UChar32>(analyzers::decode_at(s, 0, next))) != 0;
}

class TableBuilder {
public:
    explicit TableBuilder(std::vector<Line> lines) : m_lines(std::move(lines)) {}

    std::vector<PdfTable> build() {
        std::vector<std::size_t> run;
        for (std::size_t i = 0; i < m_lines.size(); ++i) {
            if (!numbered_line(m_lines[i])) continue;
            if (!run.empty() && (i - run.back() - 1 > kMaxLinesBetween ||
                                 m_lines[i].y0 - m_lines[run.back()].y1 > 6 * m_lines[i].height)) {
                take(run);
                run.clear();
            }
            run.push_back(i);
        }
        take(run);
        return std::move(m_tables);
    }

private:
    /// Makes a table of a run of numbered lines, split where a line between them does not fit.
    void take(const std::vector<std::size_t>& numbered) {
        if (numbered.size() < 2) return;
        const std::vector<Interval> columns = columns_of(m_lines, numbered);
        if (columns.size() < 2) return;
        for (std::size_t i = numbered.front(); i <= numbered.back(); ++i) {
            if (cells_of(m_lines[i], columns)) continue;
            std::vector<std::size_t> before;
            std::vector<std::size_t> after;
            for (const std::size_t n : numbered) (n < i ? before : after).push_back(n);
            take(before);
            take(after);
            return;
        }
        std::vector<std::vector<std::string>> body;
        for (std::size_t i = numbered.front(); i <= numbered.back(); ++i) body.push_back(*cells_of(m_lines[i], columns));
        // Columns of figures: numbers in at least two lines of a column after the first.
        std::vector<bool> figures(columns.size(), false);
        bool any_figures = false;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            std::size_t count = 0;
            for (const auto& cells : body) {
                if (numeric_word(cells[c])) ++count;
            }
            figures[c] = count > 0;
            any_figures = any_figures || (c > 0 && count >= 2);
        }
        if (!any_figures) return;

        std::size_t first = numbered.front();
        std::size_t last = numbered.back();
        // Rows above the first figures that are numbered ("I | CHI ĐẦU TƯ") belong to the body.
        while (first > m_next_free && close_above(first - 1, first, 1.5)) {
            const auto cells = cells_of(m_lines[first - 1], columns);
            if (!cells || !marker_cell((*cells)[0]) || filled(*cells) < 2) break;
            body.insert(body.begin(), *cells);
            --first;
        }
        // Header: the lines above that fit, the topmost filling two columns.
        std::size_t top = first;
        while (top > m_next_free && close_above(top - 1, top, 1.5) && cells_of(m_lines[top - 1], columns)) --top;
        while (top < first && filled(*cells_of(m_lines[top], columns)) < 2) ++top;
        // Lines below that continue the last row's label.
        while (last + 1 < m_lines.size() && close_above(last, last + 1, 1.0)) {
            const auto cells = cells_of(m_lines[last + 1], columns);
            if (!cells || !continues(body.back(), *cells, figures)) break;
            body.push_back(*cells);
            ++last;
        }

        PdfTable table;
        table.top = m_lines[top].y0;
        table.bottom = m_lines[last].y1;
        if (top < first) {
            std::vector<std::string> header(columns.size());
            for (std::size_t i = top; i < first; ++i) join_into(header, *cells_of(m_lines[i], columns));
            table.rows.push_back(std::move(header));
        }
        for (std::size_t k = 0; k < body.size(); ++k) {
            if (k > 0 && continues(body[k - 1], body[k], figures)) {
                join_into(table.rows.back(), body[k]);
            } else {
                table.rows.push_back(body[k]);
            }
        }
        for (std::size_t i = top; i <= last; ++i) m_lines[i].words.clear();  // taken
        m_next_free = last + 1;
        m_tables.push_back(std::move(table));
        std::sort(m_tables.begin(), m_tables.end(), [](const PdfTable& a, const PdfTable& b) { return a.top < b.top; });
    }

    /// True when line `upper` ends at most `factor` text heights above line `lower`.
    bool close_above(std::size_t upper, std::size_t lower, double factor) const {
        return !m_lines[upper].words.empty() && m_lines[lower].y0 - m_lines[upper].y1 <= factor * m_lines[lower].height;
    }

    /// A line continues the row above: text only in columns without figures, starting lower
    /// case or after a cell that ends in ',' or '-'.
    static bool continues(const std::vector<std::string>& above, const std::vector<std::string>& cells,
                          const std::vector<bool>& figures) {
        std::optional<std::size_t> first;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (cells[c].empty()) continue;
            if (figures[c]) return false;
            if (!first) first = c;
        }
        if (!first) return false;
        const std::string& before = above[*first];
        return starts_lower(cells[*first]) || (!before.empty() && (before.back() == ',' || before.back() == '-'));
    }

    static void join_into(std::vector<std::string>& row, const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (cells[c].empty()) continue;
            if (!row[c].empty()) row[c] += ' ';
            row[c] += cells[c];
        }
    }

    std::vector<Line> m_lines;
    std::vector<PdfTable> m_tables;
    std::size_t m_next_free = 0;  ///< lines before this one belong to a table already made
};

}  // namespace

std::vector<PdfTable> find_pdf_tables(const std::vector<PdfWord>& words) { return TableBuilder(group_lines(words)).build(); }

std::string table_row_line(const std::vector<std::string>& cells) {
    std::string joined;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) joined += " |";
        if (cells[i].empty()) continue;
        joined += ' ';
        joined += cells[i];
    }
    const std::size_t begin = joined.find_first_not_of(" |");
    return begin == std::string::npos ? std::string() : joined.substr(joined.find_first_not_of(' '));
}

namespace {

/// A line ending in a figure that may be a cell: not a year, and not a number that a word
/// before it refers to (`năm 2025`, `khoản 2`, `Điều 8`), as wrapped running text ends.
bool ends_in_figure(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\f')) line.remove_suffix(1);
    const std::size_t space = line.find_last_of(' ');
    const std::string_view last = space == std::string_view::npos ? line : line.substr(space + 1);
    if (!numeric_word(last)) return false;
    if (last.size() == 4 && (last.starts_with("19") || last.starts_with("20"))) return false;
    if (space == std::string_view::npos) return true;
    std::string_view before = line.substr(0, space);
    before = before.substr(before.find_last_of(' ') == std::string_view::npos ? 0 : before.find_last_of(' ') + 1);
    for (const std::string_view word : {"năm", "Năm", "NĂM", "khoản", "Khoản", "điều", "Điều", "ĐIỀU", "số", "Số", "tháng",
                                        "ngày", "điểm", "Điểm", "chương", "Chương", "mục", "Mục", "phần", "Phần", "trang",
                                        "Trang", "lần", "thứ", "tại"}) {
        if (before == word) return false;
    }
    return true;
}

}  // namespace

bool may_hold_table(std::string_view page_text) {
    std::size_t count = 0;
    std::size_t begin = 0;
    while (begin < page_text.size()) {
        std::size_t end = page_text.find('\n', begin);
        if (end == std::string_view::npos) end = page_text.size();
        const std::string_view line = page_text.substr(begin, end - begin);
        // The running header of every even Công báo page ends in its page number: counting it
        // sent a page for the word list whenever one line of running text ended in a number.
        const bool gazette_header = line.starts_with("CÔNG BÁO/Số ");
        if (!gazette_header && ends_in_figure(line) && ++count >= 2) return true;
        begin = end + 1;
    }
    return false;
}

}  // namespace tracuu::indexer
