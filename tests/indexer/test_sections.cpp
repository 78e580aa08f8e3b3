#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/extract.h"
#include "indexer/sections.h"

namespace {

namespace fs = std::filesystem;
using tracuu::indexer::extract_sections;
using tracuu::indexer::Section;
using tracuu::indexer::section_path_at;

/// The paths of the sections up to `max_level`, joined by " | ": the golden form of an outline.
std::string outline(const std::vector<Section>& sections, int max_level = 99) {
    std::string out;
    for (const Section& s : sections) {
        if (s.level <= max_level) out += (out.empty() ? "" : " | ") + s.path;
    }
    return out;
}

std::string corpus_text(const std::string& path) {
    const auto result = tracuu::indexer::extract_file(fs::path(TRACUU_SOURCE_DIR) / "corpus" / path);
    REQUIRE(result.ok());
    return result.value().text;
}

struct Case {
    std::string_view name;
    std::string_view text;
    std::string_view expected;
};

}  // namespace

TEST_SUITE("indexer") {
    TEST_CASE("the Ninh Bình plan has its A, B, C outline with the numbering quirks of LEGAL.md") {
        const std::string expected =
            "A | A.I | A.I.1 | A.I.2 | A.I.3 | A.II | A.III | A.III.3.1 | A.III.3.2 | B | B.1 | B.2 | B.3 | B.4 | B.5 | B.6 | "
            "B.7 | B.8 | B.9 | B.10 | B.11 | B.12 | C | C.1 | C.2 | C.2.1 | C.2.2";
        for (const std::string file : {"plans/kh13-2025-ninh-binh.txt", "plans/kh13-2025-ninh-binh.pdf"}) {
            CAPTURE(file);
            const std::vector<Section> sections = extract_sections(corpus_text(file));
            CHECK(outline(sections, 3) == expected);
            // 2.1–2.9 under 2., 3.4 missing, lettered points a) b) restarting and c. → e) under 2.8.
            CHECK(outline(sections, 4).find("A.I.2 | A.I.2.1 | A.I.2.2 | A.I.2.3 | A.I.2.4 | A.I.2.5") != std::string::npos);
            CHECK(outline(sections).find("A.I.3.3 | A.I.3.5 | A.II") != std::string::npos);
            CHECK(outline(sections).find("A.I.2.4.a | A.I.2.4.b | A.I.2.4.a | A.I.2.4.b") != std::string::npos);
            CHECK(outline(sections).find("A.I.2.8.a | A.I.2.8.b | A.I.2.8.c | A.I.2.8.e | A.I.2.9") != std::string::npos);
            REQUIRE(sections.size() > 2);
            CHECK(sections[0].heading == "A. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH KH,CN, ĐMST&CĐS GIAI ĐOẠN 2021-2025");
            CHECK(sections[2].heading.starts_with("1. Tình hình ban hành và triển khai thực hiện"));
        }
    }

    TEST_CASE("a decree has its chapters, divisions and articles") {
        std::vector<Section> sections = extract_sections(corpus_text("vbpl/doc_000001.txt"));
        std::erase_if(sections, [](const Section& s) {
            const std::string_view last = std::string_view(s.path).substr(s.path.rfind('.') == std::string::npos ? 0 : s.path.rfind('.') + 1);
            return !last.starts_with("Chương") && !last.starts_with("Mục") && !last.starts_with("Điều");
        });
        CHECK(outline(sections) ==
              "Chương I | Chương I.Điều 1 | Chương I.Điều 2 | Chương II | Chương II.Mục 1 | Chương II.Mục 1.Điều 3 | "
              "Chương II.Mục 1.Điều 4 | Chương II.Mục 1.Điều 5 | Chương II.Mục 1.Điều 6 | Chương II.Mục 1.Điều 7 | "
              "Chương II.Mục 2 | Chương II.Mục 2.Điều 8 | Chương II.Mục 2.Điều 9 | Chương II.Mục 2.Điều 10 | "
              "Chương II.Mục 2.Điều 11 | Chương III | Chương III.Điều 12 | Chương III.Điều 13 | Chương III.Điều 14 | "
              "Chương III.Điều 15 | Chương III.Điều 16");
        REQUIRE(sections.size() > 3);
        CHECK(sections[0].heading == "Chương I. QUY ĐỊNH CHUNG");
        CHECK(sections[1].heading == "Điều 1. Phạm vi điều chỉnh");
        CHECK(sections[3].level == 1);
        CHECK(sections[5].level == 3);
    }

    TEST_CASE("headings nest by their labels and numbering") {
        const Case cases[] = {
            {"chapters, articles, clauses and points",
             "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Khoản một\na) Điểm a\nb) Điểm b\n2. Khoản hai\nĐiều 2. Đối tượng\n"
             "Chương II\nTỔ CHỨC\nMục 1. QUY ĐỊNH\nĐiều 3. Ba\n",
             "Chương I | Chương I.Điều 1 | Chương I.Điều 1.1 | Chương I.Điều 1.1.a | Chương I.Điều 1.1.b | Chương I.Điều 1.2 | "
             "Chương I.Điều 2 | Chương II | Chương II.Mục 1 | Chương II.Mục 1.Điều 3"},
            {"parts", "PHẦN THỨ NHẤT\nNHỮNG VẤN ĐỀ CHUNG\nChương I\nPHẠM VI\nPhần thứ hai\nChương I\nKHÁC\n",
             "Phần thứ nhất | Phần thứ nhất.Chương I | Phần thứ hai | Phần thứ hai.Chương I"},
            {"dotted numbers under their written parent", "I. Một\n1. Một\n2. Hai\n2.1. Hai một\n2.1.1 Sâu\n2.2. Hai hai\n3. Ba\n",
             "I | I.1 | I.2 | I.2.1 | I.2.1.1 | I.2.2 | I.3"},
            {"numbering restarted under a Roman section", "I. Một\n3. Ba\nIII. Ba\n3.1. Khó khăn\n3.2. Đề xuất\n",
             "I | I.3 | III | III.3.1 | III.3.2"},
            {"letters before and after Roman numerals", "A. MỘT\nI. Ý\nII. Hai\nB. HAI\nC. BA\nI. Ý\n", "A | A.I | A.II | B | C | C.I"},
            {"skipped points and a point written with a dot", "2.8. Chuyển đổi số\na) A\nb) B\nc. Dữ liệu\ne) E\n",
             "2.8 | 2.8.a | 2.8.b | 2.8.c | 2.8.e"},
            {"appendix after the signature", "Điều 1. Một\nĐiều 2. Hai\nKT. BỘ TRƯỞNG\nPHỤ LỤC I\nDANH MỤC\n1. Mẫu một\nPhụ lục II\n",
             "Điều 1 | Điều 2 | Phụ lục I | Phụ lục I.1 | Phụ lục II"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.name);
            CHECK(outline(extract_sections(c.text)) == c.expected);
        }
    }

    TEST_CASE("bullets, sentences, amounts and quoted amendments are not headings") {
        const std::string paragraph = "1. Trong giai đoạn này" + std::string(260, 'x') + "\n";
        const Case cases[] = {
            {"bullets", "A. MỤC\n- 1. Gạch đầu dòng\n+ Cộng\n* Sao\n• Chấm\n1. Một\n", "A | A.1"},
            {"a numbered sentence restarting a list", "I. Một\n1. Một\n2. Hai\n1. Lại một\n3. Ba\n", "I | I.1 | I.2 | I.3"},
            {"amounts and page numbers", "I. Một\n1.224.108 Văn bản\n54 CÔNG BÁO/Số 535\n1.5 triệu đồng\n", "I"},
            {"folding lookalikes", "Mức 1\nPhần thu nhập tính thuế\nMục I = mục 1 + mục 2\nĐiều 5 Nghị định này quy định\n", ""},
            {"a long paragraph at the top level", paragraph, ""},
            {"the preamble of a consolidated text",
             "LUẬT\nKẾ TOÁN\n1. Luật Quản lý thuế số 38/2019/QH14\n2. Luật số 56/2024/QH15\nCăn cứ Hiến pháp;\nChương I\nCHUNG\n", "Chương I"},
            {"text an amending article inserts",
             "Điều 1. Sửa đổi\n1. Sửa đổi Điều 5 như sau:\n“Điều 5. Mới\n1. Nội dung\na) Điểm\n2. Nội dung”\n2. Bãi bỏ\n"
             "3. Thay cụm từ “Không có\" bằng\nĐiều 2. Hiệu lực\n",
             "Điều 1 | Điều 1.1 | Điều 1.2 | Điều 1.3 | Điều 2"},
            {"a quotation left open ends at the next article", "Điều 1. Một\n1. Thay “A\n2. Hai\nĐiều 2. Hai\n1. Khoản\n",
             "Điều 1 | Điều 1.1 | Điều 2 | Điều 2.1"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.name);
            CHECK(outline(extract_sections(c.text)) == c.expected);
        }
    }

    TEST_CASE("headings keep their line, lose footnote markers and are clipped") {
        const std::string long_title = "1. Kế hoạch hành động[1] " + std::string(300, 'a');
        const std::vector<Section> sections = extract_sections("A. MỘT\n" + long_title + "\nB. HAI[2]\n");
        REQUIRE(sections.size() == 3);
        CHECK(sections[1].heading.starts_with("1. Kế hoạch hành động aaa"));
        CHECK(sections[1].heading.ends_with("…"));
        CHECK(sections[1].heading.size() <= 200 + std::string_view("…").size());
        CHECK(sections[2].heading == "B. HAI");
    }

    TEST_CASE("offsets point at heading lines and section_path_at finds the innermost section") {
        const std::string text = "KẾ HOẠCH\nThực hiện văn bản.\nA. MỘT\n  I. Ý một\nnội dung\n1. Việc một\nnội dung một\nB. HAI\n";
        const std::vector<Section> sections = extract_sections(text);
        REQUIRE(outline(sections) == "A | A.I | A.I.1 | B");
        for (const Section& s : sections) {
            CAPTURE(s.path);
            CHECK(std::string_view(text).substr(s.offset).starts_with(s.heading));
        }
        CHECK(section_path_at(sections, 0) == "");
        CHECK(section_path_at(sections, sections[0].offset) == "A");
        CHECK(section_path_at(sections, text.find("nội dung\n")) == "A.I");
        CHECK(section_path_at(sections, text.find("nội dung một")) == "A.I.1");
        CHECK(section_path_at(sections, text.size()) == "B");
        CHECK(section_path_at({}, 10) == "");
    }

    TEST_CASE("empty or broken text has no sections") {
        for (const std::string_view text : {std::string_view(""), std::string_view("\n\f\n"), std::string_view("\xC3\x28 I. \xFF")}) {
            CAPTURE(text);
            CHECK(extract_sections(text).empty());
        }
    }
}
