#include <fstream>
#include <iterator>

#include "server/json_output.h"
#include "server/routes.h"

namespace tracuu::server {
namespace {

const char* content_type_for(const std::filesystem::path& file) {
    const std::string ext = file.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".json") return "application/json; charset=utf-8";
    if (ext == ".xml") return "application/xml; charset=utf-8";
    return nullptr;
}

constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'";

}  // namespace

HttpResponse serve_web_file(const std::filesystem::path& web_root, const std::string& name) {
    HttpResponse res;
    const std::filesystem::path file = web_root / name;
    const char* type = content_type_for(file);
    std::ifstream in(file, std::ios::binary);
    if (name.empty() || name.front() == '.' || name.find('/') != std::string::npos || type == nullptr || !in) {
        res.status = 404;
        res.body = dump(error_json(Error{ErrorCode::NotFound, "no such page: /" + name}));
        return res;
    }
    res.content_type = type;
    res.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (file.extension() == ".html") {
        res.headers.emplace_back("Content-Security-Policy", kPagePolicy);
        res.headers.emplace_back("Referrer-Policy", "same-origin");
    }
    res.headers.emplace_back("Cache-Control", "no-cache");
    return res;
}

}  // namespace tracuu::server
