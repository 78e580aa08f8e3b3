#include "analyzers/abbreviations.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace tracuu::analyzers {
namespace {

struct Group {
    std::vector<const char*> forms;  ///< folded spellings, words separated by spaces
    double weight = 1.0;
    /// The first form is a bare type code (`kh`): other forms lead to it, it leads nowhere,
    /// because `KH` alone is as often part of `KH&CN` as it is `kế hoạch`.
    bool code_is_target_only = false;
};

// Expansions follow coccoc's acronym list where it is right for administrative text, without its
// English senses (cds: credit default swap), with `chuyển đổi số` added (VIETNAMESE.md §5.2).
const std::array<Group, 31> kGroups{{
    {{"ubnd", "uy ban nhan dan"}},
    {{"hdnd", "hoi dong nhan dan"}},
    {{"kh cn", "khcn", "khoa hoc va cong nghe", "khoa hoc cong nghe"}},
    {{"dmst", "doi moi sang tao"}},
    {{"cds", "chuyen doi so"}, 0.7},
    {{"nsnn", "ngan sach nha nuoc"}},
    {{"kbnn", "kho bac nha nuoc"}},
    {{"ttg", "thu tuong chinh phu", "thu tuong"}},
    {{"tw", "trung uong"}},
    {{"bct", "bo chinh tri", "bo cong thuong"}, 0.5},
    {{"btc", "bo tai chinh", "ban to chuc"}, 0.5},
    {{"tp hcm", "tphcm", "tp ho chi minh", "thanh pho ho chi minh"}},
    {{"qh", "quoc hoi"}, 0.5},
    {{"mttq", "mat tran to quoc"}},
    {{"vbqppl", "van ban quy pham phap luat"}},
    {{"xhcn", "xa hoi chu nghia"}},
    {{"cntt", "cong nghe thong tin"}},
    {{"bhxh", "bao hiem xa hoi"}},
    {{"gd dt", "gddt", "giao duc va dao tao", "giao duc dao tao"}},
    {{"tn mt", "tnmt", "tai nguyen va moi truong", "tai nguyen moi truong"}},
    {{"ldtb xh", "ldtbxh", "lao dong thuong binh va xa hoi", "lao dong thuong binh xa hoi"}},
    {{"ptnt", "phat trien nong thon"}},
    {{"dbqh", "dai bieu quoc hoi"}},
    {{"bkhcn", "bo khoa hoc va cong nghe", "bo khoa hoc cong nghe"}},
    {{"bkhdt", "bo ke hoach va dau tu", "bo ke hoach dau tu"}},
    {{"qyd", "quy dinh"}},
    {{"kh", "ke hoach"}, 1.0, true},
    {{"qd", "quyet dinh"}, 1.0, true},
    {{"nd", "nghi dinh"}, 1.0, true},
    {{"nq", "nghi quyet"}, 1.0, true},
    {{"tt", "thong tu"}, 1.0, true},
}};

std::vector<std::string> words_of(std::string_view form) {
    std::vector<std::string> words;
    for (std::size_t start = 0; start <= form.size();) {
        const std::size_t space = std::min(form.find(' ', start), form.size());
        words.emplace_back(form.substr(start, space - start));
        start = space + 1;
    }
    return words;
}

/** The number of words of `form` when they are the query's words from `start` on, else 0.
 *  Compared in place: this runs for every form at every query word, and splitting the forms
 *  into strings each time was 3 % of a search's CPU (bench/perf/PROFILE.md, "session 8"). */
std::size_t match_length(const std::vector<std::string>& query, std::size_t start, std::string_view form) {
    std::size_t words = 0;
    for (std::size_t begin = 0; begin <= form.size(); ++words) {
        const std::size_t space = std::min(form.find(' ', begin), form.size());
        if (start + words >= query.size() || query[start + words] != form.substr(begin, space - begin)) return 0;
        begin = space + 1;
    }
    return words;
}

}  // namespace

std::vector<AbbreviationMatch> find_abbreviations(const std::vector<std::string>& folded_words) {
    std::vector<AbbreviationMatch> matches;
    std::size_t i = 0;
    while (i < folded_words.size()) {
        AbbreviationMatch best;
        for (const Group& group : kGroups) {
            for (std::size_t f = 0; f < group.forms.size(); ++f) {
                if (f == 0 && group.code_is_target_only) continue;
                const std::size_t length = match_length(folded_words, i, group.forms[f]);
                if (length <= best.length) continue;
                best = AbbreviationMatch{i, length, {}, group.weight};
                for (std::size_t g = 0; g < group.forms.size(); ++g) {
                    if (g != f) best.alternatives.push_back(words_of(group.forms[g]));
                }
            }
        }
        if (best.length == 0) {
            ++i;
            continue;
        }
        i += best.length;
        matches.push_back(std::move(best));
    }
    return matches;
}

}  // namespace tracuu::analyzers
