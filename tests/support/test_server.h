/** @file
 *  @brief The real tracuu-server, started for a test on a free loopback port.
 */
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/support/process.h"

namespace tracuu::testing {

/** `tracuu-server --host 127.0.0.1 --port 0 <arguments>`, stopped (by its pid only) when this
 *  object goes away. port() is -1 when the server did not say where it listens within 30 s. */
class TestServer {
public:
    explicit TestServer(const std::vector<std::string>& arguments);

    [[nodiscard]] int port() const { return m_port; }

    /// What a GET answered: status -1 when nothing did.
    struct Answer {
        int status = -1;
        std::string body;
    };
    [[nodiscard]] Answer get(const std::string& path, const httplib::Params& params = {}) const;
    /// The JSON body of a GET, or null unless the answer is 200.
    [[nodiscard]] nlohmann::json get_json(const std::string& path, const httplib::Params& params = {}) const;

private:
    BackgroundProcess m_process;
    int m_port = -1;
};

}  // namespace tracuu::testing
