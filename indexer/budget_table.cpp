#include "indexer/budget_table.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "analyzers/amounts.h"
#include "analyzers/fold.h"
#include "analyzers/text_scan.h"
#include "indexer/budget_rules.h"

namespace tracuu::indexer {
namespace {

constexpr std::size_t npos = std::string_view::npos;
// Lines above a table searched for its unit and caption ("DỰ TOÁN … NĂM 2026", "Đơn vị: …").
constexpr std::size_t kCaptionLines = 4;

struct TextLine {
    std::size_t begin = 0;
    std::size_t end = 0;  ///< before its '\n' or '\f'
};

std::vector<TextLine> split_lines(std::string_view text) {
    std::vector<TextLine> lines;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find_first_of("\n\f", begin);
        if (end == npos) end = text.size();
        lines.push_back({begin, end});
        begin = end + 1;
    }
    return lines;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool row_line(std::string_view line) {
    line = trim(line);
    return line.find(" | ") != npos || line.starts_with("| ") || line.ends_with(" |") || line == "|";
}

bool blank(std::string_view line) { return trim(line).empty(); }

struct Cell {
    std::size_t begin = 0;  ///< byte offset of the trimmed text in the document
    std::string_view text;
};

using Row = std::vector<Cell>;

Row split_cells(std::string_view text, const TextLine& line) {
    Row cells;
    std::size_t begin = line.begin;
    while (true) {
        std::size_t bar = text.find('|', begin);
        if (bar == npos || bar > line.end) bar = line.end;
        std::size_t b = begin;
        std::size_t e = bar;
        while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
        while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
        cells.push_back({b, text.substr(b, e - b)});
        if (bar == line.end) break;
        begin = bar + 1;
    }
    return cells;
}

std::string folded(std::string_view s) { return analyzers::fold_text(trim(s)); }

/// A lower-case word or phrase opening a text, in any case, as whole words (`Cộng`, not `Công`).
bool opens_with(std::string_view text, std::string_view phrase) {
    const std::size_t end = analyzers::match_phrase(text, 0, phrase);
    return end != npos && !analyzers::letter_at(text, end);
}

/// Labels are words: `B` in a row of column letters (`A | B | 1 | 2`) is none.
bool wordy(std::string_view label) {
    std::size_t letters = 0;
    for (std::size_t i = 0; i < label.size() && letters < 2;) {
        std::size_t next = 0;
        if (u_isalpha(static_cast<UChar32>(analyzers::decode_at(label, i, next)))) ++letters;
        i = next;
    }
    return letters >= 2;
}

/// A cell holding a year alone (`2026`), as the second row of a two-row header does.
bool year_cell(std::string_view s) {
    return s.size() == 4 && s.find_first_not_of("0123456789") == npos && (s.starts_with("19") || s.starts_with("20"));
}

bool starts_with_words(const std::string& folded_text, std::string_view words) {
    return folded_text.starts_with(words) &&
           (folded_text.size() == words.size() || !std::isalpha(static_cast<unsigned char>(folded_text[words.size()])));
}

// ---- row numbers ------------------------------------------------------------------------------

/// The numbering style of a row number: `I` (Roman), `A`, `1`, `1.1`, `1.1.1`, `a`, or the
/// bullet itself; nullopt when the text is no row number.
std::optional<std::string> marker_shape(std::string_view s) {
    s = trim(s);
    for (const std::string_view bullet : {"-", "+", "*", "\u2022", "\u2013"}) {
        if (s == bullet) return std::string(bullet);
    }
    if (s.starts_with("(") && s.ends_with(")")) s = s.substr(1, s.size() - 2);
    if (!s.empty() && (s.back() == '.' || s.back() == ')')) s.remove_suffix(1);
    if (s.empty() || s.size() > 8) return std::nullopt;
    if (s.find_first_not_of("IVXLC") == npos && (s.size() > 1 || s == "I" || s == "V" || s == "X")) return "I";
    if (s.find_first_not_of("0123456789.") == npos && std::isdigit(static_cast<unsigned char>(s.front())) &&
        std::isdigit(static_cast<unsigned char>(s.back())) && s.find("..") == npos) {
        std::string shape = "1";
        for (const char c : s) {
            if (c == '.') shape += ".1";
        }
        return shape;
    }
    std::size_t next = 0;
    const char32_t c = analyzers::decode_at(s, 0, next);
    if (next == s.size() && u_isalpha(static_cast<UChar32>(c))) return u_isupper(static_cast<UChar32>(c)) ? "A" : "a";
    return std::nullopt;
}

/// A number leading a label (`1. Chi …`, `a) Nhiệm vụ …`, `- Chi …`): its style and the text after it.
std::optional<std::pair<std::string, std::size_t>> leading_marker(std::string_view label) {
    const std::size_t space = label.find(' ');
    if (space == npos) return std::nullopt;
    const std::string_view token = label.substr(0, space);
    const bool punctuated = token.ends_with(".") || token.ends_with(")") || token.find('.') != npos ||
                            token == "-" || token == "+" || token == "*" || token == "\u2022" || token == "\u2013";
    const auto shape = marker_shape(token);
    if (!punctuated || !shape) return std::nullopt;
    return std::make_pair(*shape, analyzers::skip_hspace(label, space));
}

// ---- units and years --------------------------------------------------------------------------

struct Unit {
    std::int64_t vnd = 0;  ///< value of 1 in this unit; 0 when the unit is not money
    std::string text;      ///< `triệu đồng`, as written
};

/// `triệu đồng`, `Tỷ đồng`, `1.000 đồng`, `đồng` as a unit: exactly one money amount when a 1 is
/// put before it.
std::optional<Unit> parse_unit(std::string_view phrase) {
    const std::size_t stop = phrase.find_first_of(");,\n");
    phrase = trim(phrase.substr(0, stop));
    while (!phrase.empty() && phrase.back() == '.') phrase.remove_suffix(1);
    if (phrase.empty()) return std::nullopt;
    const bool counted = std::isdigit(static_cast<unsigned char>(phrase.front())) != 0;
    const std::string probe = counted ? std::string(phrase) : "1 " + std::string(phrase);
    const auto amounts = analyzers::find_amounts(probe);
    if (amounts.size() != 1 || amounts[0].begin != 0 || amounts[0].end != probe.size() || amounts[0].per_unit) {
        return Unit{0, std::string(phrase)};
    }
    return Unit{amounts[0].vnd, std::string(phrase)};
}

/// The unit a line declares: `Đơn vị: …`, `ĐVT: …`, `Đơn vị tính: …` anywhere in it.
std::optional<Unit> declared_unit(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (analyzers::letter_before(line, i)) continue;
        for (const std::string_view word : {"đơn vị tính", "đơn vị", "đvt"}) {
            std::size_t e = analyzers::match_phrase(line, i, word);
            if (e == npos || analyzers::letter_at(line, e)) continue;
            e = analyzers::skip_hspace(line, e);
            if (e >= line.size() || line[e] != ':') continue;
            return parse_unit(line.substr(e + 1));
        }
    }
    return std::nullopt;
}

/// A column header's own unit: `Kinh phí (triệu đồng)`, or a declared one.
std::optional<Unit> header_unit(std::string_view header) {
    if (auto unit = declared_unit(header)) return unit;
    for (std::size_t open = header.find('('); open != npos; open = header.find('(', open + 1)) {
        const std::size_t close = header.find(')', open);
        if (close == npos) break;
        if (auto unit = parse_unit(header.substr(open + 1, close - open - 1)); unit && unit->vnd > 0) return unit;
    }
    return std::nullopt;
}

bool digit(std::string_view s, std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

struct Years {
    std::vector<int> years;
    bool period = false;  ///< `2021-2025`
};

/// Four-digit years 1900-2099 standing alone in a text.
Years years_in(std::string_view s) {
    Years out;
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
        if (!digit(s, i) || !digit(s, i + 1) || !digit(s, i + 2) || !digit(s, i + 3) || digit(s, i + 4)) continue;
        if (i > 0 && (digit(s, i - 1) || s[i - 1] == '.' || s[i - 1] == ',' || s[i - 1] == '/')) continue;
        if (!(s.substr(i, 2) == "19" || s.substr(i, 2) == "20")) continue;
        const std::size_t after = analyzers::skip_hspace(s, i + 4);
        if (after < s.size() && (s[after] == '.' || s[after] == ',') && digit(s, after + 1)) continue;  // 2.026,5
        for (const std::string_view dash : {"-", "\u2013"}) {
            if (s.substr(after).starts_with(dash) && digit(s, analyzers::skip_hspace(s, after + dash.size()))) out.period = true;
        }
        const int year = std::stoi(std::string(s.substr(i, 4)));
        if (std::find(out.years.begin(), out.years.end(), year) == out.years.end()) out.years.push_back(year);
    }
    return out;
}

// ---- columns ----------------------------------------------------------------------------------

bool row_number_header(const std::string& f) {
    return f == "stt" || f == "tt" || f == "so tt" || f == "so thu tu" || f == "s tt" || f == "s/tt";
}

/// Headers of columns that hold codes, rates, comparisons or notes rather than amounts.
bool not_amount_header(const std::string& f) {
    if (f.find('%') != npos) return true;
    for (const std::string_view words : {"ma", "ma so", "ty le", "so sanh", "ghi chu", "don vi", "dvt", "so luong", "chi so"}) {
        if (starts_with_words(f, words)) return true;
    }
    return f.find("ty le") != npos || f.find("so sanh") != npos;
}

std::optional<analyzers::Amount> cell_amount(std::string_view cell, std::int64_t unit_vnd) {
    if (cell.empty() || cell == "-") return std::nullopt;
    auto found = analyzers::find_amounts(cell, unit_vnd);
    if (found.size() != 1 || found[0].begin != 0 || found[0].end != cell.size() || found[0].per_unit) return std::nullopt;
    return std::move(found[0]);
}

// ---- one table --------------------------------------------------------------------------------

struct Frame {
    std::size_t row = 0;
    std::string shape;
};

class TableReader {
public:
    TableReader(std::string_view text, std::vector<Row> rows, std::string caption)
        : m_text(text), m_rows(std::move(rows)), m_caption(std::move(caption)) {}

