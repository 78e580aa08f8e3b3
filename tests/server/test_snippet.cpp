#include <doctest/doctest.h>

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
