#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/extract.h"
#include "indexer/identity.h"

namespace {

namespace fs = std::filesystem;
using tracuu::indexer::DocumentIdentity;
using tracuu::indexer::extract_identity;
using tracuu::indexer::issuer_for_code;

/// One line naming every non-empty field, in declaration order: the golden form of the cases below.
std::string render(const DocumentIdentity& id) {
    std::string out;
    const auto add = [&](std::string_view name, const std::string& value) {
        if (!value.empty()) out += (out.empty() ? "" : " | ") + std::string(name) + "=" + value;
    };
    add("number", id.number);
    add("key", id.number_key);
    add("type", id.type);
    add("type_from_symbol", id.type_from_symbol);
    add("conflict", id.type_conflict ? "yes" : "");
    add("issuer", id.issuer);
    add("code", id.issuer_code);
    add("place", id.place);
    add("date", id.date);
    add("year", id.year != 0 ? std::to_string(id.year) : "");
    add("title", id.title);
    add("signer", id.signer);
    add("signer_title", id.signer_title);
    add("effective", id.effective_date);
    add("status", id.status);
    add("gazette", id.gazette);
    return out;
}

struct Case {
    std::string_view name;
    std::string_view text;
    std::string_view expected;
};

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
        fields.push_back(line.substr(start, tab - start));
        start = tab + 1;
    }
    fields.push_back(line.substr(start));
    return fields;
}

}  // namespace

