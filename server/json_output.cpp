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

/// Identity fields, present only when known (API.md: what cannot be found stays empty).
void add_fields(nlohmann::json& out, const indexer::DocumentFields& f) {
    const auto put = [&](const char* key, const std::string& value) {
        if (!value.empty()) out[key] = value;
    };
    put("number", f.number);
    put("type", f.type);
    put("issuer", f.issuer);
    put("date", f.date);
}

nlohmann::json facet_json(const std::vector<FacetCount>& counts) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : counts) out.push_back({{"value", c.value}, {"count", c.count}});
    return out;
}

}  // namespace

nlohmann::json to_json(const SearchAnswer& answer) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& hit : answer.results) {
        nlohmann::json r = {{"id", hit.id}, {"title", hit.title}, {"snippet", hit.snippet}, {"page", hit.page}, {"score", hit.score}};
        add_fields(r, hit.fields);
        if (!hit.section.empty()) r["section"] = hit.section;
        results.push_back(std::move(r));
    }
    return {
        {"query", answer.query},
        {"total", answer.total},
        {"took_ms", answer.took_ms},
        {"page", answer.page},
        {"size", answer.size},
        {"relaxed", answer.relaxed},
        {"results", std::move(results)},
        {"facets",
         {{"type", facet_json(answer.facets.type)},
          {"issuer", facet_json(answer.facets.issuer)},
          {"year", facet_json(answer.facets.year)},
          {"status", facet_json(answer.facets.status)}}},
        {"suggestion", answer.suggestion ? nlohmann::json(*answer.suggestion) : nlohmann::json(nullptr)},
    };
}

nlohmann::json to_json(const DocumentAnswer& document) {
    const indexer::DocumentFields& f = document.fields;
    nlohmann::json sections = nlohmann::json::array();
    for (const auto& e : document.outline) sections.push_back({{"path", e.path}, {"heading", e.heading}, {"offset", e.offset}});
    nlohmann::json out = {
        {"id", document.id},
        {"title", document.title},
        {"number", f.number},
        {"type", f.type},
        {"issuer", f.issuer},
        {"signer", f.signer},
        {"place", f.place},
        {"date", f.date},
        {"effective_date", f.effective_date},
        {"status", f.status},
        {"source_file", document.source_file},
        {"format", document.format},
        {"pages", document.pages},
        {"sections", std::move(sections)},
        {"offset_unit", "utf8"},
        {"text", document.text},
    };
    if (f.type_conflict) out["type_conflict"] = {{"type_line", f.type}, {"symbol", f.type_from_symbol}};
    for (auto it = out.begin(); it != out.end();) {  // unknown identity fields are omitted, never guessed
        if (it->is_string() && it->get<std::string>().empty()) {
            it = out.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

nlohmann::json to_json(const IndexStatus& status) {
    return {{"status", "ok"}, {"documents", status.documents}, {"revision", status.revision}};
}

nlohmann::json error_json(const Error& error) {
    return {{"error", {{"code", error_code_name(error.code)}, {"message", error.message}}}};
}

std::string dump(const nlohmann::json& value) { return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace tracuu::server
