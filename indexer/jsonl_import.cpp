#include <nlohmann/json.hpp>

#include <cerrno>
#include <fstream>
#include <new>
#include <optional>
#include <system_error>

#include "analyzers/normalize.h"
#include "indexer/commit_pacer.h"
#include "indexer/enrich.h"
#include "indexer/file_walk.h"
#include "indexer/index_errors.h"
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
    IndexSummary committed;  ///< summary as of the last commit, without problems: what a failure leaves
    const auto problem = [&](std::string reason) {
        IndexProblem p{file.string(), std::move(reason)};
        if (on_problem) on_problem(p);
        summary.problems.push_back(std::move(p));
    };
    const auto remember_committed = [&] {
        std::vector<IndexProblem> problems = std::move(summary.problems);
        committed = summary;
        summary.problems = std::move(problems);
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
    // A failure of the index itself (a full disk, a damaged index, no memory while writing) ends
    // the import: Xapian has then dropped every uncommitted document, so nothing after the last
    // commit can be counted, and going on would only fail again.
    try {
        while (std::getline(in, line)) {
            if (options.stop.stop_requested()) {
                summary.interrupted = true;
                break;
            }
            ++line_number;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            const std::string where = "line " + std::to_string(line_number) + ": ";
            // One odd line must not cost the rest of the file, whatever step before the write it fails in.
            std::optional<PreparedDocument> prepared;
            try {
                Result<IndexedDocument> doc = document_of(line, file, enricher);
                if (!doc.ok()) {
                    problem(where + doc.error().message);
                    continue;
                }
                prepared = prepare_document(doc.value(), analyzer);
            } catch (const std::bad_alloc&) {
                problem(where + "not enough memory for this document");
                continue;
            } catch (const std::exception& e) {
                problem(where + "internal error while reading: " + e.what());
                continue;
            } catch (const Xapian::Error& e) {
                problem(where + "internal error while reading: " + e.get_description());
                continue;
            }
            const bool existed = writer.stored_version(prepared->id).has_value();
            writer.put(std::move(*prepared));
            ++(existed ? summary.updated : summary.added);
            if (pacer.written()) remember_committed();
        }
        if (in.bad()) {  // a folder, or a disk error: what was read stays imported
            const std::string reason = reason_of(std::error_code(errno != 0 ? errno : EIO, std::generic_category()));
            const std::string where = line_number == 0 ? "" : " after line " + std::to_string(line_number);
            problem("cannot read file" + where + ": " + reason);
        }
        pacer.commit();
        return summary;
    } catch (const Xapian::Error& e) {
        committed.failure = describe_index_error(writer.folder(), e);
    } catch (const std::bad_alloc&) {
        committed.failure = index_out_of_memory(writer.folder());
    }
    committed.problems = std::move(summary.problems);
    return committed;
}

}  // namespace tracuu::indexer
