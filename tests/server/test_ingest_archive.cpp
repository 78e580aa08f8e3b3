// The archive as a department really has it (issue 7's "done when"): legacy encodings, a scan and
// a Word file among a corrupt PDF, an encrypted PDF, an empty file and junk bytes, indexed by the
// real tracuu-index and searched through the real tracuu-server with Unicode queries.
#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "indexer/doc_id.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_documents.h"
#include "tests/support/test_server.h"

using tracuu::testing::run_command;
using tracuu::testing::TempDir;
using tracuu::testing::TestServer;
namespace fs = std::filesystem;
namespace t = tracuu::testing;

namespace {

const std::vector<std::string> kGoodFiles = {"tcvn3-bo-nhiem.txt", "vni-quyet-dinh.txt", "tcvn3-du-toan.pdf", "scan.pdf", "ke-hoach.docx"};
const std::vector<std::string> kBadFiles = {"hong.pdf", "khoa.pdf", "rac.txt"};
const std::string kEmptyFile = "rong.txt";

/// The nine files of the issue, written into `folder`.
void write_archive(const TempDir& dir, const std::string& folder) {
    dir.write(folder + "/tcvn3-bo-nhiem.txt", t::legacy_bytes("Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n"
                                                     "QuyÕt ®Þnh vÒ viÖc bæ nhiÖm Bé tr\u00ADëng Bé Tµi chÝnh"));
    dir.write(folder + "/vni-quyet-dinh.txt", t::legacy_bytes("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\n"
                                                   "Quyeát ñònh soá 12/QÑ-UBND"));
    dir.write(folder + "/tcvn3-du-toan.pdf", t::tcvn3_pdf());
    dir.write(folder + "/scan.pdf", t::scanned_plan_header());
    dir.write(folder + "/ke-hoach.docx",
              t::make_docx(t::docx_paragraph("KẾ HOẠCH") + t::docx_paragraph("Số hóa hồ sơ lưu trữ lịch sử của tỉnh năm 2026") +
                           t::docx_paragraph("Sở Nội vụ chủ trì số hóa tài liệu lưu trữ.")));
    dir.write(folder + "/hong.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ngarbage");
    dir.write(folder + "/khoa.pdf", t::encrypted_pdf());
    dir.write(folder + "/" + kEmptyFile, "");
    dir.write(folder + "/rac.txt", std::string("\x7f" "ELF\x02\x01\x01\x00", 8) + std::string(300, '\x01') + "\xff\xfe\x00\x81");
}

/// Which of `names` the text mentions.
std::set<std::string> named_in(const std::string& text, const std::vector<std::string>& names) {
    std::set<std::string> found;
    for (const auto& name : names) {
        if (text.find(name) != std::string::npos) found.insert(name);
    }
    return found;
}

/// The archive, indexed once and served for every case below.
class Archive {
public:
    Archive() {
        write_archive(m_dir, "kho");
        const auto index = run_command({TRACUU_INDEX_BIN, "--index", (m_dir.path() / "index").string(), (m_dir.path() / "kho").string()});
        m_index_output = index.output;
        m_index_exit = index.exit_code;
        m_server = std::make_unique<TestServer>(std::vector<std::string>{"--index", (m_dir.path() / "index").string()});
    }

    /// id → ocr flag of every result of a query (up to 50).
    [[nodiscard]] std::map<std::string, bool> search(const std::string& q) const {
        const auto answer = m_server->get_json("/api/search", httplib::Params{{"q", q}, {"size", "50"}});
        std::map<std::string, bool> out;
        if (!answer.is_object()) return out;
        for (const auto& r : answer["results"]) out[r["id"].get<std::string>()] = r.value("ocr", false);
        return out;
    }

    [[nodiscard]] nlohmann::json document(const std::string& id) const { return m_server->get_json("/api/documents/" + id); }

