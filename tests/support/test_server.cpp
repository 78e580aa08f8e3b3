#include "tests/support/test_server.h"

namespace tracuu::testing {
namespace {

std::vector<std::string> command(const std::vector<std::string>& arguments) {
    std::vector<std::string> argv = {TRACUU_SERVER_BIN, "--host", "127.0.0.1", "--port", "0"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return argv;
}

}  // namespace

TestServer::TestServer(const std::vector<std::string>& arguments) : m_process(command(arguments)) {
    const std::string marker = "http://127.0.0.1:";
    const std::string line = m_process.wait_for_line(marker, 30);
    const auto at = line.find(marker);
    if (at != std::string::npos) m_port = std::stoi(line.substr(at + marker.size()));
}

TestServer::Answer TestServer::get(const std::string& path, const httplib::Params& params) const {
    httplib::Client client("127.0.0.1", m_port);
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(30, 0);
    const auto res = client.Get(path, params, httplib::Headers{});
    if (!res) return {};
    return {res->status, res->body};
}

nlohmann::json TestServer::get_json(const std::string& path, const httplib::Params& params) const {
    const Answer answer = get(path, params);
    return answer.status == 200 ? nlohmann::json::parse(answer.body, nullptr, false) : nlohmann::json();
}

}  // namespace tracuu::testing
