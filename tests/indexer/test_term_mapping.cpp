#include <doctest/doctest.h>

#include <xapian.h>

#include <map>
#include <set>
#include <string>

#include "analyzers/analyzer.h"
#include "analyzers/normalize.h"
#include "indexer/document_builder.h"
#include "indexer/term_mapping.h"
#include "tests/indexer/search_fixture.h"

using tracuu::analyzers::AnalysisMode;
using tracuu::analyzers::Analyzer;
using tracuu::analyzers::Token;
using tracuu::analyzers::TokenKind;
using tracuu::indexer::Layer;

namespace {

/// The first token of `kind` in the analysis of text.
Token first_token(const std::string& text, TokenKind kind) {
    const Analyzer analyzer(AnalysisMode::Index);
    for (const Token& t : analyzer.analyze(tracuu::analyzers::normalize_text(text))) {
        if (t.kind == kind) return t;
    }
    FAIL("no token of that kind in " << text);
    return {};
}

/// Terms of the document built from text, with how many positions each holds.
std::map<std::string, Xapian::termcount> positions_by_term(const std::string& text) {
    tracuu::indexer::IndexedDocument doc;
    doc.id = "d";
    doc.text = tracuu::analyzers::normalize_text(text);
    const Analyzer analyzer(AnalysisMode::Index);
    const Xapian::Document xdoc = tracuu::indexer::build_document(doc, analyzer);
    std::map<std::string, Xapian::termcount> out;
    for (auto it = xdoc.termlist_begin(); it != xdoc.termlist_end(); ++it) out[*it] = it.positionlist_count();
    return out;
}

struct TermCase {
    const char* name;
    const char* text;
    TokenKind kind;
    const char* exact;
    const char* folded;
};

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("term_for: one term where both layers agree, the surface term for an accented word") {
    const TermCase cases[] = {
        {"word without diacritics", "ban", TokenKind::Word, "ban", "Fban"},
        {"word with diacritics", "bán", TokenKind::Word, "Hban\tbán", "Fban"},
        {"number", "2024", TokenKind::Number, "2024", "F2024"},
        {"identifier without diacritics", "57-NQ/TW", TokenKind::DocumentNumber, "J57-nq/tw", "J57-nq/tw"},
        {"identifier with diacritics", "60/2021/NĐ-CP", TokenKind::DocumentNumber, "I60/2021/nđ-cp", "J60/2021/nd-cp"},
        {"date", "05/3/2020", TokenKind::Date, "D2020-03-05", "D2020-03-05"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const Token t = first_token(c.text, c.kind);
        CHECK(tracuu::indexer::term_for(t, Layer::Exact) == c.exact);
        CHECK(tracuu::indexer::term_for(t, Layer::Folded) == c.folded);
    }
}

TEST_CASE("bigram_term: B for two words without diacritics, else the pair's surface term") {
    const Analyzer analyzer(AnalysisMode::Index);
    const auto words = analyzer.analyze("uy ban nghị quyết");
    REQUIRE(words.size() == 4);
    CHECK(tracuu::indexer::bigram_term(words[0], words[1]) == "Buy ban");
    CHECK(tracuu::indexer::bigram_term(words[1], words[2]) == "Hban nghi\tban nghị");
    CHECK(tracuu::indexer::bigram_term(words[2], words[3]) == "Hnghi quyet\tnghị quyết");
}

TEST_CASE("folded_bigram_query: the plain pair and the indexed spellings of it, most frequent first, as one term") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const auto add = [&](std::initializer_list<const char*> terms) {
        Xapian::Document doc;
        for (const char* term : terms) doc.add_term(term);
        db.add_document(doc);
    };
    // Two spellings in two documents each; 80 more in one document each, 40 sorting before them
    // (ĩ) and 40 after (ỵ), so that only their frequency keeps the first two among 32.
    add({"Hnghi quyet\tnghị quyết", "Hnghi quyet do\tnghị quyết đó"});
    add({"Hnghi quyet\tnghị quyết", "Hnghi quyet\tnghỉ quyết"});
    add({"Hnghi quyet\tnghỉ quyết", "Hnghi quyen\tnghị quyền"});
    for (int i = 0; i < 40; ++i) {
        add({("Hnghi quyet\tnghĩ quyết " + std::to_string(i)).c_str(), ("Hnghi quyet\tnghỵ quyết " + std::to_string(i)).c_str()});
    }
    const Analyzer analyzer(AnalysisMode::Query);
    const auto words = analyzer.analyze("nghi quyet");
    REQUIRE(words.size() == 2);

    const Xapian::Query query = tracuu::indexer::folded_bigram_query(words[0], words[1], db);
    CHECK(query.get_type() == Xapian::Query::OP_SYNONYM);
    std::set<std::string> terms(query.get_unique_terms_begin(), query.get_unique_terms_end());
    CHECK(terms.count("Bnghi quyet") == 1);
    CHECK(terms.count("Hnghi quyet\tnghị quyết") == 1);  // the most frequent spellings are kept
    CHECK(terms.count("Hnghi quyet\tnghỉ quyết") == 1);
    CHECK(terms.count("Hnghi quyet do\tnghị quyết đó") == 0);  // another pair that starts alike
    CHECK(terms.count("Hnghi quyen\tnghị quyền") == 0);
    CHECK(terms.size() == 1 + 32);  // the plain pair and at most 32 spellings

    const Xapian::Query none = tracuu::indexer::folded_bigram_query(words[0], words[1], Xapian::Database());
    CHECK(std::set<std::string>(none.get_unique_terms_begin(), none.get_unique_terms_end()) == std::set<std::string>{"Bnghi quyet"});
}

TEST_CASE("a built document: positions on the folded layer of words only, each term once") {
    const auto terms = positions_by_term("Ủy ban ban hành Nghị quyết 57-NQ/TW");
    CHECK(terms.at("Fban") == 2);
    CHECK(terms.at("ban") == 0);
    CHECK(terms.at("Huy\tủy") == 0);
    CHECK(terms.at("J57-nq/tw") == 0);
    CHECK(terms.count("I57-nq/tw") == 0);
    CHECK(terms.count("ủy") == 0);  // the accented layer of ủy is its surface term
    CHECK(terms.at("Bban ban") == 0);
    CHECK(terms.at("Hban hanh\tban hành") == 0);
    CHECK(terms.at("Huy ban\tủy ban") == 0);
    CHECK(terms.count("Bủy ban") == 0);  // the accented layer of the pair is its surface term
    CHECK(terms.count("Guy ban") == 0);  // pairs have no folded layer: queries reach their spellings
    for (const auto& [term, positions] : terms) {
        CAPTURE(term);
        CHECK((term[0] == 'F') == (positions > 0));
    }
}

TEST_CASE("an unaccented pair finds and boosts every spelling of it, accented or not") {
    tracuu::testing::SearchFixture index;
    // The pairs stand in longer texts: without the bigram boost the short ones would rank first.
    index.add("accented-apart", "nghị định quyết toán");
    index.add("accented", "nghị quyết của hội đồng nhân dân tỉnh về phát triển kinh tế xã hội");
    index.add("plain-apart", "nghi van quyet tam");
    index.add("plain", "nghi quyet khong dau cua hoi dong nhan dan tinh ve phat trien kinh te xa hoi");
    const auto ids = index.search("nghi quyet");
    REQUIRE(ids.size() == 4);
    CHECK(((ids[0] == "accented" && ids[1] == "plain") || (ids[0] == "plain" && ids[1] == "accented")));
}

}  // TEST_SUITE
