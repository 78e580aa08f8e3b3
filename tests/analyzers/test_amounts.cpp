#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "analyzers/amounts.h"
#include "analyzers/normalize.h"

using namespace tracuu::analyzers;

namespace {

/** Renders amounts as `vnd «text»`, a range as `lo..hi «text»`, with ` ambiguous` and
 *  ` per-unit` flags, joined by ` | `; no amount renders as the empty string. */
std::string render(std::string_view text, std::int64_t table_unit = 0) {
    const std::string normalized = normalize_text(text);
    std::string out;
    for (const Amount& a : find_amounts(normalized, table_unit)) {
        if (!out.empty()) out += " | ";
        out += std::to_string(a.vnd);
        if (a.vnd_max != a.vnd) out += ".." + std::to_string(a.vnd_max);
        out += " «" + a.text + "»";
        if (a.ambiguous) out += " ambiguous";
        if (a.per_unit) out += " per-unit";
        CHECK(normalized.substr(a.begin, a.end - a.begin) == a.text);
    }
    return out;
}

struct AmountCase {
    std::string_view text;
    std::int64_t table_unit;
    std::string_view expected;
};

}  // namespace

TEST_SUITE("analyzers") {

TEST_CASE("every budget line test case of LEGAL.md gives its exact VND amount") {
    const AmountCase cases[] = {
        // 1-10: the 2026 plan of Ninh Bình
        {"Chi nhiệm vụ khoa học và công nghệ cấp tỉnh: 89 tỷ đồng", 0, "89000000000 «89 tỷ đồng»"},
        {"Tổng kinh phí chi đầu tư phát triển đề xuất năm 2026 là: 422.880 triệu đồng.", 0,
         "422880000000 «422.880 triệu đồng»"},
        {"…cho sự nghiệp khoa học công nghệ dự kiến đưa vào kế hoạch năm 2026 là: 1.093 tỷ đồng. Trong đó:", 0,
         "1093000000000 «1.093 tỷ đồng»"},
        {"Chi công tác quản lý nhà nước về KH&CN (…): 9,78 tỷ đồng.", 0, "9780000000 «9,78 tỷ đồng»"},
        {"Chi cho các đơn vị sự nghiệp: 50,7 tỷ đồng.", 0, "50700000000 «50,7 tỷ đồng»"},
        {"Chi hỗ trợ tăng cường năng lực trang thiết bị kỹ thuật phục vụ QLNN: 4,5 tỷ đồng.", 0,
         "4500000000 «4,5 tỷ đồng»"},
        {"…các nhiệm vụ khác nhằm thúc đẩy phát triển KHCN: 14,72 tỷ đồng.", 0, "14720000000 «14,72 tỷ đồng»"},
        {"Nhiệm vụ triển khai theo Nghị quyết số 57-NQ/TW: 666,3 tỷ đồng.", 0, "666300000000 «666,3 tỷ đồng»"},
        {"Chi cho hoạt động KH&CN các xã/phường: 258 tỷ đồng;", 0, "258000000000 «258 tỷ đồng»"},
        {"- Chi nhiệm vụ khoa học và công nghệ cấp tỉnh: 89 tỷ đồng (Tăng cường đầu tư …)", 0,
         "89000000000 «89 tỷ đồng»"},
        // 11-16: fines, revenue, and counts that are not money
        {"phạt tiền là 05 triệu đồng", 0, "5000000 «05 triệu đồng»"},
        {"phạt tiền là 44.684.240 đồng", 0, "44684240 «44.684.240 đồng»"},
        {"Doanh thu bưu chính, chuyển phát giai đoạn ước đạt: 3.200 tỷ đồng.", 0, "3200000000000 «3.200 tỷ đồng»"},
        {"Doanh thu dịch vụ viễn thông: ước đạt 13.000 tỷ đồng.", 0, "13000000000000 «13.000 tỷ đồng»"},
        {"(lũy kế đến nay đã thực hiện trên 1,4 triệu lượt)", 0, ""},
        {"87,94% hồ sơ nộp trực tuyến … 157.287 hồ sơ", 0, ""},
        // 17-27: other spellings
        {"tổng vốn 2,5 nghìn tỷ đồng", 0, "2500000000000 «2,5 nghìn tỷ đồng»"},
        {"mức hỗ trợ 1.000.000 VNĐ/người", 0, "1000000 «1.000.000 VNĐ» per-unit"},
        {"lệ phí 500.000đ", 0, "500000 «500.000đ»"},
        {"giá 1.250.000 ₫", 0, "1250000 «1.250.000 ₫»"},
        {"kinh phí 1.000,5 triệu đồng", 0, "1000500000 «1.000,5 triệu đồng»"},
        {"dự toán 350 tr.đ cho nhiệm vụ", 0, "350000000 «350 tr.đ»"},
        {"hỗ trợ sàng lọc thai nghén tối đa 900.000 đồng/trường hợp", 0, "900000 «900.000 đồng» per-unit"},
        {"Bảo hiểm du lịch trị giá tối thiểu 30.000 EUR", 0, ""},
        {"89.000", 1'000'000, "89000000000 «89.000»"},
        {"kinh phí 1.5 tỷ đồng", 0, "1500000000 «1.5 tỷ đồng» ambiguous"},
        {"từ 10 đến 20 triệu đồng", 0, "10000000..20000000 «từ 10 đến 20 triệu đồng»"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, c.table_unit) == c.expected);
    }
}

