#include <doctest/doctest.h>

#include <xapian.h>

#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/normalize.h"
#include "indexer/enrich.h"
#include "indexer/schema.h"
#include "indexer/writer.h"
#include "server/suggester.h"
#include "tests/support/temp_dir.h"

using tracuu::server::Suggestion;
using tracuu::testing::TempDir;

namespace {

struct FixtureDocument {
    std::string id;
    std::string title;
    std::string text;
};

std::string repeated(const std::string& sentence, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += sentence + ' ';
    return out;
}

/// Documents in index order: those whose short text repeats a phrase, or whose title holds its
/// words apart (`Nghị định quy định`), come before the one whose title holds it and whose text is
/// long, so neither index order, nor ranking by the text, nor title words taken apart would offer
/// that title first.
const std::vector<FixtureDocument> kDocuments{
    {"nghi-dinh", "Nghị định quy định chi tiết", repeated("Nội dung chung của văn bản này.", 80)},
    {"bao-cao", "Báo cáo tổng kết công tác năm 2024", "Quy hoạch đô thị; quy hoạch chung; quy hoạch chi tiết; quy hoạch vùng."},
    {"cong-van", "Công văn về việc rà soát", "Rà soát quy hoạch theo Nghị quyết số 57-NQ/TW; nghị quyết này; nghị quyết đó."},
    {"quy-hoach", "Quy hoạch tỉnh Ninh Bình thời kỳ 2021 - 2030", repeated("Nội dung chung của văn bản này.", 80)},
    {"nghi-quyet", "Nghị quyết về phát triển khoa học, công nghệ", repeated("Nội dung chung của văn bản này.", 80)},
    {"ke-hoach", "Kế hoạch hoạt động năm 2025", "Thực hiện Nghị quyết số 57-NQ/TW; nghị quyết về đột phá; nghị quyết khác."},
};

class SuggestFixture {
public:
    explicit SuggestFixture(const std::vector<FixtureDocument>& documents = kDocuments) {
        auto writer = tracuu::indexer::IndexWriter::open(index()).value();
        const tracuu::indexer::Enricher enricher;  // the citations, as the indexer finds them
        for (const auto& d : documents) {
            tracuu::indexer::IndexedDocument doc;
            doc.id = d.id;
            doc.title = d.title;
            doc.text = tracuu::analyzers::normalize_text(d.text);
            doc.format = "text";
            enricher.enrich(doc);
            writer.put(doc);
        }
        writer.commit();
    }

    [[nodiscard]] std::filesystem::path index() const { return m_dir.path() / "index"; }

    [[nodiscard]] std::vector<Suggestion> suggest(const std::string& typed, std::size_t size = 8) const {
        const Xapian::Database db(index().string());
        return tracuu::server::suggest(db, m_analyzer, typed, size);
    }

