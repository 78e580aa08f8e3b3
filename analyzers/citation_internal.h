/** @file
 *  @brief Internal to the citation finder (citations.cpp, citation_grammar.cpp, citation_symbol.cpp):
 *  the tables the patterns and the scan share, the compiled patterns and Scan, the state of one
 *  find() call. Not part of the analyzers' interface.
 */
#pragma once

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/citations.h"

namespace tracuu::analyzers::citation_internal {

using icu::RegexMatcher;
using icu::RegexPattern;
using icu::UnicodeString;

inline constexpr int32_t kCueWindow = 90;      // UTF-16 units searched before a symbol for its cue phrase
inline constexpr int32_t kAfterWindow = 200;   // … after it for date and issuer phrase
inline constexpr int32_t kHeaderWindow = 300;  // … after a header number for the place-date line, and the longest header line
inline constexpr int32_t kVerbWindow = 400;    // … before a cue for the relation verb (bounded, so long lines stay linear)

// Cue phrases, a longer one before any it starts with. Searched in any case.
inline constexpr std::array<std::string_view, 28> kCues{
    "Nghị quyết liên tịch", "Nghị quyết", "Quyết định", "Nghị định", "Thông tư liên tịch", "Thông tư", "Chỉ thị",
    "Kế hoạch hành động", "Kế hoạch", "Chương trình hành động", "Chương trình", "Văn bản hợp nhất", "Văn bản",
    "Công văn", "Kết luận", "Quy định", "Quy chế", "Hướng dẫn", "Thông báo", "Thông tri", "Báo cáo", "Tờ trình",
    "Đề án", "Bộ luật", "Luật", "Pháp lệnh", "Công điện", "Lệnh"};

// The relation each group of the verb pattern (kVerbs in citation_grammar.cpp) states, by group number.
inline constexpr std::array<Relation, 8> kVerbRelations{Relation::Mentions, Relation::Mentions,   Relation::Guides,
                                                        Relation::Amends,   Relation::Replaces,   Relation::Repeals,
                                                        Relation::LegalBasis, Relation::Implements};

enum Which { Symbol, Cue, FillerUpper, FillerLower, NotCitation, Date, YearAfter, Issuer, Verb, Basis, Header,
             PlaceDate, Bare, kPatternCount };

/// The compiled patterns, indexed by Which. Throws std::runtime_error if ICU cannot compile one.
std::array<std::unique_ptr<RegexPattern>, kPatternCount> compile_all();

/// `parts` from index `from` on, joined by `sep`.
std::string join(const std::vector<std::string>& parts, std::size_t from, std::string_view sep);
/// The number the leading digits of `digits` write (a group of digits of a pattern).
int to_int(const UnicodeString& digits);
/// Adds `flag` to the citation unless it is there already.
void add_flag(Citation& c, const char* flag);

// ICU's status out-parameters, for calls that cannot fail once the matcher exists.
inline int32_t start_of(const RegexMatcher& m, int32_t g) { UErrorCode s = U_ZERO_ERROR; return m.start(g, s); }
inline int32_t end_of(const RegexMatcher& m, int32_t g) { UErrorCode s = U_ZERO_ERROR; return m.end(g, s); }
inline UnicodeString group_of(const RegexMatcher& m, int32_t g) { UErrorCode s = U_ZERO_ERROR; return m.group(g, s); }
inline bool found(RegexMatcher& m) { UErrorCode s = U_ZERO_ERROR; return m.find(s) && U_SUCCESS(s); }
inline bool looking_at(RegexMatcher& m) { UErrorCode s = U_ZERO_ERROR; return m.lookingAt(s) && U_SUCCESS(s); }
inline bool matches(RegexMatcher& m) { UErrorCode s = U_ZERO_ERROR; return m.matches(s) && U_SUCCESS(s); }

/// One call of find(): the text in UTF-16, offsets back to UTF-8, and a matcher per pattern.
class Scan {
public:
    Scan(const std::array<std::unique_ptr<RegexPattern>, kPatternCount>& patterns, std::string_view text);

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

}  // namespace tracuu::analyzers::citation_internal
