#include "analyzers/citations.h"

#include <charconv>

#include <unicode/locid.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string_view>

#include "analyzers/number_candidates.h"

namespace tracuu::analyzers {
namespace {

using icu::RegexMatcher;
using icu::RegexPattern;
using icu::UnicodeString;

constexpr int32_t kCueWindow = 90;      // UTF-16 units searched before a symbol for its cue phrase
constexpr int32_t kAfterWindow = 200;   // … after it for date and issuer phrase
constexpr int32_t kHeaderWindow = 300;  // … after a header number for the place-date line, and the longest header line
constexpr int32_t kVerbWindow = 400;    // … before a cue for the relation verb (bounded, so long lines stay linear)

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

// Cue phrases, a longer one before any it starts with. Searched in any case.
constexpr std::array<std::string_view, 28> kCues{
    "Nghị quyết liên tịch", "Nghị quyết", "Quyết định", "Nghị định", "Thông tư liên tịch", "Thông tư", "Chỉ thị",
    "Kế hoạch hành động", "Kế hoạch", "Chương trình hành động", "Chương trình", "Văn bản hợp nhất", "Văn bản",
    "Công văn", "Kết luận", "Quy định", "Quy chế", "Hướng dẫn", "Thông báo", "Thông tri", "Báo cáo", "Tờ trình",
    "Đề án", "Bộ luật", "Luật", "Pháp lệnh", "Công điện", "Lệnh"};

/// The document type a cue names: "Kế hoạch hành động" a Kế hoạch; "Văn bản" any, so "".
std::string_view cue_type(std::string_view cue) {
    constexpr std::string_view kAction = " hành động";
    return cue == "Văn bản" ? "" : cue.ends_with(kAction) ? cue.substr(0, cue.size() - kAction.size()) : cue;
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
constexpr std::array<Relation, 8> kVerbRelations{Relation::Mentions, Relation::Mentions,   Relation::Guides,
                                                 Relation::Amends,   Relation::Replaces,   Relation::Repeals,
                                                 Relation::LegalBasis, Relation::Implements};

const UnicodeString kDateWords(
    u"(\\d{1,2})\\h+(?i:tháng)\\h+(\\d{1,2})\\h*,?\\h*(?i:năm)\\h+((?:19|20)\\d{2})(?!\\d)");
const UnicodeString kDate = u"(?:\\h|,)*(?:\\(\\h*)?(?:(?i:ngày)\\h*)?(?:(\\d{1,2})\\h*[/.\\-]\\h*(\\d{1,2})\\h*"
                           u"[/.\\-]\\h*((?:19|20)\\d{2})(?!\\d)|" + kDateWords + u")";

// ---- type codes --------------------------------------------------------------------------------

struct TypeInfo {
    std::string_view upper, spelling, name;
    bool ascii_alias = false;
};
constexpr auto kTypeTable = std::to_array<TypeInfo>({
    {"NQ", "NQ", "Nghị quyết"},       {"QĐ", "QĐ", "Quyết định"},         {"CT", "CT", "Chỉ thị"},          {"QC", "QC", "Quy chế"},
    {"QYĐ", "QyĐ", "Quy định"},       {"QĐI", "QĐi", "Quy định"},         {"TC", "TC", "Thông cáo"},        {"TB", "TB", "Thông báo"},
    {"HD", "HD", "Hướng dẫn"},        {"CTR", "CTr", "Chương trình"},     {"KH", "KH", "Kế hoạch"},         {"PA", "PA", "Phương án"},
    {"ĐA", "ĐA", "Đề án"},            {"DA", "DA", "Dự án"},              {"BC", "BC", "Báo cáo"},          {"BB", "BB", "Biên bản"},
    {"TTR", "TTr", "Tờ trình"},       {"HĐ", "HĐ", "Hợp đồng"},           {"CĐ", "CĐ", "Công điện"},        {"BGN", "BGN", "Bản ghi nhớ"},
    {"BTT", "BTT", "Bản thỏa thuận"}, {"GUQ", "GUQ", "Giấy ủy quyền"},    {"GM", "GM", "Giấy mời"},         {"GGT", "GGT", "Giấy giới thiệu"},
    {"GNP", "GNP", "Giấy nghỉ phép"}, {"PG", "PG", "Phiếu gửi"},          {"PC", "PC", "Phiếu chuyển"},     {"PB", "PB", "Phiếu báo"},
    {"NĐ", "NĐ", "Nghị định"},        {"TT", "TT", "Thông tư"},           {"TTLT", "TTLT", "Thông tư liên tịch"},
    {"NQLT", "NQLT", "Nghị quyết liên tịch"}, {"VBHN", "VBHN", "Văn bản hợp nhất"}, {"KL", "KL", "Kết luận"},
    {"CV", "CV", "Công văn"},         {"PL", "PL", "Pháp lệnh"},          {"L", "L", "Lệnh"},
    // legacy codes of TT 01/2011 and TTLT 55/2005, then ASCII spellings seen in real text
    {"GN", "GN", "Bản ghi nhớ"},      {"TTH", "TTh", "Bản thỏa thuận"},   {"UQ", "UQ", "Giấy ủy quyền"},    {"NP", "NP", "Giấy nghỉ phép"},
    {"GT", "GT", "Giấy giới thiệu"},  {"ND", "NĐ", "Nghị định", true},    {"QD", "QĐ", "Quyết định", true},
});

// ---- small helpers -----------------------------------------------------------------------------

std::string utf8(const UnicodeString& s) { std::string out; return s.toUTF8String(out); }
std::string upper(std::string_view s) {
    return utf8(UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
                    .toUpper(icu::Locale::getRoot()));
}
const TypeInfo* find_type(std::string_view written) {
    const std::string u = upper(written);
    const auto* it = std::find_if(kTypeTable.begin(), kTypeTable.end(), [&](const auto& t) { return t.upper == u; });
    return it == kTypeTable.end() ? nullptr : it;
}
std::vector<std::string> split_tokens(const UnicodeString& rest) {  // on dashes, dropping spaces
    std::vector<std::string> out(1);
    for (int32_t i = 0; i < rest.length(); ++i) {
        if (u_hasBinaryProperty(rest[i], UCHAR_DASH)) {  // only the dashes of kDash reach here
            out.emplace_back();
        } else if (!u_isWhitespace(rest[i])) {
            UnicodeString(rest[i]).toUTF8String(out.back());
        }
    }
    return out;
}
std::string join(const std::vector<std::string>& parts, std::size_t from, std::string_view sep) {
    std::string out;
    for (std::size_t i = from; i < parts.size(); ++i) out += (i > from ? std::string(sep) : "") + parts[i];
    return out;
}
/// Upper-cased token for the key; TƯ is TW, and the ASCII type spellings take their Đ.
std::string key_token(const std::string& token, bool is_type) {
    const std::string u = upper(token);
    const TypeInfo* t = is_type ? find_type(u) : nullptr;
    return u == "TƯ" ? "TW" : t != nullptr && t->ascii_alias ? upper(t->spelling) : u;
}
std::string key_tokens(const std::vector<std::string>& tokens, bool first_is_type) {
    std::string out = key_token(tokens[0], first_is_type);
    for (std::size_t i = 1; i < tokens.size(); ++i) out += "-" + key_token(tokens[i], false);
    return out;
}
bool valid_date(int year, int month, int day) {
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[static_cast<std::size_t>(month - 1)]) return false;
    return !(month == 2 && day == 29 && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0));
}
std::string iso_date(int year, int month, int day) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}
int to_int(const UnicodeString& digits) {
    int value = 0;
    for (int32_t i = 0; i < digits.length() && u_isdigit(digits[i]); ++i) value = value * 10 + (digits[i] - u'0');
    return value;
}
void add_flag(Citation& c, const char* flag) {
    if (std::find(c.flags.begin(), c.flags.end(), flag) == c.flags.end()) c.flags.emplace_back(flag);
}
bool has_flag(const Citation& c, std::string_view flag) {
    return std::find(c.flags.begin(), c.flags.end(), flag) != c.flags.end();
}
bool compatible(std::string_view cue_type, std::string_view type) {
    return type.starts_with(cue_type) || cue_type.starts_with(type);
}

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
// ICU's status out-parameters, for calls that cannot fail once the matcher exists.
int32_t start_of(const RegexMatcher& m, int32_t g) { UErrorCode s = U_ZERO_ERROR; return m.start(g, s); }
int32_t end_of(const RegexMatcher& m, int32_t g) { UErrorCode s = U_ZERO_ERROR; return m.end(g, s); }
UnicodeString group_of(const RegexMatcher& m, int32_t g) { UErrorCode s = U_ZERO_ERROR; return m.group(g, s); }
bool found(RegexMatcher& m) { UErrorCode s = U_ZERO_ERROR; return m.find(s) && U_SUCCESS(s); }
bool looking_at(RegexMatcher& m) { UErrorCode s = U_ZERO_ERROR; return m.lookingAt(s) && U_SUCCESS(s); }
bool matches(RegexMatcher& m) { UErrorCode s = U_ZERO_ERROR; return m.matches(s) && U_SUCCESS(s); }

