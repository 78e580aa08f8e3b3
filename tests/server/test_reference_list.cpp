// The list of cited keys (/api/references) counts citing documents the way a key's page
// (/api/references/{key}) lists them: the files of one document (the same plan saved twice) once.
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "indexer/index_run.h"
#include "server/reference_reader.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::server;
using tracuu::testing::TempDir;

namespace {

/// A provincial plan numbered `number` that cites 03-NQ/TW once, 57-NQ/TW `citations` times, then `more`.
std::string plan(const std::string& number, int citations, const std::string& more = "") {
    std::string text = "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: " + number +
                       "\nNinh Bình, ngày 25 tháng 7 năm 2025\n\nKẾ HOẠCH\nVề việc chuyển đổi số năm 2026\n\n"
                       "Căn cứ Nghị quyết số 03-NQ/TW ngày 5/3/2024 của Bộ Chính trị;\n";
    for (int i = 1; i <= citations; ++i) {
        text += "Điều " + std::to_string(i) + ". Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về nhiệm vụ " +
                std::to_string(i) + ".\n";
    }
    return text + more;
}

/// `folder` indexed into a fresh index under `dir`, opened for reading.
Xapian::Database index_of(const TempDir& dir, const std::string& folder) {
    const auto index = dir.path() / "index";
    {
        auto writer = tracuu::indexer::IndexWriter::open(index).value();
        const auto summary = tracuu::indexer::index_paths(writer, {dir.path() / folder}, {}, nullptr);
        REQUIRE(summary.problems.empty());
    }
    return Xapian::Database(index.string());
}

std::optional<KeyEntry> entry_of(const std::vector<KeyEntry>& list, const std::string& key) {
    const auto it = std::find_if(list.begin(), list.end(), [&](const KeyEntry& e) { return e.key == key; });
    if (it == list.end()) return std::nullopt;
    return *it;
}

std::vector<std::string> keys_of(const std::vector<KeyEntry>& list) {
    std::vector<std::string> out;
    for (const auto& e : list) out.push_back(e.key);
    return out;
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("a key is found however a person writes it, and one naming several documents says which") {
    TempDir dir;
    dir.write("docs/kh13.txt", plan("13/KH-UBND", 1, "Thực hiện Quyết định số 929/QĐ-TTg ngày 3/6/2025 của Thủ tướng Chính phủ.\n"));
    dir.write("docs/kh13-quang-ninh.txt",
              "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 13/KH-UBND\nQuảng Ninh, ngày 2 tháng 3 năm 2024\n\nKẾ HOẠCH\nVề việc cải cách hành chính\n");
    const Xapian::Database db = index_of(dir, "docs");
    const auto canonical = reference(db, "57-NQ/TW");
    REQUIRE(canonical.ok());
    for (const char* written : {"57-nq/tw", "57-NQ/Tw"}) {
        CAPTURE(written);
        const auto found = reference(db, written);
        REQUIRE(found.ok());
        CHECK(found.value().key == "57-NQ/TW");
        CHECK(found.value().cited_by.size() == canonical.value().cited_by.size());
    }
    const auto decision = reference(db, "929/QĐ-TTG@2025@thủ tướng chính phủ");
    REQUIRE(decision.ok());
    for (const char* written : {"929/QĐ-TTg@2025@Thủ tướng Chính phủ", "929/qđ-ttg@2025@THỦ TƯỚNG CHÍNH PHỦ", "929/QD-TTg@2025@Thu tuong Chinh phu",
                                "929/QĐ-TTg@2025"}) {
        CAPTURE(written);
        const auto found = reference(db, written);
        REQUIRE(found.ok());
        CHECK(found.value().key == decision.value().key);
    }
    const auto plan_key = reference(db, "13/KH-UBND@2025@ủy ban nhân dân tỉnh ninh bình");
    REQUIRE(plan_key.ok());
    REQUIRE(plan_key.value().document);
    const auto written_so = reference(db, "13/KH-UBND@2025@UBND tỉnh Ninh Bình");
    REQUIRE(written_so.ok());
    REQUIRE(written_so.value().document);
    CHECK(written_so.value().document->id == plan_key.value().document->id);
    // Two provinces' plans 13/KH-UBND: the short form names both.
    const auto both = reference(db, "13/kh-ubnd");
    REQUIRE_FALSE(both.ok());
    CHECK(both.error().code == tracuu::ErrorCode::NotFound);
    CHECK(both.error().message.find("ninh bình") != std::string::npos);
    CHECK(both.error().message.find("quảng ninh") != std::string::npos);
}

TEST_CASE("the list of cited keys keeps to one document type when asked") {
    TempDir dir;
    dir.write("docs/kh13.txt", plan("13/KH-UBND", 1, "Thực hiện Quyết định số 929/QĐ-TTg ngày 3/6/2025 của Thủ tướng Chính phủ và "
                                                     "Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ.\n"));
    const Xapian::Database db = index_of(dir, "docs");
    const auto keys_of_type = [&](const std::string& type) { return keys_of(list_references(db, "", false, 100, type)); };
    const auto every = keys_of_type("");
    REQUIRE(every.size() >= 4);
    const std::vector<std::string> resolutions{"3-NQ/TW", "57-NQ/TW"};  // keys drop leading zeros
    for (const char* written : {"Nghị quyết", "nghi quyet", "NGHỊ QUYẾT"}) {
        CAPTURE(written);
        auto found = keys_of_type(written);
        std::sort(found.begin(), found.end());
        CHECK(found == resolutions);
    }
    CHECK(keys_of_type("Nghị định") == std::vector<std::string>{"60/2021/NĐ-CP"});
    CHECK(keys_of_type("Thông tư").empty());
}

TEST_CASE("the list of cited keys counts a document held as two files once, as the key's page does") {
    TempDir dir;
    // One plan saved twice (as the corpus holds kh13 as .txt and .pdf; the second file lost a
    // citation in extraction), and a second plan citing the same key.
    dir.write("docs/kh13.txt", plan("13/KH-UBND", 3));
    dir.write("docs/kh13-ban-sao.txt", plan("13/KH-UBND", 2));
    dir.write("docs/kh20.txt", plan("20/KH-UBND", 1));
    const Xapian::Database db = index_of(dir, "docs");
    REQUIRE(db.get_termfreq("XC57-NQ/TW") == 3);  // three files cite it

    const auto key = reference(db, "57-NQ/TW");
    REQUIRE(key.ok());
    REQUIRE(key.value().cited_by.size() == 2);
    std::size_t copies = 0;
    for (const auto& c : key.value().cited_by) copies += c.copies.size();
    CHECK(copies == 1);

    const auto list = list_references(db, "57-NQ", false, 100);
    const auto entry = entry_of(list, "57-NQ/TW");
    REQUIRE(entry);
    CHECK(entry->cited_by == key.value().cited_by.size());
    CHECK(entry->cited_by == 2);
    CHECK_FALSE(entry->document);
}

TEST_CASE("the list of cited keys keeps its order, limit and unresolved filter when it counts documents") {
    TempDir dir;
    // 03-NQ/TW and 57-NQ/TW: 3 files, 2 documents. 99-NQ/TW: 2 files of one plan, 1 document, so
    // file counts alone would rank it above 88-NQ/TW (1 file) instead of after it (same count,
    // later key). 13/KH-UBND: held by the index, cited by one file.
    const std::string nq99 = "Triển khai Nghị quyết số 99-NQ/TW ngày 2/2/2025 của Bộ Chính trị.\n";
    dir.write("docs/kh13.txt", plan("13/KH-UBND", 2, nq99));
    dir.write("docs/kh13-ban-sao.txt", plan("13/KH-UBND", 2, nq99));
    dir.write("docs/kh20.txt", plan("20/KH-UBND", 1, "Căn cứ Kế hoạch số 13/KH-UBND ngày 25/7/2025 của Ủy ban nhân dân tỉnh Ninh Bình.\n"));
    dir.write("docs/kh30.txt", "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 30/KH-UBND\nNinh Bình, ngày 1 tháng 8 năm 2025\n\nKẾ HOẠCH\n"
                               "Về việc chuyển đổi số\n\nThực hiện Nghị quyết số 88-NQ/TW ngày 1/1/2025 của Bộ Chính trị.\n");
    const Xapian::Database db = index_of(dir, "docs");

    const auto all = list_references(db, "", false, 100);
    REQUIRE(all.size() >= 3);
    // Every count equals the key page's, and the list runs most cited first, then by key.
    for (std::size_t i = 0; i < all.size(); ++i) {
        CAPTURE(all[i].key);
        const auto key = reference(db, all[i].key);
        REQUIRE(key.ok());
        CHECK(all[i].cited_by == key.value().cited_by.size());
        CHECK(all[i].cited_by <= db.get_termfreq("XC" + all[i].key));
        if (i > 0) {
            const bool ordered = all[i - 1].cited_by > all[i].cited_by || (all[i - 1].cited_by == all[i].cited_by && all[i - 1].key < all[i].key);
            CHECK(ordered);
        }
    }
    const auto nq57 = entry_of(all, "57-NQ/TW");
    REQUIRE(nq57);
    CHECK(nq57->cited_by == 2);
    CHECK(db.get_termfreq("XC57-NQ/TW") == 3);
    const auto once = entry_of(all, "99-NQ/TW");
    REQUIRE(once);
    CHECK(once->cited_by == 1);
    CHECK(db.get_termfreq("XC99-NQ/TW") == 2);

    SUBCASE("limit keeps the first keys of the whole list") {
        const std::vector<std::string> keys = keys_of(all);
        for (std::size_t limit = 1; limit <= all.size(); ++limit) {
            CAPTURE(limit);
            const auto first = list_references(db, "", false, limit);
            REQUIRE(first.size() == limit);
            CHECK(keys_of(first) == std::vector<std::string>(keys.begin(), keys.begin() + static_cast<long>(limit)));
            for (std::size_t i = 0; i < limit; ++i) CHECK(first[i].cited_by == all[i].cited_by);
        }
        CHECK(list_references(db, "", false, 0).empty());
    }

    SUBCASE("unresolved_only drops exactly the keys the corpus holds") {
        std::vector<std::string> expected;
        for (const auto& e : all) {
            if (!e.document) expected.push_back(e.key);
        }
        REQUIRE(expected.size() < all.size());  // some key is held, e.g. 13/KH-UBND's
        const auto unresolved = list_references(db, "", true, 100);
        CHECK(keys_of(unresolved) == expected);
        for (const auto& e : unresolved) CHECK_FALSE(e.document);
    }
}

}  // TEST_SUITE
