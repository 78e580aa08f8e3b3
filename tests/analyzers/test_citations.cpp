#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analyzers/citations.h"
#include "analyzers/normalize.h"

using namespace tracuu::analyzers;

namespace {

struct Case {
    const char* text;
    const char* expected;
};

/// All citations of a text as to_debug_string() lines joined by " || ".
std::string render(std::string_view text) {
    std::string out;
    for (const auto& c : find_citations(normalize_text(text))) out += (out.empty() ? "" : " || ") + to_debug_string(c);
    return out;
}

/// `key:relation` per citation, with `<agent key` when the text names who acts.
std::string render_relations(std::string_view text) {
    const auto cs = find_citations(normalize_text(text));
    std::string out;
    for (const auto& c : cs) {
        out += (out.empty() ? "" : " ") + c.key + ":" + relation_name(c.relation);
        if (c.agent) out += "<" + cs[*c.agent].key;
    }
    return out;
}

/// `cue|type|flags` per citation.
std::string render_cues(std::string_view text) {
    std::string out;
    for (const auto& c : find_citations(normalize_text(text))) {
        std::string flags;
        for (const auto& f : c.flags) flags += (flags.empty() ? "" : ",") + f;
        out += (out.empty() ? "" : " || ") + c.key + "|" + c.cue + "|" + c.type_name + "|" + flags;
    }
    return out;
}

void check_all(const Case* begin, const Case* end, std::string (*how)(std::string_view)) {
    for (const Case* c = begin; c != end; ++c) {
        CAPTURE(c->text);
        CHECK(how(c->text) == c->expected);
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string kPlanPath = TRACUU_SOURCE_DIR "/corpus/plans/kh13-2025-ninh-binh.txt";
const std::string kFixturePath = TRACUU_SOURCE_DIR "/tests/analyzers/kh13_citations.tsv";

/// Rows `line TAB debug string TAB agent key`, one per citation in order of position.
std::vector<std::string> plan_rows(const std::string& text) {
    const auto cs = find_citations(text);
    std::vector<std::string> rows;
    for (const auto& c : cs) {
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(c.begin), '\n');
        rows.push_back(std::to_string(line) + "\t" + to_debug_string(c) + "\t" + (c.agent ? cs[*c.agent].key : ""));
    }
    return rows;
}

std::vector<std::string> fixture_rows() {
    std::istringstream in(read_file(kFixturePath));
    std::vector<std::string> rows;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != '#') rows.push_back(line);
    }
    return rows;
}

/// `line TAB key` of a row: what precision and recall count.
std::string identity(const std::string& row) { return row.substr(0, row.find('|')); }

// ---- LEGAL.md "Citation test cases"; † real text of the plan, ‡ quoted sources --------------

