#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <initializer_list>
#include <tuple>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/normalize.h"
#include "analyzers/utf.h"
#include "indexer/budget_index.h"
#include "indexer/budget_lines.h"
#include "indexer/budget_table.h"
#include "indexer/doc_id.h"
#include "indexer/extract.h"
#include "indexer/index_run.h"
#include "indexer/pdf_table.h"
#include "tests/support/table_pdf.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_documents.h"

using namespace tracuu::indexer;
using tracuu::testing::make_text_pdf;
using tracuu::testing::pdf_text_width;
using tracuu::testing::PdfText;
using tracuu::testing::TempDir;

namespace {

constexpr double kSize = 11;

/** A page as a word processor prints a budget appendix: a heading, a paragraph, the unit on
 *  the right, a two-line header, numbered rows (one label wrapped onto a second line), a
 *  "Trong đó:" row, a total row and a note. Figures are right-aligned in two columns. */
std::vector<PdfText> appendix_page(std::string_view total_2026) {
    std::vector<PdfText> page;
    const auto left = [&](double x, double top, std::string_view text) { page.push_back({x, top, kSize, std::string(text)}); };
    const auto right = [&](double edge, double top, std::string_view text) {
        page.push_back({edge - pdf_text_width(text, kSize), top, kSize, std::string(text)});
    };
    left(120, 80, "DỰ TOÁN CHI NGÂN SÁCH KHOA HỌC VÀ CÔNG NGHỆ NĂM 2026");
    left(60, 100, "Kèm theo Kế hoạch số 13/KH-UBND, các số liệu dưới đây do Sở Tài chính tổng hợp.");
    right(530, 120, "Đơn vị: triệu đồng");
    left(60, 145, "STT");
    left(90, 145, "Nội dung");
    left(368, 145, "Dự toán");
    left(451, 145, "Ước thực hiện");
    left(365, 159, "năm 2026");
    left(465, 159, "năm 2025");
    double top = 180;
    const auto row = [&](std::string_view number, std::string_view label, std::string_view a, std::string_view b) {
        if (!number.empty()) left(62, top, number);
        left(90, top, label);
        if (!a.empty()) right(430, top, a);
        if (!b.empty()) right(530, top, b);
        top += 16;
    };
    row("I", "Chi đầu tư phát triển", "422.880", "398.500");
    row("II", "Chi thường xuyên cho khoa học, công nghệ,", "1.093.000", "1.050.200");
    row("", "đổi mới sáng tạo và chuyển đổi số", "", "");
    row("1", "Sự nghiệp khoa học và công nghệ", "89.000", "85.000");
    row("2", "Nhiệm vụ theo Nghị quyết số 57-NQ/TW", "666.300", "600.000");
    row("", "Trong đó:", "", "");
    row("a", "Nhiệm vụ cấp tỉnh", "400.000", "350.000");
    row("b", "Nhiệm vụ cấp xã", "266.300", "250.000");
    row("3", "Chuyển đổi số cấp xã", "337.700", "365.200");
    row("", "Tổng cộng", total_2026, "1.448.700");
    left(60, top + 14, "Ghi chú: số ước thực hiện năm 2025 là số liệu đến ngày 30 tháng 6 năm 2025.");
    return page;
}

std::string appendix_pdf(std::string_view total_2026 = "1.515.880") {
    // Page 1 is running text, so the table page sits between two pages.
    return make_text_pdf({{{60, 80, kSize, "KẾ HOẠCH"}, {60, 100, kSize, "Kế hoạch năm 2026 có phụ lục kèm theo."}},
                          appendix_page(total_2026)});
}

constexpr std::string_view kAppendixText =
    "KẾ HOẠCH\n"
    "Kế hoạch năm 2026 có phụ lục kèm theo.\f"
    "DỰ TOÁN CHI NGÂN SÁCH KHOA HỌC VÀ CÔNG NGHỆ NĂM 2026\n"
    "Kèm theo Kế hoạch số 13/KH-UBND, các số liệu dưới đây do Sở Tài chính tổng hợp.\n"
    "Đơn vị: triệu đồng\n"
    "STT | Nội dung | Dự toán năm 2026 | Ước thực hiện năm 2025\n"
    "I | Chi đầu tư phát triển | 422.880 | 398.500\n"
    "II | Chi thường xuyên cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số | 1.093.000 | 1.050.200\n"
    "1 | Sự nghiệp khoa học và công nghệ | 89.000 | 85.000\n"
    "2 | Nhiệm vụ theo Nghị quyết số 57-NQ/TW | 666.300 | 600.000\n"
    "| Trong đó: | |\n"
    "a | Nhiệm vụ cấp tỉnh | 400.000 | 350.000\n"
    "b | Nhiệm vụ cấp xã | 266.300 | 250.000\n"
    "3 | Chuyển đổi số cấp xã | 337.700 | 365.200\n"
    "| Tổng cộng | 1.515.880 | 1.448.700\n"
    "Ghi chú: số ước thực hiện năm 2025 là số liệu đến ngày 30 tháng 6 năm 2025.";

/// One line per budget line: `index label | amount_vnd | amount_text | parent | kind | year [refs]`.
std::string render(const std::vector<BudgetLine>& lines) {
    std::string out;
    for (const BudgetLine& l : lines) {
        out += std::to_string(l.index) + " " + l.label + " | " + std::to_string(l.amount_vnd) + " | " + l.amount_text + " | ";
        out += l.parent ? std::to_string(*l.parent) : "-";
        out += " | " + std::string(to_string(l.kind)) + " | " + std::to_string(l.year);
        for (const auto& r : l.refs) out += " " + r;
        out += "\n";
    }
    return out;
}

std::string render_table(std::string_view text) {
    return render(extract_table_budget_lines(tracuu::analyzers::normalize_text(text)).lines);
}

// Every cell of the appendix: the 2026 column first, then 2025, row by row.
constexpr std::string_view kAppendixLines =
    "0 Chi đầu tư phát triển | 422880000000 | 422.880 triệu đồng | 14 | investment | 2026\n"
    "1 Chi đầu tư phát triển | 398500000000 | 398.500 triệu đồng | 15 | investment | 2025\n"
    "2 Chi thường xuyên cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số | 1093000000000 | 1.093.000 triệu đồng | 14 | recurrent | 2026\n"
    "3 Chi thường xuyên cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số | 1050200000000 | 1.050.200 triệu đồng | 15 | recurrent | 2025\n"
    "4 Sự nghiệp khoa học và công nghệ | 89000000000 | 89.000 triệu đồng | 2 | recurrent | 2026\n"
    "5 Sự nghiệp khoa học và công nghệ | 85000000000 | 85.000 triệu đồng | 3 | recurrent | 2025\n"
    "6 Nhiệm vụ theo Nghị quyết số 57-NQ/TW | 666300000000 | 666.300 triệu đồng | 2 | recurrent | 2026 57-NQ/TW\n"
    "7 Nhiệm vụ theo Nghị quyết số 57-NQ/TW | 600000000000 | 600.000 triệu đồng | 3 | recurrent | 2025 57-NQ/TW\n"
    "8 Nhiệm vụ cấp tỉnh | 400000000000 | 400.000 triệu đồng | 6 | recurrent | 2026\n"
    "9 Nhiệm vụ cấp tỉnh | 350000000000 | 350.000 triệu đồng | 7 | recurrent | 2025\n"
    "10 Nhiệm vụ cấp xã | 266300000000 | 266.300 triệu đồng | 6 | recurrent | 2026\n"
    "11 Nhiệm vụ cấp xã | 250000000000 | 250.000 triệu đồng | 7 | recurrent | 2025\n"
    "12 Chuyển đổi số cấp xã | 337700000000 | 337.700 triệu đồng | 2 | recurrent | 2026\n"
    "13 Chuyển đổi số cấp xã | 365200000000 | 365.200 triệu đồng | 3 | recurrent | 2025\n"
    "14 Tổng cộng | 1515880000000 | 1.515.880 triệu đồng | - | recurrent | 2026\n"
    "15 Tổng cộng | 1448700000000 | 1.448.700 triệu đồng | - | recurrent | 2025\n";

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("a PDF table comes out one row per line with cells joined by bars, other text as before") {
    const auto result = extract_pdf(appendix_pdf());
    REQUIRE(result.ok());
    CHECK(result.value().text == kAppendixText);
    CHECK(result.value().pages == 2);
}

TEST_CASE("the rows of a PDF table give a budget line per cell of each amount column, and the totals add up") {
    const auto result = extract_pdf(appendix_pdf());
    REQUIRE(result.ok());
    const BudgetExtraction ex = extract_budget_lines(result.value().text);
    CHECK(render(ex.lines) == kAppendixLines);
    // Each line's label starts where its cell does in the text.
    for (const BudgetLine& line : ex.lines) {
        CAPTURE(line.label);
        CHECK(result.value().text.substr(line.offset, line.label.size()) == line.label);
    }
    // Tổng cộng, II and the Nghị quyết 57 row, in both columns.
    std::vector<std::string> checks;
    for (const BudgetCheck& c : ex.checks) checks.push_back(std::to_string(c.line) + " " + (c.ok ? "ok " : "FAIL ") + c.message);
    CHECK(checks == std::vector<std::string>{
                        "2 ok 3 khoản cộng lại 1.093 tỷ đồng, khớp tổng đã nêu",
                        "3 ok 3 khoản cộng lại 1.050,2 tỷ đồng, khớp tổng đã nêu",
                        "6 ok 2 khoản cộng lại 666,3 tỷ đồng, khớp tổng đã nêu",
                        "7 ok 2 khoản cộng lại 600 tỷ đồng, khớp tổng đã nêu",
                        "14 ok 2 khoản cộng lại 1.515,88 tỷ đồng, khớp tổng đã nêu",
                        "15 ok 2 khoản cộng lại 1.448,7 tỷ đồng, khớp tổng đã nêu",
                    });
}

TEST_CASE("a wrong total in a PDF table is reported with both figures") {
    const auto result = extract_pdf(appendix_pdf("1.500.000"));
    REQUIRE(result.ok());
    const BudgetExtraction ex = extract_budget_lines(result.value().text);
    REQUIRE(ex.lines.size() == 16);
    CHECK(ex.lines[14].label == "Tổng cộng");
    CHECK(ex.lines[14].amount_vnd == 1'500'000'000'000);
    std::size_t failed = 0;
    for (const BudgetCheck& c : ex.checks) {
        if (c.ok) continue;
        ++failed;
        CHECK(c.line == 14);
        CHECK(c.stated_vnd == 1'500'000'000'000);
        CHECK(c.children_sum_vnd == 1'515'880'000'000);
        CHECK(c.message == "2 khoản cộng lại 1.515,88 tỷ đồng, không khớp tổng đã nêu 1.500 tỷ đồng (thừa 15,88 tỷ đồng)");
    }
    CHECK(failed == 1);
}

TEST_CASE("indexing a PDF with an appendix table stores its rows as budget documents") {
    const TempDir docs;
    const TempDir index;
    const std::string id = id_for_file(docs.write("phu-luc.pdf", appendix_pdf()));
    CHECK(id == "phu-luc-pdf");
    {
        IndexWriter writer = IndexWriter::open(index.path()).value();
        const IndexSummary summary = index_paths(writer, {docs.path()}, IndexOptions{}, nullptr);
        CHECK(summary.added == 1);
        CHECK(summary.problems.empty());
    }
    const Xapian::Database db(index.path().string());
    const std::string owner = budget_owner_term(id);
    std::vector<StoredBudgetLine> stored;
    for (auto it = db.postlist_begin(owner); it != db.postlist_end(owner); ++it) stored.push_back(read_budget_line(db.get_document(*it)));
    std::sort(stored.begin(), stored.end(), [](const auto& a, const auto& b) {
        return std::stoul(a.id.substr(a.id.rfind('b') + 1)) < std::stoul(b.id.substr(b.id.rfind('b') + 1));
    });
    REQUIRE(stored.size() == 16);
    std::string rendered;
    for (const StoredBudgetLine& line : stored) {
        rendered += line.id + " " + line.label + " | " + std::to_string(line.amount_vnd) + " | " + line.amount_text + " | " +
                    std::to_string(line.year) + " | " + line.kind + " | " + line.parent_id + "\n";
    }
    CHECK(rendered ==
          "phu-luc-pdf-b0 Chi đầu tư phát triển | 422880000000 | 422.880 triệu đồng | 2026 | investment | phu-luc-pdf-b14\n"
          "phu-luc-pdf-b1 Chi đầu tư phát triển | 398500000000 | 398.500 triệu đồng | 2025 | investment | phu-luc-pdf-b15\n"
          "phu-luc-pdf-b2 Chi thường xuyên cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số | 1093000000000 | 1.093.000 triệu đồng | 2026 | recurrent | phu-luc-pdf-b14\n"
          "phu-luc-pdf-b3 Chi thường xuyên cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số | 1050200000000 | 1.050.200 triệu đồng | 2025 | recurrent | phu-luc-pdf-b15\n"
          "phu-luc-pdf-b4 Sự nghiệp khoa học và công nghệ | 89000000000 | 89.000 triệu đồng | 2026 | recurrent | phu-luc-pdf-b2\n"
          "phu-luc-pdf-b5 Sự nghiệp khoa học và công nghệ | 85000000000 | 85.000 triệu đồng | 2025 | recurrent | phu-luc-pdf-b3\n"
          "phu-luc-pdf-b6 Nhiệm vụ theo Nghị quyết số 57-NQ/TW | 666300000000 | 666.300 triệu đồng | 2026 | recurrent | phu-luc-pdf-b2\n"
          "phu-luc-pdf-b7 Nhiệm vụ theo Nghị quyết số 57-NQ/TW | 600000000000 | 600.000 triệu đồng | 2025 | recurrent | phu-luc-pdf-b3\n"
          "phu-luc-pdf-b8 Nhiệm vụ cấp tỉnh | 400000000000 | 400.000 triệu đồng | 2026 | recurrent | phu-luc-pdf-b6\n"
          "phu-luc-pdf-b9 Nhiệm vụ cấp tỉnh | 350000000000 | 350.000 triệu đồng | 2025 | recurrent | phu-luc-pdf-b7\n"
          "phu-luc-pdf-b10 Nhiệm vụ cấp xã | 266300000000 | 266.300 triệu đồng | 2026 | recurrent | phu-luc-pdf-b6\n"
          "phu-luc-pdf-b11 Nhiệm vụ cấp xã | 250000000000 | 250.000 triệu đồng | 2025 | recurrent | phu-luc-pdf-b7\n"
          "phu-luc-pdf-b12 Chuyển đổi số cấp xã | 337700000000 | 337.700 triệu đồng | 2026 | recurrent | phu-luc-pdf-b2\n"
          "phu-luc-pdf-b13 Chuyển đổi số cấp xã | 365200000000 | 365.200 triệu đồng | 2025 | recurrent | phu-luc-pdf-b3\n"
          "phu-luc-pdf-b14 Tổng cộng | 1515880000000 | 1.515.880 triệu đồng | 2026 | recurrent | \n"
          "phu-luc-pdf-b15 Tổng cộng | 1448700000000 | 1.448.700 triệu đồng | 2025 | recurrent | \n");
    CHECK(stored.front().refs.empty());
    CHECK(stored[6].refs == std::vector<std::string>{"57-NQ/TW"});
}

TEST_CASE("a Word table under a unit line gives budget lines like a PDF table") {
    const auto cell = [](std::string_view text) { return "<w:tc>" + tracuu::testing::docx_paragraph(text) + "</w:tc>"; };
    const auto row = [&](std::initializer_list<std::string_view> cells) {
        std::string xml = "<w:tr>";
        for (const std::string_view c : cells) xml += c.empty() ? std::string("<w:tc><w:p/></w:tc>") : cell(c);
        return xml + "</w:tr>";
    };
    const std::string body = tracuu::testing::docx_paragraph("PHỤ LỤC DỰ TOÁN NĂM 2026") +
                             tracuu::testing::docx_paragraph("ĐVT: tỷ đồng") + "<w:tbl>" +
                             row({"TT", "Nội dung", "Dự toán"}) + row({"", "", "Năm 2026"}) +
                             row({"1", "Chi sự nghiệp khoa học", "89"}) + row({"2", "Chi chuyển đổi số", "9,78"}) +
                             row({"", "Cộng", "98,78"}) + "</w:tbl>";
    const auto result = extract_docx(tracuu::testing::make_docx(body));
    REQUIRE(result.ok());
    CHECK(result.value().text ==
          "PHỤ LỤC DỰ TOÁN NĂM 2026\nĐVT: tỷ đồng\nTT | Nội dung | Dự toán\n| | Năm 2026\n"
          "1 | Chi sự nghiệp khoa học | 89\n2 | Chi chuyển đổi số | 9,78\n| Cộng | 98,78");
    const BudgetExtraction ex = extract_budget_lines(result.value().text);
    CHECK(render(ex.lines) ==
          "0 Chi sự nghiệp khoa học | 89000000000 | 89 tỷ đồng | 2 | recurrent | 2026\n"
          "1 Chi chuyển đổi số | 9780000000 | 9,78 tỷ đồng | 2 | recurrent | 2026\n"
          "2 Cộng | 98780000000 | 98,78 tỷ đồng | - | recurrent | 2026\n");
    REQUIRE(ex.checks.size() == 1);
    CHECK(ex.checks[0].ok);
}

struct TableCase {
    std::string_view name;
    std::string_view text;
    std::string_view expected;  ///< render() of the table lines
};

TEST_CASE("table rows: units, numbering, totals and columns that are not amounts") {
    const TableCase cases[] = {
        {"ĐVT with a decimal comma; STT is no amount",
         "ĐVT: triệu đồng\nSTT | Nội dung | Dự toán 2026\n1 | Chi sự nghiệp | 1.093,5\n2 | Chi đào tạo | 12",
         "0 Chi sự nghiệp | 1093500000 | 1.093,5 triệu đồng | - | recurrent | 2026\n"
         "1 Chi đào tạo | 12000000 | 12 triệu đồng | - | recurrent | 2026\n"},
        {"Đơn vị tính in nghìn đồng",
         "Đơn vị tính: nghìn đồng\nTT | Khoản chi | Năm 2025\n1 | Chi hội nghị | 45.500",
         "0 Chi hội nghị | 45500000 | 45.500 nghìn đồng | - | recurrent | 2025\n"},
        {"unit in brackets after the title, year from the title",
         "DỰ TOÁN THU NĂM 2026 (Đơn vị: tỷ đồng)\nNội dung | Số tiền\nThu phí, lệ phí | 13\nThu khác | 2,5",
         "0 Thu phí, lệ phí | 13000000000 | 13 tỷ đồng | - | revenue | 2026\n"
         "1 Thu khác | 2500000000 | 2,5 tỷ đồng | - | revenue | 2026\n"},
        {"a counted unit", "Đơn vị: 1.000 đồng\nNội dung | Dự toán 2026\nChi thường xuyên | 250.000",
         "0 Chi thường xuyên | 250000000 | 250.000 × 1.000 đồng | - | recurrent | 2026\n"},
        {"a column header's own unit, the rate and code columns skipped",
         "Mã số | Chỉ tiêu | Kinh phí năm 2026 (triệu đồng) | Tỷ lệ (%)\n01 | Chi đầu tư phát triển | 500 | 40\n"
         "02 | Chi sự nghiệp | 750 | 60",
         "0 Chi đầu tư phát triển | 500000000 | 500 triệu đồng | - | investment | 2026\n"
         "1 Chi sự nghiệp | 750000000 | 750 triệu đồng | - | recurrent | 2026\n"},
        {"no unit: bare numbers are counts, named currency is money",
         "Nội dung | Số lượng | Kinh phí\nHội thảo | 12 | 1.200 triệu đồng\nTập huấn | 30 | 45",
         "0 Hội thảo | 1200000000 | 1.200 triệu đồng | - | recurrent | 0\n"},
        {"a unit that is not money", "Đơn vị: người\nNội dung | Năm 2026\nCán bộ | 120", ""},
        {"a total that opens the table, Roman then Arabic then decimal numbers",
         "Đơn vị: triệu đồng\nSTT | Nội dung | Dự toán\n| TỔNG SỐ | 100\nI | Chi đầu tư | 40\nII | Chi thường xuyên | 60\n"
         "1 | Sự nghiệp khoa học | 35\n1.1 | Nhiệm vụ cấp tỉnh | 20\n1.2 | Nhiệm vụ cấp cơ sở | 15\n2 | Chuyển đổi số | 25",
         "0 TỔNG SỐ | 100000000 | 100 triệu đồng | - | recurrent | 0\n"
         "1 Chi đầu tư | 40000000 | 40 triệu đồng | 0 | investment | 0\n"
         "2 Chi thường xuyên | 60000000 | 60 triệu đồng | 0 | recurrent | 0\n"
         "3 Sự nghiệp khoa học | 35000000 | 35 triệu đồng | 2 | recurrent | 0\n"
         "4 Nhiệm vụ cấp tỉnh | 20000000 | 20 triệu đồng | 3 | recurrent | 0\n"
         "5 Nhiệm vụ cấp cơ sở | 15000000 | 15 triệu đồng | 3 | recurrent | 0\n"
         "6 Chuyển đổi số | 25000000 | 25 triệu đồng | 2 | recurrent | 0\n"},
        {"Trong đó puts unnumbered rows under the unnumbered row above; bullets in labels",
         "Đơn vị: tỷ đồng\nNội dung | Năm 2026\nChi thường xuyên | 50\nTrong đó: | \n- Chi lương | 30\n- Chi hoạt động | 20\n"
         "Chi khác | 5",
         "0 Chi thường xuyên | 50000000000 | 50 tỷ đồng | - | recurrent | 2026\n"
         "1 Chi lương | 30000000000 | 30 tỷ đồng | 0 | recurrent | 2026\n"
         "2 Chi hoạt động | 20000000000 | 20 tỷ đồng | 0 | recurrent | 2026\n"
         "3 Chi khác | 5000000000 | 5 tỷ đồng | - | recurrent | 2026\n"},
        {"a row of column numbers and a dash are no lines; a merged total cell aligns right",
         "Đơn vị: triệu đồng\nSTT | Nội dung | Năm 2026\nA | B | 1\n1 | Chi đào tạo | 10\n2 | Chi hội thảo | -\n"
         "Cộng | 10",
         "0 Chi đào tạo | 10000000 | 10 triệu đồng | 1 | recurrent | 2026\n"
         "1 Cộng | 10000000 | 10 triệu đồng | - | recurrent | 2026\n"},
        {"Công is a word, not Cộng", "Đơn vị: triệu đồng\nNội dung | Năm 2026\nCông nghệ thông tin | 7",
         "0 Công nghệ thông tin | 7000000 | 7 triệu đồng | - | recurrent | 2026\n"},
        {"a table without a header row gives nothing", "Đơn vị: triệu đồng\n1 | Chi đào tạo | 10\n2 | Chi hội thảo | 20", ""},
    };
    for (const TableCase& c : cases) {
        CAPTURE(c.name);
        CHECK(render_table(c.text) == c.expected);
    }
}

TEST_CASE("text lines and table lines of one document are numbered in text order") {
    const std::string text = tracuu::analyzers::normalize_text(
        "Tổng kinh phí năm 2026 là: 100 tỷ đồng.\n"
        "Đơn vị: tỷ đồng\nNội dung | Năm 2026\nChi đào tạo | 7\nCộng | 7\n"
        "Chi hội nghị: 3 tỷ đồng.\n");
    const BudgetExtraction ex = extract_budget_lines(text);
    CHECK(render(ex.lines) ==
          "0 Tổng kinh phí năm 2026 | 100000000000 | 100 tỷ đồng | - | recurrent | 2026\n"
          "1 Chi đào tạo | 7000000000 | 7 tỷ đồng | 2 | recurrent | 2026\n"
          "2 Cộng | 7000000000 | 7 tỷ đồng | - | recurrent | 2026\n"
          "3 Chi hội nghị | 3000000000 | 3 tỷ đồng | - | recurrent | 0\n");
    REQUIRE(ex.checks.size() == 1);
    CHECK(ex.checks[0].line == 2);
    const TableBudget tables = extract_table_budget_lines(text);
    REQUIRE(tables.tables.size() == 1);
    CHECK(text.substr(tables.tables[0].first, tables.tables[0].second - tables.tables[0].first) ==
          "Nội dung | Năm 2026\nChi đào tạo | 7\nCộng | 7");
}

TEST_CASE("rows are joined with bars, empty cells keeping their place") {
    CHECK(table_row_line({"a", "", "c"}) == "a | | c");
    CHECK(table_row_line({"", "Tổng", "5"}) == "| Tổng | 5");
    CHECK(table_row_line({"a", ""}) == "a |");
    CHECK(table_row_line({"", ""}).empty());
}

/// Words laid out on lines: each entry is (left, top, text) in 10-point type, 5 points per character.
std::vector<PdfWord> layout(std::initializer_list<std::tuple<double, double, std::string_view>> runs) {
    std::vector<PdfWord> words;
    for (const auto& [x, top, text] : runs) {
        double left = x;
        std::size_t begin = 0;
        while (begin <= text.size()) {
            const std::size_t end = std::min(text.find(' ', begin), text.size());
            const std::string_view word = text.substr(begin, end - begin);
            const double width = 5.0 * static_cast<double>(tracuu::analyzers::to_utf32(word).size());
            if (!word.empty()) words.push_back({std::string(word), left, top, left + width, top + 10});
            left += width + 5;
            begin = end + 1;
        }
    }
    return words;
}

TEST_CASE("side-by-side blocks, signatures and lone figures are no tables") {
    // Issuer and motto side by side, then a number and date line with a year at the end.
    CHECK(find_pdf_tables(layout({{60, 50, "ỦY BAN NHÂN DÂN"}, {300, 50, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
                                  {60, 64, "TỈNH NINH BÌNH"}, {300, 64, "Độc lập - Tự do - Hạnh phúc"},
                                  {60, 90, "Số: 13/KH-UBND"}, {300, 90, "Ninh Bình, ngày 25 tháng 7 năm 2025"}}))
              .empty());
    // Running text whose lines end in numbers, and one figure apart.
    CHECK(find_pdf_tables(layout({{60, 50, "Căn cứ Nghị định số 60/2021/NĐ-CP ngày 21 tháng 6 năm"},
                                  {60, 64, "2021 của Chính phủ quy định cơ chế tự chủ, kinh phí 45"},
                                  {60, 78, "Tổng cộng"}, {400, 78, "1.200"}}))
              .empty());
}

TEST_CASE("a table among running text: rows, header and the lines around it") {
    const auto tables = find_pdf_tables(layout({
        {60, 40, "Đoạn văn bản chạy suốt chiều rộng trang giấy, không phải bảng số liệu nào cả."},
        {60, 60, "TT"}, {90, 60, "Nhiệm vụ"}, {350, 60, "Kinh phí"},
        {62, 76, "1"}, {90, 76, "Chi hội thảo khoa học,"}, {360, 76, "120"},
        {90, 90, "tập huấn cán bộ"},
        {62, 104, "2"}, {90, 104, "Chi đào tạo"}, {355, 104, "1.500"},
        {60, 140, "Nơi nhận: như trên."},
    }));
    REQUIRE(tables.size() == 1);
    CHECK(tables[0].top == 60);
    CHECK(tables[0].bottom == 114);
    CHECK(tables[0].rows == std::vector<std::vector<std::string>>{{"TT", "Nhiệm vụ", "Kinh phí"},
                                                                  {"1", "Chi hội thảo khoa học, tập huấn cán bộ", "120"},
                                                                  {"2", "Chi đào tạo", "1.500"}});
}

TEST_CASE("only pages with figures at the ends of two lines are searched for tables") {
    CHECK(may_hold_table("Chi đào tạo 1.500\nChi hội thảo 120\n"));
    CHECK_FALSE(may_hold_table("Căn cứ Luật năm 2015\nvà các văn bản khác.\n"));
    CHECK_FALSE(may_hold_table("CÔNG BÁO/Số 37 42\n"));
    // The page number closing a Công báo running header is no cell; rows below it still count.
    CHECK_FALSE(may_hold_table("CÔNG BÁO/Số 279 + 280/Ngày 28-02-2015 79\nNợ các TK 641, 642\n"));
    CHECK(may_hold_table("CÔNG BÁO/Số 37/Ngày 22-01-2026 37\n1 Đến 120 Đến 10 5\n2 Trên 120 đến 360 Trên 10 đến 30 10\n"));
}

}  // TEST_SUITE
