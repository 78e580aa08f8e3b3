/** @file
 *  @brief The citation grammar of LEGAL.md §1.6 as ICU regular expressions: symbols, cue phrases,
 *  dates, "của …" issuer phrases, relation verbs, and the shapes of form labels, header number
 *  lines and list items; compile_all() compiles them, once per CitationFinder.
 */
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <stdexcept>
#include <string>

#include "analyzers/citation_internal.h"

namespace tracuu::analyzers::citation_internal {
namespace {

// ---- patterns (LEGAL.md §1.6) ------------------------------------------------------------------

const UnicodeString kDash(u"[\\-\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D]");
// In documents an issuer code is capitals and digits with at most one lower-case ASCII letter
// (TTg, QĐi, CTr); that keeps words such as "- Hà Nội" after a symbol out of it.
const UnicodeString kIss1(u"\\p{Lu}[\\p{Lu}\\p{Nd}&]*(?:[a-z][\\p{Lu}\\p{Nd}]*)?");
const UnicodeString kTypes(
    u"(?i:TTLT|NQLT|VBHN|QĐi|QyĐ|CTr|TTr|TTh|GUQ|GGT|GNP|BGN|BTT|NQ|QĐ|NĐ|TT|CT|QC|TC|TB|HD|KH|PA|ĐA|DA"
    u"|BC|BB|HĐ|CĐ|GM|PG|PC|PB|KL|CV|PL|GT|NP|UQ|GN)");

UnicodeString symbol_pattern() {
    // PDF spacing: `TT-  BTC`, `TT -BTP`, and a heading broken after the dash (`TT-⏎⏎NHNN`).
    const UnicodeString iss =
        kIss1 + u"(?:\\h?" + kDash + u"(?:\\h{0,2}|\\h*\\n(?:\\h*\\n)?\\h*)" + kIss1 + u")*";
    const UnicodeString sp(u"\\h{0,2}");
    // `số31-QĐ/TW` is glued to "số"; otherwise no letter, digit, slash or glued dash before, and
    // no "9001:" or "1." before either (`QCVN 19:2025/BKHCN`, `66.12`).
    UnicodeString p = u"(?:(?<=[Ss][ốỐ])|(?<![\\p{L}\\p{M}\\p{Nd}/&]))(?<![\\p{L}\\p{Nd}]" + kDash +
                      u")(?<!\\d[.:,])(?<!\\d[.:,]\\h)(?:";
    p += u"(\\d{1,5}(?:\\.\\d{1,3})?)" + sp + u"/" + sp + u"((?:19|20)\\d{2})" + sp + u"(/|" + kDash + u")" +
         sp + u"(" + iss + u")";                                                                        // A: 1-4
    p += u"|(\\d{1,5})" + sp + kDash + sp + u"(" + kTypes + u")" + sp + u"/" + sp + u"(" + iss + u")";    // D: 5-7
    p += u"|(\\d{1,5})" + sp + kDash + sp + u"(" + kIss1 + u")" + sp + u"/" + sp + u"(" + kTypes + u")";  // 8-10
    p += u"|(\\d{1,5})" + sp + u"/" + sp + u"(" + iss + u")";                                           // B: 11-12
    return p + u")(?![\\p{L}\\p{M}\\p{Nd}/]|" + kDash + u"\\h?[\\p{L}\\p{Nd}])";
}

UnicodeString cue_pattern() {  // group i + 1 is kCues[i]
    UnicodeString p(u"(?<![\\p{L}\\p{M}])(?i:");
    for (std::size_t i = 0; i < kCues.size(); ++i) {
        UnicodeString alt = UnicodeString::fromUTF8(icu::StringPiece(kCues[i].data(), static_cast<int32_t>(kCues[i].size())));
        p += (i > 0 ? u"|(" : u"(") + alt.findAndReplace(u" ", u"\\h+") + u")";
    }
    return p + u")(?![\\p{L}\\p{M}])";
}

// "của …" after the symbol and date. Names of places are capitalised words; ministries a closed list.
UnicodeString issuer_pattern() {
    const UnicodeString name(u"\\p{Lu}[\\p{L}\\p{M}]*(?:(?:\\h+|\\h?-\\h?)\\p{Lu}[\\p{L}\\p{M}]*){0,3}");
    const UnicodeString local = u"(?i:tỉnh|thành phố|TP\\.?)(?:\\h+" + name + u")?";
    const UnicodeString ministry(
        u"(?i:Khoa học và Công nghệ|KH&CN|Tài chính|Kế hoạch và Đầu tư|Nội vụ|Tư pháp|Công an|Quốc phòng"
        u"|Ngoại giao|Y tế|Giáo dục và Đào tạo|Xây dựng|Công Thương|Tài nguyên và Môi trường"
        u"|Nông nghiệp và Phát triển nông thôn|Nông nghiệp và Môi trường|Giao thông vận tải"
        u"|Thông tin và Truyền thông|Lao động\\h?-\\h?Thương binh và Xã hội|Văn h(?:óa|oá), Thể thao và Du lịch"
        u"|Dân tộc và Tôn giáo)");
    const UnicodeString one =
        u"(?:(?i:Bộ Chính trị|Ban Bí thư(?: Trung ương Đảng)?)"
        u"|(?i:Ban Chấp hành Trung ương(?: Đảng)?)(?:\\h+(?i:kh(?:óa|oá))\\h+[IVXLC]+)?"
        u"|(?i:Ban Chấp hành Đảng bộ)(?:\\h+" + local + u")?"
        u"|(?:(?i:Ban Thường vụ|BTV)\\h+)?(?i:Tỉnh|Thành)\\h+(?i:ủy|uỷ)(?:\\h+" + name + u")?"
        u"|(?i:Thủ tướng Chính phủ|Chính phủ|Ủy ban Thường vụ Quốc hội|Uỷ ban Thường vụ Quốc hội|Quốc hội"
        u"|Chủ tịch nước|Văn phòng Chính phủ|Văn phòng Trung ương Đảng|Thanh tra Chính phủ|Kiểm toán Nhà nước"
        u"|Tòa án nhân dân tối cao|Toà án nhân dân tối cao|Viện kiểm sát nhân dân tối cao|Kho bạc Nhà nước"
        u"|Ban chỉ đạo)"
        u"|(?:(?i:Thống đốc)\\h+)?(?i:Ngân hàng Nhà nước)(?:\\h+(?i:Việt Nam))?"
        u"|(?:(?i:Bộ trưởng)\\h+)?(?i:Bộ)\\h+" + ministry +
        u"|(?i:Sở)\\h+" + ministry + u"(?:\\h+" + local + u")?"
        u"|(?:(?i:Chủ tịch|Thường trực)\\h+)?(?i:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)"
        u"(?:\\h+" + local + u")?)";
    return u"(?:\\h|,)*(?i:của)\\h+(" + one + u"(?:\\h?[-–]\\h?" + one + u")*)(?![\\p{L}\\p{M}])";
}

// Verbs stating a relation; groups: 1 passive or reference (reset to Mentions), 2 Guides,
// 3 Amends, 4 Replaces, 5 Repeals, 6 LegalBasis, 7 Implements. Longer phrases first.
const UnicodeString kVerbs(
    u"(?<![\\p{L}\\p{M}])(?i:"
    u"((?:đã\\h+)?(?:được|bị)\\h+(?:sửa đổi|bổ sung|thay thế|bãi bỏ|hướng dẫn|quy định chi tiết|thực hiện|áp dụng|ban hành)"
    u"|thực hiện theo|áp dụng theo|theo quy định|quy định tại|theo hướng dẫn|dẫn chiếu|kèm theo|theo)"
    u"|(hướng dẫn thi hành|hướng dẫn thực hiện|hướng dẫn|quy định chi tiết)"
    u"|(sửa đổi(?:\\h*,?\\h*bổ sung)?)|(thay thế)|(bãi bỏ)|(căn cứ(?:\\h+vào)?)"
    u"|(triển khai thực hiện|tổ chức thực hiện|triển khai theo|thực hiện|triển khai|thi hành))(?![\\p{L}\\p{M}])");

const UnicodeString kDateWords(
    u"(\\d{1,2})\\h+(?i:tháng)\\h+(\\d{1,2})\\h*,?\\h*(?i:năm)\\h+((?:19|20)\\d{2})(?!\\d)");
const UnicodeString kDate = u"(?:\\h|,)*(?:\\(\\h*)?(?:(?i:ngày)\\h*)?(?:(\\d{1,2})\\h*[/.\\-]\\h*(\\d{1,2})\\h*"
                           u"[/.\\-]\\h*((?:19|20)\\d{2})(?!\\d)|" + kDateWords + u")";

std::unique_ptr<RegexPattern> compile(const UnicodeString& pattern) {
    UParseError where{};
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<RegexPattern> p(RegexPattern::compile(pattern, 0, where, status));
    if (U_FAILURE(status)) {
        throw std::runtime_error("citation pattern does not compile at " + std::to_string(where.offset) + ": " +
                                 u_errorName(status));
    }
    return p;
}

}  // namespace

/// The compiled patterns, immutable after construction; each find() makes its own matchers.
std::array<std::unique_ptr<RegexPattern>, kPatternCount> compile_all() {
    return {
        compile(symbol_pattern()),
        compile(cue_pattern()),
        // between cue and symbol: up to 8 words (no conjunction: it starts another item) and "số"
        compile(u"(?:\\h+(?!(?i:và|hoặc)\\h)[^\\d\\s;,.:()\\[\\]]{1,12}){0,8}?\\h*(?i:số)?\\h*:?\\h*"),
        compile(u"\\h*(?i:số)\\h*:?\\h*"),
        // form and standard numbers: "Mẫu số 01/QTDA", "các biểu 01/TCD, 02/XLD", "QCVN 19:2025/BKHCN"
        compile(u"(?<![\\p{L}\\p{M}])(?i:mẫu|biểu|phụ lục|ký hiệu|mã số|mã hiệu|QCVN|TCVN)"
                u"(?:\\h+(?i:số liệu|số|biểu|mẫu))*\\h*:?\\h*"
                u"(?:[\\p{L}\\p{Nd}]*\\d[\\p{L}\\p{Nd}/\\-]*\\h*(?:,|(?i:và|hoặc))\\h*)*$"),
        compile(kDate),
        compile(u"(?:\\h|,)*(?i:năm)\\h+((?:19|20)\\d{2})(?!\\d)"),
        compile(issuer_pattern()),
        compile(kVerbs),
        compile(u"[ \\t\\p{Pd}+*•“\"(\\[]*(?:(?:\\d{1,3}(?:\\.\\d{1,3})*|[a-zđ])[.)]\\h*)?[ \\t“\"]*"
                u"(?i:căn\\h+cứ)(?![\\p{L}\\p{M}])"),
        compile(u"[ \\t\\p{Pd}•*+]*(?:(?:[\\p{L}\\p{M}]+\\h+){0,4}?(?i:số)(?:\\h+(?i:hiệu))?\\h*:|Số)\\h*"),
        compile(u"(?i:ngày)\\h+" + kDateWords),
        compile(u"[ \\t\\p{Pd}+*•“\"(]*(?:(?i:và)\\h+)?"),
    };
}

}  // namespace tracuu::analyzers::citation_internal
