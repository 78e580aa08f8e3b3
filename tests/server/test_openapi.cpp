// server/openapi.json against the server: every route described, every description a route,
// and the answers shaped as their schemas say.
#include <doctest/doctest.h>

#include <set>

#include "server/openapi.h"
#include "tests/server/served_index.h"

using tracuu::testing::ServedIndex;
using tracuu::testing::ServedIndexOptions;
using nlohmann::json;

namespace {

const json& description() {
    static const json parsed = json::parse(tracuu::server::openapi_json(), nullptr, false);
    return parsed;
}

/// `#/components/schemas/X` → that node of the description.
const json& resolve(const json& node) {
    if (!node.is_object() || !node.contains("$ref")) return node;
    return description().at(json::json_pointer(node["$ref"].get<std::string>().substr(1)));
}

/** Appends to `problems` where `value` departs from `schema` (the subset of OpenAPI 3.0 the
 *  description uses: type, properties, required, items, nullable, allOf, oneOf, $ref). */
void conform(const json& value, const json& schema_node, const std::string& where, std::vector<std::string>& problems) {
    const json& schema = resolve(schema_node);
    if (value.is_null()) {
        if (!schema.value("nullable", false)) problems.push_back(where + ": null where the schema allows none");
        return;
    }
    if (schema.contains("allOf")) {
        for (const auto& part : schema["allOf"]) conform(value, part, where, problems);
        return;
    }
    if (schema.contains("oneOf")) {
        std::size_t fitting = 0;
        for (const auto& part : schema["oneOf"]) {
            std::vector<std::string> own;
            conform(value, part, where, own);
            fitting += own.empty() ? 1 : 0;
        }
        if (fitting == 0) problems.push_back(where + ": fits none of oneOf");
        return;
    }
    const std::string type = schema.value("type", "");
    const bool fits = type.empty() || (type == "object" && value.is_object()) || (type == "array" && value.is_array()) ||
                      (type == "string" && value.is_string()) || (type == "integer" && value.is_number_integer()) ||
                      (type == "number" && value.is_number()) || (type == "boolean" && value.is_boolean());
    if (!fits) {
        problems.push_back(where + ": not of type " + type);
        return;
    }
    if (value.is_object() && schema.contains("properties")) {
        for (const auto& [key, field] : value.items()) {
            if (!schema["properties"].contains(key)) {
                problems.push_back(where + "." + key + ": not described");
            } else {
                conform(field, schema["properties"][key], where + "." + key, problems);
            }
        }
        for (const auto& key : schema.value("required", json::array())) {
            if (!value.contains(key.get<std::string>())) problems.push_back(where + "." + key.get<std::string>() + ": required but missing");
        }
    }
    if (value.is_array() && schema.contains("items")) {
        for (std::size_t i = 0; i < value.size(); ++i) conform(value[i], schema["items"], where + "[" + std::to_string(i) + "]", problems);
    }
}

void collect_refs(const json& node, std::vector<std::string>& refs) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "$ref" && value.is_string()) refs.push_back(value.get<std::string>());
            collect_refs(value, refs);
        }
    } else if (node.is_array()) {
        for (const auto& value : node) collect_refs(value, refs);
    }
}

ServedIndexOptions corpus() {
    return ServedIndexOptions{{{"kh13.txt", "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\nSố: 13/KH-UBND\nKẾ HOẠCH\nHoạt động khoa học\n"
                                            "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.\n"
                                            "Tổng kinh phí năm 2026: 20 tỷ đồng, trong đó:\n- Chi nhiệm vụ khoa học: 12,5 tỷ đồng;\n"
                                            "- Chi chuyển đổi số: 7,5 tỷ đồng.\n"},
                               {"other.txt", "Quyết định về y tế công cộng, căn cứ Kế hoạch số 13/KH-UBND."}},
                              R"({"_id": "q-1", "text": "Văn bản nhập từ JSON về khoa học."})" "\n", 1000, 0.5};
}

}  // namespace

