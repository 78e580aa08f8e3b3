/** @file
 *  @brief Vietnamese text → tokens: the one analysis path shared by indexing and querying.
 */
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/identifiers.h"

namespace tracuu::analyzers {

/// What a token stands for.
enum class TokenKind : std::uint8_t {
    Word,            ///< a syllable or other word from the ICU word break
    Number,          ///< digits; `1.000.000` becomes `1000000`, `05` becomes `5`, `12,5` stays
    Part,            ///< an extra part of a dotted or hyphenated word (`chinhphu` of `chinhphu.vn`)
    DocumentNumber,  ///< a whole document number spanning its word tokens (`60/2021/nđ-cp`)
    NumberYear,      ///< `60/2021`, alone or as the head of a number with year
    Date,            ///< an ISO date spanning its word tokens (`2020-03-05`)
};

/// One token. Word and Number tokens take consecutive positions; the others are extras that
/// share the position of the first word they cover.
struct Token {
    std::string text;            ///< accented layer: NFKC, lower case, canonical tone placement, i/y variant
    std::string folded;          ///< diacritic-free layer: `ủy` → `uy`, `đ` → `d`
    std::uint32_t position = 0;  ///< 0-based position of the (first) word
    std::uint32_t width = 1;     ///< how many word positions the token covers
    std::uint32_t begin = 0;     ///< byte offset of the token in the analysed text
    std::uint32_t end = 0;       ///< byte offset one past the token
    TokenKind kind = TokenKind::Word;
    bool starts_clause = false;  ///< punctuation (not mere spaces or line breaks) separates it from the previous word
    std::vector<std::string> alternatives;  ///< other spellings of an identifier (Query mode only)
};

/// Whether text is a document being indexed or a query being parsed; see IdentifierMode.
enum class AnalysisMode { Index, Query };

/** The Vietnamese analyzer: ICU word break over normalised text, with document numbers and dates
 *  recognised before the break and emitted whole as well as by part.
 *
 *  Input must already have passed normalize_text(); offsets refer to that input. Nothing is
 *  dropped: `không`, `số`, `điều`, `năm` are ordinary tokens. Words longer than 64 bytes are
 *  skipped but still take a position. analyze() is const and may be called from several
 *  threads at once. Construction compiles ICU patterns: build one analyzer and reuse it.
 */
class Analyzer {
public:
    explicit Analyzer(AnalysisMode mode);
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    [[nodiscard]] std::vector<Token> analyze(std::string_view normalized_utf8) const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

/** The term of one word as written by a user or a document, through the same steps as analyze():
 *  NFKC case folding, tone placement, i/y variants. `Uỷ` → `ủy`. */
[[nodiscard]] std::string canonical_word(std::string_view word);

/// Renders tokens as `text[position]` words, extras as `text[position+width]`, for tests.
[[nodiscard]] std::string to_debug_string(const std::vector<Token>& tokens);

}  // namespace tracuu::analyzers
