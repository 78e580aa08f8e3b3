#include "server/request_metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tracuu::server {
namespace {

constexpr std::array<std::string_view, 9> kMethods = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"};

std::string method_label(std::string_view method) {
    // httplib refuses unknown methods with a 400, but the method string is already set by then.
    const bool known = std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end();
    return known ? std::string(method) : "other";
}

std::string status_class(int status) {
    if (status < 100 || status > 599) return "other";
    return std::to_string(status / 100) + "xx";
}

std::string labels_text(const std::tuple<std::string, std::string, std::string>& labels) {
    const auto& [method, route, status] = labels;
    return "method=\"" + prometheus_label_value(method) + "\",route=\"" + prometheus_label_value(route) + "\",status=\"" +
           prometheus_label_value(status) + "\"";
}

}  // namespace

std::string prometheus_label_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string prometheus_number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    std::array<char, 64> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return ec == std::errc() ? std::string(buffer.data(), end) : "NaN";
}

void RequestMetrics::record(std::string_view method, std::string_view route, int status, double seconds) {
    Labels labels{method_label(method), std::string(route), status_class(status)};
    // The bucket is found before taking the lock: requests of every connection thread pass here.
    const auto bucket = std::lower_bound(kBucketSeconds.begin(), kBucketSeconds.end(), seconds) - kBucketSeconds.begin();
    const std::lock_guard lock(m_mutex);
    Series& series = m_series[std::move(labels)];
    ++series.count;
    if (seconds < 0) return;
    ++series.timed;
    series.sum_seconds += seconds;
    if (static_cast<std::size_t>(bucket) < series.buckets.size()) ++series.buckets[static_cast<std::size_t>(bucket)];
}

std::string RequestMetrics::prometheus_text() const {
    std::string counts =
        "# HELP tracuu_http_requests_total HTTP requests answered, by method, route and status class.\n"
        "# TYPE tracuu_http_requests_total counter\n";
    std::string latency =
        "# HELP tracuu_http_request_duration_seconds Time from routing a request to writing the last byte of its answer.\n"
        "# TYPE tracuu_http_request_duration_seconds histogram\n";
    const std::lock_guard lock(m_mutex);
    for (const auto& [labels, series] : m_series) {
        const std::string names = labels_text(labels);
        counts += "tracuu_http_requests_total{" + names + "} " + std::to_string(series.count) + "\n";
        if (series.timed == 0) continue;
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kBucketSeconds.size(); ++i) {
            cumulative += series.buckets[i];
            latency += "tracuu_http_request_duration_seconds_bucket{" + names + ",le=\"" + prometheus_number(kBucketSeconds[i]) + "\"} " +
                       std::to_string(cumulative) + "\n";
        }
        latency += "tracuu_http_request_duration_seconds_bucket{" + names + ",le=\"+Inf\"} " + std::to_string(series.timed) + "\n";
        latency += "tracuu_http_request_duration_seconds_sum{" + names + "} " + prometheus_number(series.sum_seconds) + "\n";
        latency += "tracuu_http_request_duration_seconds_count{" + names + "} " + std::to_string(series.timed) + "\n";
    }
    return counts + latency;
}

}  // namespace tracuu::server
