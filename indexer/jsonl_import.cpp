#include <nlohmann/json.hpp>

#include <cerrno>
#include <fstream>
#include <new>
#include <system_error>

#include "analyzers/normalize.h"
#include "indexer/commit_pacer.h"
#include "indexer/enrich.h"
#include "indexer/file_walk.h"
#include "indexer/index_run.h"
#include "indexer/title.h"

namespace tracuu::indexer {
namespace {

/// `_id` may be a string or a number in exported data sets.
std::string id_of(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_unsigned()) return std::to_string(value.get<unsigned long long>());
    if (value.is_number_integer()) return std::to_string(value.get<long long>());
    return {};
}

/// The document one line describes, or why the line cannot be one.
Result<IndexedDocument> document_of(const std::string& line, const std::filesystem::path& file, const Enricher& enricher) {
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
    if (!object.is_object()) {
        return Error{ErrorCode::InvalidArgument, object.is_discarded() ? "not valid JSON" : "not a JSON object"};
    }
    IndexedDocument doc;
    const auto id = object.find("_id");
    doc.id = id != object.end() ? id_of(*id) : "";
    if (doc.id.empty() || doc.id.size() > 200) {
        return Error{ErrorCode::InvalidArgument, "missing or unusable \"_id\" (a string or integer of at most 200 bytes)"};
    }
    const auto text = object.find("text");
    if (text == object.end() || !text->is_string()) return Error{ErrorCode::InvalidArgument, "missing \"text\" string"};
    doc.text = analyzers::normalize_text(text->get<std::string>());
    const auto title_field = object.find("title");
    const std::string title = title_field != object.end() && title_field->is_string() ? title_field->get<std::string>() : "";
    doc.title = title.empty() ? guess_title(doc.text, "", doc.id) : analyzers::normalize_text(title);
    doc.format = "jsonl";
    doc.source_file = file.string();
    enricher.enrich(doc);
    if (!title.empty()) doc.title = analyzers::normalize_text(title);  // a title given in the data wins
    return doc;
}

}  // namespace

IndexSummary import_jsonl(IndexWriter& writer, const std::filesystem::path& file, const IndexOptions& options,
                          const ProblemSink& on_problem) {
    IndexSummary summary;
    const auto problem = [&](std::string reason) {
        IndexProblem p{file.string(), std::move(reason)};
        if (on_problem) on_problem(p);
        summary.problems.push_back(std::move(p));
    };
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problem("cannot read file");
        return summary;
    }
    const Enricher enricher;
    const analyzers::Analyzer analyzer(analyzers::AnalysisMode::Index);
    CommitPacer pacer(writer, options.commit_every, options.commit_seconds);
    std::string line;
    std::size_t line_number = 0;
    errno = 0;
    while (std::getline(in, line)) {
        if (options.stop.stop_requested()) {
            summary.interrupted = true;
            break;
        }
        ++line_number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where = "line " + std::to_string(line_number) + ": ";
        // One odd line must not cost the rest of the file, whatever step it fails in.
        try {
            Result<IndexedDocument> doc = document_of(line, file, enricher);
            if (!doc.ok()) {
                problem(where + doc.error().message);
                continue;
            }
            // Everything that can fail for this line alone happens before the write. A Xapian
            // error in put() is not caught: Xapian has then dropped every uncommitted document.
            PreparedDocument prepared = prepare_document(doc.value(), analyzer);
            const bool existed = writer.stored_version(prepared.id).has_value();
            writer.put(std::move(prepared));
            ++(existed ? summary.updated : summary.added);
            pacer.written();
        } catch (const std::bad_alloc&) {
            problem(where + "not enough memory for this document");
        } catch (const std::exception& e) {
            problem(where + "internal error while reading: " + e.what());
        }
    }
    if (in.bad()) {  // a folder, or a disk error: what was read stays imported
        const std::string reason = reason_of(std::error_code(errno != 0 ? errno : EIO, std::generic_category()));
        const std::string where = line_number == 0 ? "" : " after line " + std::to_string(line_number);
        problem("cannot read file" + where + ": " + reason);
    }
    pacer.commit();
    return summary;
}

}  // namespace tracuu::indexer