TEST_CASE("scale and currency words are read in any case and spacing") {
    const AmountCase cases[] = {
        {"1.093 TỶ ĐỒNG", 0, "1093000000000 «1.093 TỶ ĐỒNG»"},
        {"5 Triệu Đồng", 0, "5000000 «5 Triệu Đồng»"},
        {"2 tỉ đồng", 0, "2000000000 «2 tỉ đồng»"},
        {"3 ngàn tỷ đồng", 0, "3000000000000 «3 ngàn tỷ đồng»"},
        {"7 trăm nghìn đồng", 0, "700000 «7 trăm nghìn đồng»"},
        {"15 nghìn đồng", 0, "15000 «15 nghìn đồng»"},
        {"50trđ", 0, "50000000 «50trđ»"},
        {"12 tr đồng", 0, "12000000 «12 tr đồng»"},
        {"100 VND", 0, "100 «100 VND»"},
        {"100vnđ.", 0, "100 «100vnđ»"},
        {"9,78tỷ đồng", 0, "9780000000 «9,78tỷ đồng»"},
        {"0 đồng", 0, "0 «0 đồng»"},
        {"vé 200đ", 0, "200 «200đ»"},
        {"5 đ", 0, "5 «5 đ»"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, c.table_unit) == c.expected);
    }
}

TEST_CASE("numbers without a VND currency word are not money") {
    const AmountCase cases[] = {
        {"", 0, ""},
        {"   ", 0, ""},
        {"Tổng số trạm phát sóng là: 4.557 trạm", 0, ""},
        {"tỷ lệ 97,5% hồ sơ", 0, ""},
        {"5 tỷ người", 0, ""},
        {"2.000 USD", 0, ""},
        {"có 2 đồng chí tham dự", 0, ""},
        {"3 đồng tác giả", 0, ""},
        {"trong năm 2026 đồng thời triển khai", 0, ""},
        {"5 tr. 12", 0, ""},
        {"ISO 9001:2015 đồng bộ", 0, ""},
        {"thiết bị 5G đồng", 0, ""},
        {"tờ 5 điểm", 0, ""},
        {"25.7.2025 đồng", 0, ""},
        {"1.234.5 tỷ đồng", 0, ""},
        {"1234.567 đồng", 0, ""},
        {"12,5 đồng", 0, ""},
        {"Mẫu 03đ-1 TÊN TỔ CHỨC", 0, ""},
        {"quy định tại mục 4đ Biểu thuế", 0, ""},
        {"Mẫu 03đ: Mẫu biên bản", 0, ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, c.table_unit) == c.expected);
    }
}

