#include <doctest/doctest.h>

#include "indexer/filters.h"

using namespace tracuu::indexer;

namespace {

std::string described(const SearchFilters& filters) {
    const auto q = filter_query(filters);
    return q.ok() ? q.value().get_description() : "error: " + q.error().message;
}

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("filters are OR within a field and AND across fields, on folded values") {
    SearchFilters f;
    f.types = {"Kế hoạch", "Nghị định"};
    f.years = {"2025"};
    CHECK(described(f) == "Query(((XTke hoach OR XTnghi dinh) AND XY2025))");
    CHECK(described(SearchFilters{}) == "Query()");
}

TEST_CASE("date ranges become value ranges on the issue date") {
    SearchFilters f;
    f.from = "2025-01-01";
    f.to = "2025-12-31";
    CHECK(described(f) == "Query(VALUE_RANGE 6 2025-01-01 2025-12-31)");
    SearchFilters open;
    open.from = "2025-01-01";
    CHECK(described(open) == "Query(VALUE_GE 6 2025-01-01)");
}

TEST_CASE("malformed filters are refused with a reason") {
    SearchFilters year;
    year.years = {"25"};
    CHECK(described(year) == "error: year \"25\" is not a four-digit year");
    SearchFilters date;
    date.from = "01/01/2025";
    CHECK(described(date) == "error: date \"01/01/2025\" is not a day in the form YYYY-MM-DD");
    // Days the calendar does not have, though written in the form.
    for (const char* no_such_day : {"2025-13-01", "2025-02-30", "2025-00-10", "2025-04-31", "2023-02-29"}) {
        CAPTURE(no_such_day);
        SearchFilters f;
        f.to = no_such_day;
        CHECK(described(f) == "error: date \"" + std::string(no_such_day) + "\" is not a day in the form YYYY-MM-DD");
    }
    SearchFilters leap;
    leap.from = "2024-02-29";
    CHECK(described(leap) == "Query(VALUE_GE 6 2024-02-29)");
    SearchFilters backwards;
    backwards.from = "2025-12-31";
    backwards.to = "2025-01-01";
    CHECK(described(backwards) == "error: the date range is empty: \"from\" is after \"to\"");
}

}
