#include <doctest/doctest.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <string>
#include <string_view>

#include "analyzers/legacy_encoding.h"
#include "analyzers/normalize.h"
#include "analyzers/utf.h"

namespace {

using tracuu::analyzers::decode_legacy_bytes;
using tracuu::analyzers::detect_encoding;
using tracuu::analyzers::encoding_from_font_name;
using tracuu::analyzers::encoding_name;
using tracuu::analyzers::is_capitals_font;
using tracuu::analyzers::LegacyEncoding;
using tracuu::analyzers::normalize_text;
using tracuu::analyzers::repair_encoding;
using tracuu::analyzers::repair_font_run;
using tracuu::analyzers::repair_legacy_text;
using tracuu::analyzers::to_utf32;
using tracuu::analyzers::to_utf8;

// ---- Test-only encoders: Unicode to legacy bytes, written from the code charts grouped by
// vowel (the decoder's tables are ordered by byte, so a slip in either shows up).

struct Row {
    std::u32string_view letters;
    std::string_view bytes;  // one byte per letter
};

// Each vowel row: level, grave, hook, tilde, acute, dot. TCVN3 has lower-case toned vowels only.
constexpr std::array<Row, 13> kTcvn3Rows{{
    {U"aàảãáạ", "a\xB5\xB6\xB7\xB8\xB9"}, {U"ăằẳẵắặ", "\xA8\xBB\xBC\xBD\xBE\xC6"},
    {U"âầẩẫấậ", "\xA9\xC7\xC8\xC9\xCA\xCB"}, {U"eèẻẽéẹ", "e\xCC\xCE\xCF\xD0\xD1"},
    {U"êềểễếệ", "\xAA\xD2\xD3\xD4\xD5\xD6"}, {U"iìỉĩíị", "i\xD7\xD8\xDC\xDD\xDE"},
    {U"oòỏõóọ", "o\xDF\xE1\xE2\xE3\xE4"}, {U"ôồổỗốộ", "\xAB\xE5\xE6\xE7\xE8\xE9"},
    {U"ơờởỡớợ", "\xAC\xEA\xEB\xEC\xED\xEE"}, {U"uùủũúụ", "u\xEF\xF1\xF2\xF3\xF4"},
    {U"ưừửữứự", "\xAD\xF5\xF6\xF7\xF8\xF9"}, {U"yỳỷỹýỵ", "y\xFA\xFB\xFC\xFD\xFE"},
    {U"ĂÂÊÔƠƯĐđ", "\xA1\xA2\xA3\xA4\xA5\xA6\xA7\xAE"},
}};

constexpr std::array<Row, 25> kVisciiRows{{
    {U"aàảãáạ", "a\xE0\xE4\xE3\xE1\xD5"}, {U"ăằẳẵắặ", "\xE5\xA2\xC6\xC7\xA1\xA3"},
    {U"âầẩẫấậ", "\xE2\xA5\xA6\xE7\xA4\xA7"}, {U"eèẻẽéẹ", "e\xE8\xEB\xA8\xE9\xA9"},
    {U"êềểễếệ", "\xEA\xAB\xAC\xAD\xAA\xAE"}, {U"iìỉĩíị", "i\xEC\xEF\xEE\xED\xB8"},
    {U"oòỏõóọ", "o\xF2\xF6\xF5\xF3\xF7"}, {U"ôồổỗốộ", "\xF4\xB0\xB1\xB2\xAF\xB5"},
    {U"ơờởỡớợ", "\xBD\xB6\xB7\xDE\xBE\xFE"}, {U"uùủũúụ", "u\xF9\xFC\xFB\xFA\xF8"},
    {U"ưừửữứự", "\xDF\xD7\xD8\xE6\xD1\xF1"}, {U"yỳỷỹýỵ", "y\xCF\xD6\xDB\xFD\xDC"},
    {U"AÀẢÃÁẠ", "A\xC0\xC4\xC3\xC1\x80"}, {U"ĂẰẲẴẮẶ", "\xC5\x82\x02\x05\x81\x83"},
    {U"ÂẦẨẪẤẬ", "\xC2\x85\x86\x06\x84\x87"}, {U"EÈẺẼÉẸ", "E\xC8\xCB\x88\xC9\x89"},
    {U"ÊỀỂỄẾỆ", "\xCA\x8B\x8C\x8D\x8A\x8E"}, {U"IÌỈĨÍỊ", "I\xCC\x9B\xCE\xCD\x98"},
    {U"OÒỎÕÓỌ", "O\xD2\x99\xA0\xD3\x9A"}, {U"ÔỒỔỖỐỘ", "\xD4\x90\x91\x92\x8F\x93"},
    {U"ƠỜỞỠỚỢ", "\xB4\x96\x97\xB3\x95\x94"}, {U"UÙỦŨÚỤ", "U\xD9\x9C\x9D\xDA\x9E"},
    {U"ƯỪỬỮỨỰ", "\xBF\xBB\xBC\xFF\xBA\xB9"}, {U"YỲỶỸÝỴ", "Y\x9F\x14\x19\xDD\x1E"},
    {U"đĐ", "\xF0\xD0"},
}};

template <std::size_t N>
std::string encode_by_rows(std::u32string_view text, const std::array<Row, N>& rows) {
    auto byte_for = [&](char32_t letter) -> int {
        for (const Row& row : rows) {
            const std::size_t k = row.letters.find(letter);
            if (k != std::u32string_view::npos) return static_cast<unsigned char>(row.bytes[k]);
        }
        return -1;
    };
    std::string out;
    for (const char32_t c : text) {
        int byte = c < 0x80 ? static_cast<int>(c) : byte_for(c);
        // TCVN3 writers typed capital toned vowels with the lower-case code (`Ủy` → `ñy`).
        if (byte < 0) byte = byte_for(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
        REQUIRE_MESSAGE(byte >= 0, "no byte for U+", static_cast<unsigned>(c));
        out.push_back(static_cast<char>(byte));
    }
    return out;
}

/// A letter's NFD parts: base letter, quality mark (U+0302, U+0306, U+031B) and tone mark.
struct Parts {
    char32_t base = 0;
    char32_t quality = 0;
    int tone = 0;  // 0 level, 1 grave, 2 acute, 3 hook, 4 tilde, 5 dot
};

Parts decompose(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString nfd = icu::Normalizer2::getNFDInstance(status)->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
    REQUIRE(U_SUCCESS(status));
    Parts parts{static_cast<char32_t>(nfd.char32At(0))};
    constexpr std::u32string_view kTones = U"\u0300\u0301\u0309\u0303\u0323";
    for (int32_t i = nfd.moveIndex32(0, 1); i < nfd.length(); i = nfd.moveIndex32(i, 1)) {
        const auto mark = static_cast<char32_t>(nfd.char32At(i));
        const std::size_t tone = kTones.find(mark);
        if (tone == std::u32string_view::npos) parts.quality = mark;
        if (tone != std::u32string_view::npos) parts.tone = static_cast<int>(tone) + 1;
    }
    return parts;
}

std::string byte_of(char32_t c) { return std::string(1, static_cast<char>(c)); }

std::string encode_vni(std::u32string_view text) {
    std::string out;
    for (const char32_t c : text) {
        if (c < 0x80 || c == U'đ' || c == U'Đ') {
            out += c == U'đ' ? "\xF1" : c == U'Đ' ? "\xD1" : byte_of(c);
            continue;
        }
        const Parts p = decompose(c);
        const bool upper = p.base < U'a';
        const char32_t shift = upper ? 0x20 : 0;  // capital forms of letters and marks sit 0x20 lower
        const char32_t base = upper ? p.base + 0x20 : p.base;
        if (base == U'i' && p.tone > 0) {
            out += byte_of(std::u32string_view(U"ìíæóò")[static_cast<std::size_t>(p.tone - 1)] - shift);
        } else if (base == U'y' && p.tone == 5) {
            out += byte_of(U'î' - shift);
        } else if (p.quality == 0x031B) {  // horn: ơ ư are letters of their own
            out += byte_of((base == U'o' ? U'ô' : U'ö') - shift);
            if (p.tone > 0) out += byte_of(std::u32string_view(U"øùûõï")[static_cast<std::size_t>(p.tone - 1)] - shift);
        } else {
            out += byte_of(p.base);
            const std::u32string_view marks = p.quality == 0x0302 ? U"âàáåãä" : p.quality == 0x0306 ? U"êèéúüë" : U" øùûõï";
            if (p.quality != 0 || p.tone > 0) out += byte_of(marks[static_cast<std::size_t>(p.tone)] - shift);
        }
    }
    return out;
}

std::string encode_windows1258(std::u32string_view text) {
    constexpr std::u32string_view kBases = U"âêôăơưđÂÊÔĂƠƯĐ";
    constexpr std::string_view kBaseBytes = "\xE2\xEA\xF4\xE3\xF5\xFD\xF0\xC2\xCA\xD4\xC3\xD5\xDD\xD0";
    constexpr std::string_view kToneBytes = " \xCC\xEC\xD2\xDE\xF2";  // level, grave, acute, hook, tilde, dot
    std::string out;
    for (const char32_t c : text) {
        const Parts p = c < 0x80 ? Parts{c} : decompose(c);
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString base(static_cast<UChar32>(p.base));
        if (p.quality != 0) base.append(static_cast<UChar32>(p.quality));
        const auto composed = static_cast<char32_t>(icu::Normalizer2::getNFCInstance(status)->normalize(base, status).char32At(0));
        const std::size_t k = kBases.find(composed);
        out += k == std::u32string_view::npos ? byte_of(composed) : std::string(1, kBaseBytes[k]);
        if (p.tone > 0) out += kToneBytes[static_cast<std::size_t>(p.tone)];
    }
    return out;
}

std::string encode_cyrillic_shift(std::u32string_view text) {
    std::u32string out(text);
    for (char32_t& c : out) {
        const std::size_t k = std::u32string_view(U"ƠơƯưĨĩ").find(c);
        if (c >= 0x1EA0 && c <= 0x1EF9) c -= 0x19FC;
        if (k != std::u32string_view::npos) c = U"\u046A\u046B\u046C\u046D\u01AC\u01AD"[k];
    }
    return to_utf8(out);
}

/// Bytes as a PDF text layer shows them: Windows-1252, undefined bytes as C1 code points.
std::string as_cp1252_text(std::string_view bytes) {
    constexpr std::u32string_view kC1 = U"€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ";
    std::u32string text;
    for (const char b : bytes) {
        const auto byte = static_cast<unsigned char>(b);
        text.push_back(byte >= 0x80 && byte < 0xA0 ? kC1[byte - 0x80] : byte);
    }
    return to_utf8(text);
}

std::string lower(std::string_view text) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))).toLower().toUTF8String(out);
    return out;
}

