// What IndexWriter::open() accepts as an index folder, what it refuses (leaving the folder as it
// was), and how Xapian's errors about a folder are put into words.
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "indexer/index_errors.h"
#include "indexer/index_run.h"
#include "indexer/schema.h"
#include "indexer/writer.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::indexer;
using tracuu::ErrorCode;
using tracuu::Result;
using tracuu::testing::snapshot;
using tracuu::testing::TempDir;
namespace fs = std::filesystem;
namespace schema = tracuu::schema;

namespace {


bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A tracuu index in `dir` holding one document per text given.
void make_index(const fs::path& dir, const std::vector<std::string>& texts) {
    const TempDir docs;
    for (std::size_t i = 0; i < texts.size(); ++i) docs.write("vb-" + std::to_string(i) + ".txt", texts[i]);
    IndexWriter writer = IndexWriter::open(dir).value();
    REQUIRE(index_paths(writer, {docs.path()}, IndexOptions{}, nullptr).added == texts.size());
}

/// Another program's Xapian database (as omindex writes one): documents, no tracuu schema key.
void make_foreign_database(const fs::path& dir) {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.set_data("url=/a.txt\nsample=hello");
    doc.add_term("hello");
    db.add_document(doc);
    db.set_metadata("omega_config", "1");
    db.commit();
}

Xapian::doccount documents_in(const fs::path& dir) { return Xapian::Database(dir.string()).get_doccount(); }

}  // namespace

