// A worker process: set up after fork(), make its app, then accept and serve one request at a
// time until told to stop, recycled after max_requests, or orphaned by its master.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "server/pool.hpp"
#include "server/scoreboard.hpp"

namespace capi::server {

using AppFactory = std::function<std::unique_ptr<WorkerApp>(const PoolView&)>;

struct WorkerContext {
  int listen_fd;
  Scoreboard& scoreboard;
  std::size_t slot;  // this worker's slot on the scoreboard
  std::uint64_t generation;
  long max_requests;  // 0: never recycle
  pid_t master_pid;
  const AppFactory& make_app;
};

// Runs the worker in the child of fork() and exits the process with one of the codes of
// exit_status.hpp. Never returns: the master's code (and its destructors, which would remove
// the socket file) must not run in a worker.
[[noreturn]] void run_worker_process(const WorkerContext& context) noexcept;

}  // namespace capi::server
