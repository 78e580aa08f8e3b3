/** @file
 *  @brief The one writer of a tracuu index.
 */
#pragma once

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "indexer/error.h"
#include "indexer/indexed_document.h"

namespace tracuu::indexer {

/** A document's Xapian documents, built and ready to write: the expensive part of put(), done
 *  by prepare_document() on any thread, so that several threads analyse while one writes. */
struct PreparedDocument {
    std::string id;
    Xapian::Document document;
    std::vector<std::pair<std::string, Xapian::Document>> budget_lines;  ///< (id term, line)
};

/** Builds the Xapian documents of `doc` (indexer/document_builder.h, indexer/budget_index.h);
 *  a term Xapian would refuse is left out where it is made (add_indexable_term). `analyzer` must
 *  be in Index mode and used by this thread only. */
[[nodiscard]] PreparedDocument prepare_document(const IndexedDocument& doc, const analyzers::Analyzer& analyzer);

/// What is already in the index for one id.
struct StoredVersion {
    std::string source_path;
    std::string content_hash;
};

/** Owns the Xapian WritableDatabase of an index folder. Only one IndexWriter may be open on a
 *  folder at a time (Xapian's lock enforces it); readers are unaffected.
 *
 *  Changes become visible to readers at commit(); a crash before it loses only uncommitted
 *  changes, and the index still opens.
 */
class IndexWriter {
public:
    /** Opens or creates the index in `dir`. An index written with another schema version is
     *  emptied first, so old terms never mix with new ones. Errors: Unavailable when the folder
     *  cannot be created or is locked by another writer. */
    static Result<IndexWriter> open(const std::filesystem::path& dir);

    /// Adds or replaces the document with doc.id.
    void put(const IndexedDocument& doc);
    /// Adds or replaces a prepared document and its budget lines (the old lines go).
    void put(PreparedDocument prepared);
    /** Moves the stored document `from` to the id `to` and a new source file, with its budget
     *  lines, without extracting or analysing it again (a renamed or moved file; `to` may equal
     *  `from`). False, changing nothing, when the index holds no `from` or when its title was
     *  its old file name (a renamed file's title must follow its name: rebuild it instead). */
    bool relocate(const std::string& from, const std::string& to, const std::string& source_file, const std::string& source_path);
    /// Removes the document with this id, if any.
    void remove(const std::string& id);
    /// The stored source path and hash of an id, if the index holds it.
    [[nodiscard]] std::optional<StoredVersion> stored_version(const std::string& id) const;
    /// Ids of every document whose source path lies under `root` (an absolute folder path).
    [[nodiscard]] std::vector<std::string> ids_under(const std::filesystem::path& root) const;
    /// Publishes all changes since the last commit.
    void commit();
    [[nodiscard]] Xapian::doccount document_count() const;

private:
    explicit IndexWriter(Xapian::WritableDatabase db);

    Xapian::WritableDatabase m_db;
    analyzers::Analyzer m_analyzer;
};

}  // namespace tracuu::indexer
