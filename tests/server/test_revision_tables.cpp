// LatestTable: one table per revision of an index, shared; older readers and rebuilt indexes.
#include <doctest/doctest.h>

#include <xapian.h>

#include <memory>

#include "server/revision_tables.h"
#include "tests/support/temp_dir.h"

using tracuu::server::LatestTable;
using tracuu::testing::TempDir;

namespace {

/// A table that remembers how many documents its database had, and counts its builds.
struct CountingTable {
    Xapian::doccount documents = 0;
    static inline int built = 0;
    static std::shared_ptr<const CountingTable> build(const Xapian::Database& db) {
        ++built;
        return std::make_shared<const CountingTable>(CountingTable{db.get_doccount()});
    }
};

void add_and_commit(Xapian::WritableDatabase& db) {
    db.add_document(Xapian::Document());
    db.commit();
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("a revision's table is built once and shared, an older reader gets its own, a new index replaces the old") {
    TempDir dir;
    const std::string path = (dir.path() / "index").string();
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OVERWRITE);
    add_and_commit(writer);
    const Xapian::Database first(path);
    LatestTable<CountingTable> tables;
    CountingTable::built = 0;

    const auto a = tables.get(first.get_revision(), first);
    const auto b = tables.get(first.get_revision(), first);
    CHECK(a == b);
    CHECK(CountingTable::built == 1);
    CHECK(tables.builds() == 1);

    add_and_commit(writer);
    const Xapian::Database second(path);
    const auto newer = tables.get(second.get_revision(), second);
    CHECK(newer->documents == 2);
    CHECK(tables.builds() == 2);

    // A reader still on the first revision: its own table, the shared one stays the newest.
    const auto older = tables.get(first.get_revision(), first);
    CHECK(older->documents == 1);
    CHECK(tables.builds() == 2);
    CHECK(tables.get(second.get_revision(), second) == newer);
    CHECK(CountingTable::built == 3);

    // The index created anew: revisions count from the start again, under another uuid.
    writer.close();
    Xapian::WritableDatabase rebuilt(path, Xapian::DB_CREATE_OR_OVERWRITE);
    add_and_commit(rebuilt);
    const Xapian::Database third(path);
    REQUIRE(third.get_uuid() != second.get_uuid());
    REQUIRE(third.get_revision() <= second.get_revision());
    const auto fresh = tables.get(third.get_revision(), third);
    CHECK(fresh->documents == 1);
    CHECK(tables.builds() == 3);
    CHECK(tables.get(third.get_revision(), third) == fresh);
}

}  // TEST_SUITE