// Rows 1-12. Row 5's typo is only visible among other citations of 57-NQ/TW, row 9 has two citations.
const Case kLegalRows1[] = {
    {"Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
     "57-NQ/TW|party|Nghị quyết|57|2024|TW|Bộ Chính trị|2024-12-22|dẫn chiếu"},
    {"Quyết định số 929/QĐ-TTg ngày 15/5/2025 của Thủ tướng Chính phủ",
     "929/QĐ-TTG|administrative|Quyết định|929|2025|TTg|Thủ tướng Chính phủ|2025-05-15|dẫn chiếu"},
    {"theo Nghị định 80/2021/NĐ- CP của Chính phủ", "80/2021/NĐ-CP|with_year|Nghị định|80|2021|CP|Chính phủ||dẫn chiếu"},
    {"Văn bản số 3233/BKHCN-KHTC ngày 18/7/2025 của Bộ Khoa học và Công nghệ",
     "3233/BKHCN-KHTC|administrative|Công văn|3233|2025|BKHCN(KHTC)|Bộ Khoa học và Công nghệ|2025-07-18|dẫn chiếu"},
    {"Thực hiện Nghị quyết số 57-NQ/TW. Quán triệt Nghị quyết 57-NQ/TW. "
     "Điều này ảnh hưởng đến mục tiêu triển khai Nghị quyết 57-NQ/TU.",
     "57-NQ/TW|party|Nghị quyết|57||TW|||thực hiện || 57-NQ/TW|party|Nghị quyết|57||TW|||dẫn chiếu || "
     "57-NQ/TU|party|Nghị quyết|57||TU|||thực hiện|probable_typo"},
    {"Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ",
     "3/NQ-CP|administrative|Nghị quyết|3|2025|CP|Chính phủ|2025-01-09|dẫn chiếu"},
    {"triển khai Nghị quyết 77/2022/NQ-HĐND của HĐND tỉnh Nam Định",
     "77/2022/NQ-HĐND|with_year|Nghị quyết|77|2022|HĐND|HĐND tỉnh Nam Định||thực hiện"},
    {"Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ",
     "60/2021/NĐ-CP|with_year|Nghị định|60|2021|CP|Chính phủ|2021-06-21|dẫn chiếu"},
    {"Nghị định số 111/2025/NĐ-CP ngày 22/5/2025 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
     "60/2021/NĐ-CP",
     "111/2025/NĐ-CP|with_year|Nghị định|111|2025|CP|Chính phủ|2025-05-22|dẫn chiếu || "
     "60/2021/NĐ-CP|with_year|Nghị định|60|2021|CP|||sửa đổi, bổ sung"},
    {"Quyết định số 229/QĐ-TTg ngày 13/3/2024 của Thủ tướng Chính phủ",
     "229/QĐ-TTG|administrative|Quyết định|229|2024|TTg|Thủ tướng Chính phủ|2024-03-13|dẫn chiếu"},
    {"Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII",
     "18-NQ/TW|party|Nghị quyết|18|2017|TW|Ban Chấp hành Trung ương Đảng khóa XII|2017-10-25|dẫn chiếu"},
    {"Văn bản số 05/CV-BCĐTKNQ18 ngày 12/01/2025 của Ban chỉ đạo về tổng kết thực hiện Nghị quyết số 18-NQ/TW",
     "5/CV-BCĐTKNQ18|administrative|Công văn|5|2025|BCĐTKNQ18|Ban chỉ đạo|2025-01-12|dẫn chiếu || "
     "18-NQ/TW|party|Nghị quyết|18||TW|||thực hiện"},
};

