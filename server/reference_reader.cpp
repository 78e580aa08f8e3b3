#include "server/reference_reader.h"

#include <algorithm>
#include <map>

#include "analyzers/fold.h"
#include "indexer/document_builder.h"
#include "indexer/references.h"
#include "indexer/schema.h"

namespace tracuu::server {
namespace {

std::string cites_term(const std::string& key) { return std::string(schema::kCites) + key; }
std::string own_term(const std::string& key) { return std::string(schema::kOwnKey) + key; }

DocumentLink link_of(const indexer::IndexedDocument& doc) { return {doc.id, doc.title, doc.fields.number, doc.fields.date}; }

std::optional<DocumentLink> holder_of(const Xapian::Database& db, const std::string& key) {
    const std::string term = own_term(key);
    Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return std::nullopt;
    return link_of(indexer::read_document(db.get_document(*it)));
}

/// `13/KH-UBND` → its only qualified key `13/KH-UBND@2025@…`, when there is exactly one.
std::string qualified(const Xapian::Database& db, const std::string& key) {
    if (key.find('@') != std::string::npos) return key;
    std::vector<std::string> found;
    for (const auto prefix : {schema::kCites, schema::kOwnKey}) {
        const std::string start = std::string(prefix) + key + "@";
        for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
            std::string k = (*it).substr(prefix.size());
            if (std::find(found.begin(), found.end(), k) == found.end()) found.push_back(k);
        }
    }
    return found.size() == 1 ? found.front() : key;
}

std::string with_counts(const std::vector<std::pair<std::string, std::size_t>>& dates) {
    std::string out;
    for (const auto& [date, n] : dates) out += (out.empty() ? "" : ", ") + date + " (" + std::to_string(n) + "×)";
    return out;
}

/** The files citing `key` that stand for their document, each with the ids of the other files of
 *  the same document (same own reference key); a file without an identity stands for itself. */
std::map<Xapian::docid, std::vector<std::string>> primary_citing_files(const Xapian::Database& db, const std::string& key) {
    struct File {
        Xapian::docid docid;
        std::string id;
        std::size_t citations;
    };
    std::map<std::string, std::vector<File>> by_document;
    std::map<Xapian::docid, std::vector<std::string>> out;
    const std::string term = cites_term(key);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        const indexer::IndexedDocument doc = indexer::read_document(db.get_document(*it));
        const std::string own = indexer::own_reference_key(doc.fields);
        if (own.empty()) {
            out[*it];
            continue;
        }
        const auto citations = static_cast<std::size_t>(
            std::count_if(doc.references.begin(), doc.references.end(), [&](const indexer::Reference& r) { return r.key == key; }));
        by_document[own].push_back({*it, doc.id, citations});
    }
    for (auto& [own, files] : by_document) {
        std::sort(files.begin(), files.end(), [](const File& a, const File& b) {
            return a.citations != b.citations ? a.citations > b.citations : a.id < b.id;
        });
        auto& copies = out[files.front().docid];
        for (std::size_t i = 1; i < files.size(); ++i) copies.push_back(files[i].id);
    }
    return out;
}

}  // namespace

Result<std::vector<ResolvedReference>> references_of(const Xapian::Database& db, const std::string& id) {
    const std::string term = std::string(schema::kId) + id;
    Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return Error{ErrorCode::NotFound, "no document with id \"" + id + "\""};
    const indexer::IndexedDocument doc = indexer::read_document(db.get_document(*it));
    std::vector<ResolvedReference> out;
    for (const auto& r : doc.references) out.push_back({r, holder_of(db, r.key)});
    return out;
}

std::vector<DocumentLink> cited_by(const Xapian::Database& db, const indexer::DocumentFields& fields) {
    std::vector<DocumentLink> out;
    const std::string key = indexer::own_reference_key(fields);
    if (key.empty()) return out;
    // One link per document, not per file (the plan as .txt and .pdf), chosen as reference() does.
    for (const auto& [docid, copies] : primary_citing_files(db, key)) out.push_back(link_of(indexer::read_document(db.get_document(docid))));
    return out;
}

Result<KeyAnswer> reference(const Xapian::Database& db, const std::string& requested) {
    const std::string key = qualified(db, requested);
    KeyAnswer answer;
    answer.key = key;
    answer.document = holder_of(db, key);
    std::map<std::string, std::size_t> dates;
    const std::string term = cites_term(key);
    // The same plan as .txt and .pdf cites everything twice: each document is listed once, by
    // the file citing the key most often (then the smaller id), the others named as its copies.
    const std::map<Xapian::docid, std::vector<std::string>> primaries = primary_citing_files(db, key);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        const auto primary = primaries.find(*it);
        if (primary == primaries.end()) continue;
        const indexer::IndexedDocument doc = indexer::read_document(db.get_document(*it));
        Citing citing{link_of(doc), {}, {}, 0, primary->second};
        for (const auto& r : doc.references) {
            if (r.suggested_key == key) {  // a typo in a document that otherwise cites this key
                answer.conflicts.push_back({"typo", doc.id + " cites " + r.written + " (\"" + r.context + "\"), probably meaning " + key});
            }
            if (r.key != key) continue;
            ++citing.count;
            citing.contexts.push_back(r.context);
            if (std::find(citing.relations.begin(), citing.relations.end(), r.relation) == citing.relations.end()) citing.relations.push_back(r.relation);
            if (!r.date.empty()) {
                ++dates[r.date];
            }
            if (std::find(r.flags.begin(), r.flags.end(), "cue_mismatch") != r.flags.end()) {
                answer.conflicts.push_back({"cue", doc.id + " cites " + r.written + " as a " + r.type + " after a different document type word: \"" + r.context + "\""});
            }
        }
        answer.cited_by.push_back(std::move(citing));
    }
    std::vector<std::pair<std::string, std::size_t>> ranked(dates.begin(), dates.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [date, n] : ranked) answer.dates_seen.push_back(date);
    if (ranked.size() > 1) {
        answer.conflicts.insert(answer.conflicts.begin(), {"date", "cited with " + std::to_string(ranked.size()) + " dates: " + with_counts(ranked)});
    }
    if (!answer.document && answer.cited_by.empty()) {
        return Error{ErrorCode::NotFound, "no document in the corpus has or cites \"" + requested + "\"; list cited keys with /api/references?q=…"};
    }
    return answer;
}

std::vector<KeyEntry> list_references(const Xapian::Database& db, const std::string& contains, bool unresolved_only, std::size_t limit) {
    const std::string needle = analyzers::fold_text(contains);
    std::vector<KeyEntry> out;
    const std::string prefix(schema::kCites);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        const std::string key = (*it).substr(prefix.size());
        if (!needle.empty() && analyzers::fold_text(key).find(needle) == std::string::npos) continue;
        KeyEntry entry{key, it.get_termfreq(), holder_of(db, key)};
        if (unresolved_only && entry.document) continue;
        out.push_back(std::move(entry));
    }
    std::stable_sort(out.begin(), out.end(), [](const KeyEntry& a, const KeyEntry& b) { return a.cited_by > b.cited_by; });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace tracuu::server
