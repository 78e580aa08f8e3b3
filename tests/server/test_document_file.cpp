// GET /api/documents/{id}/file: the original file, served from the path the index recorded.
#include <doctest/doctest.h>

#include <algorithm>

#include "indexer/doc_id.h"
#include "server/original_file.h"
#include "tests/server/served_index.h"
#include "tests/support/test_documents.h"

using namespace tracuu::server;
using tracuu::testing::json_of;
using tracuu::testing::ServedIndex;
using tracuu::testing::ServedIndexOptions;

namespace {

const std::string kPlan = "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\nSố: 13/KH-UBND\nKẾ HOẠCH\nHoạt động khoa học và chuyển đổi số năm 2026.\n";
const std::string kPage =
    "<html><head><title>Quyết định 5</title><script>document.title='x'</script></head>"
    "<body><p>Quyết định số 5/QĐ-UBND về y tế công cộng.</p></body></html>";

std::string file_path(const std::string& name) { return "/api/documents/" + tracuu::indexer::id_for_file(name) + "/file"; }

std::string long_text() {
    std::string text;
    for (int i = 0; text.size() < 300 * 1024; ++i) text += "Dòng " + std::to_string(i) + ": kinh phí sự nghiệp khoa học.\n";
    return text;
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("a document's original file comes back byte for byte, with its content type and its name inline") {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"Kế hoạch số 13.txt", kPlan},
        {"trang.html", kPage},
        {"ban.docx", tracuu::testing::make_docx(tracuu::testing::docx_paragraph("Nghị quyết về giáo dục và đào tạo"), "Nghị quyết")},
        {"van-ban.pdf", tracuu::testing::make_pdf(tracuu::testing::text_pdf_objects({"Ke hoach so 7 ve giao thong nong thon"}))},
        {"dai.txt", long_text()},  // several pieces of the stream
    };
    const std::string types[] = {"text/plain; charset=utf-8", "text/html",
                                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/pdf",
                                 "text/plain; charset=utf-8"};
    ServedIndex served(ServedIndexOptions{files, "", 1000, 0.5});
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& [name, bytes] = files[i];
        CAPTURE(name);
        const auto res = served.client().Get(file_path(name));
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->body == bytes);
        CHECK(res->get_header_value("Content-Type") == types[i]);
        // httplib 0.11.4's client percent-decodes header values, so the exact value is checked
        // on the handler's answer below.
        CHECK(res->get_header_value("Content-Disposition").rfind("inline; filename=\"", 0) == 0);
        CHECK(res->get_header_value("Accept-Ranges") == "bytes");
        HttpRequest request;
        request.method = "GET";
        request.captures = {tracuu::indexer::id_for_file(name)};
        const HttpResponse answer = handle_document_file(request, served.services());
        const std::pair<std::string, std::string> disposition{"Content-Disposition", inline_disposition(name)};
        CHECK(std::find(answer.headers.begin(), answer.headers.end(), disposition) != answer.headers.end());
    }
}

TEST_CASE("an unknown id, an imported document and a file moved since indexing answer 404 with a JSON message") {
    ServedIndex served(ServedIndexOptions{{{"di-chuyen.txt", kPlan}}, R"({"_id": "nhap-1", "text": "Văn bản nhập từ JSON."})" "\n", 1000, 0.5});
    std::filesystem::rename(served.docs() / "di-chuyen.txt", served.docs() / "da-di-chuyen.txt");
    const struct {
        std::string path;
        const char* says;
    } rows[] = {
        {"/api/documents/khong-co/file", "no document with id \"khong-co\""},
        {"/api/documents/nhap-1/file", "has no original file"},
        {file_path("di-chuyen.txt"), "moved or deleted"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.path);
        const auto res = served.client().Get(row.path);
        REQUIRE(res);
        CHECK(res->status == 404);
        CHECK(res->get_header_value("Content-Type").find("application/json") == 0);
        const auto body = json_of(res);
        CHECK(body["error"]["code"] == "not_found");
        CHECK(body["error"]["message"].get<std::string>().find(row.says) != std::string::npos);
    }
}

TEST_CASE("the id in the path only names a document: a path written into it reaches no file") {
    ServedIndex served(ServedIndexOptions{{{"a.txt", kPlan}}, "", 1000, 0.5});
    const std::string secret = (served.docs() / "a.txt").string();  // a file the server can read
    const std::vector<std::string> paths = {"/api/documents/..%2F..%2F..%2F..%2Fetc%2Fpasswd/file", "/api/documents/%2Fetc%2Fpasswd/file",
                                            "/api/documents/" + httplib::detail::encode_query_param(secret) + "/file",
                                            "/api/documents/a/../a/file"};
    for (const std::string& path : paths) {
        CAPTURE(path);
        const auto res = served.client().Get(path);
        REQUIRE(res);
        CHECK(res->status == 404);
        CHECK(json_of(res)["error"]["code"] == "not_found");
        CHECK(res->body.find("Ninh Bình") == std::string::npos);
    }
}