// Rows 13-27. Row 22's conflict needs the other dates of the same resolution; row 24 is a header.
const Case kLegalRows2[] = {
    {"Chương trình hành động số 135-CTr/TU ngày 28/02/2025",
     "135-CTR/TU|party|Chương trình|135|2025|TU||2025-02-28|dẫn chiếu"},
    {"Chương trình hành động số 54-KH/TU ngày 20/02/2025",
     "54-KH/TU|party|Kế hoạch|54|2025|TU||2025-02-20|dẫn chiếu|cue_mismatch"},
    {"Kế hoạch hành động số 497-KH/TU, ngày 06/6/2025.", "497-KH/TU|party|Kế hoạch|497|2025|TU||2025-06-06|dẫn chiếu"},
    {"Kế hoạch số 113/KH-UBND 13/5/2025 của UBND tỉnh Ninh Bình",
     "113/KH-UBND|administrative|Kế hoạch|113|2025|UBND|UBND tỉnh Ninh Bình|2025-05-13|dẫn chiếu"},
    {"Nghị quyết số 71/NQ- CP ngày 01/4/2025 của Chính phủ",
     "71/NQ-CP|administrative|Nghị quyết|71|2025|CP|Chính phủ|2025-04-01|dẫn chiếu"},
    {"Quyết định số 749/QĐ- TTg; Quyết định số 942/QĐ-TTg",
     "749/QĐ-TTG|administrative|Quyết định|749||TTg|||dẫn chiếu || "
     "942/QĐ-TTG|administrative|Quyết định|942||TTg|||dẫn chiếu"},
    {"Nghị quyết số 09- NQ/TU; chỉ số xếp hạng", "9-NQ/TU|party|Nghị quyết|9||TU|||dẫn chiếu"},
    {"Nghị quyết số 15-NQ/TU ngày 13/7/2009 của Ban Chấp hành Đảng bộ tỉnh",
     "15-NQ/TU|party|Nghị quyết|15|2009|TU|Ban Chấp hành Đảng bộ tỉnh|2009-07-13|dẫn chiếu"},
    {"Nghị quyết số 123/2021/NQ-HĐND ngày 10/12/2021 của HĐND tỉnh Ninh Bình",
     "123/2021/NQ-HĐND|with_year|Nghị quyết|123|2021|HĐND|HĐND tỉnh Ninh Bình|2021-12-10|dẫn chiếu"},
    {"Nghị quyết số 57-NQ/TW ngày 22/12/2024.\nNghị quyết số 57-NQ/TW ngày 22/12/2024.\n"
     "Nghị quyết số 57-NQ/TW ngày 22/12/2025 của Bộ Chính trị",
     "57-NQ/TW|party|Nghị quyết|57|2024|TW||2024-12-22|dẫn chiếu || 57-NQ/TW|party|Nghị quyết|57|2024|TW||2024-12-22|"
     "dẫn chiếu || 57-NQ/TW|party|Nghị quyết|57|2025|TW|Bộ Chính trị|2025-12-22|dẫn chiếu|date_conflict"},
    {"Quyết định số 1049/QĐ-UBND ngày 22/9/2021 công bố danh mục dữ liệu mở",
     "1049/QĐ-UBND|administrative|Quyết định|1049|2021|UBND||2021-09-22|dẫn chiếu"},
    {"Số: 13/KH-UBND\n\nNinh Bình, ngày 25 tháng 7 năm 2025",
     "13/KH-UBND|administrative|Kế hoạch|13|2025|UBND||2025-07-25|dẫn chiếu|self"},
    {"Kế hoạch số 1722/KH-UBND ngày 28/6/2018 của UBND tỉnh Hà Nam",
     "1722/KH-UBND|administrative|Kế hoạch|1722|2018|UBND|UBND tỉnh Hà Nam|2018-06-28|dẫn chiếu"},
    {"Quyết định số 504/QĐ-UBND ngày 30/5/2022 của UBND tỉnh Ninh Bình",
     "504/QĐ-UBND|administrative|Quyết định|504|2022|UBND|UBND tỉnh Ninh Bình|2022-05-30|dẫn chiếu"},
    {"Nghị quyết số 39-NQ/TW ngày 17/4/2015 của Bộ Chính trị",
     "39-NQ/TW|party|Nghị quyết|39|2015|TW|Bộ Chính trị|2015-04-17|dẫn chiếu"},
};