TEST_SUITE("indexer") {

TEST_CASE("a missing folder or an empty one becomes a new index") {
    const TempDir dir;
    fs::create_directories(dir.path() / "empty");
    fs::create_directories(dir.path() / "fresh-disk" / "lost+found");  // a file system mounted for the index
    for (const fs::path& folder : {dir.path() / "missing" / "nested", dir.path() / "empty", dir.path() / "fresh-disk"}) {
        CAPTURE(folder);
        Result<IndexWriter> writer = IndexWriter::open(folder);
        REQUIRE(writer.ok());
        CHECK(writer.value().document_count() == 0);
        CHECK(writer.value().folder() == folder);
        CHECK(Xapian::Database(folder.string()).get_metadata(std::string(schema::kVersionKey)) == schema::kVersion);
    }
}

TEST_CASE("an existing tracuu index opens with its documents") {
    const TempDir dir;
    make_index(dir.path() / "index", {"Kế hoạch số 13/KH-UBND", "Quyết định số 5/QĐ-UBND"});
    dir.write("index/GHI-CHU.txt", "sao lưu hằng tuần");  // a note left beside the database does not hide it
    Result<IndexWriter> writer = IndexWriter::open(dir.path() / "index");
    REQUIRE(writer.ok());
    CHECK(writer.value().document_count() == 2);
}

TEST_CASE("a folder holding other files and no index is refused and left as it was") {
    const TempDir dir;
    dir.write("home/bao-cao.docx", "tài liệu của người dùng");
    dir.write("home/anh/2025.jpg", "ảnh");
    const auto before = snapshot(dir.path() / "home");
    for (const OpenMode mode : {OpenMode::Update, OpenMode::Rebuild}) {
        const Result<IndexWriter> writer = IndexWriter::open(dir.path() / "home", mode);
        REQUIRE_FALSE(writer.ok());
        CHECK(writer.error().code == ErrorCode::InvalidArgument);
        const std::string& message = writer.error().message;
        CAPTURE(message);
        CHECK(contains(message, (dir.path() / "home").string()));
        CHECK(contains(message, "holds other files"));
        CHECK(contains(message, "no tracuu index"));
        CHECK((contains(message, "bao-cao.docx") || contains(message, "anh")));
        CHECK(contains(message, "1 other entry"));
    }
    CHECK(snapshot(dir.path() / "home") == before);
}

TEST_CASE("an empty name, a file, and a folder that cannot be made are refused in words") {
    const TempDir dir;
    const fs::path file = dir.write("notes.txt", "không phải thư mục");
    const struct {
        fs::path path;
        ErrorCode code;
        std::string words;
    } cases[] = {
        {"", ErrorCode::InvalidArgument, "no index folder given (its name is empty)"},
        {file, ErrorCode::InvalidArgument, file.string() + " is not a folder"},
        {file / "index", ErrorCode::Unavailable, "cannot create the index folder " + (file / "index").string() + ": not a directory"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.path);
        const Result<IndexWriter> writer = IndexWriter::open(c.path);
        REQUIRE_FALSE(writer.ok());
        CHECK(writer.error().code == c.code);
        CHECK(contains(writer.error().message, c.words));
    }
    CHECK(fs::file_size(file) == std::string("không phải thư mục").size());
}

TEST_CASE("another program's Xapian database is refused even with Rebuild, and keeps its documents") {
    const TempDir dir;
    const fs::path db = dir.path() / "omega";
    make_foreign_database(db);
    const auto before = snapshot(db);
    for (const OpenMode mode : {OpenMode::Update, OpenMode::Rebuild}) {
        const Result<IndexWriter> writer = IndexWriter::open(db, mode);
        REQUIRE_FALSE(writer.ok());
        CHECK(writer.error().code == ErrorCode::InvalidArgument);
        CAPTURE(writer.error().message);
        CHECK(contains(writer.error().message, "the folder " + db.string() + " holds a Xapian database that is not a tracuu index"));
        CHECK(contains(writer.error().message, "1 document written by another program"));
    }
    CHECK(snapshot(db) == before);
    CHECK(documents_in(db) == 1);
    CHECK(Xapian::Database(db.string()).get_metadata(std::string(schema::kVersionKey)).empty());
}

TEST_CASE("an empty database without the schema key, as a first run killed early leaves, is taken over") {
    const TempDir dir;
    {
        Xapian::WritableDatabase db((dir.path() / "index").string(), Xapian::DB_CREATE);
        db.commit();
    }
    Result<IndexWriter> writer = IndexWriter::open(dir.path() / "index");
    REQUIRE(writer.ok());
    CHECK(Xapian::Database((dir.path() / "index").string()).get_metadata(std::string(schema::kVersionKey)) == schema::kVersion);
}

TEST_CASE("an index of another schema version is refused with its documents kept, until Rebuild starts it over") {
    const struct {
        std::string version;
        std::string words;
    } cases[] = {
        {"4", "was written by an older version of tracuu (schema 4; this one writes " + std::string(schema::kVersion) + ") and must be rebuilt"},
        {"99", "was written by a newer version of tracuu (schema 99"},
        {"beta", "was written by another version of tracuu (schema beta"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.version);
        const TempDir dir;
        const fs::path index = dir.path() / "index";
        make_index(index, {"Kế hoạch số 13/KH-UBND", "Quyết định số 5/QĐ-UBND", "Nghị quyết số 57-NQ/TW"});
        {
            Xapian::WritableDatabase db(index.string(), Xapian::DB_OPEN);
            db.set_metadata(std::string(schema::kVersionKey), c.version);
            db.commit();
        }
        const auto before = snapshot(index);
        const Xapian::doccount held = documents_in(index);

        const Result<IndexWriter> refused = IndexWriter::open(index);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == ErrorCode::InvalidArgument);
        CAPTURE(refused.error().message);
        CHECK(contains(refused.error().message, "the index " + index.string() + " " + c.words));
        CHECK(contains(refused.error().message, "tracuu-index --rebuild"));
        CHECK(snapshot(index) == before);
        CHECK(documents_in(index) == held);

        Result<IndexWriter> rebuilt = IndexWriter::open(index, OpenMode::Rebuild);
        REQUIRE(rebuilt.ok());
        CHECK(rebuilt.value().document_count() == 0);
        CHECK(Xapian::Database(index.string()).get_metadata(std::string(schema::kVersionKey)) == schema::kVersion);
    }
}

TEST_CASE("Xapian's files without their version file are an incomplete index: refused, and started over by Rebuild") {
    const TempDir dir;
    dir.write("index/flintlock", "");
    dir.write("index/postlist.glass", std::string(8192, '\x5a'));
    const Result<IndexWriter> refused = IndexWriter::open(dir.path() / "index");
    REQUIRE_FALSE(refused.ok());
    CHECK(contains(refused.error().message, "the index " + (dir.path() / "index").string() + " is incomplete or damaged"));
    Result<IndexWriter> rebuilt = IndexWriter::open(dir.path() / "index", OpenMode::Rebuild);
    REQUIRE(rebuilt.ok());
    CHECK(rebuilt.value().document_count() == 0);
}

