#include <doctest/doctest.h>

#include <set>
#include <string>

#include "analyzers/analyzer.h"
#include "server/snippet.h"

using namespace tracuu::server;
using tracuu::analyzers::AnalysisMode;
using tracuu::analyzers::Analyzer;

TEST_SUITE("server") {

TEST_CASE("matched words are marked, also when the query had no diacritics") {
    const Analyzer analyzer(AnalysisMode::Index);
    const Snippet s = make_snippet("Ủy ban nhân dân tỉnh Ninh Bình", {"uy", "ban"}, analyzer);
    CHECK(s.html == "<mark>Ủy ban</mark> nhân dân tỉnh Ninh Bình");
}

TEST_CASE("a word searched with diacritics is marked in its spelling where the passage has it, else in the look-alike that matched") {
    const Analyzer analyzer(AnalysisMode::Index);
    struct Row {
        const char* text;
        std::set<std::string> folded, exact;
        const char* html;
    };
    const Row rows[] = {
        // The reviewer's cases: `quỹ` marked `Quy`; `đồng` marked `động`.
        {"Quy chế quản lý quỹ phát triển.", {"quy"}, {"quỹ"}, "Quy chế quản lý <mark>quỹ</mark> phát triển."},
        {"Hoạt động chi 12 tỷ đồng.", {"dong"}, {"đồng"}, "Hoạt động chi 12 tỷ <mark>đồng</mark>."},
        {"Hoạt động chi 12 tỷ đồng.", {"ty", "dong"}, {"tỷ", "đồng"}, "Hoạt động chi 12 <mark>tỷ đồng</mark>."},
        // Only the look-alike: it is why the document matched (the folded layer), so it is marked.
        {"Quy chế làm việc.", {"quy"}, {"quỹ"}, "<mark>Quy</mark> chế làm việc."},
        // Searched without diacritics: every spelling is marked.
        {"Quy chế quản lý quỹ.", {"quy"}, {}, "<mark>Quy</mark> chế quản lý <mark>quỹ</mark>."},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        CHECK(make_snippet(row.text, row.folded, analyzer, 320, row.exact).html == row.html);
    }
    // Of two paragraphs with the word, the one spelling it as searched is shown, in any case.
    const Snippet chosen = make_snippet("Quy chế làm việc.\n\nTrích lập quỹ dự phòng.", {"quy"}, analyzer, 320, {"quỹ"});
    CHECK(chosen.html == "Trích lập <mark>quỹ</mark> dự phòng.");
    const Snippet capital = make_snippet("Quy chế làm việc.\n\nQuỹ dự phòng.", {"quy"}, analyzer, 320, {"quỹ"});
    CHECK(capital.html == "<mark>Quỹ</mark> dự phòng.");
}

TEST_CASE("a word between typographic quotes is found and marked, in a short or a long paragraph") {
    const Analyzer analyzer(AnalysisMode::Index);
    // The plan's only “Kim Sơn” stands in quotes: the opening paragraph has no match.
    const std::string opening = "Hệ thống pháp luật.\n\n";
    const Snippet shortened = make_snippet(opening + "Nuôi “Hàu giống Kim Sơn” tại xã.", {"son"}, analyzer);
    CHECK(shortened.html == "Nuôi “Hàu giống Kim <mark>Sơn</mark>” tại xã.");
    std::string filler;
    while (filler.size() < 2000) filler += "nội dung chung của văn bản ";
    const Snippet long_paragraph = make_snippet(opening + filler + "nuôi “Hàu giống Kim Sơn” tại xã " + filler, {"son"}, analyzer);
    CHECK(long_paragraph.html.find("<mark>Sơn</mark>") != std::string::npos);
}

TEST_CASE("the paragraph with the most query words is chosen and its page is reported") {
    const Analyzer analyzer(AnalysisMode::Index);
    const Snippet s = make_snippet("Mở đầu.\nNghị quyết khác.\fTrang hai: Nghị quyết số 57-NQ/TW.", {"nghi", "quyet", "57"}, analyzer);
    CHECK(s.page == 2);
    CHECK(s.html == "Trang hai: <mark>Nghị quyết</mark> số <mark>57</mark>-NQ/TW.");
}

TEST_CASE("text is HTML-escaped and only mark tags are markup") {
    const Analyzer analyzer(AnalysisMode::Index);
    const Snippet s = make_snippet("<script>alert('x')</script> & kế hoạch", {"ke"}, analyzer);
    CHECK(s.html == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>kế</mark> hoạch");
}

TEST_CASE("long paragraphs are cut around the matches on word boundaries") {
    const Analyzer analyzer(AnalysisMode::Index);
    std::string text;
    for (int i = 0; i < 200; ++i) text += "lời mở đầu ";
    text += "đây là chuyển đổi số của tỉnh ";
    for (int i = 0; i < 200; ++i) text += "phần kết thúc ";
    const Snippet s = make_snippet(text, {"chuyen", "doi", "so"}, analyzer, 120);
    CHECK(s.html.rfind("… ", 0) == 0);
    CHECK(s.html.find("<mark>chuyển đổi số</mark>") != std::string::npos);
    CHECK(s.html.size() < 400);
    CHECK(s.html.substr(s.html.size() - 4) == " …");
}

TEST_CASE("without a match the opening paragraph is shown, its line breaks as spaces") {
    const Analyzer analyzer(AnalysisMode::Index);
    CHECK(make_snippet("\n\nDòng đầu tiên.\nDòng hai.\n\nĐoạn khác.", {"xyz"}, analyzer).html == "Dòng đầu tiên. Dòng hai.");
}

TEST_CASE("a phrase wrapped over two lines of a PDF is marked as one") {
    const Analyzer analyzer(AnalysisMode::Index);
    CHECK(make_snippet("Uỷ ban nhân\ndân tỉnh", {"uy", "ban", "nhan", "dan"}, analyzer).html == "<mark>Uỷ ban nhân dân</mark> tỉnh");
}

}