    [[nodiscard]] const std::string& index_output() const { return m_index_output; }
    [[nodiscard]] int index_exit() const { return m_index_exit; }
    [[nodiscard]] int port() const { return m_server->port(); }

private:
    TempDir m_dir;
    std::string m_index_output;
    int m_index_exit = -1;
    std::unique_ptr<TestServer> m_server;
};

const Archive& archive() {
    static const Archive instance;  // indexed once (OCR takes seconds); read-only afterwards
    return instance;
}

std::string id_of(const std::string& file) { return tracuu::indexer::id_for_file(file); }

}  // namespace

TEST_SUITE("ingest archive") {

TEST_CASE("the archive indexes with exit status 1 naming exactly the three bad files") {
    const Archive& a = archive();
    CAPTURE(a.index_output());
    CHECK(a.index_exit() == 1);
    CHECK(named_in(a.index_output(), kBadFiles) == std::set<std::string>(kBadFiles.begin(), kBadFiles.end()));
    CHECK(named_in(a.index_output(), kGoodFiles).empty());
    CHECK(a.index_output().find(kEmptyFile) == std::string::npos);
    CHECK(a.index_output().find("hong.pdf: corrupt or unreadable PDF") != std::string::npos);
    CHECK(a.index_output().find("khoa.pdf: encrypted PDF (password required)") != std::string::npos);
    CHECK(a.index_output().find("rac.txt: binary or unknown-encoding content, not text") != std::string::npos);
    CHECK(a.index_output().find("5 added") != std::string::npos);
    CHECK(a.index_output().find("1 skipped (1 empty), 3 failed") != std::string::npos);
}

TEST_CASE("Unicode queries find the TCVN3, VNI, TCVN3-PDF, scanned and DOCX documents") {
    const Archive& a = archive();
    REQUIRE(a.port() > 0);
    const struct {
        std::string query;
        std::string file;
    } cases[] = {
        {"bổ nhiệm Bộ trưởng Bộ Tài chính", "tcvn3-bo-nhiem.txt"},
        {"Quyết định số 12/QĐ-UBND", "vni-quyet-dinh.txt"},
        {"giao dự toán ngân sách", "tcvn3-du-toan.pdf"},
        {"Ủy ban nhân dân tỉnh Ninh Bình", "scan.pdf"},
        {"số hóa tài liệu lưu trữ", "ke-hoach.docx"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.query);
        const auto found = a.search(c.query);
        std::string ids;
        for (const auto& [id, ocr] : found) ids += id + " ";
        CAPTURE(ids);
        CHECK(found.count(id_of(c.file)) == 1);
    }
}

TEST_CASE("the scanned document is marked as OCR text in results and on its page, the others are not") {
    const Archive& a = archive();
    REQUIRE(a.port() > 0);
    const auto found = a.search("Ninh Bình");
    REQUIRE(found.count(id_of("scan.pdf")) == 1);
    CHECK(found.at(id_of("scan.pdf")));
    CHECK(a.document(id_of("scan.pdf")).value("ocr", false));
    for (const auto& file : {"tcvn3-bo-nhiem.txt", "tcvn3-du-toan.pdf", "ke-hoach.docx"}) {
        CAPTURE(file);
        const auto doc = a.document(id_of(file));
        REQUIRE(doc.is_object());
        CHECK(doc.contains("ocr"));
        CHECK_FALSE(doc.value("ocr", true));
    }
}

TEST_CASE("with --no-ocr the scan is reported as having no text layer and the rest is indexed") {
    const TempDir dir;
    write_archive(dir, "kho");
    const auto index = run_command({TRACUU_INDEX_BIN, "--no-ocr", "--index", (dir.path() / "index").string(), (dir.path() / "kho").string()});
    CAPTURE(index.output);
    CHECK(index.exit_code == 1);
    CHECK(index.output.find("scan.pdf: PDF has no text layer (scanned?); OCR is off") != std::string::npos);
    CHECK(index.output.find("4 added") != std::string::npos);
    CHECK(index.output.find("4 failed") != std::string::npos);
}

}