enum Which { Symbol, Cue, FillerUpper, FillerLower, NotCitation, Date, YearAfter, Issuer, Verb, Basis, Header,
             PlaceDate, Bare, kPatternCount };

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

/** Whether a run of ASCII digits starting at i can begin a symbol: every alternative of
 *  symbol_pattern() is 1 to 5 digits (alternative A may add `.` and up to 3 digits), up to two
 *  \h, then `/` or a dash. A digit of another script is left to the pattern. */
bool may_start_symbol(std::u16string_view text, std::size_t i) {
    using namespace number_candidates;
    std::size_t end = digits_end(text, i);
    if (end - i > 5) return false;
    if (other_digit_at(text, end)) return true;
    if (end + 1 < text.size() && text[end] == u'.' && is_ascii_digit(text[end + 1])) end = digits_end(text, end + 1);
    if (other_digit_at(text, end)) return true;
    for (int spaces = 0; spaces < 2 && end < text.size() && is_horizontal_space(text[end]); ++spaces) ++end;
    return end < text.size() && (text[end] == u'/' || is_dash(text[end]));
}

std::size_t next_symbol_start(std::u16string_view text, std::size_t from) {
    return number_candidates::next_digit_start(text, from, [&](std::size_t i) { return may_start_symbol(text, i); });
}

