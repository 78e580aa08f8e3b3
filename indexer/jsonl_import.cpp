#include <nlohmann/json.hpp>

#include <fstream>

#include "analyzers/normalize.h"
#include "indexer/enrich.h"
#include "indexer/index_run.h"
#include "indexer/title.h"

namespace tracuu::indexer {
namespace {

/// `_id` may be a string or a number in exported data sets.
std::string id_of(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<long long>());
    return {};
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
    std::string line;
    std::size_t line_number = 0;
    std::size_t since_commit = 0;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
        const std::string where = "line " + std::to_string(line_number) + ": ";
        if (!object.is_object()) {
            problem(where + "not a JSON object");
            continue;
        }
        IndexedDocument doc;
        doc.id = object.contains("_id") ? id_of(object["_id"]) : "";
        if (doc.id.empty() || doc.id.size() > 200) {
            problem(where + "missing or unusable \"_id\" (a string or number of at most 200 bytes)");
            continue;
        }
        if (!object.contains("text") || !object["text"].is_string()) {
            problem(where + "missing \"text\" string");
            continue;
        }
        doc.text = analyzers::normalize_text(object["text"].get<std::string>());
        const std::string title = object.contains("title") && object["title"].is_string() ? object["title"].get<std::string>() : "";
        doc.title = title.empty() ? guess_title(doc.text, "", doc.id) : analyzers::normalize_text(title);
        doc.format = "jsonl";
        doc.source_file = file.string();
        enricher.enrich(doc);
        if (!title.empty()) doc.title = analyzers::normalize_text(title);  // a title given in the data wins
        const bool existed = writer.stored_version(doc.id).has_value();
        writer.put(doc);
        ++(existed ? summary.updated : summary.added);
        if (++since_commit >= options.commit_every) {
            writer.commit();
            since_commit = 0;
        }
    }
    writer.commit();
    return summary;
}

}  // namespace tracuu::indexer
