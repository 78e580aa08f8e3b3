#include <doctest/doctest.h>

#include "analyzers/analyzer.h"
#include "analyzers/normalize.h"

using namespace tracuu::analyzers;

namespace {

std::string analyzed(std::string_view text, AnalysisMode mode = AnalysisMode::Index) {
    const Analyzer analyzer(mode);
    return to_debug_string(analyzer.analyze(normalize_text(text)));
}

std::string folded(std::string_view text) {
    const Analyzer analyzer(AnalysisMode::Index);
    std::string out;
    for (const auto& t : analyzer.analyze(normalize_text(text))) {
        if (!out.empty()) out += ' ';
        out += t.folded;
    }
    return out;
}

struct AnalyzeCase {
    const char* name;
    const char* text;
    const char* expected;
};

}  // namespace

TEST_SUITE("analyzers") {

TEST_CASE("the accented layer: one term per syllable, canonical, with positions") {
    const AnalyzeCase cases[] = {
        {"NFD and NFC give one term (case 1)", "Vie\u0302\u0323t Nam", "việt[0] nam[1]"},
        {"no-break space separates (case 3)", "Ủy\u00A0ban nhân dân", "ủy[0] ban[1] nhân[2] dân[3]"},
        {"zero-width space separates, positions adjacent (case 4)", "nhân\u200Bdân", "nhân[0] dân[1]"},
        {"capitals fold (case 5)", "ỦY BAN NHÂN DÂN", "ủy[0] ban[1] nhân[2] dân[3]"},
        {"Eth is đ (case 6)", "\u00D0ảm bảo", "đảm[0] bảo[1]"},
        {"curly quotes never join a term (case 8)", "\u201CQuyết định\u201D", "quyết[0] định[1]"},
        {"both tone placements give one term (case 9)", "Uỷ ban Ủy ban", "ủy[0] ban[1] ủy[2] ban[3]"},
        {"stop words are kept (case 45, 60)", "không thu phí theo Điều 5 năm", "không[0] thu[1] phí[2] theo[3] điều[4] 5[5] năm[6]"},
        {"title case and lower case give identical terms (case 59)", "Công Nghệ Thông Tin", "công[0] nghệ[1] thông[2] tin[3]"},
        {"empty text", "", ""},
        {"whitespace only", " \n\t ", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK(analyzed(c.text) == c.expected);
    }
}

TEST_CASE("the folded layer drops every diacritic and đ (cases 10, 15, 22, 23)") {
    const AnalyzeCase cases[] = {
        {"uy ban", "Ủy ban Uỷ ban UỶ BAN", "uy ban uy ban uy ban"},
        {"quy", "quý quỹ quy qui", "quy quy quy quy"},
        {"kinh te xa hoi", "Kế hoạch phát triển kinh tế - xã hội", "ke hoach phat trien kinh te xa hoi"},
        {"dong nai", "Đồng Nai đầu tư công", "dong nai dau tu cong"},
        {"ban", "bán bàn bạn ban", "ban ban ban ban"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK(folded(c.text) == c.expected);
    }
}

TEST_CASE("document numbers are emitted whole and by part at the same position (case 38, 40)") {
    const AnalyzeCase cases[] = {
        {"number with year", "Nghị định số 60/2021/NĐ-CP",
         "nghị[0] định[1] số[2] 60[3] 60/2021/nđ-cp[3+4] 60/2021[3+4] 2021[4] nđ[5] cp[6]"},
        {"Party number", "Nghị quyết 57-NQ/TW", "nghị[0] quyết[1] 57[2] 57-nq/tw[2+3] nq[3] tw[4]"},
        {"stray space", "57- NQ/TW", "57[0] 57-nq/tw[0+3] nq[1] tw[2]"},
        {"administrative number", "Số: 13/KH-UBND", "số[0] 13[1] 13/kh-ubnd[1+3] kh[2] ubnd[3]"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK(analyzed(c.text) == c.expected);
    }
}

TEST_CASE("dates and numbers get one spelling (cases 44, 46, 47)") {
    const AnalyzeCase cases[] = {
        {"numeric date", "ngày 05/3/2020", "ngày[0] 5[1] 2020-03-05[1+3] 3[2] 2020[3]"},
        {"spelled date", "ngày 05 tháng 3 năm 2020", "ngày[0] 2020-03-05[0+6] 5[1] tháng[2] 3[3] năm[4] 2020[5]"},
        {"en dash range splits like a hyphen", "2021–2025", "2021[0] 2025[1]"},
        {"thousands dots", "1.000.000 đồng", "1000000[0] đồng[1]"},
        {"decimal comma", "12,5%", "12,5[0]"},
        {"plain number without dots", "1000000", "1000000[0]"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK(analyzed(c.text) == c.expected);
    }
}

TEST_CASE("dotted and hyphenated words are also indexed by part and joined (cases 61, 62)") {
    const AnalyzeCase cases[] = {
        {"URL", "chinhphu.vn", "chinhphu[0] chinhphu.vn[0+2] vn[1]"},
        {"city abbreviation", "TP.HCM", "tp[0] tp.hcm[0+2] hcm[1]"},
        {"COVID-19", "COVID-19", "covid[0] covid19[0+2] 19[1]"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK(analyzed(c.text) == c.expected);
    }
}

TEST_CASE("query mode adds the Party spelling of a swapped number") {
    const Analyzer analyzer(AnalysisMode::Query);
    const auto tokens = analyzer.analyze("57/NQ-TW");
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[1].text == "57/nq-tw");
    CHECK(tokens[1].alternatives == std::vector<std::string>{"57-nq/tw"});
}

TEST_CASE("offsets point at the words in the analysed text") {
    const std::string text = normalize_text("Ủy ban 57-NQ/TW");
    const Analyzer analyzer(AnalysisMode::Index);
    for (const auto& t : analyzer.analyze(text)) {
        CAPTURE(t.text);
        const std::string surface = text.substr(t.begin, t.end - t.begin);
        if (t.text == "ủy") CHECK(surface == "Ủy");
        if (t.text == "57-nq/tw") CHECK(surface == "57-NQ/TW");
    }
}

TEST_CASE("punctuation between words starts a new clause, spaces do not") {
    const Analyzer analyzer(AnalysisMode::Index);
    const auto tokens = analyzer.analyze("kinh tế - xã hội. Một");
    REQUIRE(tokens.size() == 5);
    CHECK_FALSE(tokens[1].starts_clause);
    CHECK(tokens[2].starts_clause);
    CHECK_FALSE(tokens[3].starts_clause);
    CHECK(tokens[4].starts_clause);
}

TEST_CASE("over-long words are skipped but keep their position") {
    const std::string long_word(80, 'x');
    CHECK(analyzed("a " + long_word + " b") == "a[0] b[2]");
}

}
