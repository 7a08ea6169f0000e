// When the master may replace workers that died unexpectedly. A single crash is replaced at
// once; a crash loop (many faults close together) or a worker that cannot even start (the
// database is down, say) delays respawns, doubling the delay up to a few seconds, so that a
// broken deployment costs a log line every few seconds instead of a fork storm. The delay
// resets after a calm stretch without faults. Pure: the caller passes the time in.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

namespace capi::server {

enum class WorkerFault {
  kCrash,           // died on a signal or exited with an unexpected code
  kStartupFailure,  // exited with the "could not start" code: retrying at once will not help
};

struct RespawnPolicy {
  std::size_t crash_loop_faults = 5;                   // this many faults...
  std::chrono::milliseconds crash_loop_window{10000};  // ...within this long is a crash loop
  std::chrono::milliseconds first_delay{100};
  std::chrono::milliseconds max_delay{5000};
  std::chrono::milliseconds calm_after{15000};  // no fault for this long: back to no delay
};

class RespawnThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RespawnThrottle(RespawnPolicy policy = {});

  // Records a fault at `now`; returns the delay now imposed on respawns (zero: none).
  std::chrono::milliseconds record_fault(Clock::time_point now, WorkerFault fault);
  bool may_respawn(Clock::time_point now) const { return now >= respawn_at_; }
  std::chrono::milliseconds delay() const;

 private:
  bool in_crash_loop(Clock::time_point now) const;

  RespawnPolicy policy_;
  std::size_t ring_size_;
  std::vector<Clock::time_point> recent_faults_;  // a ring of the last ring_size_ faults
  std::size_t next_in_ring_ = 0;
  int backoff_level_ = 0;  // 0: no delay; n: first_delay * 2^(n-1), capped
  Clock::time_point last_fault_{};
  Clock::time_point respawn_at_{};
};

}  // namespace capi::server
