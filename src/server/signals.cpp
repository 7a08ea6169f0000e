#include "server/signals.hpp"

#include <pthread.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <ctime>

#include "server/log.hpp"

namespace capi::server {
namespace {

// The only mutable globals of the pool: a signal handler has nowhere else to write.
volatile std::sig_atomic_t g_master_stop_signal = 0;
volatile std::sig_atomic_t g_master_reload = 0;
volatile std::sig_atomic_t g_worker_stop = 0;

constexpr std::array kMasterSignals{SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGCHLD};
constexpr std::array kWorkerStopSignals{SIGTERM, SIGINT, SIGQUIT};

}  // namespace

extern "C" {

static void on_master_signal(int signo) {
  switch (signo) {
    case SIGHUP:
      g_master_reload = 1;
      break;
    case SIGCHLD:
      break;  // waking the master is enough: it reaps on every turn of its loop
    default:
      g_master_stop_signal = signo;
      break;
  }
}

static void on_worker_stop_signal(int /*signo*/) {
  g_worker_stop = 1;
}

}  // extern "C"

namespace {

bool set_handler(int signo, void (*handler)(int), int flags) {
  struct sigaction action {};
  action.sa_handler = handler;
  action.sa_flags = flags;
  sigemptyset(&action.sa_mask);
  return ::sigaction(signo, &action, nullptr) == 0;
}

template <std::size_t N>
sigset_t signal_set(const std::array<int, N>& signals) {
  sigset_t set;
  sigemptyset(&set);
  for (const int signo : signals) sigaddset(&set, signo);
  return set;
}

timespec to_timespec(std::chrono::milliseconds timeout) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
  const auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout - seconds);
  timespec result{};
  result.tv_sec = static_cast<std::time_t>(seconds.count());
  result.tv_nsec = static_cast<long>(nanoseconds.count());
  return result;
}

}  // namespace

std::optional<std::string> init_master_signals() {
  // Blocked first, so that no signal lands between installing a handler and the first wait.
  const sigset_t blocked = signal_set(kMasterSignals);
  if (const int error = ::pthread_sigmask(SIG_BLOCK, &blocked, nullptr); error != 0) {
    return describe_errno("pthread_sigmask", error);
  }
  for (const int signo : kMasterSignals) {
    // SA_NOCLDSTOP: a worker stopped by a debugger is not a worker that exited.
    if (!set_handler(signo, on_master_signal, signo == SIGCHLD ? SA_NOCLDSTOP : 0)) {
      return describe_errno("sigaction", errno);
    }
  }
  // A write to a vanished reader (nginx gone, stderr closed) must fail with EPIPE, not kill.
  if (!set_handler(SIGPIPE, SIG_IGN, 0)) return describe_errno("sigaction", errno);
  return std::nullopt;
}

MasterSignals wait_for_master_signals(std::chrono::milliseconds timeout) {
  if (poll_letting_signals_in(nullptr, 0, timeout) < 0 && errno != EINTR) {
    log_error(describe_errno("ppoll", errno));
  }
  // Signals are blocked again here, so reading and clearing the flags cannot race a handler.
  MasterSignals raised;
  raised.stop_signal = g_master_stop_signal;
  raised.reload = g_master_reload != 0;
  g_master_stop_signal = 0;
  g_master_reload = 0;
  return raised;
}

void init_worker_signals() {
  // The master's handlers write flags nobody reads here; a terminal's hangup and children of
  // our own are not a worker's concern.
  set_handler(SIGHUP, SIG_IGN, 0);
  set_handler(SIGCHLD, SIG_DFL, 0);
  g_worker_stop = 0;
  for (const int signo : kWorkerStopSignals) set_handler(signo, on_worker_stop_signal, SA_RESTART);
  const sigset_t blocked = signal_set(kWorkerStopSignals);
  ::pthread_sigmask(SIG_SETMASK, &blocked, nullptr);
}

bool worker_stop_flagged() {
  return g_worker_stop != 0;
}

bool worker_stop_requested() {
  if (g_worker_stop != 0) return true;
  // A signal that came while poll() was returning a ready connection stays pending (ppoll
  // restores the mask without running the handler), and under steady load that would be
  // every time: look at the pending set too.
  sigset_t pending;
  sigemptyset(&pending);
  if (::sigpending(&pending) != 0) return false;
  return std::any_of(kWorkerStopSignals.begin(), kWorkerStopSignals.end(),
                     [&pending](int signo) { return sigismember(&pending, signo) == 1; });
}

int poll_letting_signals_in(pollfd* fds, nfds_t count, std::chrono::milliseconds timeout) {
  const timespec wait = to_timespec(timeout);
  sigset_t nothing_blocked;
  sigemptyset(&nothing_blocked);
  return ::ppoll(fds, count, &wait, &nothing_blocked);
}

}  // namespace capi::server