TEST_SUITE("server") {

TEST_CASE("the OpenAPI description is JSON and says it is OpenAPI 3") {
    REQUIRE_FALSE(description().is_discarded());
    CHECK(description().at("openapi").get<std::string>().rfind("3.", 0) == 0);
    CHECK(description().at("info").contains("title"));
    CHECK(description().at("paths").is_object());
}

TEST_CASE("every route the server registers is described, and every described path is a route") {
    ServedIndex served(corpus());
    std::set<std::string> registered, described;
    for (const auto& route : served.http().routes()) registered.insert(route.method + " " + route.name);
    for (const auto& [path, operations] : description().at("paths").items()) {
        for (const auto& [method, operation] : operations.items()) {
            std::string upper = method;
            for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            described.insert(upper + " " + path);
        }
    }
    for (const auto& route : registered) {
        CAPTURE(route);
        CHECK(described.count(route) == 1);
    }
    for (const auto& path : described) {
        CAPTURE(path);
        CHECK(registered.count(path) == 1);
    }
}

TEST_CASE("every reference in the description resolves and every path parameter is declared") {
    std::vector<std::string> refs;
    collect_refs(description(), refs);
    CHECK_FALSE(refs.empty());
    for (const auto& ref : refs) {
        CAPTURE(ref);
        REQUIRE(ref.rfind("#/", 0) == 0);
        CHECK(description().contains(json::json_pointer(ref.substr(1))));
    }
    for (const auto& [path, operations] : description().at("paths").items()) {
        std::set<std::string> placeholders;
        for (std::size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
            placeholders.insert(path.substr(open + 1, path.find('}', open) - open - 1));
        }
        for (const auto& [method, operation] : operations.items()) {
            std::set<std::string> declared;
            for (const auto& parameter : operation.value("parameters", json::array())) {
                if (resolve(parameter).at("in") == "path") declared.insert(resolve(parameter).at("name").get<std::string>());
            }
            CAPTURE(path);
            CHECK(declared == placeholders);
            CHECK_FALSE(operation.at("responses").empty());
        }
    }
}

TEST_CASE("the answers of the API have the status codes and shapes the description gives them") {
    ServedIndex served(corpus());
    const struct {
        std::string method, path, described;
    } calls[] = {
        {"GET", "/api/search?q=khoa+hoc", "/api/search"},
        {"GET", "/api/search?q=", "/api/search"},
        {"GET", "/api/suggest?q=khoa", "/api/suggest"},
        {"GET", "/api/suggest?q=khoa&format=opensearch", "/api/suggest"},
        {"GET", "/api/documents/kh13", "/api/documents/{id}"},
        {"GET", "/api/documents/q-1", "/api/documents/{id}"},
        {"GET", "/api/documents/no-such", "/api/documents/{id}"},
        {"GET", "/api/documents/q-1/file", "/api/documents/{id}/file"},
        {"GET", "/api/documents/kh13/references", "/api/documents/{id}/references"},
        {"GET", "/api/references?q=57", "/api/references"},
        {"GET", "/api/references/57-NQ%2FTW", "/api/references/{key}"},
        {"GET", "/api/references/nothing-cites-this", "/api/references/{key}"},
        {"GET", "/api/budget?doc=kh13", "/api/budget"},
        {"GET", "/api/budget", "/api/budget"},
        {"GET", "/api/budget?doc=no-such", "/api/budget"},
        {"GET", "/api/references?type=Ngh%E1%BB%8B%20quy%E1%BA%BFt", "/api/references"},
        {"GET", "/healthz", "/healthz"},
        {"POST", "/api/admin/reindex", "/api/admin/reindex"},
        {"GET", "/api/openapi.json", "/api/openapi.json"},
    };
    for (const auto& call : calls) {
        CAPTURE(call.path);
        auto client = served.client();
        const auto res = call.method == "GET" ? client.Get(call.path) : client.Post(call.path, "", "application/json");
        REQUIRE(res);
        std::string method = call.method == "GET" ? "get" : "post";
        const json& responses = description().at("paths").at(call.described).at(method).at("responses");
        const std::string status = std::to_string(res->status);
        CAPTURE(status);
        REQUIRE(responses.contains(status));
        const json& documented = resolve(responses[status]);
        REQUIRE(documented.contains("content"));
        REQUIRE(documented["content"].contains("application/json"));
        std::vector<std::string> problems;
        conform(json::parse(res->body), documented["content"]["application/json"]["schema"], call.path, problems);
        std::string listed;
        for (const auto& problem : problems) listed += problem + "\n";
        CAPTURE(listed);
        CHECK(problems.empty());
    }
}

TEST_CASE("the server serves the description it was built with") {
    ServedIndex served(corpus());
    const auto res = served.client().Get("/api/openapi.json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    CHECK(json::parse(res->body) == description());
}

}  // TEST_SUITE
