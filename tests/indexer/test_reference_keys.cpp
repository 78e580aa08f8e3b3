// Reference keys: made by reference_key(), read back part by part by key_parts().
#include <doctest/doctest.h>

#include <string>

#include "indexer/reference_keys.h"

using tracuu::indexer::key_parts;
using tracuu::indexer::reference_key;

TEST_SUITE("indexer") {

TEST_CASE("a reference key is read back into the symbol, year and issuer it was made of") {
    struct Case {
        const char* symbol;
        int year;
        const char* issuer;
        const char* key_year;    ///< what key_parts() gives back
        const char* key_issuer;
    };
    const Case cases[] = {
        {"57-NQ/TW", 2024, "Bộ Chính trị", "", ""},                            // unique: the symbol alone
        {"60/2021/NĐ-CP", 0, "", "", ""},                                      // year in the symbol: unique
        {"13/KH-UBND", 2025, "UBND tỉnh Ninh Bình", "2025", "ủy ban nhân dân tỉnh ninh bình"},
        {"13/KH-UBND", 0, "", "?", "?"},
        {"15-NQ/TU", 2009, "", "2009", "?"},
    };
    for (const auto& c : cases) {
        const std::string key = reference_key(c.symbol, c.year, c.issuer);
        CAPTURE(key);
        const auto parts = key_parts(key);
        CHECK(parts.symbol == c.symbol);
        CHECK(parts.year == c.key_year);
        CHECK(parts.issuer == c.key_issuer);
    }
}

}  // TEST_SUITE
