#include "server/scoreboard.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <system_error>

namespace capi::server {
namespace {

constexpr std::int64_t kNotBusy = 0;

std::int64_t monotonic_ns(Scoreboard::Clock::time_point time) {
  const auto since_boot =
      std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch());
  return std::max<std::int64_t>(since_boot.count(), 1);  // never the "not busy" marker
}

}  // namespace

Scoreboard::Scoreboard() {
  // Anonymous and shared: inherited by every worker forked after this, seen by nobody else.
  void* const memory =
      ::mmap(nullptr, sizeof(Layout), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    throw std::system_error(errno, std::generic_category(), "mmap() of the scoreboard failed");
  }
  layout_ = std::construct_at(static_cast<Layout*>(memory));
}

Scoreboard::~Scoreboard() {
  std::destroy_at(layout_);
  ::munmap(layout_, sizeof(Layout));
}

Scoreboard::Slot& Scoreboard::slot_at(std::size_t slot) {
  return layout_->slots.at(slot);
}

const Scoreboard::Slot& Scoreboard::slot_at(std::size_t slot) const {
  return layout_->slots.at(slot);
}

void Scoreboard::publish_generation(std::uint64_t generation, int workers_configured) {
  layout_->workers_configured.store(workers_configured);
  layout_->current_generation.store(generation);
}

std::optional<std::size_t> Scoreboard::claim_slot(std::uint64_t generation) {
  // Only the master claims and frees, so finding a free slot and taking it cannot race.
  for (std::size_t index = 0; index < kCapacity; ++index) {
    Slot& slot = slot_at(index);
    if (slot.stage.load() != WorkerStage::kFree) continue;
    slot.pid.store(0);
    slot.generation.store(generation);
    slot.busy_since_ns.store(kNotBusy);
    slot.requests_served.store(0);
    slot.stage.store(WorkerStage::kStarting);
    return index;
  }
  return std::nullopt;
}

void Scoreboard::set_pid(std::size_t slot, pid_t pid) {
  slot_at(slot).pid.store(pid);
}

void Scoreboard::release_slot(std::size_t slot) {
  Slot& released = slot_at(slot);
  released.pid.store(0);
  released.busy_since_ns.store(kNotBusy);
  released.stage.store(WorkerStage::kFree);
}

void Scoreboard::mark_idle(std::size_t slot) {
  Slot& own = slot_at(slot);
  own.busy_since_ns.store(kNotBusy);
  own.stage.store(WorkerStage::kIdle);
}

void Scoreboard::mark_busy(std::size_t slot, Clock::time_point since) {
  Slot& own = slot_at(slot);
  own.stage.store(WorkerStage::kBusy);
  own.busy_since_ns.store(monotonic_ns(since));
}

void Scoreboard::finish_request(std::size_t slot) {
  Slot& own = slot_at(slot);
  own.requests_served.fetch_add(1);
  mark_idle(slot);
}

WorkerStage Scoreboard::stage(std::size_t slot) const {
  return slot_at(slot).stage.load();
}

std::uint64_t Scoreboard::requests_served(std::size_t slot) const {
  return slot_at(slot).requests_served.load();
}

std::optional<std::chrono::nanoseconds> Scoreboard::overdue_request(std::size_t slot,
                                                                    std::chrono::nanoseconds limit,
                                                                    Clock::time_point now) const {
  const std::int64_t since = slot_at(slot).busy_since_ns.load();
  if (since == kNotBusy || limit <= std::chrono::nanoseconds::zero()) return std::nullopt;
  const std::chrono::nanoseconds running{monotonic_ns(now) - since};
  if (running <= limit) return std::nullopt;
  return running;
}

int Scoreboard::workers_alive() const {
  const std::uint64_t current = layout_->current_generation.load();
  return static_cast<int>(
      std::count_if(layout_->slots.begin(), layout_->slots.end(), [current](const Slot& slot) {
        return slot.stage.load() != WorkerStage::kFree && slot.pid.load() != 0 &&
               slot.generation.load() == current;
      }));
}

int Scoreboard::workers_configured() const {
  return layout_->workers_configured.load();
}

}  // namespace capi::server
