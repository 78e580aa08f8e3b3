#include "server/reference_reader.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "analyzers/citations.h"
#include "analyzers/fold.h"
#include "analyzers/normalize.h"
#include "indexer/document_builder.h"
#include "indexer/reference_keys.h"
#include "indexer/references.h"
#include "indexer/schema.h"
#include "server/document_copies.h"

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

/** A key as a person writes it (`929/QĐ-TTg@2025@Thủ tướng Chính phủ`, `57-nq/tw`,
 *  `60/2021/nd-cp`) in the spelling keys are indexed under: the symbol read as the indexer reads
 *  a cited symbol (upper case, `TTg` → `TTG`, `ND` → `NĐ`), the issuer in its canonical words. */
std::string canonical_request(const std::string& requested) {
    const std::size_t at = requested.find('@');
    std::string symbol;
    icu::UnicodeString::fromUTF8(requested.substr(0, at)).toUpper(icu::Locale::getRoot()).toUTF8String(symbol);
    const std::vector<analyzers::Citation> read = analyzers::find_citations(analyzers::normalize_text(symbol));
    if (read.size() == 1) symbol = read.front().key;
    if (at == std::string::npos) return symbol;
    const std::size_t second = requested.find('@', at + 1);
    const std::string year = requested.substr(at + 1, second == std::string::npos ? std::string::npos : second - at - 1);
    const std::string issuer = second == std::string::npos ? "" : requested.substr(second + 1);
    return symbol + "@" + year + "@" + (issuer == "?" || issuer.empty() ? issuer : indexer::canonical_issuer(issuer));
}

/** The keys held or cited that `key` may name: itself when it is one; else, for a short key
 *  (`13/KH-UBND`), one without its issuer (`13/KH-UBND@2025`) or with the issuer written
 *  otherwise (`@2025@thu tuong chinh phu`, without diacritics), the qualified keys of that symbol
 *  and year whose issuer folds to the one written. */
std::vector<std::string> qualified_keys(const Xapian::Database& db, const std::string& key) {
    if (db.term_exists(cites_term(key)) || db.term_exists(own_term(key))) return {key};
    const std::size_t first = key.find('@');
    const std::size_t second = first == std::string::npos ? std::string::npos : key.find('@', first + 1);
    const std::string start = second == std::string::npos ? key + "@" : key.substr(0, second + 1);
    const std::string issuer = second == std::string::npos ? "" : analyzers::fold_text(key.substr(second + 1));
    std::vector<std::string> found;
    for (const auto prefix : {schema::kCites, schema::kOwnKey}) {
        const std::string terms = std::string(prefix) + start;
        for (auto it = db.allterms_begin(terms); it != db.allterms_end(terms); ++it) {
            std::string k = (*it).substr(prefix.size());
            if (!issuer.empty() && analyzers::fold_text(k.substr(k.rfind('@') + 1)) != issuer) continue;
            if (std::find(found.begin(), found.end(), k) == found.end()) found.push_back(k);
        }
    }
    return found;
}

/// `13/KH-UBND` → its only qualified key `13/KH-UBND@2025@…`, when there is exactly one.
std::string qualified(const Xapian::Database& db, const std::string& key) {
    const std::vector<std::string> found = qualified_keys(db, key);
    return found.size() == 1 ? found.front() : key;
}

std::string with_counts(const std::vector<std::pair<std::string, std::size_t>>& dates) {
    std::string out;
    for (const auto& [date, n] : dates) out += (out.empty() ? "" : ", ") + date + " (" + std::to_string(n) + "×)";
    return out;
}

/// What tells the files of one document apart from others: a file's own reference key, or ""
/// for a file that stands alone.
using IdentityOf = std::function<std::string(Xapian::docid)>;

/** The own reference keys held by more than one file (a document saved as .txt and .pdf), by
 *  file, from the kOwnKey terms (written from indexer::own_reference_key). A file whose key no
 *  other file holds is a document of its own whether its key is known or not, so grouping by
 *  these identities groups exactly as by every file's own key. Built by one walk over the
 *  own-key terms (one per numbered document), reading postings only for keys held by several
 *  files: no file is opened, where reading a file's key costs a termlist or its stored data. */
class SharedIdentities {
public:
    explicit SharedIdentities(const Xapian::Database& db) {
        const std::string prefix(schema::kOwnKey);
        for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
            if (it.get_termfreq() < 2) continue;
            const std::string own = (*it).substr(prefix.size());
            for (auto file = db.postlist_begin(*it); file != db.postlist_end(*it); ++file) m_own_key[*file] = own;
        }
    }
    std::string operator()(Xapian::docid docid) const {
        const auto found = m_own_key.find(docid);
        return found == m_own_key.end() ? std::string() : found->second;
    }

private:
    std::unordered_map<Xapian::docid, std::string> m_own_key;
};

