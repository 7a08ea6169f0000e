// The prefork FastCGI pool: a master that owns the listening socket and N single-threaded
// workers that accept on it, in the manner of php-fpm. The pool knows nothing of HTTP, JSON or
// the database: a worker hands each accepted FastCGI request to the WorkerApp it was given.
#pragma once

#include <fcgiapp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace capi::server {

struct PoolSettings {
  // "unix:/run/customer-api/fcgi.sock", "127.0.0.1:9000", "[::1]:9000", or "systemd"
  // (take the socket passed by systemd socket activation through LISTEN_FDS).
  std::string listen = "unix:/run/customer-api/fcgi.sock";
  unsigned listen_mode = 0660;  // permissions of a unix socket the master creates
  int listen_backlog = 1024;
  int workers = 4;
  long max_requests = 10000;  // a worker retires after serving this many (0 = never)
  std::chrono::milliseconds request_timeout{30000};   // a worker stuck longer is killed
  std::chrono::milliseconds shutdown_timeout{30000};  // grace for in-flight requests on stop
};

// Read-only view of the pool that a worker's app may show (in /metrics, say).
class PoolView {
 public:
  virtual ~PoolView() = default;
  virtual int workers_alive() const = 0;
  virtual int workers_configured() const = 0;
  // The calling worker's answer is still making progress (a streamed export sent another
  // batch): its request_timeout starts again, so that only a request that stops moving is
  // killed, however long a healthy stream takes.
  virtual void made_progress() const {}
};

// What one worker process runs. Made in the worker after fork(), so that what it opens (a
// database connection) is its own.
class WorkerApp {
 public:
  virtual ~WorkerApp() = default;
  // Serves one accepted request: reads its params and body, writes the whole response.
  // Must not throw: the app answers its own failures (500) and logs them.
  virtual void serve(FCGX_Request& request) = 0;
  // After the answer was handed to the web server, before the next request: bounded
  // housekeeping that no client should wait for. Must not throw.
  virtual void after_response() {}
};

// One generation of the pool: its settings and how its workers make their app. Loaded at
// start and again on every SIGHUP.
struct Generation {
  PoolSettings settings;
  std::function<std::unique_ptr<WorkerApp>(const PoolView&)> make_app;
};

// Loads a generation; throws std::exception with a one-line message on a bad configuration.
using GenerationLoader = std::function<Generation()>;

// Runs the pool in this process, which becomes the master, and returns its exit code:
// 0 after a graceful stop, 2 when the first generation cannot be loaded or checked or the
// socket opened (one log line says why), 1 if the master itself fails later.
// SIGTERM, SIGINT, SIGQUIT: graceful stop (requests in flight finish; after shutdown_timeout,
// SIGKILL). SIGHUP: reload (load() again; new workers first, then the old ones retire; if
// load() throws, the running generation stays). Call it once, from a single-threaded process;
// it leaves the signal handlers and mask it set up in place when it returns.
int run_pool(const GenerationLoader& load);

}  // namespace capi::server