/// One call of find(): the text in UTF-16, offsets back to UTF-8, and a matcher per pattern.
class Scan {
public:
    Scan(const std::array<std::unique_ptr<RegexPattern>, kPatternCount>& patterns, std::string_view text)
        : m_text(text), m_u(UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))) {
        m_bytes.resize(static_cast<std::size_t>(m_u.length()) + 1);
        std::size_t offset = 0;
        for (int32_t i = 0; i < m_u.length(); ++i) {
            m_bytes[static_cast<std::size_t>(i)] = offset;
            const UChar c = m_u[i];
            offset += c < 0x80 ? 1 : c < 0x800 ? 2 : U16_IS_LEAD(c) ? 4 : U16_IS_TRAIL(c) ? 0 : 3;
        }
        m_bytes.back() = offset;
        for (const auto& p : patterns) {
            UErrorCode status = U_ZERO_ERROR;
            m_matchers.emplace_back(p->matcher(m_u, status));
            if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU matcher failed: ") + u_errorName(status));
            m_matchers.back()->useTransparentBounds(true);
        }
        segment();
    }

    std::vector<Citation> run();

private:
    struct Extra {  // per citation, UTF-16 positions used while scanning
        int32_t b = 0, e = 0, cue_b = -1, cue_e = -1, tail = 0, clause_b = 0, sentence_b = 0, verb_b = -1, verb = 0;
        bool header = false;
        std::optional<Relation> lead;  // relation of a verb before the clause's first citation: it governs a list
    };

    RegexMatcher& at(Which which, int32_t start, int32_t limit) {
        RegexMatcher& m = *m_matchers[which];
        UErrorCode status = U_ZERO_ERROR;
        m.region(std::max(0, start), std::min(limit, m_u.length()), status);
        return m;
    }
    std::size_t byte(int32_t i) const { return m_bytes[static_cast<std::size_t>(i)]; }
    std::string slice(int32_t b, int32_t e) const { return std::string(m_text.substr(byte(b), byte(e) - byte(b))); }
    bool is_break(int32_t i) const { return m_u[i] == u'\n' || m_u[i] == u'\f'; }
    int32_t line_start(int32_t pos) const {  // at most kHeaderWindow back
        for (const int32_t stop = std::max(0, pos - kHeaderWindow); pos > stop && !is_break(pos - 1);) --pos;
        return pos;
    }
    int32_t line_end(int32_t pos) const {
        for (const int32_t stop = std::min(m_u.length(), pos + kHeaderWindow); pos < stop && !is_break(pos);) ++pos;
        return pos;
    }

    void segment();
    std::pair<int32_t, int32_t> range_of(const std::vector<int32_t>& starts, int32_t pos) const;
    const std::string_view* find_cue(int32_t line_b, Extra& x);
    bool classify(const RegexMatcher& m, Citation& c, std::string_view cue_type);
    void read_after(Citation& c, Extra& x, int32_t line_e);
    void read_header(Citation& c, Extra& x, int32_t line_b, int32_t line_e);
    void relate(Citation& c, Extra& x);
    void cross_check();

    std::string_view m_text;
    UnicodeString m_u;
    std::vector<std::size_t> m_bytes;             // UTF-16 index → UTF-8 byte offset
    std::vector<int32_t> m_sentences, m_clauses;  // start positions, ascending
    std::vector<std::unique_ptr<RegexMatcher>> m_matchers;
    std::vector<Citation> m_out;
    std::vector<Extra> m_extra;
};

