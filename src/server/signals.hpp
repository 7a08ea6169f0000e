// Signals, nginx style: handlers only set sig_atomic_t flags. The master keeps its signals
// blocked except while it waits, so they arrive only at one known point of its loop; a worker
// keeps SIGTERM/SIGINT/SIGQUIT blocked except while it waits for a connection, so a request
// in progress is never interrupted and finishes before the worker acts on the signal.
#pragma once

#include <poll.h>

#include <chrono>
#include <optional>
#include <string>

namespace capi::server {

// What the master was asked to do since it last looked.
struct MasterSignals {
  int stop_signal = 0;  // SIGTERM, SIGINT or SIGQUIT: stop gracefully; 0: none
  bool reload = false;  // SIGHUP
};

// Installs the master's handlers and blocks its signals (SIGPIPE is ignored). Call before
// forking anything. Returns why it failed, if it did.
std::optional<std::string> init_master_signals();

// Waits up to `timeout` for a signal, then returns the flags raised, clearing them.
MasterSignals wait_for_master_signals(std::chrono::milliseconds timeout);

// In a freshly forked worker: the master's handlers are undone, SIGTERM/SIGINT/SIGQUIT ask the
// worker to stop, SIGHUP is ignored (a terminal's hangup is the master's business).
void init_worker_signals();
// Whether a stop signal has been handled or is waiting, blocked, to be.
bool worker_stop_requested();
// The same without the look at the pending set (a syscall): what a stop signal delivered by
// a handler has said. A worker looks at the whole answer every few requests.
bool worker_stop_flagged();

// poll(), with every signal let through for its duration only (ppoll). Returns what poll()
// returns; -1 with errno EINTR when a signal arrived.
int poll_letting_signals_in(pollfd* fds, nfds_t count, std::chrono::milliseconds timeout);

}  // namespace capi::server
