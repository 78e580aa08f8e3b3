#include "server/json_output.h"

namespace tracuu::server {
namespace {

const char* error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument: return "bad_request";
        case ErrorCode::NotFound: return "not_found";
        case ErrorCode::Unsupported: return "unsupported";
        case ErrorCode::Unavailable: return "unavailable";
        case ErrorCode::Internal: break;
    }
    return "internal";
}

}  // namespace

nlohmann::json to_json(const SearchAnswer& answer) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& hit : answer.results) {
        results.push_back({{"id", hit.id}, {"title", hit.title}, {"snippet", hit.snippet}, {"page", hit.page}, {"score", hit.score}});
    }
    return {
        {"query", answer.query},
        {"total", answer.total},
        {"took_ms", answer.took_ms},
        {"page", answer.page},
        {"size", answer.size},
        {"relaxed", answer.relaxed},
        {"results", std::move(results)},
        {"facets", nlohmann::json::object()},
        {"suggestion", answer.suggestion ? nlohmann::json(*answer.suggestion) : nlohmann::json(nullptr)},
    };
}

nlohmann::json to_json(const DocumentAnswer& document) {
    return {
        {"id", document.id},
        {"title", document.title},
        {"source_file", document.source_file},
        {"format", document.format},
        {"pages", document.pages},
        {"text", document.text},
    };
}

nlohmann::json to_json(const IndexStatus& status) {
    return {{"status", "ok"}, {"documents", status.documents}, {"revision", status.revision}};
}

nlohmann::json error_json(const Error& error) {
    return {{"error", {{"code", error_code_name(error.code)}, {"message", error.message}}}};
}

std::string dump(const nlohmann::json& value) { return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace tracuu::server
