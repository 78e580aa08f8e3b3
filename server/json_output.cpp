#include "server/json_output.h"

#include "analyzers/amounts.h"

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

nlohmann::json link_json(const DocumentLink& link) {
    nlohmann::json out = {{"id", link.id}, {"title", link.title}};
    if (!link.number.empty()) out["number"] = link.number;
    if (!link.date.empty()) out["date"] = link.date;
    return out;
}

nlohmann::json optional_link(const std::optional<DocumentLink>& link) { return link ? link_json(*link) : nlohmann::json(nullptr); }

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
        r["ocr"] = hit.ocr;
        results.push_back(std::move(r));
    }
    return {
        {"query", answer.query},
        {"total", answer.total},
        {"total_exact", answer.total_exact},
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
        {"ocr", document.ocr},
        {"sections", std::move(sections)},
        {"references", to_json(document.references)["references"]},
        {"budget_lines", to_json(document.budget)["lines"]},
        {"budget_checks", to_json(document.budget)["checks"]},
        {"cited_by", [&] {
             nlohmann::json links = nlohmann::json::array();
             for (const auto& l : document.cited_by) links.push_back(link_json(l));
             return links;
         }()},
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
    const auto cache = [](const CacheStats& c) { return nlohmann::json{{"capacity", c.capacity}, {"hits", c.hits}, {"misses", c.misses}}; };
    return {{"status", "ok"},
            {"documents", status.documents},
            {"revision", status.revision},
            {"caches",
             {{"answers", cache(status.answer_cache)},
              {"counts", cache(status.count_cache)},
              {"suggestions", cache(status.suggestion_cache)},
              {"term_sets", cache(status.term_set_cache)},
              {"postings", cache(status.postings_cache)},
              {"documents", cache(status.document_cache)},
              {"warmed", status.warmed}}}};
}

nlohmann::json to_json(const std::vector<ResolvedReference>& references) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [r, target] : references) {
        nlohmann::json item = {{"key", r.key},       {"number", r.written}, {"type", r.type},         {"issuer", r.issuer},
                               {"date", r.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.date)},
                               {"relation", r.relation}, {"context", r.context}, {"offset", r.offset},
                               {"section", r.section}, {"target", optional_link(target)}};
        if (!r.flags.empty()) item["flags"] = r.flags;
        if (!r.suggested_key.empty()) item["suggested_key"] = r.suggested_key;
        out.push_back(std::move(item));
    }
    return {{"references", std::move(out)}};
}

nlohmann::json to_json(const KeyAnswer& answer) {
    nlohmann::json cited = nlohmann::json::array();
    for (const auto& c : answer.cited_by) {
        nlohmann::json item = link_json(c.document);
        item["contexts"] = c.contexts;
        item["relations"] = c.relations;
        item["count"] = c.count;
        item["copies"] = c.copies;
        cited.push_back(std::move(item));
    }
    nlohmann::json conflicts = nlohmann::json::array();
    for (const auto& c : answer.conflicts) conflicts.push_back({{"kind", c.kind}, {"message", c.message}});
    return {{"key", answer.key},
            {"document", optional_link(answer.document)},
            {"cited_by", std::move(cited)},
            {"dates_seen", answer.dates_seen},
            {"conflicts", std::move(conflicts)},
            {"budget", {{"total_vnd", answer.budget_total_vnd}, {"lines", answer.budget_lines}}}};
}

nlohmann::json to_json(const std::vector<KeyEntry>& keys) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& k : keys) out.push_back({{"key", k.key}, {"cited_by", k.cited_by}, {"document", optional_link(k.document)}});
    return {{"keys", std::move(out)}};
}

nlohmann::json to_json(const BudgetAnswer& budget) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& l : budget.lines) {
        lines.push_back({{"id", l.id}, {"doc_id", l.doc_id}, {"doc_number", l.doc_number}, {"doc_title", l.doc_title},
                         {"section", l.section}, {"label", l.label}, {"amount_vnd", l.amount_vnd}, {"amount_text", l.amount_text},
                         {"amount_display", analyzers::format_vnd(l.amount_vnd)},
                         {"year", l.year > 0 ? nlohmann::json(l.year) : nlohmann::json(nullptr)}, {"kind", l.kind},
                         {"parent_id", l.parent_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(l.parent_id)}, {"refs", l.refs}});
    }
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& c : budget.checks) {
        checks.push_back({{"line_id", c.line_id}, {"kind", "sum"}, {"ok", c.ok}, {"stated_vnd", c.stated_vnd},
                          {"children_sum_vnd", c.children_sum_vnd}, {"message", c.message}});
    }
    nlohmann::json copies = nlohmann::json::array();
    for (const auto& c : budget.copies) copies.push_back({{"doc_id", c.doc_id}, {"same_as", c.same_as}});
    return {{"lines", std::move(lines)}, {"total_vnd", budget.total_vnd}, {"checks", std::move(checks)}, {"copies", std::move(copies)}};
}

nlohmann::json error_json(const Error& error) {
    return {{"error", {{"code", error_code_name(error.code)}, {"message", error.message}}}};
}

std::string dump(const nlohmann::json& value) { return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace tracuu::server