    /// Appends the table's lines to `out` (whose indexes they continue).
    void read(std::vector<BudgetLine>& out) {
        split_header();
        if (m_header.empty()) return;  // amount columns need a header
        find_columns();
        if (m_amount_columns.empty()) return;
        for (std::size_t r = m_body_begin; r < m_rows.size(); ++r) read_row(r);
        claim_totals();
        emit(out);
    }

private:
    struct BodyRow {
        std::size_t label_begin = 0;
        std::string label;
        std::optional<std::size_t> parent;  ///< index into m_body
        bool total = false;
        std::vector<std::optional<analyzers::Amount>> amounts;  ///< per amount column
        BudgetKind own_kind = BudgetKind::Other;
    };

    std::size_t width() const { return m_header.size(); }

    /// The row's cells aligned on the header's columns: a shorter row lost cells on its left
    /// to a merge (`Tổng cộng` over STT and label).
    Row aligned(const Row& row) const {
        if (row.size() >= width()) return row;
        Row out(width() - row.size(), Cell{row.empty() ? 0 : row.front().begin, {}});
        out.insert(out.end(), row.begin(), row.end());
        return out;
    }

    bool has_amount(const Row& row) const {
        for (const Cell& c : row) {
            if (cell_amount(c.text, 1)) return true;  // any bare number or money
        }
        return false;
    }

