// Per-key request budgets shared by every worker of a host (API.md, "Rate limits"): a token
// bucket per API key, holding at most the budget and refilled continuously at the budget per
// window. The table lives in memory the master maps before it forks, so every worker charges
// the same buckets without a database round trip, and a reload keeps them.
//
// Each bucket is one 64-bit word updated by compare-and-swap (GCRA, the "generic cell rate
// algorithm", which is a token bucket kept as the time at which it will be full again): no
// lock is ever held, so a worker killed at any instant leaves every bucket whole.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace capi::limits {

struct Decision {
  bool allowed = false;
  std::int64_t limit = 0;                // the budget
  std::int64_t remaining = 0;            // whole tokens left after this request
  std::int64_t reset_seconds = 0;        // until the bucket is full again, rounded up
  std::int64_t retry_after_seconds = 0;  // refused: until a token is back, rounded up (>= 1)
};

class TokenBuckets {
 public:
  static constexpr std::size_t kDefaultSlots = 1 << 16;  // keys per host (1 MiB)

  // Maps the table, zero-filled (every bucket full), shared with processes forked later.
  static TokenBuckets create_shared(std::size_t slots = kDefaultSlots);

  TokenBuckets(TokenBuckets&& other) noexcept;
  TokenBuckets& operator=(TokenBuckets&&) = delete;
  TokenBuckets(const TokenBuckets&) = delete;
  TokenBuckets& operator=(const TokenBuckets&) = delete;
  ~TokenBuckets();

  // Takes a token from the bucket of `id` (budget >= 1 tokens per `window`) at `now` (a
  // steady clock: CLOCK_MONOTONIC is the same in every process of the host). nullopt when
  // `id` has no bucket and the table has no room for one.
  std::optional<Decision> take(std::string_view id, std::int64_t budget,
                               std::chrono::nanoseconds window, std::chrono::nanoseconds now);

  // What take() would decide, without taking anything: an id without a bucket has a full
  // one. For budgets charged only after the fact (failures).
  Decision peek(std::string_view id, std::int64_t budget, std::chrono::nanoseconds window,
                std::chrono::nanoseconds now) const;

 private:
  struct Slot {
    std::atomic<std::uint64_t> tag;     // hash of the id; 0: free
    std::atomic<std::int64_t> full_at;  // ns on the steady clock when the bucket is full again
  };
  static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
  static_assert(std::atomic<std::int64_t>::is_always_lock_free);

  TokenBuckets(Slot* slots, std::size_t count) : slots_(slots), count_(count) {}
  Slot* find_or_claim(std::uint64_t tag);
  const Slot* find(std::uint64_t tag) const;

  Slot* slots_;
  std::size_t count_;
};

// What one request may cost under a budget, without shared state (the arithmetic of take()).
// `full_at` is the bucket's state before the request; returns the decision and the new state.
struct Charge {
  Decision decision;
  std::int64_t full_at = 0;
};
Charge charge(std::int64_t full_at, std::int64_t budget, std::int64_t window_ns,
              std::int64_t now_ns);

}  // namespace capi::limits