TEST_CASE("one range gets 206 and those bytes, a range past the end 416, several ranges the whole file, and HEAD the headers alone") {
    ServedIndex served(ServedIndexOptions{{{"a.txt", kPlan}}, "", 1000, 0.5});
    auto client = served.client();
    const auto part = client.Get(file_path("a.txt"), httplib::Headers{{"Range", "bytes=3-9"}});
    REQUIRE(part);
    CHECK(part->status == 206);
    CHECK(part->body == kPlan.substr(3, 7));
    CHECK(part->get_header_value("Content-Range") == "bytes 3-9/" + std::to_string(kPlan.size()));
    const auto tail = client.Get(file_path("a.txt"), httplib::Headers{{"Range", "bytes=10-999999"}});  // an end past the file is cut to it
    REQUIRE(tail);
    CHECK(tail->status == 206);
    CHECK(tail->body == kPlan.substr(10));
    // The last N bytes; N the whole file or more gives all of it (RFC 9110), from byte 0.
    const auto last = client.Get(file_path("a.txt"), httplib::Headers{{"Range", "bytes=-10"}});
    REQUIRE(last);
    CHECK(last->status == 206);
    CHECK(last->body == kPlan.substr(kPlan.size() - 10));
    for (const std::size_t n : {kPlan.size(), kPlan.size() + 100}) {
        CAPTURE(n);
        const auto whole = client.Get(file_path("a.txt"), httplib::Headers{{"Range", "bytes=-" + std::to_string(n)}});
        REQUIRE(whole);
        CHECK(whole->status == 206);
        CHECK(whole->body == kPlan);
        CHECK(whole->get_header_value("Content-Range") == "bytes 0-" + std::to_string(kPlan.size() - 1) + "/" + std::to_string(kPlan.size()));
    }
    const auto past = client.Get(file_path("a.txt"), httplib::Headers{{"Range", "bytes=999999-"}});
    REQUIRE(past);
    CHECK(past->status == 416);
    CHECK(past->get_header_value("Content-Range") == "bytes */" + std::to_string(kPlan.size()));
    CHECK(json_of(past)["error"]["code"] == "range_not_satisfiable");
    const auto several = client.Get(file_path("a.txt"), httplib::Headers{{"Range", "bytes=0-1,5-6"}});  // answered whole (RFC 9110 allows it)
    REQUIRE(several);
    CHECK(several->status == 200);
    CHECK(several->body == kPlan);
    const auto head = client.Head(file_path("a.txt"));
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
    CHECK(head->get_header_value("Content-Length") == std::to_string(kPlan.size()));
}

TEST_CASE("a Range header on a JSON answer is ignored: the whole answer comes with 200") {
    ServedIndex served(ServedIndexOptions{{{"a.txt", kPlan}}, "", 1000, 0.5});
    const auto res = served.client().Get("/api/documents/a", httplib::Headers{{"Range", "bytes=0-9"}});
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(json_of(res)["id"] == "a");
}

TEST_CASE("the file is streamed from disk, never copied into the answer") {
    ServedIndex served(ServedIndexOptions{{{"dai.txt", long_text()}}, "", 1000, 0.5});
    HttpRequest request;
    request.method = "GET";
    request.captures = {"dai"};
    const HttpResponse res = handle_document_file(request, served.services());
    CHECK(res.status == 200);
    CHECK(res.body.empty());
    REQUIRE(res.streamed.has_value());
    CHECK(res.streamed->size == long_text().size());
}

TEST_CASE("an HTML original is sandboxed, so a saved page's scripts never run on the server's origin") {
    ServedIndex served(ServedIndexOptions{{{"trang.html", kPage}, {"a.txt", kPlan}}, "", 1000, 0.5});
    const auto page = served.client().Get(file_path("trang.html"));
    REQUIRE(page);
    CHECK(page->get_header_value("Content-Security-Policy").rfind("sandbox;", 0) == 0);
    const auto text = served.client().Get(file_path("a.txt"));
    REQUIRE(text);
    CHECK_FALSE(text->has_header("Content-Security-Policy"));
    CHECK(text->get_header_value("X-Content-Type-Options") == "nosniff");
}

}  // TEST_SUITE
