#include <doctest/doctest.h>

#include <algorithm>

#include "analyzers/analyzer.h"
#include "analyzers/normalize.h"
#include "indexer/self_number.h"

using namespace tracuu::indexer;

namespace {

std::string joined(const std::vector<std::string>& terms) {
    std::string out;
    for (const auto& t : terms) out += (out.empty() ? "" : " ") + t;
    return out;
}

std::string lookup(const std::string& query) {
    const tracuu::analyzers::Analyzer analyzer(tracuu::analyzers::AnalysisMode::Query);
    return joined(number_lookup_terms(analyzer.analyze(tracuu::analyzers::normalize_text(query))));
}

struct LookupCase {
    const char* query;
    const char* expected;
};

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("a document's own number is indexed under every spelling users reach it by") {
    DocumentFields decree;
    decree.number = "60/2021/NĐ-CP";
    decree.type = "Nghị định";
    decree.date = "2021-06-21";
    CHECK(joined(self_number_terms(decree)) == "XK=60/2021/nd-cp XK:60/2021 XKnd:60 XKnd:60/2021 XKnghi dinh:60 XKnghi dinh:60/2021");
    DocumentFields plan;
    plan.number = "13/KH-UBND";
    plan.type = "Kế hoạch";
    plan.date = "2025-07-25";
    CHECK(joined(self_number_terms(plan)) == "XK=13/kh-ubnd XK:13/2025 XKkh:13 XKkh:13/2025 XKke hoach:13 XKke hoach:13/2025");
    CHECK(self_number_terms(DocumentFields{}).empty());
}

TEST_CASE("queries point at a number in every form of VIETNAMESE.md cases 38-43") {
    const LookupCase cases[] = {
        {"60/2021/NĐ-CP", "XK=60/2021/nd-cp"},
        {"60/2021", "XK:60/2021"},
        {"nd-cp 60 2021", "XKnd:60/2021 XK:60/2021"},
        {"Nghị định 60", "XKnghi dinh:60"},
        {"NĐ 60/2021", "XKnd:60/2021 XK:60/2021"},
        {"nghi dinh 60 2021", "XKnghi dinh:60/2021 XK:60/2021"},
        {"57/NQ-TW", "XK=57/nq-tw XK=57-nq/tw"},
        {"kế hoạch 123 UBND", "XKke hoach:123"},
        {"chuyển đổi số", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.query));
        CHECK(lookup(c.query) == c.expected);
    }
}

}