void Scan::segment() {
    m_sentences = {0};
    m_clauses = {0};
    const int32_t n = m_u.length();
    for (int32_t i = 0; i < n; ++i) {
        const UChar c = m_u[i];
        int32_t next = -1;
        if (c == u'\n' || c == u'\f') {
            next = i + 1;
        } else if (c == u'.' || c == u'!' || c == u'?') {  // before a space: not in `1.093`, `25.7.2025`
            int32_t j = i + 1;
            while (j < n && (m_u[j] == u'”' || m_u[j] == u'"' || m_u[j] == u')' || m_u[j] == u']')) ++j;
            if (j == n || u_isWhitespace(m_u[j])) next = j;
        } else if (c == u';') {
            m_clauses.push_back(i + 1);
        }
        if (next > 0) {
            m_sentences.push_back(next);
            m_clauses.push_back(next);
            i = next - 1;
        }
    }
}

std::pair<int32_t, int32_t> Scan::range_of(const std::vector<int32_t>& starts, int32_t pos) const {
    const auto it = std::upper_bound(starts.begin(), starts.end(), pos);
    int32_t b = *(it - 1), e = it == starts.end() ? m_u.length() : *it;
    while (b < e && u_isWhitespace(m_u[b])) ++b;
    while (e > b && u_isWhitespace(m_u[e - 1])) --e;
    return {b, e};
}

std::vector<Citation> Scan::run() {
    RegexMatcher& symbols = *m_matchers[Symbol];
    // Every symbol starts with a digit: the pattern is tried only where one may start a symbol,
    // with the text around visible to its look-arounds; that finds what find() over the whole
    // text finds, without running the matcher at every character.
    const std::u16string_view text(m_u.getBuffer(), static_cast<std::size_t>(m_u.length()));
    for (std::size_t next = next_symbol_start(text, 0); next < text.size();) {
        UErrorCode status = U_ZERO_ERROR;
        symbols.region(static_cast<int64_t>(next), m_u.length(), status);
        if (!looking_at(symbols)) {
            next = next_symbol_start(text, next + 1);
            continue;
        }
        next = next_symbol_start(text, std::max<std::size_t>(static_cast<std::size_t>(end_of(symbols, 0)), next + 1));
        Extra x;
        x.b = start_of(symbols, 0);
        x.e = end_of(symbols, 0);
        const int32_t line_b = line_start(x.b), line_e = line_end(x.e);
        if (found(at(NotCitation, std::max(line_b, x.b - kCueWindow), x.b))) continue;
        Citation c;
        const std::string_view* cue = find_cue(line_b, x);
        if (!classify(symbols, c, cue != nullptr ? cue_type(*cue) : std::string_view())) continue;
        c.begin = byte(x.b), c.end = byte(x.e), c.symbol = slice(x.b, x.e);
        if (cue != nullptr) c.cue = *cue;
        read_after(c, x, line_e);
        if (c.issuer_phrase.empty() && cue != nullptr) {  // "Quyết định của Bộ Chính trị số31-QĐ/TW"
            if (RegexMatcher& i = at(Issuer, x.cue_e, x.b); looking_at(i)) c.issuer_phrase = slice(start_of(i, 1), end_of(i, 1));
        }
        read_header(c, x, line_b, line_e);
        // A number with no type code, cue, date or issuer phrase is a form label ("02/XLD"), not a công văn.
        if (c.type_code.empty() && c.family == SymbolFamily::Administrative && cue == nullptr && c.date.empty() &&
            c.issuer_phrase.empty() && !x.header) {
            continue;
        }
        const auto [sb, se] = range_of(m_sentences, x.b);
        const auto [cb, ce] = range_of(m_clauses, x.b);
        c.sentence_begin = byte(sb), c.sentence_end = byte(se), c.clause_begin = byte(cb), c.clause_end = byte(ce);
        relate(c, x);
        m_out.push_back(std::move(c));
        m_extra.push_back(x);
    }
    cross_check();
    return std::move(m_out);
}

