#include "server/respawn_throttle.hpp"

#include <algorithm>
#include <cstdint>

namespace capi::server {
namespace {

// Enough doublings to reach any sane max_delay; stops the shift from overflowing.
constexpr int kMaxBackoffLevel = 20;

}  // namespace

RespawnThrottle::RespawnThrottle(RespawnPolicy policy)
    : policy_(policy), ring_size_(std::max<std::size_t>(policy.crash_loop_faults, 1)) {
  recent_faults_.reserve(ring_size_);
}

std::chrono::milliseconds RespawnThrottle::record_fault(Clock::time_point now, WorkerFault fault) {
  if (backoff_level_ > 0 && now - last_fault_ >= policy_.calm_after) {
    backoff_level_ = 0;
    recent_faults_.clear();
    next_in_ring_ = 0;
  }
  if (recent_faults_.size() < ring_size_) {
    recent_faults_.push_back(now);
  } else {
    recent_faults_[next_in_ring_] = now;
  }
  next_in_ring_ = (next_in_ring_ + 1) % ring_size_;
  last_fault_ = now;

  if (fault == WorkerFault::kStartupFailure || in_crash_loop(now)) {
    backoff_level_ = std::min(backoff_level_ + 1, kMaxBackoffLevel);
  }
  respawn_at_ = now + delay();
  return delay();
}

bool RespawnThrottle::in_crash_loop(Clock::time_point now) const {
  if (recent_faults_.size() < ring_size_) return false;
  const Clock::time_point oldest = *std::min_element(recent_faults_.begin(), recent_faults_.end());
  return now - oldest <= policy_.crash_loop_window;
}

std::chrono::milliseconds RespawnThrottle::delay() const {
  if (backoff_level_ == 0) return std::chrono::milliseconds::zero();
  const auto doubled = policy_.first_delay * (std::int64_t{1} << (backoff_level_ - 1));
  return std::min(doubled, policy_.max_delay);
}

}  // namespace capi::server