TEST_CASE("ranges borrow the unit of their upper bound") {
    const AmountCase cases[] = {
        {"10-20 triệu đồng", 0, "10000000..20000000 «10-20 triệu đồng»"},
        {"từ 500 nghìn đến 2 triệu đồng", 0, "500000..2000000 «từ 500 nghìn đến 2 triệu đồng»"},
        {"Từ 1,5 tới 2 tỷ đồng", 0, "1500000000..2000000000 «Từ 1,5 tới 2 tỷ đồng»"},
        {"từ 10 triệu đồng đến 20 triệu đồng", 0, "10000000..20000000 «từ 10 triệu đồng đến 20 triệu đồng»"},
        {"5 triệu đồng - 10 triệu đồng", 0, "5000000 «5 triệu đồng» | 10000000 «10 triệu đồng»"},
        {"năm 2024 - 500 triệu đồng", 0, "500000000 «500 triệu đồng»"},
        {"từ 30 đến 20 triệu đồng", 0, "20000000 «20 triệu đồng»"},
        {"mức 50 - 100 nghìn đồng/người", 0, "50000..100000 «50 - 100 nghìn đồng» per-unit"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, c.table_unit) == c.expected);
    }
}

TEST_CASE("comma groups read as English grouping only when the unit is the dong itself") {
    const AmountCase cases[] = {
        {"500,000 đồng", 0, "500000 «500,000 đồng» ambiguous"},
        {"1,250,000 đồng", 0, "1250000 «1,250,000 đồng» ambiguous"},
        {"2,125 tỷ đồng", 0, "2125000000 «2,125 tỷ đồng»"},
        {"1,500", 1'000'000, "1500000 «1,500»"},
        {"1.5 triệu đồng và 2.25 tỷ đồng", 0,
         "1500000 «1.5 triệu đồng» ambiguous | 2250000000 «2.25 tỷ đồng» ambiguous"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, c.table_unit) == c.expected);
    }
}

TEST_CASE("a table unit makes bare cells money but not counts or percentages") {
    const AmountCase cases[] = {
        {"89.000 | 9,78 | 1.093", 1'000'000, "89000000000 «89.000» | 9780000 «9,78» | 1093000000 «1.093»"},
        {"12 nhiệm vụ", 1'000'000, ""},
        {"87,94%", 1'000'000, ""},
        {"1,4 triệu lượt", 1'000'000, ""},
        {"500.000 đồng", 1'000'000, "500000 «500.000 đồng»"},
        {"2 tỷ", 1'000'000, "2000000000 «2 tỷ»"},
        {"89.000", 0, ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, c.table_unit) == c.expected);
    }
}

TEST_CASE("amounts beyond 9e18 dong are rejected instead of overflowing") {
    const AmountCase cases[] = {
        {"9.000.000 nghìn tỷ đồng", 0, "9000000000000000000 «9.000.000 nghìn tỷ đồng»"},
        {"9.000.001 nghìn tỷ đồng", 0, ""},
        {"10.000.000.000 tỷ đồng", 0, ""},
        {"99999999999999999999999 đồng", 0, ""},
        {"1,0000000000000000000000001 tỷ đồng", 0, ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, c.table_unit) == c.expected);
    }
}

TEST_CASE("offsets are byte offsets into the normalised text") {
    const std::string text = "Chi nhiệm vụ: 89 tỷ đồng và 4,5 tỷ đồng";
    const auto amounts = find_amounts(text);
    REQUIRE(amounts.size() == 2);
    CHECK(amounts[0].begin == text.find("89"));
    CHECK(amounts[0].end == text.find(" và"));
    CHECK(amounts[1].begin == text.find("4,5"));
    CHECK(amounts[1].end == text.size());
}

TEST_CASE("format_vnd picks the largest exact Vietnamese scale") {
    struct FormatCase {
        std::int64_t vnd;
        std::string_view expected;
    };
    const FormatCase cases[] = {
        {1'093'000'000'000, "1.093 tỷ đồng"},
        {9'780'000'000, "9,78 tỷ đồng"},
        {500'000, "500.000 đồng"},
        {422'880'000'000, "422,88 tỷ đồng"},
        {13'000'000'000'000, "13.000 tỷ đồng"},
        {5'000'000, "5 triệu đồng"},
        {1'000'500'000, "1.000,5 triệu đồng"},
        {44'684'240, "44.684.240 đồng"},
        {0, "0 đồng"},
        {999, "999 đồng"},
        {-1'000'000'000, "-1 tỷ đồng"},
        {INT64_MIN, "-9.223.372.036.854.775.808 đồng"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.vnd);
        CHECK(format_vnd(c.vnd) == c.expected);
    }
}

}  // TEST_SUITE("analyzers")