const std::string_view* Scan::find_cue(int32_t line_b, Extra& x) {
    struct Found { std::size_t cue; int32_t b, e; };
    std::vector<Found> cues;
    for (RegexMatcher& m = at(Cue, std::max(line_b, x.b - kCueWindow), x.b); found(m);) {
        for (int32_t g = 1; g <= static_cast<int32_t>(kCues.size()); ++g) {
            if (start_of(m, g) >= 0) cues.push_back({static_cast<std::size_t>(g - 1), start_of(m, g), end_of(m, g)});
        }
    }
    // The nearest cue wins: "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW" is a Nghị quyết.
    for (auto it = cues.rbegin(); it != cues.rend(); ++it) {
        const bool lower = u_islower(m_u.char32At(it->b)) != 0;  // lower case only right before "số"
        if (!matches(at(lower ? FillerLower : FillerUpper, it->e, x.b))) continue;
        x.cue_b = it->b;
        x.cue_e = it->e;
        return &kCues[it->cue];
    }
    return nullptr;
}

bool Scan::classify(const RegexMatcher& m, Citation& c, std::string_view cue_type) {
    std::string number, type_token;  // type_token: the written type code, if the symbol has one
    std::vector<std::string> tokens;
    std::size_t first_issuer = 0;
    bool type_last = false;
    if (start_of(m, 1) >= 0) {  // A
        c.family = SymbolFamily::WithYear;
        number = utf8(group_of(m, 1));
        c.year = to_int(group_of(m, 2));
        tokens = split_tokens(group_of(m, 4));
        if (group_of(m, 3) != u"/") add_flag(c, "malformed_separator");
        const std::string t0 = upper(tokens[0]);
        if (tokens.size() == 1 && t0.starts_with("UBTVQH")) {
            c.type_name = cue_type == "Pháp lệnh" ? "Pháp lệnh" : "Nghị quyết";
        } else if (tokens.size() == 1 && t0.starts_with("QH")) {
            c.type_name = cue_type == "Nghị quyết" || cue_type == "Bộ luật" ? std::string(cue_type) : "Luật";
        } else if (tokens.size() >= 2 && find_type(t0) != nullptr) {
            type_token = tokens[0];
            first_issuer = 1;
        } else {
            first_issuer = tokens.size() == 1 ? 0 : 1;
            if (first_issuer == 1) c.type_code = tokens[0];
            c.type_name = cue_type;
            add_flag(c, first_issuer == 1 || cue_type.empty() ? "unknown_type" : "type_from_cue");
        }
        if (!c.type_name.empty() && !cue_type.empty() && !compatible(cue_type, c.type_name)) add_flag(c, "cue_mismatch");
        c.key = "/" + std::to_string(c.year) + "/" + key_tokens(tokens, first_issuer == 1);
    } else if (start_of(m, 5) >= 0) {  // D
        c.family = SymbolFamily::Party;
        number = utf8(group_of(m, 5));
        type_token = utf8(group_of(m, 6));
        tokens = split_tokens(group_of(m, 7));
        c.key = "-" + key_token(type_token, true) + "/" + key_tokens(tokens, false);
    } else if (start_of(m, 8) >= 0) {  // legacy `37-BYT/QĐ`
        number = utf8(group_of(m, 8));
        type_token = utf8(group_of(m, 10));
        tokens = {utf8(group_of(m, 9))};
        c.key = "-" + tokens[0] + "/" + key_token(type_token, true);
        add_flag(c, "legacy_order");
    } else {  // B
        number = utf8(group_of(m, 11));
        tokens = split_tokens(group_of(m, 12));
        const TypeInfo* last = find_type(tokens.back());
        if (tokens.size() >= 2 && find_type(tokens[0]) != nullptr) {
            type_token = tokens[0];
            first_issuer = 1;
        } else if (tokens.size() >= 2 && last != nullptr && last->name == cue_type) {  // `500/BYT-QĐ`
            type_token = tokens.back();
            tokens.pop_back();
            type_last = true;
            add_flag(c, "legacy_order");
        } else if (!cue_type.empty() && cue_type != "Công văn") {
            c.type_name = cue_type;
            add_flag(c, "type_from_cue");
        } else {
            c.type_name = "Công văn";
        }
        c.key = "/" + key_tokens(tokens, first_issuer == 1) + (type_last ? "-" + key_token(type_token, true) : "");
    }

    if (!type_token.empty()) {
        const TypeInfo* t = find_type(type_token);
        if (t == nullptr) return false;
        c.type_code = t->spelling;
        c.type_name = t->name;
        if (t->ascii_alias) add_flag(c, "ascii_type_code");
        if (c.family == SymbolFamily::Party && t->upper == "QĐ") {  // Quyết định or Quy định
            c.type_name = cue_type == "Quy định" ? "Quy định" : "Quyết định";
            if (cue_type != "Quy định" && cue_type != "Quyết định") add_flag(c, "type_ambiguous");
        } else if (c.family == SymbolFamily::Party && t->upper == "TT") {
            c.type_name = cue_type == "Thông tư" ? "Thông tư" : "Thông tri";
        }
        if (!cue_type.empty() && !compatible(cue_type, c.type_name)) add_flag(c, "cue_mismatch");
    }
    const bool joint = c.type_code == "TTLT" || c.type_code == "NQLT" || c.family != SymbolFamily::Administrative;
    for (std::size_t i = first_issuer; i < tokens.size(); ++i) {
        if (!joint && i > first_issuer) {
            c.unit = join(tokens, i, "-");
            break;
        }
        c.issuer_codes.push_back(upper(tokens[i]) == "TTG" ? "TTg" : tokens[i]);
    }
    const auto dot = number.find('.');
    std::string whole = number.substr(0, dot);
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
    // ICU's \d also matches non-ASCII digits (Balinese ᭑), which std::stoi throws on: such a
    // "number" is no document number (fuzz/regressions/citations/balinese-digit-stoi).
    int parsed = 0;
    const auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), parsed);
    if (ec != std::errc() || end != whole.data() + whole.size()) return false;
    c.number = parsed;
    if (dot != std::string::npos) add_flag(c, "dotted_number");
    c.key = upper(whole + (dot != std::string::npos ? number.substr(dot) : "") + c.key);
    return true;
}

