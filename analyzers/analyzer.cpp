#include "analyzers/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <stdexcept>

#include "analyzers/fold.h"
#include "analyzers/syllable.h"
#include "analyzers/utf.h"
#include "analyzers/vietnamese_letters.h"

namespace tracuu::analyzers {
namespace {

constexpr std::size_t kMaxWordBytes = 64;

void check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU ") + what + ": " + u_errorName(status));
}

const icu::Normalizer2& nfkc_casefold() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    check(status, "NFKC_Casefold unavailable");
    return *n;
}

/** Lower-cases a word of ASCII and precomposed Vietnamese letters (đ and the vowels) into out;
 *  false, with out partly filled, when it holds anything else. For these letters the simple
 *  lower case is exactly what NFKC case folding gives. */
bool lower_vietnamese(const icu::UnicodeString& raw, std::u32string& out) {
    out.reserve(static_cast<std::size_t>(raw.length()));
    for (int32_t i = 0; i < raw.length(); ++i) {
        const char16_t c = raw.charAt(i);
        if (c < 0x80) {
            out.push_back(c >= u'A' && c <= u'Z' ? static_cast<char32_t>(c - u'A' + u'a') : c);
            continue;
        }
        if (U16_IS_SURROGATE(c)) return false;
        const auto lower = static_cast<char32_t>(u_tolower(c));
        if (lower < 0x80 || (lower != U'đ' && split_vowel(lower).base == 0)) return false;
        out.push_back(lower);
    }
    return true;
}

/// Lower-case, compatibility-folded code points of one word (`ＱＵＹＥＴ` → `quyet`).
std::u32string casefold(const icu::UnicodeString& raw, const icu::Normalizer2& folder) {
    std::u32string out;
    // ASCII and Vietnamese letters (precomposed, as normalize_text leaves them) fold to their lower case;
    // only other scripts and compatibility characters need the full NFKC case folding.
    if (lower_vietnamese(raw, out)) return out;
    out.clear();
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = folder.normalize(raw, status);
    check(status, "case folding failed");
    for (int32_t i = 0; i < folded.length();) {
        const UChar32 c = folded.char32At(i);
        out.push_back(static_cast<char32_t>(c));
        i += U16_LENGTH(c);
    }
    return out;
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool all_digits(std::u32string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }
bool has_letter(std::u32string_view s) {
    return std::any_of(s.begin(), s.end(), [](char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; });
}
bool has_digit(std::u32string_view s) { return std::any_of(s.begin(), s.end(), is_digit); }

/// `1.000.000` → `1000000` and `1.000,5` → `1000,5`: in Vietnamese the dot groups thousands.
bool strip_thousands_dots(std::u32string& s) {
    const std::size_t comma = s.find(U',');
    const std::u32string_view integer = std::u32string_view(s).substr(0, comma);
    const std::size_t first_dot = integer.find(U'.');
    if (first_dot == std::u32string::npos || first_dot == 0 || first_dot > 3) return false;
    for (std::size_t i = first_dot; i < integer.size(); i += 4) {
        if (integer[i] != U'.' || i + 3 >= integer.size() + 0 || !all_digits(integer.substr(i + 1, 3))) return false;
        if (i + 4 < integer.size() && integer[i + 4] != U'.') return false;
    }
    if (!all_digits(integer.substr(0, first_dot))) return false;
    if (comma != std::u32string::npos && !all_digits(std::u32string_view(s).substr(comma + 1))) return false;
    std::erase(s, U'.');
    return true;
}

std::u32string strip_leading_zeros(std::u32string s) {
    std::size_t i = 0;
    while (i + 1 < s.size() && s[i] == U'0') ++i;
    return s.substr(i);
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// UTF-8 length of UTF-32 text, without encoding it.
std::size_t utf8_length(std::u32string_view s) {
    std::size_t n = 0;
    for (char32_t c : s) n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    return n;
}

Token make_token(const std::u32string& word, TokenKind kind) {
    Token t;
    t.kind = kind;
    if (kind == TokenKind::Number) {
        t.text = to_utf8(word);
        t.folded = t.text;
    } else {
        const std::u32string canonical = canonical_syllable(word);
        t.text = to_utf8(canonical);
        // Folding leaves ASCII as it is; many syllables of real text are ASCII.
        t.folded = is_ascii(t.text) ? t.text : to_utf8(fold_term(canonical));
    }
    return t;
}

/// Splits a folded word at dots (`thuvienphapluat.vn`, `tp.hcm`); empty pieces are dropped.
std::vector<std::u32string> dotted_parts(const std::u32string& word) {
    std::vector<std::u32string> parts;
    std::size_t start = 0;
    while (start <= word.size()) {
        std::size_t dot = word.find(U'.', start);
        if (dot == std::u32string::npos) dot = word.size();
        if (dot > start) parts.push_back(word.substr(start, dot - start));
        start = dot + 1;
    }
    return parts;
}

/** Maps increasing UTF-16 offsets of the analysed text to UTF-8 byte offsets, walking the text
 *  once instead of building a table of every offset. Each code point read by U8_NEXT is one
 *  UTF-16 unit (two above U+FFFF), as in the UTF-16 copy; an invalid byte is one U+FFFD. */
class ByteOffsets {
public:
    explicit ByteOffsets(std::string_view utf8)
        : m_bytes(reinterpret_cast<const uint8_t*>(utf8.data())), m_length(static_cast<int32_t>(utf8.size())) {}

    /// The byte offset of the code point holding UTF-16 unit `unit`; `unit` must not decrease.
    std::uint32_t at(int32_t unit) {
        while (m_byte < m_length) {
            int32_t next = m_byte;
            UChar32 c;
            U8_NEXT(m_bytes, next, m_length, c);
            const int32_t units = c >= 0x10000 ? 2 : 1;
            if (unit < m_unit + units) break;
            m_unit += units;
            m_byte = next;
        }
        return static_cast<std::uint32_t>(m_byte);
    }

private:
    const uint8_t* m_bytes;
    int32_t m_length;
    int32_t m_unit = 0;  ///< the first UTF-16 unit of the code point at m_byte
    int32_t m_byte = 0;
};

struct WordSpan {
    std::size_t token_index;
    int32_t begin16;
    int32_t end16;
};

}  // namespace

class Analyzer::Impl {
public:
    explicit Impl(AnalysisMode mode)
        : m_mode(mode),
          m_identifiers(mode == AnalysisMode::Index ? IdentifierMode::Document : IdentifierMode::Query),
          m_folder(nfkc_casefold()) {
        UErrorCode status = U_ZERO_ERROR;
        m_word_break.reset(icu::BreakIterator::createWordInstance(icu::Locale("vi"), status));
        check(status, "word break iterator unavailable");
    }

    std::vector<Token> analyze(std::string_view text) const {
        const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));

        std::vector<Token> words;
        words.reserve(text.size() / 5);  // about one token per five bytes of Vietnamese text
        std::vector<Token> extras;
        std::vector<WordSpan> spans16;
        spans16.reserve(words.capacity());
        split_words(u, text, words, extras, spans16);
        add_identifiers(u, words, spans16, extras);
        return merge(std::move(words), std::move(extras));
    }

