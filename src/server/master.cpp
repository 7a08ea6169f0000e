#include "server/master.hpp"

#include <sys/wait.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <utility>

#include "server/exit_status.hpp"
#include "server/log.hpp"
#include "server/settings_check.hpp"
#include "server/signals.hpp"
#include "server/worker.hpp"

namespace capi::server {
namespace {

// How often the master looks at the scoreboard and its deadlines when no signal comes.
constexpr std::chrono::milliseconds kTick{100};
// How long a reloaded generation may take to get all its workers ready before the previous
// one is retired anyway.
constexpr std::chrono::milliseconds kReloadReadyTimeout{20000};

std::string seconds_text(std::chrono::nanoseconds duration) {
  char text[32];
  static_cast<void>(
      std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(duration.count()) / 1e9));
  return text;
}

std::string signal_name(int signo) {
  const char* const name = ::sigabbrev_np(signo);
  return name != nullptr ? std::string("SIG") + name : "signal " + std::to_string(signo);
}

// A no-op unless systemd started us with NOTIFY_SOCKET (Type=notify).
void notify_systemd(const std::string& state) {
  ::sd_notify(0, state.c_str());
}

std::string monotonic_usec() {
  const auto since_boot = Scoreboard::Clock::now().time_since_epoch();
  return std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(since_boot).count());
}

}  // namespace

Master::Master(const GenerationLoader& load, Generation first, ListenSocket& socket,
               Scoreboard& scoreboard)
    : load_(load),
      socket_(socket),
      scoreboard_(scoreboard),
      pid_(::getpid()),
      opened_listen_(first.settings.listen) {
  start_generation(std::move(first), Clock::now());
}

int Master::run() {
  spawn_missing_workers(Clock::now());
  log_info("listening on " + opened_listen_ + "; " + status_text());
  notify_systemd("READY=1\nMAINPID=" + std::to_string(pid_) + "\nSTATUS=" + status_text());

  for (;;) {
    const MasterSignals signals = wait_for_master_signals(kTick);
    reap_workers(Clock::now());
    if (signals.stop_signal != 0) {
      if (state_ == State::kRunning) {
        begin_stop(signals.stop_signal, Clock::now());
      } else {
        log_info("received " + signal_name(signals.stop_signal) +
                 " while stopping; still waiting for requests in flight");
      }
    } else if (signals.reload) {
      if (state_ == State::kRunning) {
        reload();
      } else {
        log_info("received SIGHUP while stopping; ignored");
      }
    }

    const Clock::time_point now = Clock::now();
    kill_overdue_requests(now);
    kill_past_deadline(now);
    if (state_ == State::kRunning) {
      retire_replaced_generations(now);
      spawn_missing_workers(now);
    } else if (workers_.empty()) {
      break;
    }
  }
  log_info("all workers have exited; stopped");
  return 0;
}

void Master::start_generation(Generation generation, Clock::time_point now) {
  current_ = std::move(generation);
  ++generation_;
  scoreboard_.publish_generation(generation_, current_.settings.workers);
  if (!workers_.empty()) retire_old_by_ = now + kReloadReadyTimeout;
}

// SIGHUP: new workers first, the old ones retire once the new are ready (nginx's overlap).
void Master::reload() {
  log_info("received SIGHUP; reloading");
  notify_systemd("RELOADING=1\nMONOTONIC_USEC=" + monotonic_usec());
  std::optional<Generation> next;
  try {
    next = load_();
  } catch (const std::exception& error) {
    reload_failed(error.what());
    return;
  } catch (...) {
    reload_failed("the loader threw something that is not a std::exception");
    return;
  }
  if (const auto problem = find_settings_problem(next->settings)) {
    reload_failed(*problem);
    return;
  }
  if (next->settings.listen != opened_listen_) {
    log_warning("listen changed from \"" + opened_listen_ + "\" to \"" + next->settings.listen +
                "\"; the pool keeps listening on \"" + opened_listen_ + "\" until it is restarted");
  }
  const Clock::time_point now = Clock::now();
  start_generation(std::move(*next), now);
  throttle_ = RespawnThrottle{};  // a new configuration may well mend what made workers fail
  spawn_missing_workers(now);
  log_info("generation " + std::to_string(generation_) + " loaded; " +
           std::to_string(workers_of_current_generation(false)) + " workers starting");
}

