// The master process: keeps the configured number of workers of the current generation
// running, replaces those that die (with backoff when they keep dying), kills requests past
// their timeout, overlaps generations on reload and stops gracefully, nginx style: signals
// only raise flags, and one loop acts on them and on the scoreboard every tick.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/listen_socket.hpp"
#include "server/pool.hpp"
#include "server/respawn_throttle.hpp"
#include "server/scoreboard.hpp"

namespace capi::server {

class Master {
 public:
  // `first` has been loaded and checked, `socket` opened for it, signals set up.
  Master(const GenerationLoader& load, Generation first, ListenSocket& socket,
         Scoreboard& scoreboard);
  Master(const Master&) = delete;
  Master& operator=(const Master&) = delete;

  // Runs until a graceful stop has completed; returns the process exit code. Returns only in
  // the master: worker processes exit from inside.
  int run();

 private:
  using Clock = std::chrono::steady_clock;

  // One worker process, as the master knows it (nginx's ngx_process_t).
  struct WorkerRecord {
    pid_t pid;
    std::size_t slot;
    std::uint64_t generation;
    std::chrono::milliseconds request_timeout;   // of its generation
    std::chrono::milliseconds shutdown_timeout;  // of its generation
    std::optional<Clock::time_point> kill_at;    // told to stop: SIGKILL if still there then
    bool killed = false;                         // SIGKILLed by us: its death is no fault

    bool retiring() const { return kill_at.has_value(); }
  };

  enum class State {
    kRunning,   // serving, replacing workers that exit
    kStopping,  // workers told to finish and exit; none replaced
  };

  void start_generation(Generation generation, Clock::time_point now);
  void reload();
  void reload_failed(const std::string& why);
  void begin_stop(int signo, Clock::time_point now);

  void spawn_missing_workers(Clock::time_point now);
  bool spawn_worker(Clock::time_point now);
  void reap_workers(Clock::time_point now);
  void bury(pid_t pid, int wait_status, Clock::time_point now);

  void retire_replaced_generations(Clock::time_point now);
  static void retire(WorkerRecord& worker, Clock::time_point now, std::chrono::milliseconds grace);
  static void kill_worker(WorkerRecord& worker, const std::string& why);
  void kill_overdue_requests(Clock::time_point now);
  void kill_past_deadline(Clock::time_point now);

  int workers_of_current_generation(bool ready_only) const;
  std::string status_text() const;

  const GenerationLoader& load_;
  ListenSocket& socket_;
  Scoreboard& scoreboard_;
  const pid_t pid_;
  const std::string opened_listen_;  // the `listen` the socket was opened for
  Generation current_;
  std::uint64_t generation_ = 0;
  std::vector<WorkerRecord> workers_;
  RespawnThrottle throttle_;
  State state_ = State::kRunning;
  // While a reloaded generation starts: the older ones retire once it is ready, or at this
  // time at the latest.
  std::optional<Clock::time_point> retire_old_by_;
  bool scoreboard_full_reported_ = false;
};

}  // namespace capi::server
