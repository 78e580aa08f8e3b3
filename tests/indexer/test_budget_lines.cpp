#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "analyzers/normalize.h"
#include "indexer/budget_lines.h"

using namespace tracuu::indexer;

namespace {

/// One line per budget line: `index label | amount | parent | kind | year [refs]`.
std::string render(const BudgetExtraction& ex) {
    std::string out;
    for (const BudgetLine& l : ex.lines) {
        out += std::to_string(l.index) + " " + l.label + " | " + l.amount_text + " | ";
        out += l.parent ? std::to_string(*l.parent) : "-";
        out += " | " + std::string(to_string(l.kind)) + " | " + std::to_string(l.year);
        for (const auto& r : l.refs) out += " " + r;
        out += "\n";
    }
    return out;
}

std::string render(std::string_view text) { return render(extract_budget_lines(tracuu::analyzers::normalize_text(text))); }

struct LineCase {
    std::string_view text;
    std::string_view expected;
};

std::string read_plan() {
    std::ifstream in(TRACUU_SOURCE_DIR "/corpus/plans/kh13-2025-ninh-binh.txt", std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return tracuu::analyzers::normalize_text(buffer.str());
}

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("items after Trong đó become children of the stated total and the check passes") {
    const auto ex = extract_budget_lines(
        "Tổng kinh phí năm 2026 là: 100 tỷ đồng. Trong đó:\n\n"
        "- Chi nhiệm vụ cấp tỉnh: 60 tỷ đồng.\n"
        "- Chi cho các đơn vị sự nghiệp: 30,5 tỷ đồng.\n"
        "- Nhiệm vụ theo Nghị quyết số 57-NQ/TW: 9,5 tỷ đồng.\n"
        "(Có phụ lục kèm theo)\n");
    CHECK(render(ex) ==
          "0 Tổng kinh phí năm 2026 | 100 tỷ đồng | - | recurrent | 2026\n"
          "1 Chi nhiệm vụ cấp tỉnh | 60 tỷ đồng | 0 | recurrent | 2026\n"
          "2 Chi cho các đơn vị sự nghiệp | 30,5 tỷ đồng | 0 | recurrent | 2026\n"
          "3 Nhiệm vụ theo Nghị quyết số 57-NQ/TW | 9,5 tỷ đồng | 0 | recurrent | 2026 57-NQ/TW\n");
    REQUIRE(ex.checks.size() == 1);
    CHECK(ex.checks[0].line == 0);
    CHECK(ex.checks[0].ok);
    CHECK(ex.checks[0].children == 3);
    CHECK(ex.checks[0].children_sum_vnd == 100'000'000'000);
    CHECK(ex.checks[0].message == "3 khoản cộng lại 100 tỷ đồng, khớp tổng đã nêu");
}

TEST_CASE("children that do not add up fail the check and the message names both figures") {
    const auto ex = extract_budget_lines(
        "Tổng kinh phí năm 2026 là: 100 tỷ đồng. Trong đó:\n"
        "- Chi nhiệm vụ cấp tỉnh: 60 tỷ đồng.\n"
        "- Chi cho các đơn vị sự nghiệp: 39,5 tỷ đồng.\n");
    REQUIRE(ex.checks.size() == 1);
    CHECK_FALSE(ex.checks[0].ok);
    CHECK(ex.checks[0].stated_vnd == 100'000'000'000);
    CHECK(ex.checks[0].children_sum_vnd == 99'500'000'000);
    CHECK(ex.checks[0].message == "2 khoản cộng lại 99,5 tỷ đồng, không khớp tổng đã nêu 100 tỷ đồng (thiếu 500 triệu đồng)");
}

TEST_CASE("a sum too large for 64 bits fails the check instead of wrapping") {
    const auto ex = extract_budget_lines(
        "Tổng chi: 9.000.000 nghìn tỷ đồng. Trong đó:\n"
        "- Chi A: 5.000.000 nghìn tỷ đồng\n"
        "- Chi B: 5.000.000 nghìn tỷ đồng\n");
    REQUIRE(ex.checks.size() == 1);
    CHECK_FALSE(ex.checks[0].ok);
    CHECK(ex.checks[0].message.find("vượt quá giới hạn") != std::string::npos);
}

TEST_CASE("parent and child structure follows openers, bullets and list ends") {
    const LineCase cases[] = {
        // a different bullet under a child that opens its own list nests one level deeper
        {"Tổng dự toán chi năm 2025 là: 50 tỷ đồng. Trong đó:\n"
         "- Chi sự nghiệp khoa học: 30 tỷ đồng, gồm:\n+ Nhiệm vụ cấp tỉnh: 20 tỷ đồng;\n+ Nhiệm vụ cấp cơ sở: 10 tỷ đồng.\n"
         "- Chi đầu tư phát triển: 20 tỷ đồng.",
         "0 Tổng dự toán chi năm 2025 | 50 tỷ đồng | - | recurrent | 2025\n"
         "1 Chi sự nghiệp khoa học | 30 tỷ đồng | 0 | recurrent | 2025\n"
         "2 Nhiệm vụ cấp tỉnh | 20 tỷ đồng | 1 | recurrent | 2025\n"
         "3 Nhiệm vụ cấp cơ sở | 10 tỷ đồng | 1 | recurrent | 2025\n"
         "4 Chi đầu tư phát triển | 20 tỷ đồng | 0 | investment | 2025\n"},
        // "Trong đó:" as a paragraph of its own, lettered items
        {"Dự toán thu năm 2026: 12 tỷ đồng.\nTrong đó:\na) Thu phí và lệ phí: 2 tỷ đồng;\nb) Thu dịch vụ kiểm định: 10 tỷ đồng.",
         "0 Dự toán thu năm 2026 | 12 tỷ đồng | - | revenue | 2026\n"
         "1 Thu phí và lệ phí | 2 tỷ đồng | 0 | revenue | 2026\n"
         "2 Thu dịch vụ kiểm định | 10 tỷ đồng | 0 | revenue | 2026\n"},
        // a "Tổng" line ending its paragraph opens a list without "Trong đó"
        {"Tổng kinh phí: 10 tỷ đồng\n1. Chi hội thảo: 4 tỷ đồng\n2. Chi đào tạo: 6 tỷ đồng",
         "0 Tổng kinh phí | 10 tỷ đồng | - | recurrent | 0\n"
         "1 Chi hội thảo | 4 tỷ đồng | 0 | recurrent | 0\n"
         "2 Chi đào tạo | 6 tỷ đồng | 0 | recurrent | 0\n"},
        // an ordinary line does not
        {"Chi hội nghị: 5 tỷ đồng.\n- Chi in ấn: 1 tỷ đồng.",
         "0 Chi hội nghị | 5 tỷ đồng | - | recurrent | 0\n1 Chi in ấn | 1 tỷ đồng | - | recurrent | 0\n"},
        // running text ends the list
        {"Tổng chi: 10 tỷ đồng. Trong đó:\n- Chi A: 10 tỷ đồng.\nNgoài ra, chi B: 3 tỷ đồng.\n- Chi C: 1 tỷ đồng.",
         "0 Tổng chi | 10 tỷ đồng | - | recurrent | 0\n1 Chi A | 10 tỷ đồng | 0 | recurrent | 0\n"
         "2 Ngoài ra, chi B | 3 tỷ đồng | - | recurrent | 0\n3 Chi C | 1 tỷ đồng | - | recurrent | 0\n"},
        // children inside the parent's own paragraph
        {"Tổng kinh phí năm 2026 là: 15 tỷ đồng, trong đó: chi thường xuyên: 10 tỷ đồng; chi đầu tư phát triển: 5 tỷ đồng.",
         "0 Tổng kinh phí năm 2026 | 15 tỷ đồng | - | recurrent | 2026\n"
         "1 chi thường xuyên | 10 tỷ đồng | 0 | recurrent | 2026\n"
         "2 chi đầu tư phát triển | 5 tỷ đồng | 0 | investment | 2026\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text) == c.expected);
    }
}

TEST_CASE("the kind of a line comes from the first telling word of its label") {
    struct KindCase {
        std::string_view text;
        BudgetKind kind;
    };
    const KindCase cases[] = {
        {"Chi nhiệm vụ khoa học và công nghệ cấp tỉnh: 89 tỷ đồng", BudgetKind::Recurrent},
        {"Tổng kinh phí chi đầu tư phát triển đề xuất năm 2026 là: 422.880 triệu đồng.", BudgetKind::Investment},
        {"Dự toán chi đầu tư xây dựng cơ bản: 5 tỷ đồng", BudgetKind::Investment},
        {"Doanh thu dịch vụ viễn thông: ước đạt 13.000 tỷ đồng.", BudgetKind::Revenue},
        {"Dự toán thu NSNN năm 2026: 12 tỷ đồng", BudgetKind::Revenue},
        {"Thu phí và lệ phí: 2 tỷ đồng", BudgetKind::Revenue},
        {"Mức hỗ trợ: 900.000 đồng/trường hợp", BudgetKind::Other},
        {"Mức chi cho mỗi hội thảo: 20 triệu đồng", BudgetKind::Other},
        {"Giá dịch vụ kiểm định: 500.000 đồng", BudgetKind::Other},
        {"Lệ phí cấp giấy chứng nhận: 100.000 đồng", BudgetKind::Other},
        {"xử lý vi phạm hành chính và phạt tiền là 05 triệu đồng", BudgetKind::Other},
        {"Chi thu thập dữ liệu thống kê: 300 triệu đồng", BudgetKind::Recurrent},
        {"Chi đánh giá, nghiệm thu nhiệm vụ: 1 tỷ đồng", BudgetKind::Recurrent},
        {"Kinh phí thực hiện: 2 tỷ đồng", BudgetKind::Recurrent},
        {"Chi hỗ trợ theo mức quy định: 2 tỷ đồng", BudgetKind::Recurrent},
        {"Đánh giá hiệu quả: 1 tỷ đồng", BudgetKind::Other},
        {"Chi tiền công biên tập tin bài: 100.000 đồng/tin", BudgetKind::Other},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto ex = extract_budget_lines(c.text);
        REQUIRE(ex.lines.size() == 1);
        CHECK(to_string(ex.lines[0].kind) == to_string(c.kind));
    }
}

TEST_CASE("labels lose bullets, numbering and a trailing là and stop at the statement before them") {
    const LineCase cases[] = {
        {"- Chi A: 1 tỷ đồng", "Chi A"},
        {"+ Chi B: 1 tỷ đồng", "Chi B"},
        {"* Chi C: 1 tỷ đồng", "Chi C"},
        {"1. Chi D: 1 tỷ đồng", "Chi D"},
        {"2.1. Chi E: 1 tỷ đồng", "Chi E"},
        {"a) Chi F: 1 tỷ đồng", "Chi F"},
        {"Tổng kinh phí là: 1 tỷ đồng", "Tổng kinh phí"},
        {"Doanh thu bưu chính ước đạt: 3.200 tỷ đồng.", "Doanh thu bưu chính"},
        {"Kết quả kiểm tra: Về chất lượng: xử lý và phạt tiền là 44.684.240 đồng;", "xử lý và phạt tiền"},
        {"Chi X (thông tin, SHTT, CĐS….): 9,78 tỷ đồng.", "Chi X (thông tin, SHTT, CĐS….)"},
        {"Chi A; hỗ trợ B; các nhiệm vụ khác: 14,72 tỷ đồng.", "Chi A; hỗ trợ B; các nhiệm vụ khác"},
        {"Thuê bao 3.821.966 TB.Doanh thu viễn thông: ước đạt 13.000 tỷ đồng.", "Doanh thu viễn thông"},
        {"Tin: 100.000 đồng/bài trên 600 từ; tiền công phát thanh viên: 60.000 đồng", "tiền công phát thanh viên"},
        {"Chi A: 1 tỷ đồng; Chi B; hỗ trợ C; nhiệm vụ D: 3 tỷ đồng", "Chi B; hỗ trợ C; nhiệm vụ D"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto ex = extract_budget_lines(c.text);
        REQUIRE_FALSE(ex.lines.empty());
        CHECK(ex.lines.back().label == c.expected);
        CHECK(ex.lines.back().offset == std::string_view(c.text).find(c.expected));
    }
}

TEST_CASE("amounts without a colon or là before them, and counts, are no budget lines") {
    const std::string_view texts[] = {
        "",
        "Tổng số trạm phát sóng di động mặt đất (BTS) là: 4.557 trạm",
        "lũy kế đến nay đã thực hiện trên 1,4 triệu lượt",
        "Chi A 5 tỷ đồng cho nhiệm vụ",
        "Kết quả: tăng thêm 5 tỷ đồng so với năm trước",
        "Bảo hiểm du lịch trị giá tối thiểu: 30.000 EUR",
    };
    for (const auto text : texts) {
        CAPTURE(text);
        const auto ex = extract_budget_lines(text);
        CHECK(ex.lines.empty());
        CHECK(ex.checks.empty());
    }
}

TEST_CASE("refs are upper-case document symbols from the label and its sentence") {
    const LineCase cases[] = {
        {"Nhiệm vụ triển khai theo Nghị quyết số 57-NQ/TW: 666,3 tỷ đồng.", "57-NQ/TW"},
        {"Chi cho hoạt động KH&CN các xã/phường: 258 tỷ đồng;", ""},
        {"Chi theo Quyết định số 749/QĐ- TTg và Nghị định 60/2021/NĐ-CP: 5 tỷ đồng", "749/QĐ-TTG 60/2021/NĐ-CP"},
        {"Chi theo Văn bản 3233/BKHCN-KHTC ngày 18/7/2025: 2 tỷ đồng", "3233/BKHCN-KHTC"},
        {"Chi thực hiện Kết luận 08-QĐi/TW: 1 tỷ đồng (theo 57-NQ/TW và 08-QĐi/TW).", "08-QĐI/TW 57-NQ/TW"},
        {"Chi cho 35/65 sản phẩm, 2G và RON95-IV: 1 tỷ đồng", ""},
        {"Chi A: 1 tỷ đồng; Số tiền theo Nghị quyết 09-NQ/TU", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto ex = extract_budget_lines(c.text);
        REQUIRE(ex.lines.size() == 1);
        std::string refs;
        for (const auto& r : ex.lines[0].refs) refs += (refs.empty() ? "" : " ") + r;
        CHECK(refs == c.expected);
    }
}

TEST_CASE("the year comes from the label, the sentence, the parent or the nearest heading") {
    const auto ex = extract_budget_lines(
        "Ninh Bình, ngày 25 tháng 7 năm 2025\n"
        "Chi F: 1 tỷ đồng\n"
        "C. KẾ HOẠCH DỰ TOÁN NĂM 2026\n"
        "Chi hội nghị: 5 tỷ đồng.\n"
        "Năm 2027 dự kiến tăng. Chi B: 1 tỷ đồng.\n"
        "Chi C năm 2028: 1 tỷ đồng.\n"
        "Chi D: 1 tỷ đồng, thực hiện trong năm 2029.\n"
        "A. ĐÁNH GIÁ GIAI ĐOẠN 2021-2025\n"
        "Chi E: 1 tỷ đồng.\n");
    REQUIRE(ex.lines.size() == 6);
    const int expected[] = {0, 2026, 2027, 2028, 2029, 0};
    for (std::size_t k = 0; k < 6; ++k) {
        CAPTURE(ex.lines[k].label);
        CHECK(ex.lines[k].year == expected[k]);
    }
}

TEST_CASE("the Ninh Bình 2026 plan gives its seven recurrent lines under the 1.093 tỷ total") {
    const std::string plan = read_plan();
    REQUIRE_FALSE(plan.empty());
    const auto ex = extract_budget_lines(plan);
    std::optional<std::size_t> total;
    for (const auto& l : ex.lines) {
        if (l.amount_text == "1.093 tỷ đồng") total = l.index;
    }
    REQUIRE(total);
    const BudgetLine& parent = ex.lines[*total];
    CHECK(parent.amount_vnd == 1'093'000'000'000);
    CHECK(parent.kind == BudgetKind::Recurrent);
    CHECK(parent.year == 2026);
    CHECK(parent.label.starts_with("Tổng chi NSNN từ nguồn Ngân sách địa phương"));
    std::vector<std::int64_t> children;
    for (const auto& l : ex.lines) {
        if (l.parent == *total) children.push_back(l.amount_vnd);
    }
    CHECK(children == std::vector<std::int64_t>{89'000'000'000, 9'780'000'000, 50'700'000'000, 4'500'000'000,
                                                14'720'000'000, 666'300'000'000, 258'000'000'000});
    REQUIRE(ex.checks.size() == 1);
    CHECK(ex.checks[0].line == *total);
    CHECK(ex.checks[0].ok);
    CHECK(ex.checks[0].children_sum_vnd == 1'093'000'000'000);
    CHECK(ex.checks[0].message == "7 khoản cộng lại 1.093 tỷ đồng, khớp tổng đã nêu");
}

TEST_CASE("the Ninh Bình plan states its investment line and cites 57-NQ/TW") {
    const auto ex = extract_budget_lines(read_plan());
    const BudgetLine* investment = nullptr;
    const BudgetLine* resolution = nullptr;
    for (const auto& l : ex.lines) {
        if (l.kind == BudgetKind::Investment) investment = &l;
        if (l.label == "Nhiệm vụ triển khai theo Nghị quyết số 57-NQ/TW") resolution = &l;
    }
    REQUIRE(investment != nullptr);
    CHECK(investment->amount_vnd == 422'880'000'000);
    CHECK(investment->amount_text == "422.880 triệu đồng");
    CHECK(investment->label == "Tổng kinh phí chi đầu tư phát triển đề xuất năm 2026");
    CHECK(investment->year == 2026);
    CHECK_FALSE(investment->parent);
    REQUIRE(resolution != nullptr);
    CHECK(resolution->amount_vnd == 666'300'000'000);
    CHECK(resolution->refs == std::vector<std::string>{"57-NQ/TW"});
    for (const auto& l : ex.lines) {
        CAPTURE(l.label);
        if (l.label.find("xã/phường") != std::string::npos) CHECK(l.refs.empty());
    }
}

}  // TEST_SUITE("indexer")
