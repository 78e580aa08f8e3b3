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

/// What IndexWriter::open() does with an index that already holds documents.
enum class OpenMode {
    Update,   ///< keep it: the run adds to it (an index of another schema version is refused)
    Rebuild,  ///< start it over, empty, whatever tracuu schema version wrote it
};

/** Owns the Xapian WritableDatabase of an index folder. Only one IndexWriter may be open on a
 *  folder at a time (Xapian's lock enforces it); readers are unaffected.
 *
 *  Changes become visible to readers at commit(); a crash before it loses only uncommitted
 *  changes, and the index still opens.
 *
 *  Failures: every method that reads or writes the database (put, relocate, remove,
 *  stored_version, ids_under, commit, document_count) throws the Xapian::Error it met, or
 *  std::bad_alloc, when the database cannot be read or written (a full disk, a damaged index);
 *  indexer/index_errors.h puts one into words. Xapian then drops every change since the last
 *  commit, so the index holds exactly what was committed; the writer may still be asked
 *  readable_document_count() and destroyed.
 */
class IndexWriter {
public:
    /** Opens the index in `dir`, creating it when `dir` is missing or an empty folder (a folder
     *  holding only `lost+found`, as a fresh file system does, counts as empty). It never writes
     *  into a folder it does not own: nothing on disk changes when it refuses.
     *
     *  Refused, with a message naming `dir`:
     *  - an empty `dir` (InvalidArgument), a `dir` that is a file (InvalidArgument);
     *  - a folder holding other files and no Xapian database (InvalidArgument);
     *  - a Xapian database without tracuu's schema key that holds anything (InvalidArgument: it is
     *    another program's, such as omindex's, even with OpenMode::Rebuild); an empty one without
     *    the key (a first run killed before its first commit) is taken over;
     *  - with OpenMode::Update, a tracuu index of another schema version (InvalidArgument: its
     *    terms would silently mismatch queries; the message says whether an older or newer
     *    tracuu wrote it and that --rebuild starts it over);
     *  - a folder that cannot be created, read or written, a damaged index, or one locked by
     *    another writer (Unavailable, worded by describe_index_error()).
     *
     *  With OpenMode::Rebuild a tracuu index of any schema version, or a database too damaged to
     *  be opened at all, is emptied and starts over at the current version. */
    static Result<IndexWriter> open(const std::filesystem::path& dir, OpenMode mode = OpenMode::Update);

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
    /// Documents held (budget lines are not counted), the uncommitted ones included.
    [[nodiscard]] Xapian::doccount document_count() const;
    /// document_count(), or nothing when the index cannot be read (damaged): for a report after a failure.
    [[nodiscard]] std::optional<Xapian::doccount> readable_document_count() const;
    /// The folder given to open().
    [[nodiscard]] const std::filesystem::path& folder() const { return m_dir; }

private:
    IndexWriter(Xapian::WritableDatabase db, std::filesystem::path dir);

    Xapian::WritableDatabase m_db;
    std::filesystem::path m_dir;
    analyzers::Analyzer m_analyzer;
};

}  // namespace tracuu::indexer