void Master::reload_failed(const std::string& why) {
  log_error("reload failed: " + why + "; generation " + std::to_string(generation_) +
            " keeps running unchanged");
  notify_systemd("READY=1\nSTATUS=reload failed; " + status_text());
}

// SIGTERM/SIGINT/SIGQUIT: every worker finishes its request in flight, then exits.
void Master::begin_stop(int signo, Clock::time_point now) {
  const std::chrono::milliseconds grace = current_.settings.shutdown_timeout;
  log_info("received " + signal_name(signo) + "; stopping once requests in flight finish (up to " +
           seconds_text(grace) + ", shutdown_timeout)");
  notify_systemd("STOPPING=1");
  state_ = State::kStopping;
  retire_old_by_.reset();
  for (WorkerRecord& worker : workers_) {
    if (worker.killed) continue;
    if (worker.retiring()) {
      worker.kill_at = std::min(*worker.kill_at, now + grace);
    } else {
      retire(worker, now, grace);
    }
  }
  // After the workers were told: they hold their own copies and finish with them.
  socket_.close();
}

void Master::spawn_missing_workers(Clock::time_point now) {
  if (!throttle_.may_respawn(now)) return;
  for (int running = workers_of_current_generation(false); running < current_.settings.workers;
       ++running) {
    if (!spawn_worker(now)) return;
  }
}

bool Master::spawn_worker(Clock::time_point now) {
  const std::optional<std::size_t> slot = scoreboard_.claim_slot(generation_);
  if (!slot) {
    if (!scoreboard_full_reported_) {
      log_error("all " + std::to_string(Scoreboard::kCapacity) +
                " scoreboard slots are taken; waiting for workers to exit");
      scoreboard_full_reported_ = true;
    }
    return false;
  }
  scoreboard_full_reported_ = false;

  // Else the child would write the master's buffered output again. Nothing to do if it fails.
  static_cast<void>(std::fflush(nullptr));
  // Signals are blocked here (they only get through while the master waits), so none is
  // handled in the child before it has set up its own handlers.
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    scoreboard_.release_slot(*slot);
    log_error("cannot start a worker: " + describe_errno("fork", error));
    throttle_.record_fault(now, WorkerFault::kCrash);
    return false;
  }
  if (pid == 0) {
    const WorkerContext context{.listen_fd = socket_.fd(),
                                .scoreboard = scoreboard_,
                                .slot = *slot,
                                .generation = generation_,
                                .max_requests = current_.settings.max_requests,
                                .master_pid = pid_,
                                .make_app = current_.make_app};
    run_worker_process(context);
  }
  scoreboard_.set_pid(*slot, pid);
  workers_.push_back(WorkerRecord{pid, *slot, generation_, current_.settings.request_timeout,
                                  current_.settings.shutdown_timeout, std::nullopt, false});
  log_info("worker " + std::to_string(pid) + " started (generation " + std::to_string(generation_) +
           ")");
  return true;
}

// The one place where workers are reaped (php-fpm's fpm_children_bury).
void Master::reap_workers(Clock::time_point now) {
  for (;;) {
    int wait_status = 0;
    const pid_t pid = ::waitpid(-1, &wait_status, WNOHANG);
    if (pid > 0) {
      bury(pid, wait_status, now);
      continue;
    }
    if (pid < 0 && errno == EINTR) continue;
    if (pid < 0 && errno != ECHILD) log_error(describe_errno("waitpid", errno));
    return;
  }
}