TEST_CASE("Rebuild starts a current index over, and Update keeps it") {
    const TempDir dir;
    make_index(dir.path() / "index", {"Kế hoạch số 13/KH-UBND", "Quyết định số 5/QĐ-UBND"});
    CHECK(IndexWriter::open(dir.path() / "index", OpenMode::Update).value().document_count() == 2);
    CHECK(IndexWriter::open(dir.path() / "index", OpenMode::Rebuild).value().document_count() == 0);
}

TEST_CASE("a second writer on the same folder is told another run holds the lock") {
    const TempDir dir;
    const Result<IndexWriter> first = IndexWriter::open(dir.path() / "index");
    REQUIRE(first.ok());
    const Result<IndexWriter> second = IndexWriter::open(dir.path() / "index");
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == ErrorCode::Unavailable);
    CHECK(contains(second.error().message, "the index " + (dir.path() / "index").string() + " is locked by another tracuu-index run"));
}

TEST_CASE("Xapian's errors about an index folder are put in words an administrator can act on") {
    const fs::path dir = "/srv/tracuu/index";
    const struct {
        const char* name;
        Xapian::Error error;
        std::string words;
        std::string not_words;
    } cases[] = {
        {"a real lock", Xapian::DatabaseLockError("Unable to get write lock on /srv/tracuu/index: already locked"),
         "the index /srv/tracuu/index is locked by another tracuu-index run", "permission"},
        // What Xapian 1.4 says when the folder cannot be written, e.g. read-only for this user.
        {"a lock file that cannot be opened",
         Xapian::DatabaseLockError("Unable to get write lock on /srv/tracuu/index: Couldn't open lockfile: Permission denied"),
         "cannot write the index folder /srv/tracuu/index: permission denied", "locked"},
        {"a read-only file system",
         Xapian::DatabaseLockError("Unable to get write lock on /srv/tracuu/index: Couldn't open lockfile: Read-only file system"),
         "cannot write the index folder /srv/tracuu/index: read-only file system", "locked"},
        {"a full disk", Xapian::DatabaseError("Error writing block 128", ENOSPC),
         "cannot write the index /srv/tracuu/index: disk full or file too large (DatabaseError: Error writing block 128 (No space left on device))",
         "damaged"},
        {"a file size limit", Xapian::DatabaseError("Error writing block 256", EFBIG),
         "cannot write the index /srv/tracuu/index: disk full or file too large", "damaged"},
        {"a damaged index", Xapian::DatabaseCorruptError("Block overwritten - run xapian-check on this database"),
         "the index /srv/tracuu/index is damaged (DatabaseCorruptError: Block overwritten", "disk full"},
        {"an unknown format", Xapian::DatabaseVersionError("Unsupported version"), "in a format of another Xapian version", "damaged"},
        {"tables without their version file", Xapian::DatabaseNotFoundError("/srv/tracuu/index/iamglass: Failed to open glass revision file"),
         "the index /srv/tracuu/index is incomplete or damaged", "disk full"},
        {"a file Xapian may not read", Xapian::DatabaseOpeningError("Couldn't open /srv/tracuu/index/iamglass", EACCES),
         "cannot read or write the index /srv/tracuu/index: permission denied", "damaged"},
        {"anything else", Xapian::DatabaseError("Something odd"), "cannot use the index /srv/tracuu/index (DatabaseError: Something odd)",
         "disk full"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const tracuu::Error described = describe_index_error(dir, c.error);
        CAPTURE(described.message);
        CHECK(described.code == ErrorCode::Unavailable);
        CHECK(contains(described.message, c.words));
        CHECK_FALSE(contains(described.message, c.not_words));
    }
    CHECK(contains(describe_index_error(dir, Xapian::DatabaseCorruptError("x")).message, "--rebuild"));
}

}  // TEST_SUITE