    void split_header() {
        std::size_t r = 0;
        for (; r < m_rows.size(); ++r) {
            const Row& row = m_rows[r];
            const bool years_only = std::all_of(row.begin(), row.end(), [](const Cell& c) { return c.text.empty() || year_cell(c.text); });
            if (!years_only && (has_amount(row) || (!row.empty() && marker_shape(row.front().text)))) break;
            if (row.size() > m_header.size()) m_header.resize(row.size());
            const std::size_t shift = m_header.size() - row.size();
            for (std::size_t c = 0; c < row.size(); ++c) {
                if (row[c].text.empty()) continue;
                std::string& h = m_header[shift + c];
                if (!h.empty()) h += ' ';
                h += row[c].text;
            }
        }
        m_body_begin = r;
        if (r == m_rows.size()) m_header.clear();
    }

    void find_columns() {
        std::string all_header;
        for (const auto& h : m_header) all_header += h + " ";
        const std::optional<Unit> table_unit = declared_unit(m_caption) ? declared_unit(m_caption) : declared_unit(all_header);
        // The row-number column: by its header, or a first column holding nothing but numbers.
        m_number_column = row_number_header(folded(m_header[0]));
        if (!m_number_column && width() > 2) {
            bool all_markers = true;
            bool any = false;
            for (std::size_t r = m_body_begin; r < m_rows.size(); ++r) {
                const Row row = aligned(m_rows[r]);
                if (row[0].text.empty()) continue;
                any = true;
                all_markers = all_markers && marker_shape(row[0].text).has_value();
            }
            m_number_column = any && all_markers;
        }
        m_label_column = m_number_column ? 1 : 0;
        const Years caption_years = years_in(m_caption);
        const int caption_year = caption_years.years.size() == 1 && !caption_years.period ? caption_years.years[0] : 0;
        for (std::size_t c = m_label_column + 1; c < width(); ++c) {
            const std::string f = folded(m_header[c]);
            if (f.empty() || not_amount_header(f)) continue;
            Unit unit = table_unit.value_or(Unit{});
            if (auto own = header_unit(m_header[c])) unit = *own;
            bool any = false;
            for (std::size_t r = m_body_begin; r < m_rows.size() && !any; ++r) {
                any = cell_amount(aligned(m_rows[r])[c].text, unit.vnd).has_value();
            }
            if (!any) continue;
            const Years years = years_in(m_header[c]);
            m_amount_columns.push_back({c, unit, years.years.empty() ? caption_year : years.years[0]});
        }
    }

