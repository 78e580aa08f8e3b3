#include "indexer/writer.h"

#include <charconv>
#include <string_view>
#include <system_error>

#include "indexer/budget_index.h"
#include "indexer/document_builder.h"
#include "indexer/file_walk.h"
#include "indexer/index_errors.h"
#include "indexer/schema.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;
namespace {

std::string id_term(const std::string& id) { return std::string(schema::kId) + id; }

/// What a folder given as an index holds, looked at before anything is written into it.
enum class FolderKind { Missing, Empty, Database, Other };

struct FolderLook {
    FolderKind kind = FolderKind::Other;
    std::string example;      ///< one entry that is not Xapian's, to name in a refusal
    std::size_t entries = 0;  ///< entries that are not Xapian's
};

/// The file that makes a folder a Xapian database, for each backend.
bool is_version_file(const std::string& name) { return name == "iamglass" || name == "iamchert" || name == "iamhoney"; }

/// Files Xapian keeps in a database folder besides its version file.
bool is_xapian_file(const std::string& name) {
    if (name == "flintlock" || is_version_file(name)) return true;
    const std::string ext = fs::path(name).extension().string();
    return ext == ".glass" || ext == ".DB" || ext == ".baseA" || ext == ".baseB" || ext == ".tmp";
}

Result<FolderLook> look_at(const fs::path& dir) {
    std::error_code ec;
    const fs::file_status status = fs::status(dir, ec);
    if (status.type() == fs::file_type::not_found) return FolderLook{FolderKind::Missing, "", 0};
    if (ec) return Error{ErrorCode::Unavailable, "cannot read the index folder " + dir.string() + ": " + reason_of(ec)};
    if (!fs::is_directory(status)) {
        return Error{ErrorCode::InvalidArgument,
                     dir.string() + " is not a folder: give the folder that holds the index (or an empty or new one for a new index)"};
    }
    FolderLook look{FolderKind::Empty, "", 0};
    bool version_file = false;
    bool xapian_files = false;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name == "lost+found") continue;  // the root of a fresh file system mounted for the index
        version_file = version_file || is_version_file(name);
        if (is_xapian_file(name)) {
            xapian_files = true;
            continue;
        }
        if (look.example.empty()) look.example = name;
        ++look.entries;
    }
    if (ec) return Error{ErrorCode::Unavailable, "cannot read the index folder " + dir.string() + ": " + reason_of(ec)};
    // A database may share its folder with other files (a note, a backup). Xapian's files alone,
    // without a version file, are a database whose creation was cut short: Xapian will not open
    // it, and --rebuild may start it over.
    if (version_file || (xapian_files && look.entries == 0)) {
        look.kind = FolderKind::Database;
    } else if (look.entries > 0) {
        look.kind = FolderKind::Other;
    }
    return look;
}

Error not_empty(const fs::path& dir, const FolderLook& look) {
    const std::size_t more = look.entries - 1;
    const std::string others = more > 0 ? " and " + std::to_string(more) + (more == 1 ? " other entry" : " other entries") : "";
    return Error{ErrorCode::InvalidArgument, "the folder " + dir.string() + " holds other files (" + look.example + others +
                                                 ") and no tracuu index; nothing was written: give an empty or new folder for the index"};
}

/// Whether a database may be used as a tracuu index of this version, and what it is otherwise.
enum class Owner { Current, Unmarked, Foreign, OtherVersion };

Owner owner_of(const Xapian::Database& db, std::string& version) {
    version = db.get_metadata(std::string(schema::kVersionKey));
    if (version == schema::kVersion) return Owner::Current;
    if (!version.empty()) return Owner::OtherVersion;
    // An empty database without the key is what a first run killed before its first commit
    // leaves; one with documents or metadata was written by someone else.
    const bool untouched = db.get_doccount() == 0 && db.metadata_keys_begin() == db.metadata_keys_end();
    return untouched ? Owner::Unmarked : Owner::Foreign;
}

Error foreign(const fs::path& dir, const Xapian::Database& db) {
    const Xapian::doccount documents = db.get_doccount();
    return Error{ErrorCode::InvalidArgument, "the folder " + dir.string() + " holds a Xapian database that is not a tracuu index (" +
                                                 std::to_string(documents) + (documents == 1 ? " document" : " documents") +
                                                 " written by another program, such as omindex); nothing was changed: give another folder "
                                                 "for the tracuu index"};
}