/** How many documents the files citing `key` hold: copies of one document (group_copies()) count once. */
std::size_t citing_documents(const Xapian::Database& db, const std::string& key, const IdentityOf& identity_of) {
    std::vector<FileOfDocument> files;
    const std::string term = cites_term(key);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) files.push_back({"", identity_of(*it), 0});
    return group_copies(files).size();
}

/** The files citing `key` that stand for their document, each with the ids of the other files of
 *  the same document (group_copies()): the file citing the key most often, then the smaller id. */
std::map<Xapian::docid, std::vector<std::string>> primary_citing_files(const Xapian::Database& db, const std::string& key) {
    // Each citing file is read once, for its identity and for how often it cites the key.
    std::vector<Xapian::docid> docids;
    std::vector<FileOfDocument> files;
    const std::string term = cites_term(key);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        const indexer::IndexedDocument doc = indexer::read_document(db.get_document(*it));
        const auto citations = static_cast<std::size_t>(
            std::count_if(doc.references.begin(), doc.references.end(), [&](const indexer::Reference& r) { return r.key == key; }));
        docids.push_back(*it);
        files.push_back({doc.id, indexer::own_reference_key(doc.fields), citations});
    }
    std::map<Xapian::docid, std::vector<std::string>> out;
    for (const DocumentFiles& document : group_copies(files)) {
        auto& copies = out[docids[document.primary]];
        for (const std::size_t copy : document.copies) copies.push_back(files[copy].id);
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

std::string resolve_key(const Xapian::Database& db, const std::string& requested) { return qualified(db, canonical_request(requested)); }

Result<KeyAnswer> reference(const Xapian::Database& db, const std::string& requested) {
    const std::string key = resolve_key(db, requested);
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
        const std::vector<std::string> meant = qualified_keys(db, key);
        if (meant.size() > 1) {
            std::string list;
            for (const auto& k : meant) list += (list.empty() ? "" : ", ") + k;
            return Error{ErrorCode::NotFound, "\"" + requested + "\" names several documents; ask for one of: " + list};
        }
        return Error{ErrorCode::NotFound, "no document in the corpus has or cites \"" + requested + "\"; list cited keys with /api/references?q=…"};
    }
    return answer;
}

std::vector<KeyEntry> list_references(const Xapian::Database& db, const std::string& contains, bool unresolved_only, std::size_t limit,
                                      const std::string& type) {
    std::vector<KeyEntry> out;
    if (limit == 0) return out;
    const std::string needle = analyzers::fold_text(contains);
    const std::string wanted_type = analyzers::fold_text(type);
    std::unordered_map<std::string, bool> code_wanted;  // a few dozen codes among thousands of keys
    const auto of_wanted_type = [&](const std::string& key) {
        const std::string code(indexer::symbol_type_code(indexer::key_parts(key).symbol));
        auto [it, fresh] = code_wanted.try_emplace(code);
        if (fresh) it->second = analyzers::fold_text(analyzers::type_name_of_code(code)) == wanted_type;
        return it->second;
    };
    struct Candidate {
        std::string key;
        Xapian::doccount files;  // citing files: at least the citing documents
    };
    std::vector<Candidate> candidates;
    const std::string prefix(schema::kCites);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        std::string key = (*it).substr(prefix.size());
        if (!needle.empty() && analyzers::fold_text(key).find(needle) == std::string::npos) continue;
        if (unresolved_only && db.term_exists(own_term(key))) continue;
        if (!wanted_type.empty() && !of_wanted_type(key)) continue;
        candidates.push_back({std::move(key), it.get_termfreq()});
    }
    // Most cited first, then by key (the order of the terms). Counting documents groups files
    // (a walk of the key's postings, after one walk of the own-key terms for the whole list), so
    // keys are counted in order of their file counts (an upper bound of their document counts)
    // and only until no key left could enter the answer; a key cited by one file needs no walk.
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.files > b.files; });
    const auto before = [](const KeyEntry& a, const KeyEntry& b) { return a.cited_by != b.cited_by ? a.cited_by > b.cited_by : a.key < b.key; };
    std::set<KeyEntry, decltype(before)> best(before);
    std::optional<SharedIdentities> identities;  // built when a key cited by several files is counted
    for (const Candidate& c : candidates) {
        if (best.size() == limit) {
            const KeyEntry& last = *best.rbegin();
            if (last.cited_by > c.files || (last.cited_by == c.files && last.key < c.key)) break;
        }
        std::uint64_t documents = c.files;  // one file is one document: nothing to group
        if (c.files > 1) {
            if (!identities) identities.emplace(db);
            documents = citing_documents(db, c.key, std::cref(*identities));
        }
        best.insert(KeyEntry{c.key, documents, std::nullopt});
        if (best.size() > limit) best.erase(std::prev(best.end()));
    }
    for (const KeyEntry& entry : best) out.push_back({entry.key, entry.cited_by, holder_of(db, entry.key)});
    return out;
}

}  // namespace tracuu::server
