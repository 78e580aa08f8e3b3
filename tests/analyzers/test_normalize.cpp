#include <doctest/doctest.h>

#include "analyzers/normalize.h"

using tracuu::analyzers::normalize_text;

TEST_SUITE("analyzers") {

struct NormalizeCase {
    const char* name;
    const char* input;
    const char* expected;
};

TEST_CASE("text is repaired to NFC with visible separators") {
    const NormalizeCase cases[] = {
        {"NFD composes (case 1)", "Vie\u0302\u0323t Nam", "Việt Nam"},
        {"other mark order composes (case 2)", "Vie\u0323\u0302t", "Việt"},
        {"no-break space is a space (case 3)", "Ủy\u00A0ban", "Ủy ban"},
        {"zero-width space is a space (case 4)", "nhân\u200Bdân", "nhân dân"},
        {"narrow no-break space is a space", "a\u202Fb", "a b"},
        {"Eth becomes Đ (case 6)", "\u00D0ảm bảo", "Đảm bảo"},
        {"small eth becomes đ", "\u00F0ồng", "đồng"},
        {"soft hyphen and joiners vanish", "tr\u00ADư\u200Dờng\uFEFF", "trường"},
        {"CR LF and CR become LF", "a\r\nb\rc", "a\nb\nc"},
        {"form feed (page break) is kept", "trang 1\ftrang 2", "trang 1\ftrang 2"},
        {"tab is a space", "a\tb", "a b"},
        {"control characters are dropped", "a\x01\x02" "b", "ab"},
        {"invalid UTF-8 becomes U+FFFD", "a\xFF" "b", "a\uFFFD" "b"},
        {"empty stays empty", "", ""},
        {"a Cyrillic look-alike in a Latin word becomes Latin (a real vbpl number)", "157/2025/TT-BT\u0421", "157/2025/TT-BTC"},
        {"look-alikes among Vietnamese letters", "TR\u0420ƯỜNG \u0441ông", "TRPƯỜNG công"},
        {"a Greek look-alike too", "NĐ-\u0392C", "NĐ-BC"},
        {"look-alike letters joined to Latin ones by a dash", "BT\u0421-\u0422\u0422", "BTC-TT"},
        {"a number's Cyrillic code after Latin letters", "57-NQ/\u0422W", "57-NQ/TW"},
        {"a Russian word beside a Latin one, a space between", "Москва Hanoi", "Москва Hanoi"},
        {"Cyrillic а with a breve (ӑ once composed) is Vietnamese ă", "n\u0430\u0306m", "năm"},
        {"a Russian word is kept", "Москва và Hà Nội", "Москва và Hà Nội"},
        {"a Russian word of look-alikes only is kept", "\u0441\u043e\u0441", "\u0441\u043e\u0441"},
        {"a word with a Cyrillic letter that has no Latin twin is kept", "ab\u0436", "ab\u0436"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK(normalize_text(c.input) == c.expected);
    }
}

TEST_CASE("normalisation is idempotent") {
    const char* samples[] = {"Vie\u0302\u0323t", "\u00D0ảm\u00A0bảo", "x\r\ny"};
    for (const char* s : samples) {
        const std::string once = normalize_text(s);
        CHECK(normalize_text(once) == once);
    }
}

TEST_CASE("tone placement and case are left as written in stored text") {
    CHECK(normalize_text("Uỷ ban ỦY BAN") == "Uỷ ban ỦY BAN");
}

}