// Rows 28-43. Rows 31, 32 and 41 are header lines ("… số: X" alone on its line): the document's own number.
const Case kLegalRows3[] = {
    {"Quyết định của Bộ Chính trị số31-QĐ/TW, ngày 01-10-1997",
     "31-QĐ/TW|party|Quyết định|31|1997|TW|Bộ Chính trị|1997-10-01|dẫn chiếu"},
    {"Thông tư liên tịch số 55/2005/TTLT-BNV-VPCP ngày06/5/2005 của Bộ Nội vụ - Văn phòng Chính phủ",
     "55/2005/TTLT-BNV-VPCP|with_year|Thông tư liên tịch|55|2005|BNV+VPCP|Bộ Nội vụ - Văn phòng Chính phủ|2005-05-06|"
     "dẫn chiếu"},
    {"quyết định số 82/2005-QĐ-UBND ngày 12/7/2005",
     "82/2005/QĐ-UBND|with_year|Quyết định|82|2005|UBND||2005-07-12|dẫn chiếu|malformed_separator"},
    {"Quyết định số: 1206 /QĐ-HVTC", "1206/QĐ-HVTC|administrative|Quyết định|1206||HVTC|||dẫn chiếu|self"},
    {"Luật số: 17/2008/QH12", "17/2008/QH12|with_year|Luật|17|2008|QH12|||dẫn chiếu|self"},
    {"Văn bản hợp nhất số 26/VBHN-NHNN", "26/VBHN-NHNN|administrative|Văn bản hợp nhất|26||NHNN|||dẫn chiếu"},
    {"Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương",
     "8-QĐI/TW|party|Quy định|8|2018|TW|Ban Chấp hành Trung ương|2018-10-25|dẫn chiếu"},
    {"Quy định số 101-QĐ/TW ngày 07/6/2012 của Ban Bí thư",
     "101-QĐ/TW|party|Quy định|101|2012|TW|Ban Bí thư|2012-06-07|dẫn chiếu"},
    {"Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị",
     "1-KL/TW|party|Kết luận|1|2021|TW|Bộ Chính trị|2021-05-18|dẫn chiếu"},
    {"36/2006/CT-TTG", "36/2006/CT-TTG|with_year|Chỉ thị|36|2006|TTg|||dẫn chiếu"},
    {"Công văn 2739/VPCP-ĐMDN năm 2019", "2739/VPCP-ĐMDN|administrative|Công văn|2739|2019|VPCP(ĐMDN)|||dẫn chiếu"},
    {"Hướng dẫn số 36-HD/VPTW ngày 03 tháng 4 năm 2018", "36-HD/VPTW|party|Hướng dẫn|36|2018|VPTW||2018-04-03|dẫn chiếu"},
    {"Thông tư số 15/2024/TT-NHNN Quy định về cung ứng dịch vụ thanh toán",
     "15/2024/TT-NHNN|with_year|Thông tư|15|2024|NHNN|||dẫn chiếu"},
    {"Số: 22/2011/TTLT-BTC-BKHCN\nHà Nội, ngày 21 tháng 2 năm 2011",
     "22/2011/TTLT-BTC-BKHCN|with_year|Thông tư liên tịch|22|2011|BTC+BKHCN||2011-02-21|dẫn chiếu|self"},
    {"Thông báo 6905/TB-KBNN về Tỷ giá hạch toán ngoại tệ tháng 12 năm 2024",
     "6905/TB-KBNN|administrative|Thông báo|6905||KBNN|||dẫn chiếu"},
    {"05/2019/NQ-HĐND", "5/2019/NQ-HĐND|with_year|Nghị quyết|5|2019|HĐND|||dẫn chiếu"},
};

// Rows 44-55. Row 44 is file-name mode, not implemented: in running text it gives nothing. Rows 52-55
// are negatives; row 54 ("Luật Quản lý thuế", a title without number) needs a title lookup.
const Case kLegalRows4[] = {
    {"Quyết_định_05-2025-QĐ-TTg", ""},
    {"Luật số: 64/2025/QH15", "64/2025/QH15|with_year|Luật|64|2025|QH15|||dẫn chiếu|self"},
    {"Nghị định 80/2021/NĐ\u2011CP", "80/2021/NĐ-CP|with_year|Nghị định|80|2021|CP|||dẫn chiếu"},
    {"Nghị quyết số 57\u2010NQ/TW", "57-NQ/TW|party|Nghị quyết|57||TW|||dẫn chiếu"},
    {"Quyết định số 1234/QĐ\u2013UBND ngày 3/02/2025",
     "1234/QĐ-UBND|administrative|Quyết định|1234|2025|UBND||2025-02-03|dẫn chiếu"},
    {"Kế hoạch số 45/KH-SKHCN ngày 25.7.2025 của Sở Khoa học và Công nghệ",
     "45/KH-SKHCN|administrative|Kế hoạch|45|2025|SKHCN|Sở Khoa học và Công nghệ|2025-07-25|dẫn chiếu"},
    {"Công văn số 123-CV/TU ngày 5-3-2024", "123-CV/TU|party|Công văn|123|2024|TU||2024-03-05|dẫn chiếu"},
    {"Nghị quyết số 560/NQ-UBTVQH15 về việc …", "560/NQ-UBTVQH15|administrative|Nghị quyết|560||UBTVQH15|||dẫn chiếu"},
    {"xếp hạng 15/63 toàn quốc … 35/65 sản phẩm OCOP … 195/195 cơ sở … CCCD/CC … TCVN ISO 9001:2015", ""},
    {"triển khai Đề án 06", ""},
    {"tổ chức thực hiện tốt Luật Quản lý thuế", ""},
    {"đi vào hoạt động sản xuất từ tháng 11/2024", ""},
};

}  // namespace