void Scan::read_after(Citation& c, Extra& x, int32_t line_e) {
    const int32_t limit = std::min(line_e, x.e + kAfterWindow);
    int32_t pos = x.e;
    if (RegexMatcher& d = at(Date, pos, limit); looking_at(d)) {
        const int g = start_of(d, 1) >= 0 ? 1 : 4;
        const int day = to_int(group_of(d, g)), month = to_int(group_of(d, g + 1)), year = to_int(group_of(d, g + 2));
        if (valid_date(year, month, day)) {
            c.date = iso_date(year, month, day);
            if (c.year == 0) c.year = year;
            if (c.family == SymbolFamily::WithYear && c.year != year) add_flag(c, "year_mismatch");
        } else {
            add_flag(c, "invalid_date");
        }
        pos = end_of(d, 0);
    } else if (RegexMatcher& y = at(YearAfter, pos, limit); looking_at(y)) {  // "Công văn 2739/VPCP-ĐMDN năm 2019"
        if (c.year == 0) c.year = to_int(group_of(y, 1));
        pos = end_of(y, 0);
    }
    if (RegexMatcher& i = at(Issuer, pos, limit); looking_at(i)) {
        c.issuer_phrase = slice(start_of(i, 1), end_of(i, 1));
        pos = end_of(i, 0);
    }
    x.tail = pos;
}

