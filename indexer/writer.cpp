#include "indexer/writer.h"

#include "indexer/budget_index.h"
#include "indexer/document_builder.h"
#include "indexer/schema.h"

namespace tracuu::indexer {
namespace {

std::string id_term(const std::string& id) { return std::string(schema::kId) + id; }

}  // namespace

Result<IndexWriter> IndexWriter::open(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Error{ErrorCode::Unavailable, "cannot create index folder " + dir.string() + ": " + ec.message()};
    try {
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
        if (db.get_metadata(std::string(schema::kVersionKey)) != schema::kVersion) {
            // Terms of another analysis version would silently mismatch queries: start over.
            db.close();
            db = Xapian::WritableDatabase(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
            db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kVersion));
            db.commit();
        }
        return IndexWriter(std::move(db));
    } catch (const Xapian::DatabaseLockError&) {
        return Error{ErrorCode::Unavailable, "index " + dir.string() + " is locked by another tracuu-index run"};
    } catch (const Xapian::Error& e) {
        return Error{ErrorCode::Unavailable, "cannot open index " + dir.string() + ": " + e.get_description()};
    }
}

IndexWriter::IndexWriter(Xapian::WritableDatabase db) : m_db(std::move(db)), m_analyzer(analyzers::AnalysisMode::Index) {}

PreparedDocument prepare_document(const IndexedDocument& doc, const analyzers::Analyzer& analyzer) {
    return PreparedDocument{doc.id, build_document(doc, analyzer), build_budget_documents(doc)};
}

void IndexWriter::put(const IndexedDocument& doc) { put(prepare_document(doc, m_analyzer)); }

void IndexWriter::put(PreparedDocument prepared) {
    m_db.replace_document(id_term(prepared.id), prepared.document);
    m_db.delete_document(budget_owner_term(prepared.id));  // the old lines go with the old text
    for (auto& [term, line] : prepared.budget_lines) m_db.replace_document(term, line);
}

bool IndexWriter::relocate(const std::string& from, const std::string& to, const std::string& source_file,
                           const std::string& source_path) {
    Xapian::PostingIterator it = m_db.postlist_begin(id_term(from));
    if (it == m_db.postlist_end(id_term(from))) return false;
    const Xapian::docid docid = *it;
    const Xapian::Document stored = m_db.get_document(docid);
    const IndexedDocument old = read_document(stored);
    if (old.title == std::filesystem::path(old.source_file).filename().string()) return false;
    m_db.replace_document(docid, relocated_document(stored, to, source_file, source_path));

    if (to == from) return true;
    std::vector<Xapian::docid> lines;
    const std::string owner = budget_owner_term(from);
    for (auto line = m_db.postlist_begin(owner); line != m_db.postlist_end(owner); ++line) lines.push_back(*line);
    for (const Xapian::docid line : lines) m_db.replace_document(line, relocated_budget_line(m_db.get_document(line), to));
    return true;
}

void IndexWriter::remove(const std::string& id) {
    m_db.delete_document(id_term(id));
    m_db.delete_document(budget_owner_term(id));
}

std::optional<StoredVersion> IndexWriter::stored_version(const std::string& id) const {
    Xapian::PostingIterator it = m_db.postlist_begin(id_term(id));
    if (it == m_db.postlist_end(id_term(id))) return std::nullopt;
    const Xapian::Document doc = m_db.get_document(*it);
    return StoredVersion{doc.get_value(schema::kSlotSourcePath), doc.get_value(schema::kSlotContentHash)};
}

std::vector<std::string> IndexWriter::ids_under(const std::filesystem::path& root) const {
    std::string prefix = root.string();
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    std::vector<std::string> ids;
    for (auto it = m_db.valuestream_begin(schema::kSlotSourcePath); it != m_db.valuestream_end(schema::kSlotSourcePath); ++it) {
        if ((*it).rfind(prefix, 0) != 0) continue;
        const Xapian::Document doc = m_db.get_document(it.get_docid());
        auto term = doc.termlist_begin();
        term.skip_to(std::string(schema::kId));
        if (term != doc.termlist_end() && (*term).rfind(schema::kId, 0) == 0) ids.push_back((*term).substr(schema::kId.size()));
    }
    return ids;
}

void IndexWriter::commit() { m_db.commit(); }

Xapian::doccount IndexWriter::document_count() const {
    return m_db.get_termfreq(std::string(schema::kKind) + std::string(schema::kKindDocument));
}

}  // namespace tracuu::indexer
