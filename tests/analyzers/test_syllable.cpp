#include <doctest/doctest.h>

#include "analyzers/analyzer.h"

using tracuu::analyzers::canonical_word;

TEST_SUITE("analyzers") {

struct SyllableCase {
    const char* input;
    const char* expected;
};

TEST_CASE("tone marks move to one canonical vowel, both spellings give the same term") {
    const SyllableCase cases[] = {
        // VIETNAMESE.md §6 case 9, 10, 11, 12, 13: old and new placement agree
        {"Uỷ", "ủy"}, {"Ủy", "ủy"}, {"UỶ", "ủy"}, {"ỦY", "ủy"},
        {"hoà", "hòa"}, {"hòa", "hòa"}, {"thuỷ", "thủy"}, {"thủy", "thủy"},
        {"khoẻ", "khỏe"}, {"khỏe", "khỏe"}, {"hoè", "hòe"}, {"loé", "lóe"},
        // case 19: misplaced marks
        {"baỏ", "bảo"}, {"lựơng", "lượng"}, {"nghịêm", "nghiệm"}, {"hoá", "hóa"},
        // three-vowel nuclei take the middle vowel
        {"ngoaì", "ngoài"}, {"khuyủ", "khuỷu"} ,
    };
    for (const auto& c : cases) {
        CAPTURE(c.input);
        CHECK(canonical_word(c.input) == c.expected);
    }
}

TEST_CASE("syllables whose tone position is fixed are left unchanged") {
    const char* unchanged[] = {
        "quý", "quỹ", "giá", "giữa", "quả",      // case 14, 16: gi and qu are onsets
        "hoàn", "thành", "loét", "huýt",         // case 17: closed syllables
        "thuở", "người", "khuya", "mùa", "gì",   // case 18 and open diphthongs
        "nguyễn", "quyết", "rượu", "khuỷu",
    };
    for (const char* word : unchanged) {
        CAPTURE(word);
        CHECK(canonical_word(word) == word);
    }
}

TEST_CASE("i and y spellings of one syllable give one term, but hi stays hi") {
    const SyllableCase cases[] = {
        {"lí", "lý"}, {"lý", "lý"}, {"kĩ", "kỹ"}, {"kỹ", "kỹ"}, {"qui", "quy"}, {"quí", "quý"},
        {"Mĩ", "mỹ"}, {"tỉ", "tỷ"},
        {"hi", "hi"}, {"hy", "hy"},  // case 21
        {"kinh", "kinh"}, {"tin", "tin"},  // closed syllables keep i
    };
    for (const auto& c : cases) {
        CAPTURE(c.input);
        CHECK(canonical_word(c.input) == c.expected);
    }
}

TEST_CASE("words that are not Vietnamese syllables pass through lower-cased") {
    const SyllableCase cases[] = {
        {"COVID", "covid"}, {"Müller", "müller"}, {"Straße", "strasse"}, {"Café", "café"}, {"ＱＵＹＥＴ", "quyet"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.input);
        CHECK(canonical_word(c.input) == c.expected);
    }
}

}
