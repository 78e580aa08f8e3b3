#include "indexer/references.h"

#include <algorithm>

#include "indexer/reference_keys.h"

namespace tracuu::indexer {
namespace {

constexpr std::size_t kMaxContextBytes = 400;

bool continuation(std::string_view text, std::size_t i) {
    return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
}

/// The citing clause, cut to kMaxContextBytes around the symbol on UTF-8 boundaries.
std::string context_of(std::string_view text, const analyzers::Citation& c) {
    std::size_t from = c.sentence_begin < c.begin ? c.sentence_begin : c.begin;
    std::size_t to = c.sentence_end > c.end ? c.sentence_end : c.end;
    if (to - from > kMaxContextBytes) {
        from = c.begin > kMaxContextBytes / 2 && c.begin - kMaxContextBytes / 2 > from ? c.begin - kMaxContextBytes / 2 : from;
        to = std::min(to, from + kMaxContextBytes);
    }
    while (from > 0 && continuation(text, from)) --from;
    while (continuation(text, to)) ++to;
    std::string context(text.substr(from, to - from));
    for (char& ch : context) {
        if (ch == '\n' || ch == '\f') ch = ' ';
    }
    return context;
}

std::string issuer_display(const analyzers::Citation& c) {
    if (!c.issuer_phrase.empty()) return c.issuer_phrase;
    std::string codes;
    for (const auto& code : c.issuer_codes) codes += (codes.empty() ? "" : "-") + code;
    return codes;
}

/// `3/NQ-CP@?@?` cited once with its date and issuer and later without them is one document:
/// a partly known key takes the one fully known key of the same symbol in the same text that
/// agrees with it.
void complete_from_siblings(std::vector<Reference>& refs) {
    for (auto& r : refs) {
        if (r.key.find("@?") == std::string::npos) continue;
        const KeyParts mine = key_parts(r.key);
        std::string candidate;
        bool unique = true;
        for (const auto& other : refs) {
            if (other.symbol != r.symbol || other.key.find("@?") != std::string::npos) continue;
            const KeyParts theirs = key_parts(other.key);
            const bool agrees = (mine.year == "?" || theirs.year == mine.year) && (mine.issuer == "?" || theirs.issuer == mine.issuer);
            if (!agrees) continue;
            unique = unique && (candidate.empty() || candidate == other.key);
            candidate = other.key;
        }
        if (!candidate.empty() && unique) r.key = candidate;
    }
}

}  // namespace

std::string own_reference_key(const DocumentFields& fields) {
    if (fields.number_key.empty()) return "";
    const int year = fields.date.size() >= 4 ? std::stoi(fields.date.substr(0, 4)) : 0;
    return reference_key(fields.number_key, year, fields.issuer);
}

std::vector<Reference> extract_references(std::string_view text, const DocumentFields& fields, const std::vector<OutlineEntry>& outline,
                                          const analyzers::CitationFinder& finder) {
    std::vector<Reference> out;
    for (const analyzers::Citation& c : finder.find(text)) {
        if (fields.number_offset != std::string::npos && c.begin <= fields.number_offset && fields.number_offset < c.end) continue;
        if (std::find(c.flags.begin(), c.flags.end(), "self") != c.flags.end()) continue;  // its own number, e.g. in a portal footer
        if (!fields.number_key.empty() && c.key == fields.number_key) continue;
        std::string issuer = c.issuer_phrase;
        if (issuer.empty() && c.issuer_codes.size() == 1 && !fields.issuer_code.empty() && c.issuer_codes.front() == fields.issuer_code) {
            issuer = fields.issuer;
        }
        Reference r;
        r.symbol = c.key;
        r.key = reference_key(c.key, c.year, issuer);
        r.written = c.symbol;
        r.type = c.type_name;
        r.issuer = issuer_display(c);
        r.date = c.date;
        r.relation = analyzers::relation_name(c.relation);
        r.context = context_of(text, c);
        r.offset = c.begin;
        r.section = outline_path_at(outline, c.begin);
        r.flags = c.flags;
        if (!c.suggested_key.empty()) r.suggested_key = reference_key(c.suggested_key, c.year, issuer);
        out.push_back(std::move(r));
    }
    complete_from_siblings(out);
    return out;
}

}  // namespace tracuu::indexer