// "Số: 13/KH-UBND" alone on its line is the document's own number; its date is on the place-date line.
void Scan::read_header(Citation& c, Extra& x, int32_t line_b, int32_t line_e) {
    if ((line_b > 0 && !is_break(line_b - 1)) || !UnicodeString(m_u, x.e, line_e - x.e).trim().isEmpty() ||
        !matches(at(Header, line_b, x.b))) {
        return;
    }
    x.header = true;
    add_flag(c, "self");
    if (!c.date.empty()) return;
    RegexMatcher& date = at(PlaceDate, x.e, x.e + kHeaderWindow);
    if (!found(date)) return;
    const int day = to_int(group_of(date, 1)), month = to_int(group_of(date, 2)), year = to_int(group_of(date, 3));
    if (!valid_date(year, month, day)) return;
    c.date = iso_date(year, month, day);
    if (c.year == 0) c.year = year;
}

void Scan::relate(Citation& c, Extra& x) {
    if (x.header) return;
    const auto [sb, se] = range_of(m_sentences, x.b);
    const auto [cb, ce] = range_of(m_clauses, x.b);
    x.sentence_b = sb;
    x.clause_b = cb;
    if (looking_at(at(Basis, sb, se))) {
        c.relation = Relation::LegalBasis;
        return;
    }
    const int32_t limit = x.cue_b >= cb ? x.cue_b : x.b;
    const Extra* previous = m_extra.empty() ? nullptr : &m_extra.back();
    const bool first_in_clause = previous == nullptr || previous->clause_b != cb;
    if (!first_in_clause) x.lead = previous->lead;
    // The last verb before the cue wins: after an earlier citation of the clause, only the gap is new.
    const int32_t from = first_in_clause ? std::max(cb, limit - kVerbWindow) : std::max(previous->e, limit - kVerbWindow);
    for (RegexMatcher& m = at(Verb, from, limit); found(m);) {
        x.verb_b = start_of(m, 0);
        for (int g = 1; g <= 7; ++g) x.verb = start_of(m, g) >= 0 ? g : x.verb;
    }
    if (x.verb_b < 0 && !first_in_clause && previous->verb_b >= 0 && limit - previous->verb_b <= kVerbWindow) {
        x.verb_b = previous->verb_b;
        x.verb = previous->verb;
    }
    const int32_t verb_b = x.verb_b;
    if (verb_b < 0) {
        // "Thực hiện Nghị quyết số 18-NQ/TW …; Nghị quyết số 19-NQ/TW …": a bare list item after ';'
        // takes the verb that governs the list.
        if (first_in_clause && previous != nullptr && previous->sentence_b == sb && previous->lead &&
            matches(at(Bare, cb, limit))) {
            c.relation = *previous->lead;
            x.lead = previous->lead;
        }
        return;
    }
    c.relation = kVerbRelations[static_cast<std::size_t>(x.verb)];
    if (first_in_clause) x.lead = c.relation;
    if (c.relation == Relation::Mentions || c.relation == Relation::LegalBasis) return;
    // The agent is the citation right before the verb in the same clause, unless the verb is
    // inside its topic ("Văn bản số 05/CV-… về tổng kết thực hiện Nghị quyết …").
    for (std::size_t j = m_extra.size(); j-- > 0 && m_extra[j].b >= cb;) {
        if (m_extra[j].tail > verb_b) continue;
        if (verb_b - m_extra[j].tail > kVerbWindow) break;
        if ((u" " + UnicodeString(m_u, m_extra[j].tail, verb_b - m_extra[j].tail) + u" ").indexOf(u" về ") < 0) {
            c.agent = j;
        }
        break;
    }
}

