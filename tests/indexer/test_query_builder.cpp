#include <doctest/doctest.h>

#include "indexer/query_builder.h"

using tracuu::indexer::QueryBuilder;

namespace {

std::string described(const std::string& query) {
    const QueryBuilder builder;
    const auto parsed = builder.build(query, Xapian::Database());
    return parsed.ok() ? parsed.value().query.get_description() : "error: " + parsed.error().message;
}

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("an unaccented word goes to the folded layer only") {
    CHECK(described("ban") == "Query(Fban)");
}

TEST_CASE("an accented word goes to the accented layer with the folded layer as a weaker fallback") {
    CHECK(described("bán") == "Query((Hban\\x09bán OR 0.2999999999999999889 * Fban))");
}

TEST_CASE("adjacent words are all required and their bigram boosts the ranking") {
    // With no vocabulary to look its accented spellings up in, the pair is its plain spelling.
    CHECK(described("phat trien") == "Query(((Fphat AND Ftrien) AND_MAYBE 2 * Bphat trien))");
}

TEST_CASE("up to 8 words all are required, and a longer query is ranked by any of its words") {
    const QueryBuilder builder;
    const auto eight = builder.build("một hai ba bốn năm sáu bảy tám", Xapian::Database());
    const auto nine = builder.build("một hai ba bốn năm sáu bảy tám chín", Xapian::Database());
    REQUIRE(eight.ok());
    REQUIRE(nine.ok());
    CHECK(eight.value().query.get_description() != eight.value().relaxed.get_description());
    CHECK(nine.value().query.get_description() == nine.value().relaxed.get_description());
}

TEST_CASE("an abbreviation also matches its long form as a phrase, and an ambiguous one at lower weight") {
    CHECK(described("UBND") == "Query((Fubnd OR (Fuy PHRASE 4 Fban PHRASE 4 Fnhan PHRASE 4 Fdan)))");
    CHECK(described("BCT") == "Query((Fbct OR 0.5 * ((Fbo PHRASE 3 Fchinh PHRASE 3 Ftri) OR (Fbo PHRASE 3 Fcong PHRASE 3 Fthuong))))");
}

TEST_CASE("a document number matches whole or by its parts in a row") {
    CHECK(described("57-NQ/TW") == "Query(((2 * J57-nq/tw OR (F57 PHRASE 3 Fnq PHRASE 3 Ftw)) AND_MAYBE 10 * XK=57-nq/tw))");
    CHECK(described("60/2021/NĐ-CP") ==
          "Query(((2 * I60/2021/nđ-cp OR (F60 PHRASE 4 F2021 PHRASE 4 Fnd PHRASE 4 Fcp)) AND_MAYBE 10 * XK=60/2021/nd-cp))");
}

TEST_CASE("phrases, exclusions and OR have their own operators") {
    CHECK(described("\"học sinh\"") == "Query(((Hhoc\\x09học OR Fhoc) PHRASE 2 Fsinh))");
    CHECK(described("ke -hoach") == "Query((Fke AND_NOT Fhoach))");
    CHECK(described("ke OR hoach") == "Query((Fke OR Fhoach))");
}

TEST_CASE("queries without searchable words are refused with a reason") {
    CHECK(described("") == "error: the query has no words to search for");
    CHECK(described("  ...  ") == "error: the query has no words to search for");
    CHECK(described("-ke") == "error: the query has only excluded words");
}

TEST_CASE("a query past 64 words is searched by its first 64") {
    std::string many;
    for (int i = 0; i < 64; ++i) many += "w" + std::to_string(i) + " ";
    const QueryBuilder builder;
    const auto first = builder.build(many, Xapian::Database());
    const auto longer = builder.build(many + "ngoài lề thêm 60/2021/NĐ-CP nữa", Xapian::Database());
    REQUIRE(first.ok());
    REQUIRE(longer.ok());
    CHECK(longer.value().query.get_description() == first.value().query.get_description());
    CHECK(longer.value().highlight == first.value().highlight);
    CHECK(first.value().highlight.count("w63") == 1);
    // A number across the cut is not searched as a number: only its parts before the cut remain.
    const auto cut = builder.build(many.substr(0, many.rfind("w63")) + "60/2021/NĐ-CP", Xapian::Database());
    REQUIRE(cut.ok());
    const std::string described_cut = cut.value().query.get_description();
    CHECK(described_cut.find("60/2021") == std::string::npos);
    CHECK(described_cut.find("F60") != std::string::npos);
    CHECK(described_cut.find("F2021") == std::string::npos);
}

TEST_CASE("highlight words are the folded forms of the wanted words, not the excluded ones") {
    const QueryBuilder builder;
    const auto parsed = builder.build("Ủy ban -xyz", Xapian::Database());
    REQUIRE(parsed.ok());
    CHECK(parsed.value().highlight == std::set<std::string>{"uy", "ban"});
    // The accented spellings of the words typed with diacritics (ủy), not of the others (ban).
    CHECK(parsed.value().highlight_exact == std::set<std::string>{"ủy"});
}

TEST_CASE("excluded words are only excluded: they neither match the relaxed form nor boost") {
    const QueryBuilder builder;
    const auto parsed = builder.build("ngân sách -\"giáo dục\" -ubnd", Xapian::Database());
    REQUIRE(parsed.ok());
    for (const Xapian::Query& q : {parsed.value().query, parsed.value().relaxed}) {
        const std::string description = q.get_description();
        CAPTURE(description);
        const std::size_t excluded = description.find("AND_NOT");
        REQUIRE(excluded != std::string::npos);
        for (const char* word : {"giao", "duc", "ubnd"}) {
            CAPTURE(word);
            CHECK(description.find(word) > excluded);  // only in what is excluded
        }
    }
}

TEST_CASE("identity fields in the query filter instead of ranking") {
    CHECK(described("loai:\"kế hoạch\" nam:2025") == "Query((Kdoc FILTER (XTke hoach AND XY2025)))");
    CHECK(described("ubnd co-quan:ubnd") ==
          "Query(((Fubnd OR (Fuy PHRASE 4 Fban PHRASE 4 Fnhan PHRASE 4 Fdan)) FILTER (XWubnd OR (XWuy AND XWban AND XWnhan AND XWdan))))");
    CHECK(described("type:\"Nghị định\" -status:\"hết hiệu lực\"") == "Query(((Kdoc FILTER XTnghi dinh) AND_NOT XShet hieu luc))");
    CHECK(described("nam:25") == "error: \"nam:\" needs a four-digit year");
    CHECK(described("loai:") == "error: the field \"loai:\" needs a value");
    CHECK(described("9001:2015") == "Query(((F9001 AND F2015) AND_MAYBE 10 * XK:9001/2015))");
    // Field names written with diacritics are the same fields.
    CHECK(described("loại:\"kế hoạch\" năm:2025") == described("loai:\"kế hoạch\" nam:2025"));
    CHECK(described("cơ-quan:ubnd tình-trạng:\"còn hiệu lực\"") == described("co-quan:ubnd tinh-trang:\"còn hiệu lực\""));
    // Written with diacritics, a name whose value is not a field's is Vietnamese text, not an error.
    CHECK(described("kế hoạch năm: 2025").rfind("error", 0) == std::string::npos);
    CHECK(described("kế hoạch năm:2025-2030").rfind("error", 0) == std::string::npos);
    CHECK(described("nam:25") == "error: \"nam:\" needs a four-digit year");  // typed as the field: said so
    // OR between two fields: either passes (it was ignored, so `nam:2025 OR nam:2026` found nothing).
    CHECK(described("nam:2025 OR nam:2026") == "Query((Kdoc FILTER (XY2025 OR XY2026)))");
    CHECK(described("ke nam:2025 OR nam:2026 loai:\"kế hoạch\"") == "Query((Fke FILTER ((XY2025 OR XY2026) AND XTke hoach)))");
}

}
