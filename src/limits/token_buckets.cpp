#include "limits/token_buckets.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <new>
#include <stdexcept>

namespace capi::limits {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
// Probes before the table counts as full: at the load a host sees (thousands of keys in
// 65,536 slots) a lookup ends within a few.
constexpr std::size_t kMaxProbes = 512;

std::int64_t ceil_seconds(std::int64_t ns) {
  return ns <= 0 ? 0 : (ns + kSecond - 1) / kSecond;
}

// FNV-1a, 64 bits: key ids are random, so collisions need no defence beyond the width.
std::uint64_t tag_of(std::string_view id) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char ch : id) {
    hash ^= ch;
    hash *= 1099511628211ULL;
  }
  return hash == 0 ? 1 : hash;
}

}  // namespace

Charge charge(std::int64_t full_at, std::int64_t budget, std::int64_t window_ns,
              std::int64_t now_ns) {
  budget = std::max<std::int64_t>(budget, 1);
  window_ns = std::max<std::int64_t>(window_ns, 1);
  // One token's worth of time; a budget above the window's nanoseconds costs nothing.
  const std::int64_t interval = std::max<std::int64_t>(window_ns / budget, 1);
  const std::int64_t start = std::max(full_at, now_ns);  // a full bucket: now
  const std::int64_t owed = start - now_ns;              // time until full, before this request
  Charge result;
  result.decision.limit = budget;
  if (owed + interval > window_ns) {  // less than one token left
    result.full_at = full_at;
    result.decision.allowed = false;
    result.decision.remaining = 0;
    result.decision.reset_seconds = ceil_seconds(owed);
    result.decision.retry_after_seconds =
        std::max<std::int64_t>(ceil_seconds(owed + interval - window_ns), 1);
    return result;
  }
  const std::int64_t after = owed + interval;
  result.full_at = now_ns + after;
  result.decision.allowed = true;
  result.decision.remaining = std::min(budget - 1, (window_ns - after) / interval);
  result.decision.reset_seconds = ceil_seconds(after);
  return result;
}

TokenBuckets TokenBuckets::create_shared(std::size_t slots) {
  void* const memory = mmap(nullptr, slots * sizeof(Slot), PROT_READ | PROT_WRITE,
                            MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) throw std::runtime_error("cannot map shared memory for rate limits");
  // Zero-filled: every slot free, the valid state of lock-free atomic integers.
  return TokenBuckets(static_cast<Slot*>(memory), slots);
}

TokenBuckets::TokenBuckets(TokenBuckets&& other) noexcept
    : slots_(other.slots_), count_(other.count_) {
  other.slots_ = nullptr;
  other.count_ = 0;
}

TokenBuckets::~TokenBuckets() {
  if (slots_ != nullptr) munmap(slots_, count_ * sizeof(Slot));
}

TokenBuckets::Slot* TokenBuckets::find_or_claim(std::uint64_t tag) {
  const std::size_t probes = std::min(count_, kMaxProbes);
  for (std::size_t i = 0; i < probes; ++i) {
    Slot& slot = slots_[(tag + i) % count_];
    std::uint64_t seen = slot.tag.load(std::memory_order_acquire);
    if (seen == tag) return &slot;
    // A free slot is claimed in one step; a claim that lost to another process may have
    // lost to the same id.
    if (seen == 0 &&
        (slot.tag.compare_exchange_strong(seen, tag, std::memory_order_acq_rel) || seen == tag)) {
      return &slot;
    }
  }
  return nullptr;
}

const TokenBuckets::Slot* TokenBuckets::find(std::uint64_t tag) const {
  const std::size_t probes = std::min(count_, kMaxProbes);
  for (std::size_t i = 0; i < probes; ++i) {
    const Slot& slot = slots_[(tag + i) % count_];
    const std::uint64_t seen = slot.tag.load(std::memory_order_acquire);
    if (seen == tag) return &slot;
    if (seen == 0) return nullptr;  // slots are never freed: the id would have been here
  }
  return nullptr;
}

Decision TokenBuckets::peek(std::string_view id, std::int64_t budget,
                            std::chrono::nanoseconds window, std::chrono::nanoseconds now) const {
  const Slot* const slot = find(tag_of(id));
  const std::int64_t full_at = slot == nullptr ? 0 : slot->full_at.load(std::memory_order_acquire);
  return charge(full_at, budget, window.count(), now.count()).decision;
}

std::optional<Decision> TokenBuckets::take(std::string_view id, std::int64_t budget,
                                           std::chrono::nanoseconds window,
                                           std::chrono::nanoseconds now) {
  Slot* const slot = find_or_claim(tag_of(id));
  if (slot == nullptr) return std::nullopt;
  std::int64_t full_at = slot->full_at.load(std::memory_order_acquire);
  for (;;) {
    const Charge next = charge(full_at, budget, window.count(), now.count());
    if (!next.decision.allowed) return next.decision;
    if (slot->full_at.compare_exchange_weak(full_at, next.full_at, std::memory_order_acq_rel)) {
      return next.decision;
    }
  }
}

}  // namespace capi::limits
