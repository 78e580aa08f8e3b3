#include "server/budget_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "analyzers/fold.h"
#include "indexer/schema.h"
#include "server/document_copies.h"
#include "server/reference_reader.h"

namespace tracuu::server {
namespace {

constexpr Xapian::doccount kMaxLines = 5000;

std::string term(std::string_view prefix, const std::string& value) { return std::string(prefix) + value; }

/// Parses the document's stored checks (document data: JSON metadata before a NUL).
std::vector<BudgetCheckView> checks_of(const Xapian::Database& db, const std::string& doc_id) {
    std::vector<BudgetCheckView> out;
    const std::string id = term(schema::kId, doc_id);
    Xapian::PostingIterator it = db.postlist_begin(id);
    if (it == db.postlist_end(id)) return out;
    const std::string data = db.get_document(*it).get_data();
    const nlohmann::json meta = nlohmann::json::parse(data.substr(0, data.find(schema::kDataSeparator)), nullptr, false);
    if (!meta.is_object() || !meta.contains("budget_checks")) return out;
    for (const auto& c : meta["budget_checks"]) {
        out.push_back({c.value("line_id", ""), c.value("ok", false), c.value("stated_vnd", std::int64_t{0}),
                       c.value("children_sum_vnd", std::int64_t{0}), c.value("message", "")});
    }
    return out;
}

/// The document's own reference key (number, year, issuer: its kOwnKey term), or "" when it has none.
std::string own_key_of(const Xapian::Database& db, const std::string& doc_id) {
    const std::string id = term(schema::kId, doc_id);
    Xapian::PostingIterator it = db.postlist_begin(id);
    if (it == db.postlist_end(id)) return {};
    Xapian::TermIterator t = db.termlist_begin(*it);
    t.skip_to(std::string(schema::kOwnKey));
    if (t == db.termlist_end(*it) || (*t).rfind(schema::kOwnKey, 0) != 0) return {};
    return (*t).substr(schema::kOwnKey.size());
}

/** Keeps the lines of one copy of each document. The same plan saved as .txt and .pdf (or .docx
 *  and .pdf) is two Xapian documents with one identity; counting both would double every total.
 *  The copy with the most lines stands for the document (a PDF table may hold lines its text copy
 *  lacks), then the smaller id (group_copies()); the others are named in `answer.copies`. */
void keep_one_copy(const Xapian::Database& db, BudgetAnswer& answer) {
    std::map<std::string, std::size_t> lines_of;
    for (const auto& line : answer.lines) ++lines_of[line.doc_id];
    std::vector<FileOfDocument> files;
    for (const auto& [doc, count] : lines_of) files.push_back({doc, own_key_of(db, doc), count});
    std::set<std::string> dropped;
    for (const DocumentFiles& document : group_copies(files)) {
        for (const std::size_t copy : document.copies) {
            answer.copies.push_back({files[copy].id, files[document.primary].id});
            dropped.insert(files[copy].id);
        }
    }
    std::sort(answer.copies.begin(), answer.copies.end(), [](const DocumentCopy& a, const DocumentCopy& b) { return a.doc_id < b.doc_id; });
    std::erase_if(answer.lines, [&](const indexer::StoredBudgetLine& l) { return dropped.count(l.doc_id) != 0; });
}

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

}  // namespace

Result<BudgetAnswer> find_budget(const Xapian::Database& db, const BudgetQuery& q) {
    std::vector<Xapian::Query> parts{Xapian::Query(term(schema::kKind, std::string(schema::kKindBudget)))};
    if (!q.doc_id.empty()) {
        // A mistyped id is not a document without a budget.
        if (!db.term_exists(std::string(schema::kId) + q.doc_id)) return Error{ErrorCode::NotFound, "no document with id \"" + q.doc_id + "\""};
        parts.emplace_back(indexer::budget_owner_term(q.doc_id));
    }
    if (!q.ref.empty()) parts.emplace_back(term(schema::kBudgetRef, resolve_key(db, q.ref)));
    if (q.year > 0) parts.emplace_back(term(schema::kBudgetYear, std::to_string(q.year)));
    std::istringstream words(analyzers::fold_text(q.words));
    for (std::string w; words >> w;) parts.emplace_back(term(schema::kBudgetWord, w));
    if (parts.size() == 1) return Error{ErrorCode::InvalidArgument, "give at least one of doc, ref, year or q"};

    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end())));
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet mset = enquire.get_mset(0, kMaxLines);

    BudgetAnswer answer;
    for (auto it = mset.begin(); it != mset.end(); ++it) answer.lines.push_back(indexer::read_budget_line(it.get_document()));
    std::stable_sort(answer.lines.begin(), answer.lines.end(), [](const auto& a, const auto& b) { return a.doc_id < b.doc_id; });
    if (q.doc_id.empty()) keep_one_copy(db, answer);

    std::set<std::string> listed;
    std::set<std::string> docs;
    for (const auto& line : answer.lines) {
        listed.insert(line.id);
        docs.insert(line.doc_id);
    }
    for (const auto& line : answer.lines) {
        if (line.kind == "revenue") continue;  // money coming in is no part of what is allocated
        if (line.parent_id.empty() || listed.count(line.parent_id) == 0) answer.total_vnd += line.amount_vnd;
    }
    for (const auto& doc : docs) {
        for (auto& check : checks_of(db, doc)) {
            if (listed.count(check.line_id) != 0) answer.checks.push_back(std::move(check));
        }
    }
    return answer;
}

std::string budget_csv(const BudgetAnswer& answer) {
    std::string out = "\xEF\xBB\xBF";
    out += "id,doc_id,doc_number,section,label,amount_vnd,amount_text,year,kind,parent_id,refs\r\n";
    for (const auto& l : answer.lines) {
        std::string refs;
        for (const auto& r : l.refs) refs += (refs.empty() ? "" : " ") + r;
        const std::string fields[] = {l.id, l.doc_id, l.doc_number, l.section, l.label, std::to_string(l.amount_vnd),
                                      l.amount_text, l.year > 0 ? std::to_string(l.year) : "", l.kind, l.parent_id, refs};
        for (std::size_t i = 0; i < std::size(fields); ++i) out += (i ? "," : "") + csv_field(fields[i]);
        out += "\r\n";
    }
    return out;
}

}  // namespace tracuu::server
