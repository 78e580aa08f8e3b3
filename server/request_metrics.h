/** @file
 *  @brief Counts and latencies of the HTTP requests a server answered, for `GET /metrics`.
 */
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace tracuu::server {

/** Request counters and latency histograms by method, route and status class, rendered in the
 *  Prometheus text format 0.0.4. Made in `main` and given to the HttpServer, which records
 *  every request it answers (http_server.h); the /metrics route reads it.
 *
 *  Labels are kept few on purpose: `route` is the route's name (`/api/documents/{id}`), never a
 *  raw path, and `method` is one of the HTTP methods or `other`, so a client sending odd paths
 *  or methods cannot grow the series without bound. Thread-safe. */
class RequestMetrics {
public:
    /// Upper bounds, in seconds, of the latency histogram's buckets (`+Inf` follows them).
    static constexpr std::array<double, 13> kBucketSeconds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                              0.25,  0.5,    1,     2.5,  5,     10};

    /** Counts one answered request: `status` is the HTTP status sent (counted by class: `2xx`,
     *  `4xx`, …). `seconds` is its latency, or negative when it is not known (a request line
     *  the server could not parse): counted, but left out of the histogram. */
    void record(std::string_view method, std::string_view route, int status, double seconds);

    /** `tracuu_http_requests_total` (counter) and `tracuu_http_request_duration_seconds`
     *  (histogram), with `# HELP` and `# TYPE` lines, series in label order. Both families are
     *  written even before the first request. */
    [[nodiscard]] std::string prometheus_text() const;

private:
    struct Series {
        std::uint64_t count = 0;   ///< requests, timed or not
        std::uint64_t timed = 0;   ///< requests in the histogram
        double sum_seconds = 0;
        std::array<std::uint64_t, kBucketSeconds.size()> buckets{};  ///< not cumulative
    };
    using Labels = std::tuple<std::string, std::string, std::string>;  ///< method, route, status class

    mutable std::mutex m_mutex;
    std::map<Labels, Series> m_series;
};

/// A Prometheus label value with `\`, `"` and line feeds escaped (text format 0.0.4).
[[nodiscard]] std::string prometheus_label_value(std::string_view value);

/// A sample value as Prometheus reads it: the shortest decimal form that reads back the same.
[[nodiscard]] std::string prometheus_number(double value);

}  // namespace tracuu::server