    /// The same with the index's reference keys, as the searcher calls it.
    [[nodiscard]] std::vector<Suggestion> suggest_with_keys(const std::string& typed, std::size_t size = 8) const {
        const Xapian::Database db(index().string());
        const auto keys = tracuu::server::CitedKeyTable::build(db);
        return tracuu::server::suggest(db, m_analyzer, typed, size, tracuu::server::SuggestHelp{keys.get(), ""});
    }

private:
    TempDir m_dir;
    tracuu::analyzers::Analyzer m_analyzer{tracuu::analyzers::AnalysisMode::Query};
};

std::vector<Suggestion> of_kind(const std::vector<Suggestion>& all, const std::string& kind) {
    std::vector<Suggestion> out;
    for (const auto& s : all) {
        if (s.kind == kind) out.push_back(s);
    }
    return out;
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("title suggestions complete over title words first, typed with or without diacritics") {
    const SuggestFixture fixture;
    struct Case {
        std::string typed;
        std::string first_title_id;
    };
    const std::vector<Case> cases{
        {"quy h", "quy-hoach"},      // the texts of bao-cao and cong-van say `quy hoạch` and come first in the index
        {"quy hoạ", "quy-hoach"},
        {"QUY HO", "quy-hoach"},
        {"nghi quy", "nghi-quyet"},  // nghi-dinh has the words apart; cong-van and ke-hoach in their text
        {"nghị quy", "nghi-quyet"},
        {"ninh b", "quy-hoach"},
        {"khoa h", "nghi-quyet"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.typed);
        const auto titles = of_kind(fixture.suggest(c.typed), "title");
        REQUIRE_FALSE(titles.empty());
        CHECK(titles.front().id == c.first_title_id);
        for (const auto& d : kDocuments) {
            if (d.id == c.first_title_id) CHECK(titles.front().text == d.title);
        }
    }
}

TEST_CASE("titles are offered only when the title holds the words, not when the text merely uses them") {
    const SuggestFixture fixture;
    // cong-van and ke-hoach say `nghị quyết` in their text, bao-cao `quy hoạch`: none is offered;
    // nor nghi-dinh, whose title has `nghị` and `quy định` apart.
    const auto ids = [&](const std::string& typed) {
        std::vector<std::string> out;
        for (const auto& t : of_kind(fixture.suggest(typed), "title")) out.push_back(t.id);
        return out;
    };
    CHECK(ids("nghi quy") == std::vector<std::string>{"nghi-quyet"});
    CHECK(ids("quy hoa") == std::vector<std::string>{"quy-hoach"});
    // Earlier words are matched whole: `quy` is not `quyết` (nghi-quyet).
    CHECK(ids("nghi quy hoa").empty());
}

TEST_CASE("the words before a completed phrase are shown restored, and the pair completed keeps the restored word") {
    const SuggestFixture fixture;
    const Xapian::Database db(fixture.index().string());
    const tracuu::analyzers::Analyzer analyzer(tracuu::analyzers::AnalysisMode::Query);
    const auto phrases = [&](const std::string& typed, const std::string& restored) {
        std::vector<std::string> out;
        for (const auto& p : of_kind(tracuu::server::suggest(db, analyzer, typed, 8, tracuu::server::SuggestHelp{nullptr, restored}), "phrase")) {
            out.push_back(p.text);
        }
        return out;
    };
    // The searcher restores the words before the one being typed: `ve nghi` → `về nghị`.
    const auto restored = phrases("ve nghi quy", "về nghị");
    REQUIRE_FALSE(restored.empty());
    CHECK(restored.front() == "về nghị quyết");  // the head restored, the last two words completed
    CHECK(phrases("ve nghi quy", "").front() == "ve nghị quyết");
    // A restored text whose words do not pair with the typed ones is not used.
    CHECK(phrases("ve nghi quy", "về nghị quý").front() == "ve nghị quyết");
    // A completed pair must keep the restored first word, as the search will read it: `nghĩ`
    // restored after `về`, `nghị quyết` is not offered.
    CHECK(phrases("ve nghi quy", "về nghĩ").empty());
    // With no word before it, the first word's restoration has no context and is not imposed.
    CHECK(phrases("nghi quy", "nghĩ").front() == "nghị quyết");
}

TEST_CASE("a document type typed offers the most cited documents of that type instead of texts using the words") {
    const SuggestFixture fixture;
    for (const std::string typed : {"nghi quy", "nghị quyết", "nghị quyết 5", "NGHI QUYET 57-NQ"}) {
        CAPTURE(typed);
        const auto all = fixture.suggest_with_keys(typed);
        const auto references = of_kind(all, "reference");
        REQUIRE(references.size() == 1);
        CHECK(references.front().text == "Nghị quyết 57-NQ/TW");
        CHECK(references.front().id == "57-NQ/TW");
        // Titles that hold the words remain; texts that merely use them do not follow.
        for (const auto& t : of_kind(all, "title")) CHECK(t.id == "nghi-quyet");
    }
    CHECK(of_kind(fixture.suggest_with_keys("nghị quyết 6"), "reference").empty());
    CHECK(of_kind(fixture.suggest_with_keys("quy hoa"), "reference").empty());
    CHECK(of_kind(fixture.suggest("nghi quy"), "reference").empty());  // without keys, none
}

TEST_CASE("suggested titles are read from their value slots, and from the data in an older index") {
    const SuggestFixture fixture;
    const auto title_of = [&](const std::string& typed) {
        const auto titles = of_kind(fixture.suggest(typed), "title");
        return titles.empty() ? std::string("(none)") : titles.front().id + "|" + titles.front().text;
    };
    const std::string term = std::string(tracuu::schema::kId) + "quy-hoach";
    Xapian::docid docid = 0;
    {
        const Xapian::Database db(fixture.index().string());
        docid = *db.postlist_begin(term);
        CHECK(db.get_document(docid).get_value(tracuu::schema::kSlotId) == "quy-hoach");
    }
    CHECK(title_of("quy hoa") == "quy-hoach|Quy hoạch tỉnh Ninh Bình thời kỳ 2021 - 2030");
    {
        // The title shown is the slot's: here it differs from the data's.
        Xapian::WritableDatabase db(fixture.index().string());
        Xapian::Document doc = db.get_document(docid);
        doc.add_value(tracuu::schema::kSlotTitle, "Quy hoạch (tên trong giá trị)");
        db.replace_document(docid, doc);
        db.commit();
    }
    CHECK(title_of("quy hoa") == "quy-hoach|Quy hoạch (tên trong giá trị)");
    {
        // An index written before the slots: the data says the id and title.
        Xapian::WritableDatabase db(fixture.index().string());
        Xapian::Document doc = db.get_document(docid);
        doc.remove_value(tracuu::schema::kSlotId);
        doc.remove_value(tracuu::schema::kSlotTitle);
        db.replace_document(docid, doc);
        db.commit();
    }
    CHECK(title_of("quy hoa") == "quy-hoach|Quy hoạch tỉnh Ninh Bình thời kỳ 2021 - 2030");
}

TEST_CASE("nothing is suggested as a title when neither titles nor texts hold the words") {
    const SuggestFixture fixture;
    CHECK(of_kind(fixture.suggest("xyz"), "title").empty());
    CHECK(of_kind(fixture.suggest("quy xyz"), "title").empty());
}

TEST_CASE("phrases complete the last words to their accented spellings") {
    const SuggestFixture fixture;
    struct Case {
        std::string typed;
        std::string phrase;
    };
    const std::vector<Case> cases{
        {"nghi quy", "nghị quyết"},
        {"nghị quy", "nghị quyết"},
        {"quy hoa", "quy hoạch"},
        {"ve nghi quy", "ve nghị quyết"},  // earlier words are kept as typed
        {"quy", "quyết"},                  // one word: the pairs `quy hoạch` are skipped, words after them still read
    };
    for (const auto& c : cases) {
        CAPTURE(c.typed);
        const auto phrases = of_kind(fixture.suggest(c.typed), "phrase");
        bool found = false;
        for (const auto& p : phrases) found = found || p.text == c.phrase;
        CHECK(found);
    }
    for (const auto& p : of_kind(fixture.suggest("quy"), "phrase")) {
        CAPTURE(p.text);
        CHECK(p.text.find(' ') == std::string::npos);
    }
}

TEST_CASE("a single word completes past thousands of pairs that start with it") {
    TempDir dir;
    {
        auto writer = tracuu::indexer::IndexWriter::open(dir.path() / "index").value();
        tracuu::indexer::IndexedDocument doc;
        doc.id = "pairs";
        doc.title = "Danh sách";
        std::string text;
        for (int i = 0; i < 2600; ++i) {  // `quý àaab`, `quý àaac`, …: pairs sorted before `quyết`
            text += "quý à";
            text += static_cast<char>('a' + i / 676);
            text += static_cast<char>('a' + i / 26 % 26);
            text += static_cast<char>('a' + i % 26);
            text += ". ";
        }
        doc.text = tracuu::analyzers::normalize_text(text + "Nghị quyết.");
        doc.format = "text";
        writer.put(doc);
        writer.commit();
    }
    const Xapian::Database db((dir.path() / "index").string());
    std::size_t pairs = 0;
    for (auto it = db.allterms_begin("Hquy "); it != db.allterms_end("Hquy "); ++it) ++pairs;
    REQUIRE(pairs >= 2600);  // more than one walk reads: only skipping the pairs reaches `quyết`
    const tracuu::analyzers::Analyzer analyzer(tracuu::analyzers::AnalysisMode::Query);
    const auto phrases = of_kind(tracuu::server::suggest(db, analyzer, "quy", 8), "phrase");
    bool found = false;
    for (const auto& p : phrases) found = found || p.text == "quyết";
    CHECK(found);
}

TEST_CASE("document numbers complete from their first characters, first in the list") {
    const SuggestFixture fixture;
    for (const std::string typed : {"57-nq", "57-nq/t", "57-NQ/T"}) {
        CAPTURE(typed);
        const auto all = fixture.suggest(typed);
        REQUIRE_FALSE(all.empty());
        CHECK(all.front().kind == "number");
        CHECK(all.front().text == "57-NQ/TW");
    }
    CHECK(of_kind(fixture.suggest("nghi quy"), "number").empty());
}

TEST_CASE("of numbers in as many documents, the one written more often comes first") {
    // One plan cites 57-NQ/TW three times and, once, the typo 57-NQ/TU, which sorts first by name.
    const SuggestFixture fixture({{"kh", "Kế hoạch thực hiện",
                                   "Thực hiện Nghị quyết số 57-NQ/TW. Theo Nghị quyết số 57-NQ/TU. Mục tiêu của Nghị quyết số 57-NQ/TW. "
                                   "Kinh phí thực hiện Nghị quyết số 57-NQ/TW."}});
    const auto numbers = of_kind(fixture.suggest("57-nq"), "number");
    REQUIRE(numbers.size() >= 2);
    CHECK(numbers[0].text == "57-NQ/TW");
    CHECK(numbers[1].text == "57-NQ/TU");
}

TEST_CASE("suggestions are at most size, never repeated, and none for no word") {
    const SuggestFixture fixture;
    CHECK(fixture.suggest("quy", 2).size() == 2);
    const auto all = fixture.suggest("quy h", 20);
    for (std::size_t i = 0; i < all.size(); ++i) {
        for (std::size_t j = i + 1; j < all.size(); ++j) CHECK(all[i].text != all[j].text);
    }
    CHECK(fixture.suggest("", 8).empty());
    CHECK(fixture.suggest(" - , ", 8).empty());
}

}  // TEST_SUITE