void Master::bury(pid_t pid, int wait_status, Clock::time_point now) {
  const auto found = std::find_if(workers_.begin(), workers_.end(),
                                  [pid](const WorkerRecord& worker) { return worker.pid == pid; });
  if (found == workers_.end()) {
    log_warning("child " + std::to_string(pid) + " " + describe_exit_status(wait_status) +
                "; it was not a worker");
    return;
  }
  const WorkerRecord worker = *found;
  workers_.erase(found);
  const std::uint64_t served = scoreboard_.requests_served(worker.slot);
  scoreboard_.release_slot(worker.slot);

  const std::string what =
      "worker " + std::to_string(pid) + " (generation " + std::to_string(worker.generation) + ") " +
      describe_exit_status(wait_status) + " after serving " + std::to_string(served) + " requests";
  const bool fault = !exited_cleanly(wait_status) && !worker.killed;
  if (!fault) {
    log_info(what);
    return;
  }
  log_warning(what);
  // Only the current generation is replaced, so only its faults slow replacements down.
  if (state_ != State::kRunning || worker.generation != generation_ || worker.retiring()) return;
  const std::chrono::milliseconds delay = throttle_.record_fault(
      now,
      exited_on_startup_failure(wait_status) ? WorkerFault::kStartupFailure : WorkerFault::kCrash);
  if (delay > std::chrono::milliseconds::zero()) {
    log_warning("workers keep failing; the next replacement waits " +
                std::to_string(delay.count()) + " ms");
  }
}

void Master::retire_replaced_generations(Clock::time_point now) {
  if (!retire_old_by_) return;
  const int ready = workers_of_current_generation(true);
  const bool all_ready = ready >= current_.settings.workers;
  if (!all_ready && now < *retire_old_by_) return;
  if (!all_ready) {
    log_warning("generation " + std::to_string(generation_) + " has " + std::to_string(ready) +
                " of " + std::to_string(current_.settings.workers) + " workers ready after " +
                seconds_text(kReloadReadyTimeout) + "; retiring the previous one anyway");
  }
  int retired = 0;
  for (WorkerRecord& worker : workers_) {
    if (worker.generation == generation_ || worker.retiring()) continue;
    retire(worker, now, worker.shutdown_timeout);
    ++retired;
  }
  retire_old_by_.reset();
  log_info("generation " + std::to_string(generation_) + " is serving; told " +
           std::to_string(retired) + " workers of earlier generations to finish and exit");
  notify_systemd("READY=1\nSTATUS=" + status_text());
}

void Master::retire(WorkerRecord& worker, Clock::time_point now, std::chrono::milliseconds grace) {
  // SIGTERM waits in the worker until its request in flight is done.
  if (::kill(worker.pid, SIGTERM) != 0 && errno != ESRCH) {
    log_error("cannot stop worker " + std::to_string(worker.pid) + ": " +
              describe_errno("kill", errno));
  }
  worker.kill_at = now + grace;
}

void Master::kill_worker(WorkerRecord& worker, const std::string& why) {
  log_warning("worker " + std::to_string(worker.pid) + " " + why + "; killing it (SIGKILL)");
  if (::kill(worker.pid, SIGKILL) != 0 && errno != ESRCH) {
    log_error("cannot kill worker " + std::to_string(worker.pid) + ": " +
              describe_errno("kill", errno));
  }
  worker.killed = true;
}

// php-fpm's fpm_pctl_check_request_timeout: the scoreboard says how long each request runs.
void Master::kill_overdue_requests(Clock::time_point now) {
  for (WorkerRecord& worker : workers_) {
    if (worker.killed) continue;
    const auto running = scoreboard_.overdue_request(worker.slot, worker.request_timeout, now);
    if (!running) continue;
    kill_worker(worker, "has been on one request for " + seconds_text(*running) +
                            ", past request_timeout (" + seconds_text(worker.request_timeout) +
                            ")");
  }
}

void Master::kill_past_deadline(Clock::time_point now) {
  for (WorkerRecord& worker : workers_) {
    if (worker.killed || !worker.kill_at || now < *worker.kill_at) continue;
    kill_worker(worker, "has not finished its request within shutdown_timeout");
  }
}

int Master::workers_of_current_generation(bool ready_only) const {
  return static_cast<int>(
      std::count_if(workers_.begin(), workers_.end(), [this, ready_only](const WorkerRecord& w) {
        if (w.generation != generation_ || w.retiring()) return false;
        if (!ready_only) return true;
        const WorkerStage stage = scoreboard_.stage(w.slot);
        return stage == WorkerStage::kIdle || stage == WorkerStage::kBusy;
      }));
}

std::string Master::status_text() const {
  return "generation " + std::to_string(generation_) + ", " +
         std::to_string(workers_of_current_generation(false)) + " of " +
         std::to_string(current_.settings.workers) + " workers";
}

}  // namespace capi::server