TEST_SUITE("analyzers") {

TEST_CASE("LEGAL.md citation cases 1 to 12 give type, number, year, issuer and date") {
    check_all(std::begin(kLegalRows1), std::end(kLegalRows1), render);
}

TEST_CASE("LEGAL.md citation cases 13 to 27 give type, number, year, issuer and date") {
    check_all(std::begin(kLegalRows2), std::end(kLegalRows2), render);
}

TEST_CASE("LEGAL.md citation cases 28 to 43 give type, number, year, issuer and date") {
    check_all(std::begin(kLegalRows3), std::end(kLegalRows3), render);
}

TEST_CASE("LEGAL.md citation cases 44 to 55 cover dashes, Party công văn, UBTVQH and the negatives") {
    check_all(std::begin(kLegalRows4), std::end(kLegalRows4), render);
}

TEST_CASE("counts, forms, standards and words are not citations") {
    const char* negatives[] = {
        "có 195/195 cơ sở khám chữa bệnh bằng CCCD/CC (lũy kế đến nay đã thực hiện trên 1,4 triệu lượt)",
        "Chi cho hoạt động KH&CN các xã/phường: 258 tỷ đồng",
        "đạt 541/563 tàu, xếp hạng 6/11 trong vùng, 86,6 thuê bao/100 người dân",
        "Kết quả thử nghiệm mẫu xăng RON95-IV của 02 cơ sở",
        "Phòng thí nghiệm LAS-XD23.001 và LAS-XD 23.001",
        "Ký hiệu: C2-03/NS",
        "báo cáo theo Mẫu số 01/QTDA, Biểu 02/XLD",
        "Các biểu số liệu 01/TCD, 02/XLD, 03/GQKN, 04/GQTC ban hành kèm theo Thông tư này",
        "theo các Mẫu số 03, 04, 05 và 06/BHYT-QĐ Phụ lục",
        "Ban hành kèm theo Thông tư này QCVN 106:2025/BNNMT và QCVN 07-9:2023/BXD",
        "- Nội dung ghi chú viết vào dòng 22 (nếu có)\n02/XLD\nTỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN",
        "100/ha, 60/2021/nd-cp",
    };
    for (const char* text : negatives) {
        CAPTURE(text);
        CHECK(render(text) == "");
    }
}

TEST_CASE("the verb before a citation in its clause gives the relation and who acts") {
    const Case cases[] = {
        {"Căn cứ Luật Viên chức số 58/2010/QH12; Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và "
         "Luật Viên chức số 52/2019/QH14;",
         "58/2010/QH12:căn cứ 52/2019/QH14:căn cứ"},
        {"1. Căn cứ Nghị định số 60/2021/NĐ-CP", "60/2021/NĐ-CP:căn cứ"},
        {"xác định căn cứ Quyết định số 28/2025/QĐ-TTg ngày 24 tháng 8 năm 2025", "28/2025/QĐ-TTG:căn cứ"},
        {"Nghị định này thay thế Nghị định số 24/2010/NĐ-CP ngày 15/3/2010.", "24/2010/NĐ-CP:thay thế"},
        {"2. Bãi bỏ Quyết định số 731/QĐ-BCT ngày 04 tháng 3 năm 2020 của Bộ trưởng Bộ Công Thương.",
         "731/QĐ-BCT:bãi bỏ"},
        {"Thông tư số 12/2025/TT-BTC hướng dẫn Nghị định số 60/2021/NĐ-CP",
         "12/2025/TT-BTC:dẫn chiếu 60/2021/NĐ-CP:hướng dẫn<12/2025/TT-BTC"},
        {"Nghị định quy định chi tiết Luật số 64/2025/QH15", "64/2025/QH15:hướng dẫn"},
        {"Nghị định số 111/2025/NĐ-CP ngày 22/5/2025 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
         "60/2021/NĐ-CP",
         "111/2025/NĐ-CP:dẫn chiếu 60/2021/NĐ-CP:sửa đổi, bổ sung<111/2025/NĐ-CP"},
        {"Luật Chứng khoán số 54/2019/QH14 được sửa đổi, bổ sung bởi Luật số 56/2024/QH15",
         "54/2019/QH14:dẫn chiếu 56/2024/QH15:dẫn chiếu"},
        {"Hồ sơ được thực hiện theo quy định tại Nghị định số 82/2019/NĐ-CP", "82/2019/NĐ-CP:dẫn chiếu"},
        {"Nhiệm vụ triển khai theo Nghị quyết số 57-NQ/TW: 666,3 tỷ đồng.", "57-NQ/TW:thực hiện"},
        {"triển khai các giải pháp, hỗ trợ doanh nghiệp theo Nghị định 80/2021/NĐ- CP", "80/2021/NĐ-CP:dẫn chiếu"},
        {"Văn bản số 05/CV-BCĐTKNQ18 ngày 12/01/2025 của Ban chỉ đạo về tổng kết thực hiện Nghị quyết số 18-NQ/TW",
         "5/CV-BCĐTKNQ18:dẫn chiếu 18-NQ/TW:thực hiện"},
    };
    check_all(std::begin(cases), std::end(cases), render_relations);
}

TEST_CASE("a list after a verb shares its relation but a verb inside an item does not") {
    const Case cases[] = {
        {"- Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017; Nghị quyết số 19-NQ/TW ngày 25/10/2017; "
         "chỉ đạo theo Nghị quyết số 39-NQ/TW",
         "18-NQ/TW:thực hiện 19-NQ/TW:thực hiện 39-NQ/TW:dẫn chiếu"},
        {"Kế hoạch số 113/KH-UBND ngày 13/5/2025 thực hiện Nghị quyết số 71/NQ-CP; Kế hoạch số 29/KH-UBND ngày "
         "21/02/2025",
         "113/KH-UBND:dẫn chiếu 71/NQ-CP:thực hiện<113/KH-UBND 29/KH-UBND:dẫn chiếu"},
        {"Thực hiện Nghị quyết số 57-NQ/TW. Quyết định số 929/QĐ-TTg quy định", "57-NQ/TW:thực hiện 929/QĐ-TTG:dẫn chiếu"},
        {"Căn cứ Luật số 64/2025/QH15;\nTheo đề nghị tại Tờ trình số 290/TTr-BCA ngày 23 tháng 7 năm 2025;",
         "64/2025/QH15:căn cứ 290/TTR-BCA:dẫn chiếu"},
    };
    check_all(std::begin(cases), std::end(cases), render_relations);
}

TEST_CASE("sentence and clause ranges cut at line breaks, full stops and semicolons") {
    const std::string text =
        "Mở đầu 1.093 tỷ. Thực hiện Nghị quyết số 57-NQ/TW; Quyết định số 929/QĐ-TTg ngày 25.7.2025 của Thủ tướng "
        "Chính phủ.\nDòng khác";
    const auto cs = find_citations(text);
    REQUIRE(cs.size() == 2);
    auto slice = [&](std::size_t b, std::size_t e) { return text.substr(b, e - b); };
    const std::string sentence =
        "Thực hiện Nghị quyết số 57-NQ/TW; Quyết định số 929/QĐ-TTg ngày 25.7.2025 của Thủ tướng Chính phủ.";
    CHECK(slice(cs[0].sentence_begin, cs[0].sentence_end) == sentence);
    CHECK(slice(cs[1].sentence_begin, cs[1].sentence_end) == sentence);
    CHECK(slice(cs[0].clause_begin, cs[0].clause_end) == "Thực hiện Nghị quyết số 57-NQ/TW;");
    CHECK(slice(cs[1].clause_begin, cs[1].clause_end) == "Quyết định số 929/QĐ-TTg ngày 25.7.2025 của Thủ tướng Chính phủ.");
}

TEST_CASE("offsets are bytes of the input and the symbol is kept as written") {
    const std::string text = normalize_text("Điều 1. Theo Nghị định 80/2021/NĐ\u2011 CP và Nghị quyết số31-NQ/TƯ");
    const auto cs = find_citations(text);
    REQUIRE(cs.size() == 2);
    CHECK(text.substr(cs[0].begin, cs[0].end - cs[0].begin) == "80/2021/NĐ\u2011 CP");
    CHECK(cs[0].symbol == "80/2021/NĐ\u2011 CP");
    CHECK(cs[0].key == "80/2021/NĐ-CP");
    CHECK(text.substr(cs[1].begin, cs[1].end - cs[1].begin) == "31-NQ/TƯ");
    CHECK(cs[1].key == "31-NQ/TW");
    CHECK(cs[1].issuer_codes == std::vector<std::string>{"TƯ"});
    CHECK(find_citations("").empty());
}

TEST_CASE("the cue phrase only settles what the type code leaves open") {
    const Case cases[] = {
        {"Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW", "57-NQ/TW|Nghị quyết|Nghị quyết|"},
        {"Luật An toàn thực phẩm và Nghị số 66.13/2026/NQ-CP", "66.13/2026/NQ-CP||Nghị quyết|dotted_number"},
        {"quy định tại 60/2021/NĐ-CP và quyết định số 82/2005-QĐ-UBND",
         "60/2021/NĐ-CP||Nghị định| || 82/2005/QĐ-UBND|Quyết định|Quyết định|malformed_separator"},
        {"Quy định số 101-QĐ/TW và 205-QĐ/TW", "101-QĐ/TW|Quy định|Quy định| || 205-QĐ/TW||Quyết định|type_ambiguous"},
        {"Nghị quyết số 203/2025/QH15, Bộ luật Tố tụng hình sự số 101/2015/QH13",
         "203/2025/QH15|Nghị quyết|Nghị quyết| || 101/2015/QH13|Bộ luật|Bộ luật|"},
        {"Pháp lệnh số 08/2025/UBTVQH15, Nghị quyết số 76/2025/UBTVQH",
         "8/2025/UBTVQH15|Pháp lệnh|Pháp lệnh| || 76/2025/UBTVQH|Nghị quyết|Nghị quyết|"},
        {"Thông tri số 12-TT/TU, Thông tư số 06-TT/LB", "12-TT/TU|Thông tri|Thông tri| || 6-TT/LB|Thông tư|Thông tư|"},
        {"Nghị định số 25/CP ngày 23 tháng 5 năm 1993", "25/CP|Nghị định|Nghị định|type_from_cue"},
        {"Quyết định số 500/BYT-QĐ ngày 10/4/1992, Thông tư số 16-BYT/TT ngày 17/04/1957",
         "500/BYT-QĐ|Quyết định|Quyết định|legacy_order || 16-BYT/TT|Thông tư|Thông tư|legacy_order"},
        {"Nghị định số 163/2016/ND-CP", "163/2016/NĐ-CP|Nghị định|Nghị định|ascii_type_code"},
        {"Thông tư số 105/2012/NĐ-CP", "105/2012/NĐ-CP|Thông tư|Nghị định|cue_mismatch"},
        {"Thông tư số 18/2025/TT-\n\nBTC và Thông tư số 04/2020/TT -BTP",
         "18/2025/TT-BTC|Thông tư|Thông tư| || 4/2020/TT-BTP|Thông tư|Thông tư|"},
    };
    check_all(std::begin(cases), std::end(cases), render_cues);
}

TEST_CASE("dates right after the symbol are validated against the symbol year") {
    const Case cases[] = {
        {"Nghị định số 12/2020/NĐ-CP ngày 31/02/2020", "12/2020/NĐ-CP|with_year|Nghị định|12|2020|CP|||dẫn chiếu|invalid_date"},
        {"Quyết định số 7/QĐ-UBND ngày 29/02/2024", "7/QĐ-UBND|administrative|Quyết định|7|2024|UBND||2024-02-29|dẫn chiếu"},
        {"Quyết định số 8/QĐ-UBND ngày 29/02/2023", "8/QĐ-UBND|administrative|Quyết định|8||UBND|||dẫn chiếu|invalid_date"},
        {"Thông tư số 02/2015/TT-BNNPTNT ngày 27 tháng 01 năm 2025",
         "2/2015/TT-BNNPTNT|with_year|Thông tư|2|2015|BNNPTNT||2025-01-27|dẫn chiếu|year_mismatch"},
    };
    check_all(std::begin(cases), std::end(cases), render);
}

TEST_CASE("the document's own number is flagged self wherever it recurs in the same year") {
    const std::string text = normalize_text(
        "Số: 13/KH-UBND\n\nNinh Bình, ngày 25 tháng 7 năm 2025\nKế hoạch 13/KH-UBND năm 2025 về hoạt động\n"
        "  • Số hiệu: 13/KH-UBND\nKế hoạch số 13/KH-UBND ngày 02/02/2023 của UBND tỉnh Hà Nam\n");
    std::string flags;
    for (const auto& c : find_citations(text)) flags += (c.flags.empty() ? std::string("-") : c.flags[0]) + " ";
    CHECK(flags == "self self self - ");
    CHECK(render("Số: 3233/BKHCN-KHTC\nHà Nội, ngày 18 tháng 7 năm 2025") ==
          "3233/BKHCN-KHTC|administrative|Công văn|3233|2025|BKHCN(KHTC)||2025-07-18|dẫn chiếu|self");
}

TEST_CASE("a once-cited Party number one letter away from a frequent one suggests it") {
    const auto cs = find_citations(normalize_text(
        "Thực hiện Nghị quyết số 57-NQ/TW. Quán triệt Nghị quyết 57- NQ/TW. Triển khai Nghị quyết 57-NQ/TU. "
        "Nghị quyết số 09- NQ/TU."));
    REQUIRE(cs.size() == 4);
    CHECK(cs[2].suggested_key == "57-NQ/TW");
    CHECK(cs[3].suggested_key.empty());
    CHECK(cs[3].flags.empty());
}

TEST_CASE("every citation of the Ninh Bình plan is found with precision and recall of at least 0.95") {
    const std::string text = normalize_text(read_file(kPlanPath));
    const auto found = plan_rows(text);
    const auto expected = fixture_rows();
    std::map<std::string, int> want;
    for (const auto& row : expected) ++want[identity(row)];
    int matched = 0;
    for (const auto& row : found) {
        if (auto it = want.find(identity(row)); it != want.end() && it->second > 0) --it->second, ++matched;
    }
    const double precision = found.empty() ? 0.0 : static_cast<double>(matched) / static_cast<double>(found.size());
    const double recall = static_cast<double>(matched) / static_cast<double>(expected.size());
    MESSAGE("plan: " << found.size() << " found, " << expected.size() << " expected, " << matched
                     << " matched, precision " << precision << ", recall " << recall);
    CHECK(expected.size() == 61);
    CHECK(precision >= 0.95);
    CHECK(recall >= 0.95);
}

TEST_CASE("each citation of the Ninh Bình plan has the hand-checked fields") {
    const auto found = plan_rows(normalize_text(read_file(kPlanPath)));
    const auto expected = fixture_rows();
    std::vector<bool> used(found.size(), false);
    for (const auto& row : expected) {
        CAPTURE(row);
        const auto it = std::find_if(found.begin(), found.end(), [&](const std::string& f) {
            return !used[static_cast<std::size_t>(&f - found.data())] && identity(f) == identity(row);
        });
        REQUIRE(it != found.end());
        used[static_cast<std::size_t>(it - found.begin())] = true;
        CHECK(*it == row);
    }
}

}

TEST_SUITE("analyzers") {

TEST_CASE("a type code names its document type in any case and ASCII spelling, other codes none") {
    struct Case {
        const char* code;
        const char* name;
    };
    const Case cases[] = {
        {"NQ", "Nghị quyết"}, {"nq", "Nghị quyết"},     {"QĐ", "Quyết định"}, {"qđ", "Quyết định"}, {"QD", "Quyết định"},
        {"NĐ", "Nghị định"},  {"ND", "Nghị định"},      {"CTr", "Chương trình"}, {"KH", "Kế hoạch"}, {"TTLT", "Thông tư liên tịch"},
        {"UBND", ""},         {"", ""},                 {"VP", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.code);
        CHECK(tracuu::analyzers::type_name_of_code(c.code) == c.name);
    }
}

}  // TEST_SUITE
