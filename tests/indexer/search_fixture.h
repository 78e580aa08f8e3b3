/** @file
 *  @brief A throw-away index for tests: add documents by text, search with the real query path.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include <algorithm>

#include "analyzers/normalize.h"
#include "indexer/document_builder.h"
#include "indexer/query_builder.h"
#include "indexer/writer.h"
#include "tests/support/temp_dir.h"

namespace tracuu::testing {

class SearchFixture {
public:
    SearchFixture() : m_writer(indexer::IndexWriter::open(m_dir.path() / "index").value()) {}

    void add(const std::string& id, const std::string& text, const std::string& title = "") {
        indexer::IndexedDocument doc;
        doc.id = id;
        doc.title = title;
        doc.text = analyzers::normalize_text(text);
        doc.format = "text";
        m_writer.put(doc);
    }

    /// Ids of the matching documents, best first; relaxed results are not included.
    std::vector<std::string> search(const std::string& query) {
        m_writer.commit();
        Xapian::Database db((m_dir.path() / "index").string());
        const auto parsed = m_queries.build(query, db);
        if (!parsed.ok()) return {"error: " + parsed.error().message};
        Xapian::Enquire enquire(db);
        enquire.set_query(parsed.value().query);
        std::vector<std::string> ids;
        const Xapian::MSet mset = enquire.get_mset(0, 100);
        for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(indexer::read_document(it.get_document()).id);
        return ids;
    }

    bool matches(const std::string& query, const std::string& id) {
        const auto ids = search(query);
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    }

private:
    TempDir m_dir;
    indexer::IndexWriter m_writer;
    indexer::QueryBuilder m_queries;
};

}  // namespace tracuu::testing
