// The reference keys of an index by document type: what `nghi quy` and `nghị quyết 5` complete to.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "indexer/index_run.h"
#include "server/cited_key_table.h"
#include "tests/support/temp_dir.h"

using tracuu::server::CitedKeyTable;
using tracuu::server::KeyCompletion;
using tracuu::testing::TempDir;

namespace {

/// Three documents: 57-NQ/TW cited by all three, 60/2021/NĐ-CP by two, the others once; the
/// plan 5/KH-UBND is held and cited by none; a công văn (3/UBND-VP) names no type.
std::shared_ptr<const CitedKeyTable> build_table(const TempDir& dir) {
    dir.write("docs/a.txt",
              "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 5/KH-UBND\nNinh Bình, ngày 5 tháng 3 năm 2025\n\nKẾ HOẠCH\nVề chuyển đổi số\n\n"
              "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Nghị định số 60/2021/NĐ-CP, Quyết định số "
              "1049/QĐ-UBND ngày 5/3/2021 của UBND tỉnh Ninh Bình và Công văn số 3/UBND-VP.\n");
    dir.write("docs/b.txt", "KẾ HOẠCH\nVề khoa học\n\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Nghị quyết số 15-NQ/TU của Tỉnh ủy.\n");
    dir.write("docs/c.txt", "BÁO CÁO\nVề đầu tư\n\nCăn cứ Nghị quyết số 57-NQ/TW và Nghị định số 60/2021/NĐ-CP.\n");
    {
        auto writer = tracuu::indexer::IndexWriter::open(dir.path() / "index").value();
        (void)tracuu::indexer::index_paths(writer, {dir.path() / "docs"}, {}, nullptr);
    }
    return CitedKeyTable::build(Xapian::Database((dir.path() / "index").string()));
}

std::vector<std::string> texts(const std::vector<KeyCompletion>& keys) {
    std::vector<std::string> out;
    for (const auto& k : keys) out.push_back(k.text);
    return out;
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("a type typed completes to its keys, most cited first, a number started narrows them") {
    TempDir dir;
    const auto table = build_table(dir);
    struct Case {
        const char* typed;  ///< folded, as the suggester passes it
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases{
        {"nghi quy", {"Nghị quyết 57-NQ/TW", "Nghị quyết 15-NQ/TU"}},
        {"nghi quyet", {"Nghị quyết 57-NQ/TW", "Nghị quyết 15-NQ/TU"}},
        {"nghi quyet 1", {"Nghị quyết 15-NQ/TU"}},
        {"nghi quyet 57-nq/t", {"Nghị quyết 57-NQ/TW"}},
        {"nghi quyet 6", {}},
        {"nghi", {"Nghị quyết 57-NQ/TW", "Nghị định 60/2021/NĐ-CP", "Nghị quyết 15-NQ/TU"}},  // both types, by citations
        {"quyet dinh", {"Quyết định 1049/QĐ-UBND (2021)"}},  // a key with a year says it
        {"ke hoach", {"Kế hoạch 5/KH-UBND (2025)"}},         // held, cited by none
        {"ngh", {}},                                           // too few letters to name a type
        {"cong van", {}},                                      // 3/UBND-VP: no type code
        {"chuyen doi", {}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.typed);
        CHECK(texts(table->complete(c.typed, 5)) == c.expected);
    }
    CHECK(texts(table->complete("nghi", 2)) == std::vector<std::string>{"Nghị quyết 57-NQ/TW", "Nghị định 60/2021/NĐ-CP"});
}

TEST_CASE("a completion carries its reference key and how many files cite it") {
    TempDir dir;
    const auto table = build_table(dir);
    const auto nq = table->complete("nghi quyet 57", 5);
    REQUIRE(nq.size() == 1);
    CHECK(nq.front().key == "57-NQ/TW");
    CHECK(nq.front().cited_by == 3);
    const auto qd = table->complete("quyet dinh", 5);
    REQUIRE(qd.size() == 1);
    CHECK(qd.front().key == "1049/QĐ-UBND@2021@ủy ban nhân dân tỉnh ninh bình");
    CHECK(qd.front().cited_by == 1);
    const auto kh = table->complete("ke hoach 5", 5);
    REQUIRE(kh.size() == 1);
    CHECK(kh.front().cited_by == 0);
}

}  // TEST_SUITE