    void read_row(std::size_t r) {
        const Row row = aligned(m_rows[r]);
        const Cell& label_cell = row[m_label_column];
        std::string_view label = label_cell.text;
        std::size_t label_begin = label_cell.begin;
        std::string shape;
        if (m_number_column && !row[0].text.empty()) {
            shape = marker_shape(row[0].text).value_or("?");
        } else if (const auto lead = leading_marker(label)) {
            shape = lead->first;
            label_begin += lead->second;
            label.remove_prefix(lead->second);
        }
        if (!wordy(label)) return;  // a row of column numbers (`A | B | 1 | 2`) or a blank row
        if (opens_with(label, "trong đó")) {
            // "Trong đó:" opens the rows below under the row above; "Trong đó: X | 5" is one.
            m_open_under_top = !m_stack.empty();
            std::size_t skip = label.find(':');
            if (skip == npos) skip = std::string_view("Trong đó").size();
            label_begin += analyzers::skip_hspace(label, skip + (skip < label.size() && label[skip] == ':' ? 1 : 0));
            label = trim(m_text.substr(label_begin, label_cell.begin + label_cell.text.size() - label_begin));
            if (label.empty()) return;
        }
        BodyRow body;
        body.label_begin = label_begin;
        body.label = std::string(label);
        body.own_kind = classify_budget_label(label);
        for (const Column& column : m_amount_columns) body.amounts.push_back(cell_amount(row[column.index].text, column.unit.vnd));
        if (shape.empty() && (opens_with(label, "tổng") || opens_with(label, "cộng"))) {
            body.total = true;
            m_stack.clear();
            m_open_under_top = false;
            m_body.push_back(std::move(body));
            return;
        }
        body.parent = place(shape);
        m_stack.push_back({m_body.size(), shape});
        m_body.push_back(std::move(body));
    }

    /// The parent of a row numbered in `shape`, closing the rows it ends.
    std::optional<std::size_t> place(const std::string& shape) {
        if (m_open_under_top) {
            m_open_under_top = false;
            return m_stack.back().row;
        }
        for (std::size_t k = m_stack.size(); k-- > 0;) {
            if (m_stack[k].shape != shape) continue;
            m_stack.resize(k);
            break;
        }
        return m_stack.empty() ? std::nullopt : std::optional<std::size_t>(m_stack.back().row);
    }

    /// A total row is the parent of the top-level rows: those after it when it opens the
    /// table, else those since the previous total.
    void claim_totals() {
        std::size_t since = 0;
        for (std::size_t k = 0; k < m_body.size(); ++k) {
            if (!m_body[k].total) continue;
            const bool opens = k == 0;
            std::size_t end = k;
            if (opens) {
                end = k + 1;
                while (end < m_body.size() && !m_body[end].total) ++end;
            }
            for (std::size_t j = opens ? k + 1 : since; j < end; ++j) {
                if (!m_body[j].parent && !m_body[j].total) m_body[j].parent = k;
            }
            since = opens ? end : k + 1;
            if (opens) k = end - 1;
        }
    }

    BudgetKind kind_of(std::size_t k, std::size_t depth = 0) const {
        const BodyRow& row = m_body[k];
        if (row.own_kind != BudgetKind::Other) return row.own_kind;
        if (row.parent && depth < m_body.size()) {
            const BudgetKind inherited = kind_of(*row.parent, depth + 1);
            if (inherited != BudgetKind::Other) return inherited;
        }
        std::optional<BudgetKind> common;
        bool agree = true;
        for (const BodyRow& child : m_body) {
            if (&child == &row || !child.parent || *child.parent != k || child.own_kind == BudgetKind::Other) continue;
            if (common && *common != child.own_kind) agree = false;
            common = child.own_kind;
        }
        if (common && agree) return *common;
        const BudgetKind caption = classify_budget_label(m_caption);
        return caption != BudgetKind::Other ? caption : BudgetKind::Recurrent;
    }