Error other_version(const fs::path& dir, const std::string& version) {
    // Versions are whole numbers; anything else was not written by a tracuu this one knows.
    const auto number = [](std::string_view v) {
        long n = -1;
        return std::from_chars(v.data(), v.data() + v.size(), n).ec == std::errc() ? n : -1;
    };
    const long theirs = number(version);
    const long ours = number(schema::kVersion);
    const std::string who = theirs < 0 ? "another" : theirs < ours ? "an older" : "a newer";
    const std::string rebuild = "run tracuu-index --rebuild with every folder it should hold (it starts the index over)";
    return Error{ErrorCode::InvalidArgument, "the index " + dir.string() + " was written by " + who + " version of tracuu (schema " +
                                                 version + "; this one writes " + std::string(schema::kVersion) + ") and " +
                                                 (theirs > ours ? "must be used with that version, or rebuilt: " : "must be rebuilt: ") +
                                                 rebuild};
}

/// A database that cannot even be opened to read its schema key: --rebuild may start it over,
/// since nothing in it can be read, by tracuu or anyone else. (A database in the format of
/// another Xapian version is not one: another program may read it.)
bool too_damaged_to_tell(const Xapian::Error& e) {
    const std::string type = e.get_type();
    return type == "DatabaseCorruptError" || type == "DatabaseOpeningError" || type == "DatabaseNotFoundError";
}

}  // namespace

Result<IndexWriter> IndexWriter::open(const fs::path& dir, OpenMode mode) {
    if (dir.empty()) return Error{ErrorCode::InvalidArgument, "no index folder given (its name is empty)"};
    Result<FolderLook> look = look_at(dir);
    if (!look.ok()) return look.error();
    if (look.value().kind == FolderKind::Other) return not_empty(dir, look.value());
    if (look.value().kind == FolderKind::Missing) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) return Error{ErrorCode::Unavailable, "cannot create the index folder " + dir.string() + ": " + reason_of(ec)};
    }
    try {
        bool overwrite = false;
        if (look.value().kind == FolderKind::Database) {
            // Read-only first, so that a folder refused is left as it was (no lock taken, and
            // another program writing it is not mistaken for a tracuu-index run).
            std::optional<Xapian::Database> existing;
            try {
                existing.emplace(dir.string());
            } catch (const Xapian::Error& e) {
                if (mode == OpenMode::Update || !too_damaged_to_tell(e)) return describe_index_error(dir, e);
            }
            if (existing) {
                std::string version;
                const Owner owner = owner_of(*existing, version);
                if (owner == Owner::Foreign) return foreign(dir, *existing);
                if (owner == Owner::OtherVersion && mode == OpenMode::Update) return other_version(dir, version);
            }
            overwrite = mode == OpenMode::Rebuild;
        }
        Xapian::WritableDatabase db(dir.string(), overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
        // Again on the database now locked, in case another program wrote the folder meanwhile.
        std::string version;
        switch (owner_of(db, version)) {
            case Owner::Current: break;
            case Owner::Foreign: return foreign(dir, db);  // closed unchanged: nothing was written
            case Owner::OtherVersion: return other_version(dir, version);
            case Owner::Unmarked:
                db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kVersion));
                db.commit();
                break;
        }
        return IndexWriter(std::move(db), dir);
    } catch (const Xapian::Error& e) {
        return describe_index_error(dir, e);
    }
}

IndexWriter::IndexWriter(Xapian::WritableDatabase db, fs::path dir)
    : m_db(std::move(db)), m_dir(std::move(dir)), m_analyzer(analyzers::AnalysisMode::Index) {}

PreparedDocument prepare_document(const IndexedDocument& doc, const analyzers::Analyzer& analyzer) {
    return PreparedDocument{doc.id, build_document(doc, analyzer), build_budget_documents(doc)};
}

void IndexWriter::put(const IndexedDocument& doc) { put(prepare_document(doc, m_analyzer)); }

void IndexWriter::put(PreparedDocument prepared) {
    // Both terms made before the first write: past it only Xapian allocates, and a Xapian call
    // that fails drops every uncommitted change, so a document is never half written (its new
    // text with its old budget lines) when memory runs out.
    const std::string id = id_term(prepared.id);
    const std::string owner = budget_owner_term(prepared.id);
    m_db.replace_document(id, prepared.document);
    m_db.delete_document(owner);  // the old lines go with the old text
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

std::optional<Xapian::doccount> IndexWriter::readable_document_count() const {
    try {
        return document_count();
    } catch (const Xapian::Error&) {
        return std::nullopt;  // a damaged index: the report says what failed without a count
    }
}

}  // namespace tracuu::indexer
