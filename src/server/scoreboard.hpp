// The scoreboard: one slot per worker process in memory shared by the master and all workers
// (mapped by the master before it forks anything). A worker writes its own slot as it goes;
// the master claims and frees slots and reads them to find requests past their timeout.
// Every field is a lock-free atomic, so readers in other processes never see torn values.
#pragma once

#include <sys/types.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace capi::server {

enum class WorkerStage : std::uint32_t {
  kFree,      // no worker
  kStarting,  // forked, making its app (connecting to the database, say)
  kIdle,      // waiting for a request
  kBusy,      // accepting or serving a request
};

class Scoreboard {
 public:
  using Clock = std::chrono::steady_clock;  // CLOCK_MONOTONIC: one clock for all processes
  // Room for two full generations of the largest pool allowed, overlapping during a reload.
  static constexpr std::size_t kCapacity = 1024;

  // Maps the shared memory; throws std::system_error when mmap() fails.
  Scoreboard();
  ~Scoreboard();
  Scoreboard(const Scoreboard&) = delete;
  Scoreboard& operator=(const Scoreboard&) = delete;

  // --- master ---
  // The generation whose workers count as alive, and how many it wants.
  void publish_generation(std::uint64_t generation, int workers_configured);
  // Reserves a free slot for a worker about to be forked into `generation`.
  std::optional<std::size_t> claim_slot(std::uint64_t generation);
  void set_pid(std::size_t slot, pid_t pid);  // the worker sets it too: whoever comes first
  void release_slot(std::size_t slot);        // after the worker has been reaped

  // --- the worker in `slot` ---
  void mark_idle(std::size_t slot);
  void mark_busy(std::size_t slot, Clock::time_point since);
  void finish_request(std::size_t slot);  // idle again, one more request served

  // --- anyone ---
  WorkerStage stage(std::size_t slot) const;
  std::uint64_t requests_served(std::size_t slot) const;
  // How long the worker in `slot` has been on its current request, if longer than `limit`
  // (a zero limit never expires).
  std::optional<std::chrono::nanoseconds> overdue_request(std::size_t slot,
                                                          std::chrono::nanoseconds limit,
                                                          Clock::time_point now) const;
  int workers_alive() const;  // workers of the published generation
  int workers_configured() const;

 private:
  // One cache line per slot, so that workers updating their own slots do not slow each other.
  struct alignas(64) Slot {
    std::atomic<pid_t> pid{0};
    std::atomic<std::uint64_t> generation{0};
    std::atomic<WorkerStage> stage{WorkerStage::kFree};
    // Monotonic nanoseconds at which the current request began; 0 while not on a request.
    // One field for "busy" and "since when", so the master never pairs a new start with an
    // old state.
    std::atomic<std::int64_t> busy_since_ns{0};
    std::atomic<std::uint64_t> requests_served{0};
  };
  struct Layout {
    std::atomic<std::uint64_t> current_generation{0};
    std::atomic<int> workers_configured{0};
    std::array<Slot, kCapacity> slots;
  };
  static_assert(std::atomic<pid_t>::is_always_lock_free);
  static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
  static_assert(std::atomic<std::int64_t>::is_always_lock_free);
  static_assert(std::atomic<WorkerStage>::is_always_lock_free);

  Slot& slot_at(std::size_t slot);
  const Slot& slot_at(std::size_t slot) const;

  Layout* layout_;  // lives in the mapping this object owns
};

}  // namespace capi::server
