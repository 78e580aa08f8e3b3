#include "server/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace tracuu::server {
namespace {

constexpr auto kSweepEvery = std::chrono::seconds(60);

}  // namespace

RateLimiter::RateLimiter(double per_second, double burst) : m_per_second(per_second), m_burst(burst) {}

int RateLimiter::admit(const std::string& client, Clock::time_point now) {
    const std::lock_guard lock(m_mutex);
    if (now - m_last_sweep > kSweepEvery) forget_idle(now);
    auto [it, inserted] = m_buckets.try_emplace(client, Bucket{m_burst, now});
    Bucket& bucket = it->second;
    if (!inserted) {
        const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
        bucket.tokens = std::min(m_burst, bucket.tokens + elapsed * m_per_second);
        bucket.updated = now;
    }
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - bucket.tokens) / m_per_second)));
}

void RateLimiter::forget_idle(Clock::time_point now) {
    // A bucket full again after this long is indistinguishable from a new one.
    const auto refill = std::chrono::duration<double>(m_burst / m_per_second);
    std::erase_if(m_buckets, [&](const auto& entry) { return now - entry.second.updated > refill; });
    m_last_sweep = now;
}

}  // namespace tracuu::server