TEST_SUITE("indexer") {
    TEST_CASE("whole documents give their identity in every layout seen in the corpus") {
        const Case cases[] = {
            {"plan with portal header and footer",
             "Hệ thống pháp luật\n\nỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 13/KH-UBND\n\nNinh Bình, ngày 25 tháng 7 năm 2025\n \n"
             "KẾ HOẠCH\n\nHOẠT ĐỘNG KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO & CHUYỂN ĐỔI SỐ VÀ DỰ TOÁN NGÂN SÁCH NĂM 2026\n\n"
             "Thực hiện Văn bản số 3233/BKHCN-KHTC ngày 18/7/2025 của Bộ Khoa học và Công nghệ.\n\nA. ĐÁNH GIÁ\n"
             "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHà Lan Anh\n\nHIỆU LỰC VĂN BẢN\n  • Số hiệu: 13/KH-UBND\n"
             "  • Loại văn bản: Kế hoạch\n  • Ngày ban hành: 25/07/2025\n  • Nơi ban hành: Tỉnh Ninh Bình\n  • Người ký: Hà Lan Anh\n"
             "  • Ngày công báo: Đang cập nhật\n  • Số công báo: Đang cập nhật\n  • Ngày hiệu lực: 25/07/2025\n"
             "  • Tình trạng hiệu lực: Kiểm tra\nTải văn bản\n",
             "number=13/KH-UBND | key=13/KH-UBND | type=Kế hoạch | type_from_symbol=Kế hoạch | issuer=Ủy ban nhân dân tỉnh Ninh "
             "Bình | code=UBND | place=Ninh Bình | date=2025-07-25 | year=2025 | title=Hoạt động khoa học, công nghệ, đổi mới "
             "sáng tạo & chuyển đổi số và dự toán ngân sách năm 2026 | signer=Hà Lan Anh | signer_title=Phó Chủ tịch | "
             "effective=2025-07-25"},
            {"law page of the Official Gazette with a signature stamp",
             "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\n"
             "CÔNG BÁO/Số 37/Ngày 22-01-2026 30\nQUỐC HỘI\nLuật số: 109/2025/QH15\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Độc lập - Tự do - Hạnh phúc\nLUẬT\nTHUẾ THU NHẬP CÁ NHÂN\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
             "Quốc hội ban hành Luật Thuế thu nhập cá nhân.\nĐiều 1. Phạm vi điều chỉnh\nNgười ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\n"
             "\fCÔNG BÁO/Số 37/Ngày 22-01-2026 31\nLuật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV,\n"
             "Kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025.\nCHỦ TỊCH QUỐC HỘI\nTrần Thanh Mẫn",
             "number=109/2025/QH15 | key=109/2025/QH15 | type=Luật | type_from_symbol=Luật | issuer=Quốc hội | code=QH15 | "
             "date=2025-12-10 | year=2025 | title=Thuế thu nhập cá nhân | signer=Trần Thanh Mẫn | signer_title=Chủ tịch Quốc hội | "
             "gazette=37 (2026-01-22)"},
            {"letter with a V/v line and no type line",
             "BỘ KHOA HỌC VÀ CÔNG NGHỆ\n-------\nSố: 3233/BKHCN-KHTC\nV/v hướng dẫn xây dựng kế hoạch và dự toán\n"
             "ngân sách năm 2026\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Hà Nội, ngày 18 tháng 7 năm 2025\nKính gửi: Ủy ban nhân dân các tỉnh, thành phố.\n",
             "number=3233/BKHCN-KHTC | key=3233/BKHCN-KHTC | type=Công văn | type_from_symbol=Công văn | issuer=Bộ Khoa học và "
             "Công nghệ | code=BKHCN | place=Hà Nội | date=2025-07-18 | year=2025 | title=V/v hướng dẫn xây dựng kế hoạch và dự "
             "toán ngân sách năm 2026"},
            {"consolidated text authenticated on its last page",
             "CÔNG BÁO/Số 535 + 536/Ngày 17-3-2025 53\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLUẬT\n"
             "KẾ TOÁN\nLuật Kế toán số 88/2015/QH13 ngày 20 tháng 11 năm 2015 của Quốc hội, được sửa đổi, bổ sung bởi:\n"
             "Căn cứ Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam;\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n\f____\n"
             "VĂN PHÒNG QUỐC HỘI\nSố: 25/VBHN-VPQH\nXÁC THỰC VĂN BẢN HỢP NHẤT\nHà Nội, ngày 26 tháng 02 năm 2025\nCHỦ NHIỆM\n"
             "Lê Quang Tùng",
             "number=25/VBHN-VPQH | key=25/VBHN-VPQH | type=Văn bản hợp nhất | type_from_symbol=Văn bản hợp nhất | "
             "issuer=Văn phòng Quốc hội | code=VPQH | place=Hà Nội | date=2025-02-26 | year=2025 | title=Luật Kế toán | "
             "signer=Lê Quang Tùng | signer_title=Chủ nhiệm | gazette=535 + 536 (2025-03-17)"},
            {"copy without header block names its issuer in the enacting clause",
             "THÔNG TƯ\nQuy định về phân công trách nhiệm\nCăn cứ Nghị định số 02/2025/NĐ-CP ngày 18 tháng 02 năm 2025;\n"
             "Theo đề nghị của Cục trưởng Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ;\n"
             "Bộ trưởng Bộ Công an ban hành Thông tư quy định về phân công trách nhiệm.\nĐiều 1. Phạm vi điều chỉnh\n",
             "type=Thông tư | issuer=Bộ Công an | title=Quy định về phân công trách nhiệm"},
            {"decree saved from the portal with its properties",
             "CHÍNH PHỦ\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 320/2025/NĐ-CP\n\n"
             "Hà Nội, ngày 15 tháng 12 năm 2025\n\nNGHỊ ĐỊNH\n\nQuy định chi tiết một số điều và biện pháp để tổ chức,\n\n"
             "hướng dẫn thi hành Luật Thuế thu nhập doanh nghiệp\n\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n"
             "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n(Đã ký)\nHồ Đức Phớc\nThuộc tính văn bản\n"
             "Tình trạng hiệu lực: Còn hiệu lực\nNgày có hiệu lực: 15/12/2025\n",
             "number=320/2025/NĐ-CP | key=320/2025/NĐ-CP | type=Nghị định | type_from_symbol=Nghị định | issuer=Chính phủ | "
             "code=CP | place=Hà Nội | date=2025-12-15 | year=2025 | title=Quy định chi tiết một số điều và biện pháp để tổ "
             "chức, hướng dẫn thi hành Luật Thuế thu nhập doanh nghiệp | signer=Hồ Đức Phớc | signer_title=Phó Thủ tướng | "
             "effective=2025-12-15 | status=Còn hiệu lực"},
            {"resolution whose preamble opens with the body in capitals",
             "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Nghị quyết số: 105/2025/UBTVQH15\nNGHỊ QUYẾT\nCHƯƠNG TRÌNH LẬP PHÁP NĂM 2026\nỦY BAN THƯỜNG VỤ QUỐC HỘI\n"
             "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nNghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng "
             "hòa xã hội chủ nghĩa Việt Nam khóa XV thông qua ngày 03 tháng 02 năm 2026.\nTM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH\n"
             "( đã kí)\nTrần Thanh Mẫn",
             "number=105/2025/UBTVQH15 | key=105/2025/UBTVQH15 | type=Nghị quyết | type_from_symbol=Nghị quyết | issuer=Ủy ban "
             "Thường vụ Quốc hội | code=UBTVQH15 | date=2026-02-03 | year=2025 | title=Chương trình lập pháp năm 2026 | "
             "signer=Trần Thanh Mẫn | signer_title=Chủ tịch"},
            {"header whose symbol contradicts its type line",
             "BỘ TÀI CHÍNH\nSố: 97/2025/QĐ-UBND\nHà Nội, ngày 24 tháng 10 năm 2025\nTHÔNG TƯ\nHướng dẫn thực hiện chính sách\n",
             "number=97/2025/QĐ-UBND | key=97/2025/QĐ-UBND | type=Thông tư | type_from_symbol=Quyết định | conflict=yes | "
             "issuer=Bộ Tài chính | code=UBND | place=Hà Nội | date=2025-10-24 | year=2025 | title=Hướng dẫn thực hiện chính sách"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.name);
            CHECK(render(extract_identity(c.text)) == c.expected);
        }
    }

    TEST_CASE("header symbols are cleaned, keyed and classified") {
        const Case cases[] = {
            {"administrative", "Số: 13/KH-UBND", "13/KH-UBND | 13/KH-UBND | Kế hoạch | UBND | 0"},
            {"normative with year", "Số: 05/2026/QĐ-TTg", "05/2026/QĐ-TTg | 5/2026/QĐ-TTG | Quyết định | TTg | 2026"},
            {"Party", "Số: 497-KH/TU", "497-KH/TU | 497-KH/TU | Kế hoạch | TU | 0"},
            {"space before the slash", "Số: 51 /2025/TT-BYT", "51/2025/TT-BYT | 51/2025/TT-BYT | Thông tư | BYT | 2025"},
            {"spaces around colon and slash", "Số : 45/ 2025/TT-NHNN", "45/2025/TT-NHNN | 45/2025/TT-NHNN | Thông tư | NHNN | 2025"},
            {"no colon and a Cyrillic C", "Số 06/2026/TT-BTС", "06/2026/TT-BTC | 6/2026/TT-BTC | Thông tư | BTC | 2026"},
            {"non-breaking hyphen", "Số: 80/2021/NĐ‑CP", "80/2021/NĐ-CP | 80/2021/NĐ-CP | Nghị định | CP | 2021"},
            {"ordinal with a dot", "Số: 66.3/2025/NQ-CP", "66.3/2025/NQ-CP | 66.3/2025/NQ-CP | Nghị quyết | CP | 2025"},
            {"joint circular", "Số: 29/2025/TTLT-BTP-BCA-BQP",
             "29/2025/TTLT-BTP-BCA-BQP | 29/2025/TTLT-BTP-BCA-BQP | Thông tư liên tịch | BTP-BCA-BQP | 2025"},
            {"letter of a steering committee", "Số: 05/CV-BCĐTKNQ18", "05/CV-BCĐTKNQ18 | 5/CV-BCĐTKNQ18 | Công văn | BCĐTKNQ18 | 0"},
            {"standing committee resolution", "Nghị quyết số: 94/2025/UBTVQH15",
             "94/2025/UBTVQH15 | 94/2025/UBTVQH15 | Nghị quyết | UBTVQH15 | 2025"},
            {"ordinance", "Pháp lệnh số: 09/2025/UBTVQH15", "09/2025/UBTVQH15 | 9/2025/UBTVQH15 | Pháp lệnh | UBTVQH15 | 2025"},
            {"draft without ordinal", "Số: /2025/TT-BNNMT", " |  | Thông tư | BNNMT | 2025"},
            {"type code missing", "Số: 03/2026-BCT", "03/2026-BCT | 3/2026-BCT |  | BCT | 2026"},
            {"place glued after the symbol", "Số: 18/VBHN-BTC Hà Nội, ngày 30 tháng 7 năm 2025",
             "18/VBHN-BTC | 18/VBHN-BTC | Văn bản hợp nhất | BTC | 2025"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.name);
            const DocumentIdentity id = extract_identity(c.text);
            CHECK(id.number + " | " + id.number_key + " | " + id.type_from_symbol + " | " + id.issuer_code + " | " +
                      std::to_string(id.year) == c.expected);
        }
    }

    TEST_CASE("issuer blocks of one or two lines become the body in running-text capitals") {
        const Case cases[] = {
            {"two lines of one body", "ỦY BAN THƯỜNG VỤ\nQUỐC HỘI", "Ủy ban Thường vụ Quốc hội"},
            {"name wrapped after its comma", "BỘ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"},
            {"bank with the country", "NGÂN HÀNG NHÀ NƯỚC\nVIỆT NAM", "Ngân hàng Nhà nước Việt Nam"},
            {"unit under its parent", "BỘ TÀI CHÍNH\nCỤC THUẾ", "Cục Thuế"},
            {"department of a province", "UBND TỈNH NINH BÌNH\nSỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"},
            {"city government", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH", "Ủy ban nhân dân thành phố Hồ Chí Minh"},
            {"ministry with a dash in its name", "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"},
            {"joint issuers", "BỘ TƯ PHÁP - BỘ CÔNG AN - TÒA ÁN NHÂN DÂN TỐI CAO", "Bộ Tư pháp - Bộ Công an - Tòa án nhân dân tối cao"},
            {"department not in the code table", "SỞ TÀI CHÍNH", "Sở Tài chính"},
            {"repeated by PDF extraction", "BỘ TÀI CHÍNH\nBỘ TÀI CHÍNH", "Bộ Tài chính"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.name);
            const std::string text = std::string(c.text) + "\nSố: 12/QĐ-X\nHà Nội, ngày 02 tháng 01 năm 2025\nQUYẾT ĐỊNH\nVề việc thử\n";
            CHECK(extract_identity(text).issuer == c.expected);
        }
    }

    TEST_CASE("signature blocks give the signer and the office above the name") {
        const Case cases[] = {
            {"deputy prime minister", "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n(Đã ký)\nHồ Đức Phớc", "Hồ Đức Phớc | Phó Thủ tướng"},
            {"minister with a military rank", "BỘ TRƯỞNG\n( Đã ký )\nĐại tướng Lương Tam Quang", "Lương Tam Quang | Bộ trưởng"},
            {"office wrapped over two lines", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTHƯỜNG TRỰC\n(Đã ký)\n[daky]\nVũ Mạnh Hà",
             "Vũ Mạnh Hà | Thứ trưởng thường trực"},
            {"deputy line glued by PDF extraction", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCHPHÓ CHỦ TỊCH\nHà Lan Anh", "Hà Lan Anh | Phó Chủ tịch"},
            {"head of state", "CHỦ TỊCH\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n(đã ký)\nTô Lâm",
             "Tô Lâm | Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam"},
            {"acting minister", "Q. BỘ TRƯỞNG\nNguyễn Văn An", "Nguyễn Văn An | Quyền Bộ trưởng"},
            {"office in title case under the head's office", "THỐNG ĐỐC\nPhó Thống Đốc\n(đã ký)\nPhạm Thanh Hà",
             "Phạm Thanh Hà | Phó Thống đốc"},
            {"chief of office", "CHÁNH VĂN PHÒNG\n(Đã ký)\nPhạm Tiến Dũng", "Phạm Tiến Dũng | Chánh văn phòng"},
            {"a heading under a sentence is no signature", "Quốc hội ban hành Luật Tương trợ tư pháp.\nChương I\nNHỮNG QUY ĐỊNH CHUNG", " | "},
            {"blank form", "NGƯỜI LẬP BIỂU\n(Ký, ghi rõ họ tên)\nKẾ TOÁN TRƯỞNG", " | "},
        };
        for (const Case& c : cases) {
            CAPTURE(c.name);
            const DocumentIdentity id = extract_identity("NGHỊ ĐỊNH\nVề thử nghiệm\nĐiều 1. Phạm vi\n" + std::string(c.text));
            CHECK(id.signer + " | " + id.signer_title == c.expected);
        }
    }

    TEST_CASE("text that states nothing gives an empty identity and never throws") {
        for (const std::string_view text : {std::string_view(""), std::string_view(" \n\f\n"), std::string_view("Số:"),
                                            std::string_view("\xFF\xFE\xC3 Số: 1\xE2\x80"), std::string_view("ngày 31 tháng 02 năm 2025")}) {
            CAPTURE(text);
            CHECK(render(extract_identity(text)).empty());
        }
    }

    TEST_CASE("the number offset points at the number in the text") {
        const std::string text = "CHÍNH PHỦ\nSố: 249/2025/NĐ-CP\nHà Nội, ngày 19 tháng 09 năm 2025\nNGHỊ ĐỊNH\nQuy định cơ chế\n";
        const DocumentIdentity id = extract_identity(text);
        REQUIRE(id.number_offset != std::string::npos);
        CHECK(text.substr(id.number_offset, id.number.size()) == id.number);
        CHECK(extract_identity("NGHỊ ĐỊNH\nVề thử\n").number_offset == std::string::npos);
    }

    TEST_CASE("issuer codes map to the bodies of LEGAL.md") {
        const Case cases[] = {{"government", "CP", "Chính phủ"}, {"prime minister", "TTg", "Thủ tướng Chính phủ"},
                              {"database casing", "TTG", "Thủ tướng Chính phủ"}, {"assembly with its term", "QH15", "Quốc hội"},
                              {"standing committee", "UBTVQH15", "Ủy ban Thường vụ Quốc hội"},
                              {"science ministry", "BKHCN", "Bộ Khoa học và Công nghệ"}, {"finance ministry", "BTC", "Bộ Tài chính"},
                              {"people's committee", "UBND", "Ủy ban nhân dân"}, {"unknown", "XYZ", ""}, {"assembly lookalike", "QHX", ""}};
        for (const Case& c : cases) {
            CAPTURE(c.name);
            CHECK(issuer_for_code(c.text) == c.expected);
        }
    }

    TEST_CASE("every corpus document matches its hand-checked identity") {
        const fs::path corpus = fs::path(TRACUU_SOURCE_DIR) / "corpus";
        std::ifstream in(fs::path(TRACUU_SOURCE_DIR) / "tests/indexer/data/identity_expected.tsv");
        REQUIRE(in.good());
        std::set<std::string> listed;
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line.front() == '#') continue;
            const std::vector<std::string> f = split_tabs(line);
            REQUIRE(f.size() >= 7);
            CAPTURE(f[0]);
            listed.insert(f[0]);
            // The indexer's own extraction, so PDF and HTML are read as they are indexed.
            const auto text = tracuu::indexer::extract_file(corpus / f[0]);
            REQUIRE(text.ok());
            const DocumentIdentity id = extract_identity(text.value().text);
            CHECK(id.number == f[1]);
            CHECK(id.type == f[2]);
            CHECK(id.issuer == f[3]);
            CHECK(id.date == f[4]);
            CHECK(id.title.starts_with(f[5]));
            CHECK(id.signer == f[6]);
        }
        for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
            const std::string ext = entry.path().extension().string();
            if (!entry.is_regular_file() || (ext != ".txt" && ext != ".pdf" && ext != ".html")) continue;
            const std::string relative = fs::relative(entry.path(), corpus).generic_string();
            CAPTURE(relative);
            CHECK(listed.count(relative) == 1);  // a new corpus file needs its row
        }
    }
}