std::string nfd(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    std::string out;
    icu::Normalizer2::getNFDInstance(status)
        ->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), status)
        .toUTF8String(out);
    return out;
}

}  // namespace

TEST_SUITE("analyzers") {

TEST_CASE("legacy text from VIETNAMESE.md cases 27 to 37 is repaired to Unicode") {
    const struct {
        const char* name;
        std::string_view input;
        LegacyEncoding encoding;
        std::string_view expected;
    } cases[] = {
        {"27 TCVN3 national name", "Céng hßa x· héi chñ nghÜa ViÖt Nam", LegacyEncoding::Tcvn3, "Cộng hòa xã hội chủ nghĩa Việt Nam"},
        {"28 TCVN3 motto", "§éc lËp - Tù do - H¹nh phóc", LegacyEncoding::Tcvn3, "Độc lập - Tự do - Hạnh phúc"},
        {"29 TCVN3 quyết định", "QuyÕt ®Þnh sè 12/Q§-UBND", LegacyEncoding::Tcvn3, "Quyết định số 12/QĐ-UBND"},
        {"29 TCVN3 nghị quyết", "NghÞ quyÕt", LegacyEncoding::Tcvn3, "Nghị quyết"},
        {"30 TCVN3 soft hyphen is ư", "Bé tr\u00ADëng Bé Tµi chÝnh", LegacyEncoding::Tcvn3, "Bộ trưởng Bộ Tài chính"},
        {"31 TCVN3 .VnTimeH heading in lower-case codes", "céng hßa x· héi chñ nghÜa viÖt nam", LegacyEncoding::Tcvn3,
         "cộng hòa xã hội chủ nghĩa việt nam"},
        {"TCVN3 capitals typed in .VnTime", "QUYÕT ®ÞNH", LegacyEncoding::Tcvn3, "QUYẾT ĐỊNH"},
        {"32 VNI national name", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", LegacyEncoding::Vni, "Cộng hòa xã hội chủ nghĩa Việt Nam"},
        {"33 VNI quyết định số", "Quyeát ñònh soá", LegacyEncoding::Vni, "Quyết định số"},
        {"33 VNI motto", "Ñoäc laäp - Töï do - Haïnh phuùc", LegacyEncoding::Vni, "Độc lập - Tự do - Hạnh phúc"},
        {"VISCII national name", "Cµng hòa xã hµi chü nghîa Vi®t Nam", LegacyEncoding::Viscii, "Cộng hòa xã hội chủ nghĩa Việt Nam"},
        {"34 Windows-1258 read as Windows-1252", "Côòng hoÌa xaÞ hôòi chuÒ nghiÞa Viêòt Nam", LegacyEncoding::Windows1258,
         "Cộng hòa xã hội chủ nghĩa Việt Nam"},
        {"37 Cyrillic shift", "tiӃng ViӋt, dӳ liӋu, chӫ nghƭa, trѭӡng", LegacyEncoding::CyrillicShift,
         "tiếng Việt, dữ liệu, chủ nghĩa, trường"},
        {"36 German and French stay", "Café Müller über Straße", LegacyEncoding::Unicode, "Café Müller über Straße"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK(encoding_name(detect_encoding(c.input)) == encoding_name(c.encoding));
        CHECK(repair_encoding(c.input) == c.expected);
        CHECK(repair_legacy_text(c.input, c.encoding) == c.expected);
        CHECK(repair_encoding(repair_encoding(c.input)) == repair_encoding(c.input));
    }
}

TEST_CASE("bytes in each legacy encoding decode to Unicode") {
    const struct {
        LegacyEncoding encoding;
        std::string_view bytes;
        std::string_view expected;
    } cases[] = {
        {LegacyEncoding::Tcvn3, "C\xE9ng h\xDF" "a", "Cộng hòa"},
        {LegacyEncoding::Tcvn3, "tr\xAD\xEBng", "trưởng"},  // 0xAD, SOFT HYPHEN in Windows-1252, is ư
        {LegacyEncoding::Tcvn3, "\x93Lu\xCBt\x94", "“Luật”"},  // quotes keep their Windows-1252 meaning
        {LegacyEncoding::Vni, "Vie\xE4t Nam", "Việt Nam"},
        {LegacyEncoding::Vni, "NG\xD6\xD4\xD8I", "NGƯỜI"},
        {LegacyEncoding::Viscii, "Vi\xAEt Nam", "Việt Nam"},
        {LegacyEncoding::Viscii, "\x14 \x19 \x1E", "Ỷ Ỹ Ỵ"},  // capitals in C0
        {LegacyEncoding::Windows1258, "C\xF4\xF2ng", "Cộng"},  // case 34: ICU decomposes, NFC composes
        {LegacyEncoding::CyrillicShift, "ti\xD3\x83ng", "tiếng"},
        {LegacyEncoding::Unicode, "Việt Nam", "Việt Nam"},
        {LegacyEncoding::Tcvn3, "", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(encoding_name(c.encoding));
        CAPTURE(c.expected);
        CHECK(decode_legacy_bytes(c.bytes, c.encoding) == c.expected);
    }
}

TEST_CASE("text whose characters stand for legacy bytes maps them back the Windows-1252 way") {
    // A PDF shows VISCII byte 0x93 (Ộ) as U+201C and TCVN3 byte 0xAD (ư) as U+00AD.
    CHECK(repair_legacy_text("H\u201CI \u0110\u1ED2NG", LegacyEncoding::Viscii) == "HỘI ĐỒNG");
    CHECK(repair_legacy_text("ng\u00AD\u00EAi", LegacyEncoding::Tcvn3) == "người");
    // PDF WinAnsiEncoding names byte 0xAD "hyphen": where it makes a syllable it is still ư.
    const struct {
        std::string_view shown;
        std::string_view expected;
    } hyphens[] = {
        {"Bé tr-ëng, Q§-UBND, 2021-2025", "Bộ trưởng, QĐ-UBND, 2021-2025"},
        {"Qu¶n lý nh- sau, t- vÊn, -u ®·i, Bé T- ph¸p", "Quản lý như sau, tư vấn, ưu đãi, Bộ Tư pháp"},
        {"b- Néi dung\nc- Sè tiÒn\nKinh tÕ - x· héi, 13/KH-\nUBND", "b- Nội dung\nc- Số tiền\nKinh tế - xã hội, 13/KH-\nUBND"},
    };
    for (const auto& h : hyphens) CHECK(repair_legacy_text(h.shown, LegacyEncoding::Tcvn3) == h.expected);
    CHECK(repair_legacy_text("Việt Nam", LegacyEncoding::Unicode) == "Việt Nam");
}

TEST_CASE("sentences encoded in each legacy encoding by the test encoders decode back") {
    const std::u32string_view sentences[] = {
        U"Cộng hòa xã hội chủ nghĩa Việt Nam",
        U"Độc lập - Tự do - Hạnh phúc",
        U"Ủy ban nhân dân tỉnh Ninh Bình quyết định",
        U"Người dân được hưởng chính sách ưu đãi đặc biệt",
        U"Khuyến khích doanh nghiệp đổi mới sáng tạo, chuyển đổi số",
        U"THỦ TƯỚNG CHÍNH PHỦ",
        U"Luật Kế toán số 88/2015/QH13 ngày 20 tháng 11 năm 2015",
        U"khuỷu tay, thuở ấy, giường, gìn giữ, quốc gia, khoẻ mạnh, Ỷ Lan",
    };
    const struct {
        LegacyEncoding encoding;
        std::string (*encode)(std::u32string_view);
    } encodings[] = {
        {LegacyEncoding::Tcvn3, [](std::u32string_view s) { return encode_by_rows(s, kTcvn3Rows); }},
        {LegacyEncoding::Vni, encode_vni},
        {LegacyEncoding::Viscii, [](std::u32string_view s) { return encode_by_rows(s, kVisciiRows); }},
        {LegacyEncoding::Windows1258, encode_windows1258},
        {LegacyEncoding::CyrillicShift, encode_cyrillic_shift},
    };
    for (const auto& e : encodings) {
        for (const std::u32string_view sentence : sentences) {
            const std::string expected = to_utf8(sentence);
            CAPTURE(encoding_name(e.encoding));
            CAPTURE(expected);
            const std::string bytes = e.encode(sentence);
            const std::string as_text = e.encoding == LegacyEncoding::CyrillicShift ? bytes : as_cp1252_text(bytes);
            // TCVN3 has no capital toned vowels: `Ủy` comes back as `ủy`.
            const bool caseless = e.encoding == LegacyEncoding::Tcvn3;
            auto same = [&](const std::string& got) { return caseless ? lower(got) == lower(expected) : got == expected; };
            CHECK(same(decode_legacy_bytes(bytes, e.encoding)));
            CHECK(same(repair_legacy_text(as_text, e.encoding)));
            CHECK(same(repair_encoding(as_text)));
            CHECK(encoding_name(detect_encoding(bytes)) == encoding_name(e.encoding));
        }
    }
}

TEST_CASE("a Unicode paragraph followed by a TCVN3 table is repaired run by run (case 35)") {
    const std::string unicode = "Bảng 1. Dự toán chi ngân sách năm 2026 của các đơn vị\nĐơn vị tính: triệu đồng\n";
    // The table as a PDF text layer shows TCVN3 bytes, with U+00AD for ư.
    const std::string table =
        "STT | Néi dung | Sè tiÒn\n"
        "1 | Chi ®Çu t\u00AD ph¸t triÓn | 89.000\n"
        "2 | Chi th\u00ADêng xuyªn | 12.000\n"
        "3 | Tù do\n"
        "Tæng céng | 101.000";
    const std::string expected_table =
        "STT | Nội dung | Số tiền\n"
        "1 | Chi đầu tư phát triển | 89.000\n"
        "2 | Chi thường xuyên | 12.000\n"
        "3 | Tự do\n"
        "Tổng cộng | 101.000";
    CHECK(repair_encoding(unicode + table) == unicode + expected_table);
    CHECK(repair_encoding(unicode + table + "\n" + unicode) == unicode + expected_table + "\n" + unicode);
    // Legacy words left in a Unicode line are repaired one by one; the Unicode words stay.
    CHECK(repair_encoding("Nơi nhận:\n- Nh\u00AD Điều 2 của các cơ quan;\n- L\u00ADu: VT.\n- L\u00ADu: VP.\n- L\u00ADu: TH.") ==
          "Nơi nhận:\n- Như Điều 2 của các cơ quan;\n- Lưu: VT.\n- Lưu: VP.\n- Lưu: TH.");
}

TEST_CASE("German, French, English and Unicode Vietnamese in any normal form are left unchanged") {
    const std::string unicode_vietnamese = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nTên cá nhân: Hà Lan Anh";
    const std::string samples[] = {
        "Café Müller über Straße",
        "Où est le café ? À côté de l'église, près de la gare, déjà fermé.",
        "Die Größe der Straße für Mädchen und Jungen ist schön.",
        "The “quick” brown fox – jumps over the lazy dog… © 2025, 25°C ± 2°C",
        "Министерство финансов Российской Федерации",
        "中华人民共和国 và Việt Nam",
        unicode_vietnamese,
        nfd(unicode_vietnamese),
        "Bảng cân đối tài khoản kế toán\nÖ\nÖ\nBáo cáo tình hình tài chính\nÖ",  // Symbol-font check marks
        "Tên cá nhân\nSố tài khoản\nÝ kiến",
        "",
        "\n\f\n",
    };
    for (const std::string& sample : samples) {
        CAPTURE(sample);
        CHECK(repair_encoding(sample) == sample);
        CHECK(detect_encoding(sample) == LegacyEncoding::Unicode);
    }
}

TEST_CASE("font names name the legacy encodings and the TCVN3 capitals fonts") {
    const struct {
        std::string_view font;
        LegacyEncoding encoding;
        bool capitals;
    } cases[] = {
        {".VnTime", LegacyEncoding::Tcvn3, false},
        {".VnTimeH", LegacyEncoding::Tcvn3, true},
        {"ABCDEF+.VnTimeH,Bold", LegacyEncoding::Tcvn3, true},
        {".VnCentury Schoolbook", LegacyEncoding::Tcvn3, false},
        {".VnArialH", LegacyEncoding::Tcvn3, true},
        {"VNI-Times", LegacyEncoding::Vni, false},
        {"QWERTY+vni-helve", LegacyEncoding::Vni, false},
        {"TimesNewRomanPSMT", LegacyEncoding::Unicode, false},
        {"ABCDEF+Arial-BoldMT", LegacyEncoding::Unicode, false},
        {"", LegacyEncoding::Unicode, false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.font);
        CHECK(encoding_from_font_name(c.font) == c.encoding);
        CHECK(is_capitals_font(c.font) == c.capitals);
        // The font name decides, whatever the text says.
        CHECK(detect_encoding("Cafe", c.font) == c.encoding);
    }
}

TEST_CASE("a run drawn in one font is repaired as its font says") {
    CHECK(repair_font_run("céng hßa\nviÖt nam", ".VnTimeH") == "CỘNG HÒA\nVIỆT NAM");
    CHECK(repair_font_run("Bé\ntr-ëng\nTµi", ".VnTime") == "Bộ\ntrưởng\nTài");
    CHECK(repair_font_run("Coäng\nhoøa", "VNI-Times") == "Cộng\nhòa");
    // A ToUnicode map already gave real Vietnamese: nothing to convert.
    CHECK(repair_font_run("các\nCộng", ".VnTime") == "các\nCộng");
    CHECK(repair_font_run("Céng", "TimesNewRomanPSMT") == "Céng");
}

TEST_CASE("the soft hyphen of TCVN3 survives until repair runs before normalize_text") {
    const std::string tcvn3 = "Bé tr\u00ADëng Bé Tµi chÝnh";
    CHECK(normalize_text(repair_encoding(tcvn3)) == "Bộ trưởng Bộ Tài chính");
    CHECK(normalize_text(tcvn3) == "Bé trëng Bé Tµi chÝnh");  // the wrong order loses ư for good
}

}
