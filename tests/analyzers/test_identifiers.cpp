#include <doctest/doctest.h>

#include <unicode/unistr.h>

#include "analyzers/identifiers.h"
#include "analyzers/normalize.h"

using namespace tracuu::analyzers;

namespace {

/// Renders spans as `term` or `term|number_year|alt…`, joined by spaces.
std::string render(std::string_view text, IdentifierMode mode) {
    const std::string normalized = normalize_text(text);
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(normalized);
    const IdentifierFinder finder(mode);
    std::string out;
    for (const auto& span : finder.find(std::u16string_view(u.getBuffer(), static_cast<std::size_t>(u.length())))) {
        if (!out.empty()) out += ' ';
        out += span.term;
        if (!span.number_year.empty()) out += "|" + span.number_year;
        for (const auto& alt : span.alternatives) out += "|" + alt;
    }
    return out;
}

struct IdCase {
    const char* text;
    const char* expected;
};

}  // namespace

TEST_SUITE("analyzers") {

TEST_CASE("document numbers of the three families are recognised in documents") {
    const IdCase cases[] = {
        {"Nghị định số 60/2021/NĐ-CP ngày", "60/2021/nđ-cp|60/2021"},
        {"Luật số: 64/2025/QH15", "64/2025/qh15|64/2025"},
        {"55/2005/TTLT-BNV-VPCP", "55/2005/ttlt-bnv-vpcp|55/2005"},
        {"Nghị quyết số 57-NQ/TW của", "57-nq/tw"},
        {"08-QĐi/TW", "8-qđi/tw"},
        {"Số: 13/KH-UBND", "13/kh-ubnd"},
        {"Văn bản số 3233/BKHCN-KHTC", "3233/bkhcn-khtc"},
        {"05/CV-BCĐTKNQ18", "5/cv-bcđtknq18"},
        {"Quyết định số 929/QĐ-TTg ngày", "929/qđ-ttg"},
        // stray spaces and other dashes (LEGAL.md cases 3, 17, 19, 31, 46-48)
        {"Nghị quyết 57- NQ/TW;", "57-nq/tw"},
        {"Nghị định 80/2021/NĐ- CP của", "80/2021/nđ-cp|80/2021"},
        {"Quyết định số: 1206 /QĐ-HVTC", "1206/qđ-hvtc"},
        {"80/2021/NĐ\u2011CP", "80/2021/nđ-cp|80/2021"},
        {"57\u2010NQ/TW", "57-nq/tw"},
        {"1234/QĐ\u2013UBND", "1234/qđ-ubnd"},
        {"số31-QĐ/TW", "31-qđ/tw"},
        {"82/2005-QĐ-UBND", "82/2005/qđ-ubnd|82/2005"},
        // a symbol is not followed by the next words of the sentence
        {"60/2021/NĐ-CP - Hà Nội", "60/2021/nđ-cp|60/2021"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, IdentifierMode::Document) == c.expected);
    }
}

TEST_CASE("counts, fractions and slashed words are not document numbers") {
    const char* negatives[] = {
        "xếp hạng 15/63 toàn quốc", "35/65 sản phẩm", "195/195 cơ sở", "CCCD/CC", "TCVN ISO 9001:2015",
        "xã/phường", "100/ha", "giai đoạn 2021-2025", "1.000.000 đồng", "12,5%",
    };
    for (const char* text : negatives) {
        CAPTURE(text);
        CHECK(render(text, IdentifierMode::Document) == "");
    }
}

TEST_CASE("dates in numeric and spelled-out forms become ISO terms") {
    const IdCase cases[] = {
        {"ngày 05/3/2020", "2020-03-05"},
        {"5/3/2020", "2020-03-05"},
        {"05/03/2020", "2020-03-05"},
        {"ngày 05 tháng 3 năm 2020", "2020-03-05"},
        {"Ngày 09 tháng 01 năm 2025", "2025-01-09"},
        {"ngày06/5/2005", "2005-05-06"},
        {"01-10-1997", "1997-10-01"},
        {"ngày 25.7.2025", "2025-07-25"},
        {"31/02/2020", ""},  // no such day
        {"tháng 11/2024", "11/2024"},  // month and year only: a number/year term, not a date
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, IdentifierMode::Document) == c.expected);
    }
}

TEST_CASE("queries read symbols in any case and correct the swapped Party form") {
    const IdCase cases[] = {
        {"60/2021/nd-cp", "60/2021/nd-cp|60/2021"},
        {"57-nq/tw", "57-nq/tw"},
        {"57/NQ-TW", "57/nq-tw|57-nq/tw"},  // case 40: common user error
        {"71/NQ-CP", "71/nq-cp"},           // case 41: a government resolution stays one
        {"60/2021", "60/2021"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, IdentifierMode::Query) == c.expected);
    }
}

TEST_CASE("numbers are found wherever they may start, and only there") {
    const IdCase cases[] = {
        {"Quyết định 12/QĐ-UBND, 1234567/QĐ-UBND và 123456 /KH-UBND", "12/qđ-ubnd"},  // 6+ digits: none
        {"(12/KH-UBND;13/KH-UBND)", "12/kh-ubnd 13/kh-ubnd"},
        {"2/2024/NĐ-CP2/2024/NĐ-CP", "2/2024/nđ|2/2024 2/2024/nđ-cp|2/2024"},  // not after a digit
        {"12 /KH-UBND", "12/kh-ubnd"},
        {"12\u2003/KH-UBND", "12/kh-ubnd"},  // \h is any space separator
        {"12  /KH-UBND", ""},                // but only one
        {"năm 2024 05/3/2020", "2020-03-05"},
        {"NGÀY 5 THÁNG 3 NĂM 2020", "2020-03-05"},
        {"\uFF11\uFF12/KH-UBND", "12/kh-ubnd"},  // fullwidth digits, read as ASCII
        {"\u0663/KH-UBND", "3/kh-ubnd"},          // Arabic-Indic
        {"ngày \uFF10\uFF15/3/2020", "2020-03-05"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text, IdentifierMode::Document) == c.expected);
    }
}

TEST_CASE("lower-case symbols in documents are not taken for document numbers") {
    CHECK(render("60/2021/nd-cp", IdentifierMode::Document) == "");
}

}