void Scan::cross_check() {
    // The document's own number: header lines, then every citation with the same key and year
    // (the year known from any of its header lines: the portal footer "Số hiệu:" has no date).
    std::map<std::string, int> own;
    for (std::size_t i = 0; i < m_out.size(); ++i) {
        if (m_extra[i].header) own[m_out[i].key] = std::max(own[m_out[i].key], m_out[i].year);
    }
    for (auto& c : m_out) {
        const auto it = own.find(c.key);
        if (it != own.end() && (c.year == 0 || it->second == 0 || c.year == it->second)) {
            add_flag(c, "self");
            c.relation = Relation::Mentions;
            c.agent.reset();
        }
    }
    // Administrative numbers restart every year; Party and with-year keys stand alone.
    std::map<std::string, std::vector<std::size_t>> by_key;
    for (std::size_t i = 0; i < m_out.size(); ++i) {
        const Citation& c = m_out[i];
        if (has_flag(c, "self")) continue;
        by_key[c.family == SymbolFamily::Administrative ? c.key + "@" + std::to_string(c.year) : c.key].push_back(i);
    }
    for (const auto& [key, group] : by_key) {
        std::map<std::string, int> dates;
        for (std::size_t i : group) dates[m_out[i].date] += m_out[i].date.empty() ? 0 : 1;
        dates.erase("");
        if (dates.size() < 2) continue;
        const auto best = std::max_element(dates.begin(), dates.end(), [](auto& a, auto& b) { return a.second < b.second; });
        const bool tie = std::count_if(dates.begin(), dates.end(), [&](auto& d) { return d.second == best->second; }) > 1;
        for (std::size_t i : group) {
            if (!m_out[i].date.empty() && (tie || m_out[i].date != best->first)) add_flag(m_out[i], "date_conflict");
        }
    }
    // `57-NQ/TU` cited once without a date among several `57-NQ/TW`: one letter of the key differs.
    for (auto& c : m_out) {
        if (c.family != SymbolFamily::Party || !c.date.empty() || has_flag(c, "self") || by_key[c.key].size() != 1) continue;
        const UnicodeString key = UnicodeString::fromUTF8(c.key);
        std::size_t best = 1;
        for (const auto& [other, group] : by_key) {
            const UnicodeString o = UnicodeString::fromUTF8(other);
            if (group.size() <= best || o.length() != key.length() || m_out[group[0]].family != SymbolFamily::Party) continue;
            int differ = 0;
            for (int32_t i = 0; i < key.length(); ++i) differ += key[i] != o[i] ? 1 : 0;
            if (differ == 1) best = group.size(), c.suggested_key = other;
        }
        if (!c.suggested_key.empty()) add_flag(c, "probable_typo");
    }
    static constexpr std::array<std::string_view, 13> kOrder{
        "self",          "malformed_separator", "dotted_number",  "ascii_type_code", "unknown_type",
        "type_from_cue", "legacy_order",        "type_ambiguous", "cue_mismatch",    "invalid_date",
        "year_mismatch", "date_conflict",       "probable_typo"};
    auto rank = [](const std::string& flag) { return std::find(kOrder.begin(), kOrder.end(), flag) - kOrder.begin(); };
    for (auto& c : m_out) std::sort(c.flags.begin(), c.flags.end(), [&](auto& a, auto& b) { return rank(a) < rank(b); });
}

}  // namespace

class CitationFinder::Impl {
public:
    std::array<std::unique_ptr<RegexPattern>, kPatternCount> patterns = compile_all();
};

CitationFinder::CitationFinder() : m_impl(std::make_unique<Impl>()) {}
CitationFinder::~CitationFinder() = default;
CitationFinder::CitationFinder(CitationFinder&&) noexcept = default;
CitationFinder& CitationFinder::operator=(CitationFinder&&) noexcept = default;

std::vector<Citation> CitationFinder::find(std::string_view normalized_utf8) const {
    return Scan(m_impl->patterns, normalized_utf8).run();
}

std::vector<Citation> find_citations(std::string_view normalized_utf8) {
    static const CitationFinder finder;
    return finder.find(normalized_utf8);
}

std::string relation_name(Relation relation) {
    static constexpr std::array<std::string_view, 7> kNames{"căn cứ",   "thực hiện", "sửa đổi, bổ sung", "thay thế",
                                                            "bãi bỏ",   "hướng dẫn", "dẫn chiếu"};
    return std::string(kNames.at(static_cast<std::size_t>(relation)));
}

std::string family_name(SymbolFamily family) {
    static constexpr std::array<std::string_view, 3> kNames{"with_year", "party", "administrative"};
    return std::string(kNames.at(static_cast<std::size_t>(family)));
}

std::string to_debug_string(const Citation& c) {
    std::string issuers = join(c.issuer_codes, 0, "+") + (c.unit.empty() ? "" : "(" + c.unit + ")");
    std::string out = c.key + "|" + family_name(c.family) + "|" + c.type_name + "|" + std::to_string(c.number) + "|" +
                      (c.year != 0 ? std::to_string(c.year) : "") + "|" + issuers + "|" + c.issuer_phrase + "|" +
                      c.date + "|" + relation_name(c.relation);
    return c.flags.empty() ? out : out + "|" + join(c.flags, 0, ",");
}

}  // namespace tracuu::analyzers