private:
    void split_words(const icu::UnicodeString& u, std::string_view text, std::vector<Token>& words,
                     std::vector<Token>& extras, std::vector<WordSpan>& spans16) const {
        std::unique_ptr<icu::BreakIterator> it(m_word_break->clone());
        it->setText(u);
        ByteOffsets byte_at(text);
        std::uint32_t position = 0;
        bool pending_break = false;
        int32_t previous_end = -1;
        for (int32_t start = it->first(), end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
            if (it->getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
                // Line and page breaks are not clause breaks: PDF text wraps lines mid-sentence.
                for (int32_t i = start; i < end && !pending_break; ++i) {
                    if (!u_isspace(u.charAt(i))) pending_break = true;
                }
                continue;
            }
            std::u32string word = casefold(u.tempSubStringBetween(start, end), m_folder);
            TokenKind kind = TokenKind::Word;
            if (all_digits(word)) {
                word = strip_leading_zeros(std::move(word));
                kind = TokenKind::Number;
            } else if (!has_letter(word) && strip_thousands_dots(word)) {
                kind = TokenKind::Number;
            } else if (!has_letter(word)) {
                kind = TokenKind::Number;  // 12,5 and the like stay as written
            }

            const std::uint32_t begin_byte = byte_at.at(start);
            const std::uint32_t end_byte = byte_at.at(end);
            const bool dotted = kind == TokenKind::Word && word.find(U'.') != std::u32string::npos;
            const auto add_word = [&](const std::u32string& piece) {
                if (utf8_length(piece) > kMaxWordBytes) {
                    ++position;
                    return;
                }
                Token t = make_token(piece, kind);
                t.position = position++;
                t.begin = begin_byte;
                t.end = end_byte;
                t.starts_clause = pending_break;
                pending_break = false;
                spans16.push_back({words.size(), start, end});
                words.push_back(std::move(t));
            };
            if (!dotted) {
                add_word(word);
            } else {
                const std::vector<std::u32string> pieces = dotted_parts(word);
                const std::uint32_t first_position = position;
                for (const auto& piece : pieces) add_word(piece);
                if (pieces.size() > 1 && utf8_length(word) <= kMaxWordBytes) {
                    Token whole = make_token(word, TokenKind::Part);
                    whole.position = first_position;
                    whole.width = static_cast<std::uint32_t>(pieces.size());
                    whole.begin = begin_byte;
                    whole.end = end_byte;
                    extras.push_back(std::move(whole));
                }
            }
            add_hyphen_compound(u, previous_end, start, words, extras);
            previous_end = end;
        }
    }

    /// `COVID-19` is also indexed as `covid19`, the way users type it without the hyphen.
    static void add_hyphen_compound(const icu::UnicodeString& u, int32_t previous_end, int32_t start,
                                    const std::vector<Token>& words, std::vector<Token>& extras) {
        if (words.size() < 2 || previous_end < 0 || start != previous_end + 1 || u.charAt(previous_end) != u'-') return;
        const Token& left = words[words.size() - 2];
        const Token& right = words.back();
        const std::u32string l = to_utf32(left.text);
        const std::u32string r = to_utf32(right.text);
        if (!(has_letter(l) && !has_digit(l) && all_digits(r))) return;
        Token joined;
        joined.kind = TokenKind::Part;
        joined.text = left.text + right.text;
        joined.folded = left.folded + right.folded;
        joined.position = left.position;
        joined.width = 2;
        joined.begin = left.begin;
        joined.end = right.end;
        extras.push_back(std::move(joined));
    }

    void add_identifiers(const icu::UnicodeString& u, const std::vector<Token>& words, const std::vector<WordSpan>& spans16,
                         std::vector<Token>& extras) const {
        const auto found = m_identifiers.find(std::u16string_view(u.getBuffer(), static_cast<std::size_t>(u.length())));
        for (const auto& span : found) {
            auto first = std::lower_bound(spans16.begin(), spans16.end(), static_cast<int32_t>(span.begin),
                                          [](const WordSpan& w, int32_t at) { return w.begin16 < at; });
            auto last = first;
            while (last != spans16.end() && last->end16 <= static_cast<int32_t>(span.end)) ++last;
            if (first == last) continue;
            const Token& head = words[first->token_index];
            const Token& tail = words[(last - 1)->token_index];
            const auto add = [&](const std::string& term, TokenKind kind) -> Token& {
                Token t;
                t.kind = kind;
                t.text = term;
                t.folded = to_utf8(fold_term(to_utf32(term)));
                t.position = head.position;
                t.width = tail.position - head.position + 1;
                t.begin = head.begin;
                t.end = tail.end;
                return extras.emplace_back(std::move(t));
            };
            Token& whole = add(span.term, kind_of(span.kind));
            whole.alternatives = span.alternatives;
            // In a query, `num/year` would widen an exact number to every type and issuer.
            if (!span.number_year.empty() && m_mode == AnalysisMode::Index) add(span.number_year, TokenKind::NumberYear);
        }
    }

    static TokenKind kind_of(IdentifierKind kind) {
        switch (kind) {
            case IdentifierKind::Date: return TokenKind::Date;
            case IdentifierKind::NumberYear: return TokenKind::NumberYear;
            case IdentifierKind::DocumentNumber: break;
        }
        return TokenKind::DocumentNumber;
    }

    static std::vector<Token> merge(std::vector<Token> words, std::vector<Token> extras) {
        if (extras.empty()) return words;
        std::stable_sort(extras.begin(), extras.end(), [](const Token& a, const Token& b) { return a.position < b.position; });
        std::vector<Token> out;
        out.reserve(words.size() + extras.size());
        auto extra = extras.begin();
        for (auto& word : words) {
            out.push_back(std::move(word));
            while (extra != extras.end() && extra->position <= out.back().position) out.push_back(std::move(*extra++));
        }
        for (; extra != extras.end(); ++extra) out.push_back(std::move(*extra));
        return out;
    }

    AnalysisMode m_mode;
    IdentifierFinder m_identifiers;
    const icu::Normalizer2& m_folder;
    std::unique_ptr<icu::BreakIterator> m_word_break;
};

Analyzer::Analyzer(AnalysisMode mode) : m_impl(std::make_unique<Impl>(mode)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<Token> Analyzer::analyze(std::string_view normalized_utf8) const { return m_impl->analyze(normalized_utf8); }

std::string canonical_word(std::string_view word) {
    const icu::UnicodeString raw = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    return to_utf8(canonical_syllable(casefold(raw, nfkc_casefold())));
}

std::string to_debug_string(const std::vector<Token>& tokens) {
    std::string out;
    for (const auto& t : tokens) {
        if (!out.empty()) out += ' ';
        out += t.text + "[" + std::to_string(t.position);
        if (t.kind != TokenKind::Word && t.kind != TokenKind::Number) out += "+" + std::to_string(t.width);
        out += "]";
    }
    return out;
}

}  // namespace tracuu::analyzers
