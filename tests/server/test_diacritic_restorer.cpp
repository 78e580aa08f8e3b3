#include <doctest/doctest.h>

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "analyzers/normalize.h"
#include "indexer/writer.h"
#include "server/diacritic_restorer.h"
#include "server/searcher.h"
#include "tests/support/temp_dir.h"

using tracuu::server::DiacriticRestorer;
using tracuu::testing::TempDir;

namespace {

/// A small index whose statistics make each expected restoration the likeliest one.
class RestorerFixture {
public:
    RestorerFixture() {
        auto writer = tracuu::indexer::IndexWriter::open(index()).value();
        const std::vector<std::string> texts{
            "Kế hoạch phát triển kinh tế xã hội năm 2025.",
            "Kế hoạch phát triển kinh tế xã hội của tỉnh.",
            "Kế hoạch chuyển đổi số.",
            "ke hoach phat trien viet khong dau.",
            "Cửa hàng bán hàng tạp hóa; bán hàng qua mạng.",
            "Mua bàn ghế cho trường học. Bàn ghế gỗ.",
            "Ủy ban nhân dân tỉnh ban hành quyết định.",
            "Các sở ban hành văn bản hướng dẫn.",
            "Bạn bè và bạn học.",
            "Bạn đọc gửi thư cho bạn bè.",
        };
        for (std::size_t i = 0; i < texts.size(); ++i) {
            tracuu::indexer::IndexedDocument doc;
            doc.id = "doc-" + std::to_string(i);
            doc.text = tracuu::analyzers::normalize_text(texts[i]);
            doc.format = "text";
            writer.put(doc);
        }
        writer.commit();
    }

    [[nodiscard]] std::filesystem::path index() const { return m_dir.path() / "index"; }

    std::optional<std::string> restore(const std::string& query) const {
        const Xapian::Database db(index().string());
        return m_restorer.restore(db, query);
    }

private:
    TempDir m_dir;
    DiacriticRestorer m_restorer;
};

struct Case {
    std::string typed;
    std::string restored;
};

}  // namespace

TEST_SUITE("server") {

TEST_CASE("a query typed without diacritics is restored to its likeliest accented form") {
    const RestorerFixture index;
    CHECK(index.restore("ke hoach phat trien kinh te xa hoi") == "kế hoạch phát triển kinh tế xã hội");
}

TEST_CASE("the neighbouring word chooses between the accented forms of one syllable") {
    const RestorerFixture index;
    const std::vector<Case> cases{
        {"ban hang", "bán hàng"},
        {"ban ghe", "bàn ghế"},
        {"ban hanh", "ban hành"},
        {"ban be", "bạn bè"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.typed);
        CHECK(index.restore(c.typed) == c.restored);
    }
}

TEST_CASE("capitals typed are kept on the restored words") {
    const RestorerFixture index;
    CHECK(index.restore("Ke Hoach") == "Kế Hoạch");
    CHECK(index.restore("KE HOACH chuyen doi so") == "KẾ HOẠCH chuyển đổi số");
}

TEST_CASE("query syntax, numbers, document numbers and fields are kept byte for byte") {
    const RestorerFixture index;
    CHECK(index.restore("\"ke hoach\" -ban ghe OR kinh te 57-NQ/TW nam 2025 loai:ke-hoach") ==
          "\"kế hoạch\" -bàn ghế OR kinh tế 57-NQ/TW năm 2025 loai:ke-hoach");
    // A quoted field value is the field's, to its closing quote (it was restored word by word).
    CHECK(index.restore("ke hoach loai:\"ke hoach\" ban ghe") == "kế hoạch loai:\"ke hoach\" bàn ghế");
    CHECK(index.restore("ke hoach -loai:\"ban ghe\"") == "kế hoạch -loai:\"ban ghe\"");
}

TEST_CASE("words the index has never seen are kept as typed") {
    const RestorerFixture index;
    CHECK(index.restore("ke hoach xyzzy") == "kế hoạch xyzzy");
}

TEST_CASE("there is nothing to suggest for a query with a diacritic, an unknown word or no word") {
    const RestorerFixture index;
    CHECK(index.restore("kế hoach") == std::nullopt);
    CHECK(index.restore("Đ") == std::nullopt);
    CHECK(index.restore("xyzzy") == std::nullopt);
    CHECK(index.restore("  ...  ") == std::nullopt);
    CHECK(index.restore("") == std::nullopt);
}

TEST_CASE("the searcher searches the restored query and offers it as its suggestion") {
    const RestorerFixture index;
    auto searcher = tracuu::server::Searcher::open(index.index());
    REQUIRE(searcher.ok());
    tracuu::server::SearchRequest request;
    request.query = "ke hoach phat trien";
    const auto answer = searcher.value().search(request);
    REQUIRE(answer.ok());
    CHECK(answer.value().query == "ke hoach phat trien");
    CHECK(answer.value().suggestion == "kế hoạch phát triển");
    REQUIRE(answer.value().results.size() == 3);
    // The document written without diacritics matches through the folded layer, below the exact ones.
    CHECK(answer.value().results.back().id == "doc-3");
}

TEST_CASE("a query typed with diacritics is searched as typed, with no suggestion") {
    const RestorerFixture index;
    auto searcher = tracuu::server::Searcher::open(index.index());
    REQUIRE(searcher.ok());
    tracuu::server::SearchRequest request;
    request.query = "bàn ghế";
    const auto answer = searcher.value().search(request);
    REQUIRE(answer.ok());
    CHECK_FALSE(answer.value().suggestion.has_value());
    REQUIRE_FALSE(answer.value().results.empty());
    CHECK(answer.value().results.front().id == "doc-5");
}

TEST_CASE("the spellings read for a restoration are kept per revision: the same restorations, read once") {
    const RestorerFixture fixture;
    const Xapian::Database db(fixture.index().string());
    const DiacriticRestorer restorer;
    tracuu::server::SurfaceFormCache forms(64);
    const std::vector<std::string> queries{"ke hoach phat trien", "ban hang", "ban ghe", "ban be", "uy ban nhan dan tinh ban hanh"};
    for (const std::string& q : queries) {
        CAPTURE(q);
        CHECK(restorer.restore(db, q, &forms, "1\n") == restorer.restore(db, q));
    }
    const auto read = forms.stats().misses;
    CHECK(read > 0);
    for (const std::string& q : queries) CHECK(restorer.restore(db, q, &forms, "1\n") == restorer.restore(db, q));
    CHECK(forms.stats().misses == read);  // every word and pair was kept
    // Another revision reads its own.
    (void)restorer.restore(db, "ban hang", &forms, "2\n");
    CHECK(forms.stats().misses > read);
}

}  // TEST_SUITE