    void emit(std::vector<BudgetLine>& out) const {
        // line_of[k][c]: the line of body row k in amount column c.
        std::vector<std::vector<std::optional<std::size_t>>> line_of(m_body.size());
        std::vector<BudgetKind> kinds;
        for (std::size_t k = 0; k < m_body.size(); ++k) kinds.push_back(kind_of(k));
        for (std::size_t k = 0; k < m_body.size(); ++k) {
            line_of[k].resize(m_amount_columns.size());
            for (std::size_t c = 0; c < m_amount_columns.size(); ++c) {
                const auto& amount = m_body[k].amounts[c];
                if (!amount) continue;
                const Column& column = m_amount_columns[c];
                BudgetLine line;
                line.index = out.size();
                line.label = m_body[k].label;
                line.amount_vnd = amount->vnd;
                const bool own_currency = !analyzers::find_amounts(amount->text).empty();
                line.amount_text = amount->text;
                if (!own_currency) {
                    const bool counted = std::isdigit(static_cast<unsigned char>(column.unit.text.front())) != 0;
                    line.amount_text += (counted ? " × " : " ") + column.unit.text;
                }
                line.offset = m_body[k].label_begin;
                line.year = column.year;
                line.kind = kinds[k];
                line.refs = find_budget_refs(m_body[k].label);
                line_of[k][c] = line.index;
                out.push_back(std::move(line));
            }
        }
        // Parents: the nearest ancestor row with a line in the same column. A total at the end
        // of the table comes after its children, so parents are set once every line exists.
        for (std::size_t k = 0; k < m_body.size(); ++k) {
            for (std::size_t c = 0; c < m_amount_columns.size(); ++c) {
                if (!line_of[k][c]) continue;
                std::optional<std::size_t> up = m_body[k].parent;
                for (std::size_t steps = 0; up && !line_of[*up][c] && steps < m_body.size(); ++steps) up = m_body[*up].parent;
                if (up && line_of[*up][c]) out[*line_of[k][c]].parent = line_of[*up][c];
            }
        }
    }

    struct Column {
        std::size_t index = 0;
        Unit unit;
        int year = 0;
    };

    std::string_view m_text;
    std::vector<Row> m_rows;
    std::string m_caption;
    std::vector<std::string> m_header;
    std::size_t m_body_begin = 0;
    bool m_number_column = false;
    std::size_t m_label_column = 0;
    std::vector<Column> m_amount_columns;
    std::vector<BodyRow> m_body;
    std::vector<Frame> m_stack;
    bool m_open_under_top = false;
};

}  // namespace

TableBudget extract_table_budget_lines(std::string_view text) {
    TableBudget out;
    const std::vector<TextLine> lines = split_lines(text);
    std::size_t previous_end = 0;  // line after the previous table
    for (std::size_t i = 0; i < lines.size();) {
        if (!row_line(text.substr(lines[i].begin, lines[i].end - lines[i].begin))) {
            ++i;
            continue;
        }
        // The caption: up to four non-blank lines above, not reaching into the previous table.
        std::string caption;
        std::size_t taken = 0;
        for (std::size_t k = i; k > previous_end && taken < kCaptionLines;) {
            --k;
            const std::string_view line = text.substr(lines[k].begin, lines[k].end - lines[k].begin);
            if (blank(line)) continue;
            caption.insert(0, std::string(line) + "\n");
            ++taken;
        }
        std::vector<Row> rows;
        std::size_t last = i;
        std::size_t j = i;
        for (; j < lines.size(); ++j) {
            const std::string_view line = text.substr(lines[j].begin, lines[j].end - lines[j].begin);
            if (blank(line)) continue;
            if (!row_line(line)) break;
            rows.push_back(split_cells(text, lines[j]));
            last = j;
        }
        out.tables.emplace_back(lines[i].begin, lines[last].end);
        TableReader(text, std::move(rows), std::move(caption)).read(out.lines);
        previous_end = last + 1;
        i = last + 1;
    }
    return out;
}

}  // namespace tracuu::indexer
