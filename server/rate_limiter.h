/** @file
 *  @brief Per-client request budgets, so one client cannot starve the others.
 */
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tracuu::server {

/** A token bucket per client address: `burst` requests at once, refilled at `per_second`.
 *  Thread-safe. Idle clients are forgotten so memory stays bounded by the active ones. */
class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    RateLimiter(double per_second, double burst);

    /// 0 when the request may proceed, else the whole seconds to wait before retrying (≥ 1).
    [[nodiscard]] int admit(const std::string& client, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens;
        Clock::time_point updated;
    };

    void forget_idle(Clock::time_point now);

    double m_per_second;
    double m_burst;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
    Clock::time_point m_last_sweep{};
};

}  // namespace tracuu::server
