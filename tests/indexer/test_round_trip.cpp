#include <doctest/doctest.h>

#include "analyzers/analyzer.h"
#include "analyzers/normalize.h"
#include "tests/indexer/search_fixture.h"

using tracuu::testing::SearchFixture;

namespace {

struct MatchCase {
    const char* name;
    const char* document;
    const char* query;
    bool matches;
};

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("every word of an indexed sentence finds it again, with and without diacritics") {
    const char* sentences[] = {
        "Ủy ban nhân dân tỉnh Ninh Bình xây dựng kế hoạch hoạt động khoa học, công nghệ năm 2026.",
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển.",
        "Chi cho hoạt động KH&CN các xã/phường: 258 tỷ đồng; kinh phí 1.000.000 đồng, tỷ lệ 12,5%.",
        "Quý khách thuở xưa giữa khuya người quả giá hoà khoẻ thuỷ lợi Đồng Nai COVID-19 chinhphu.vn",
    };
    const tracuu::analyzers::Analyzer analyzer(tracuu::analyzers::AnalysisMode::Index);
    for (const char* sentence : sentences) {
        SearchFixture index;
        index.add("d", sentence);
        index.add("other", "một văn bản khác hẳn");
        for (const auto& token : analyzer.analyze(tracuu::analyzers::normalize_text(sentence))) {
            if (token.width != 1) continue;
            CAPTURE(sentence);
            CAPTURE(token.text);
            CHECK(index.matches(token.text, "d"));
            CHECK(index.matches(token.folded, "d"));
        }
    }
}

TEST_CASE("queries match documents across Unicode forms, tone placement, case and layers") {
    const MatchCase cases[] = {
        {"NFD document, NFC query (1)", "Vie\u0302\u0323t Nam", "việt nam", true},
        {"no-break space phrase (3)", "Ủy\u00A0ban nhân dân", "\"ủy ban\"", true},
        {"zero-width space phrase (4)", "nhân\u200Bdân", "\"nhân dân\"", true},
        {"capitals (5)", "ỦY BAN NHÂN DÂN", "ủy ban nhân dân", true},
        {"Eth, accented (6)", "\u00D0ảm bảo", "đảm bảo", true},
        {"Eth, folded (6)", "\u00D0ảm bảo", "dam bao", true},
        {"new placement query (9)", "Ủy ban", "Uỷ ban", true},
        {"old placement query (9)", "Uỷ ban", "Ủy ban", true},
        {"unaccented query (10)", "UỶ BAN", "uy ban", true},
        {"hoà / hòa (11)", "Cộng hòa", "Cộng hoà", true},
        {"thuỷ / thủy (12)", "thủy lợi", "thuỷ lợi", true},
        {"khoẻ / khỏe (13)", "khỏe", "khoẻ", true},
        {"quy folded matches quỹ (15)", "Quỹ phát triển", "quy", true},
        {"qui matches quy (15, 20)", "qui định", "quy định", true},
        {"misplaced marks (19)", "chất lựơng", "chất lượng", true},
        {"kĩ / kỹ (20)", "kĩ thuật", "kỹ thuật", true},
        {"lí / lý (20)", "lí do", "lý do", true},
        {"unaccented sentence (22)", "Kế hoạch phát triển kinh tế - xã hội", "ke hoach phat trien kinh te xa hoi", true},
        {"đ folds to d (23)", "đầu tư công", "dau tu cong", true},
        {"partial accents (25)", "kế hoạch", "ke hoạch", true},
        {"phrase across hyphen words (56)", "Cộng hòa xã hội chủ nghĩa Việt Nam", "\"xã hội chủ nghĩa\"", true},
        {"phrase order matters (57)", "sinh học", "\"học sinh\"", false},
        {"không is searchable (60)", "không thu phí", "\"không thu phí\"", true},
        {"không is not dropped (60)", "thu phí", "không thu phí", false},
        {"COVID19 (61)", "COVID-19", "COVID19", true},
        {"covid 19 (61)", "COVID-19", "covid 19", true},
        {"URL part (62)", "thuvienphapluat.vn chinhphu.vn", "chinhphu", true},
        {"anh cả (58)", "Em út theo anh cả vào miền Nam", "\"anh cả\"", true},
        {"miền Nam (58)", "Em út theo anh cả vào miền Nam", "\"miền Nam\"", true},
        {"exclusion", "kế hoạch chuyển đổi số", "kế hoạch -số", false},
        {"OR", "kế hoạch", "nghị OR hoạch", true},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        SearchFixture index;
        index.add("d", c.document);
        CHECK(index.matches(c.query, "d") == c.matches);
    }
}

TEST_CASE("document numbers, dates and numbers are found in every common spelling") {
    const MatchCase cases[] = {
        {"exact number (38)", "Nghị định số 60/2021/NĐ-CP", "60/2021/NĐ-CP", true},
        {"number and year (38)", "Nghị định số 60/2021/NĐ-CP", "60/2021", true},
        {"folded number (38)", "Nghị định số 60/2021/NĐ-CP", "60/2021/ND-CP", true},
        {"slug order (38)", "Nghị định số 60/2021/NĐ-CP", "nd-cp 60 2021", true},
        {"type and number (38)", "Nghị định số 60/2021/NĐ-CP", "Nghị định 60", true},
        {"code and number/year (38)", "Nghị định số 60/2021/NĐ-CP", "NĐ 60/2021", true},
        {"URL slug (26)", "Nghị định 09/2020/NĐ-CP", "nghi dinh 09 2020 nd cp", true},
        {"other year is no match (39)", "Nghị định số 60/2020/NĐ-CP", "60/2021/NĐ-CP", false},
        {"other number is no match (39)", "Nghị định số 61/2021/NĐ-CP", "60/2021/NĐ-CP", false},
        {"Party number (40)", "Nghị quyết số 57-NQ/TW", "57-NQ/TW", true},
        {"Party number swapped (40)", "Nghị quyết số 57-NQ/TW", "57/NQ-TW", true},
        {"Party number by words (40)", "Nghị quyết số 57-NQ/TW", "nghị quyết 57", true},
        {"NQ/TW alone (40)", "Nghị quyết số 57-NQ/TW", "NQ/TW", true},
        {"government is not Party (41)", "Nghị quyết 71/NQ-CP", "71-NQ/TW", false},
        {"Party is not government (41)", "Nghị quyết 71-NQ/TW", "71/NQ-CP", false},
        {"admin number (42)", "Số: 123/KH-UBND", "123/KH-UBND", true},
        {"date without zeros (44)", "ngày 05/3/2020", "5/3/2020", true},
        {"date with zeros (44)", "ngày 05/3/2020", "05/03/2020", true},
        {"date in words (44)", "ngày 05/3/2020", "ngày 05 tháng 3 năm 2020", true},
        {"Điều phrase (45)", "Điều 5 khoản 2 điểm a", "\"Điều 5\"", true},
        {"en dash range (46)", "giai đoạn 2021–2025", "2021-2025", true},
        {"spaced range (46)", "giai đoạn 2021 - 2025", "2021-2025", true},
        {"thousands dots (47)", "1.000.000 đồng", "1.000.000", true},
        {"plain digits (47)", "1.000.000 đồng", "1000000 đồng", true},
        {"decimal comma (47)", "tỷ lệ 12,5%", "12,5", true},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        SearchFixture index;
        index.add("d", c.document);
        CHECK(index.matches(c.query, "d") == c.matches);
    }
}

TEST_CASE("abbreviations and their long forms find each other (48-55, 42, 43)") {
    const MatchCase cases[] = {
        {"UBND → long form (48)", "Ủy ban nhân dân tỉnh Ninh Bình", "UBND tỉnh", true},
        {"long form → UBND (48)", "UBND tỉnh Ninh Bình", "ủy ban nhân dân", true},
        {"hdnd without đ (49)", "HĐND tỉnh", "hdnd", true},
        {"HĐND → long form (49)", "Hội đồng nhân dân tỉnh", "HĐND", true},
        {"KH&CN → với và (50)", "khoa học và công nghệ", "KH&CN", true},
        {"KHCN → without và (50)", "khoa học công nghệ", "KHCN", true},
        {"long form → KH&CN (50)", "Sở KH&CN", "khoa học và công nghệ", true},
        {"ĐMST (51)", "đổi mới sáng tạo", "ĐMST", true},
        {"CĐS (51)", "chuyển đổi số", "CĐS", true},
        {"NSNN (52)", "dự toán ngân sách nhà nước năm 2025", "dự toán NSNN năm 2025", true},
        {"BCT, either body (53)", "Bộ Công Thương", "BCT", true},
        {"TP.HCM (54)", "thành phố Hồ Chí Minh", "TP.HCM", true},
        {"TP. HCM (54)", "thành phố Hồ Chí Minh", "TP. HCM", true},
        {"TPHCM (54)", "TP.HCM", "TPHCM", true},
        {"Tp. Hồ Chí Minh (54)", "TP.HCM", "Tp. Hồ Chí Minh", true},
        {"QyĐ (55)", "Quy định về quản lý", "qyđ", true},
        {"kế hoạch → KH code (42)", "Số: 123/KH-UBND", "kế hoạch 123 UBND", true},
        {"thủ tướng → TTg (43)", "Quyết định 749/QĐ-TTg", "quyết định 749 thủ tướng", true},
        {"KH alone does not mean kế hoạch", "kế hoạch năm", "KH", false},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        SearchFixture index;
        index.add("d", c.document);
        CHECK(index.matches(c.query, "d") == c.matches);
    }
}

TEST_CASE("an accented query ranks exact matches above folded ones (24)") {
    SearchFixture index;
    index.add("ban-table", "cái bàn gỗ");
    index.add("ban-sell", "bán hàng hóa");
    index.add("ban-friend", "người bạn tốt");
    const auto folded = index.search("ban");
    CHECK(folded.size() == 3);
    const auto accented = index.search("bán");
    REQUIRE(!accented.empty());
    CHECK(accented.front() == "ban-sell");
}

TEST_CASE("quý and quỹ are different words in the accented layer (14)") {
    SearchFixture index;
    index.add("fund", "Quỹ phát triển khoa học");
    index.add("quarter", "báo cáo quý I năm 2025");
    const auto ids = index.search("quý");
    REQUIRE(ids.size() == 2);  // the fund only through the folded fallback
    CHECK(ids.front() == "quarter");
    CHECK(index.search("quỹ").front() == "fund");
}

TEST_CASE("adjacent words rank above the same words far apart (57)") {
    SearchFixture index;
    index.add("apart", "học tập chăm chỉ để phát triển sinh kế");
    index.add("adjacent", "học sinh chăm chỉ để phát triển kế hoạch");
    const auto ids = index.search("học sinh");
    REQUIRE(ids.size() == 2);
    CHECK(ids.front() == "adjacent");
}

TEST_CASE("a document whose whole title the query contains ranks above one that shares other words") {
    SearchFixture index;
    for (int i = 0; i < 20; ++i) index.add("other-" + std::to_string(i), "Quy định chung về việc khác.", "Phạm vi điều chỉnh");
    index.add("health", "Thống kê người đang điều trị nghiện.", "Trách nhiệm của Bộ Y tế");
    index.add("police", "Tổ chức công tác giám định chất ma túy và tiền chất.", "Trách nhiệm của Bộ Công an");
    const auto ids = index.search("Trách nhiệm của Bộ Y tế trong việc giám định chất ma túy");
    REQUIRE(ids.size() >= 2);
    CHECK(ids[0] == "health");
    CHECK(ids[1] == "police");
}

TEST_CASE("a statement of more than 8 words finds the document that lacks some of its words") {
    SearchFixture index;
    index.add("contract", "Viên chức được ký hợp đồng vụ, việc với cơ quan, tổ chức, đơn vị khác.");
    index.add("other", "Viên chức không được làm những việc khác.");
    const auto ids = index.search("viên chức không được tham gia hợp đồng vụ việc với cơ quan khác");
    REQUIRE(ids.size() == 2);
    CHECK(ids.front() == "contract");
    CHECK(index.search("viên chức tham gia hợp đồng").empty());  // up to 8 words, all are required
}

TEST_CASE("an exact document number ranks the document that carries it first") {
    SearchFixture index;
    index.add("mentions-words", "nghị định 60 năm 2021 về chính phủ và NĐ CP");
    index.add("carries", "Nghị định số 60/2021/NĐ-CP quy định cơ chế tự chủ");
    const auto ids = index.search("60/2021/NĐ-CP");
    REQUIRE(!ids.empty());
    CHECK(ids.front() == "carries");
}

TEST_CASE("a document number finds the documents that carry it, not those holding its parts apart") {
    SearchFixture index;
    index.add("apart", "ngày 7 tháng 5 Sở gửi QĐ lên UBND tỉnh");
    index.add("carries", "Quyết định số 7/QĐ-UBND về kế hoạch");
    index.add("spaced", "theo Quyết định số 7 / QĐ - UBND của tỉnh");
    CHECK(index.search("7/QĐ-UBND") == std::vector<std::string>{"carries", "spaced"});
    // Words typed loose, in another order, still find every document holding them.
    const auto loose = index.search("qd ubnd 7");
    CHECK(std::find(loose.begin(), loose.end(), "apart") != loose.end());
}

}
