#include "server/worker.hpp"

#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <thread>

#include "server/exit_status.hpp"
#include "server/log.hpp"
#include "server/signals.hpp"

namespace capi::server {
namespace {

// How long a worker waits for a connection before it checks that its master is still there.
constexpr std::chrono::milliseconds kIdleInterval{1000};
// Pause after running out of file descriptors or memory, rather than spinning on accept.
constexpr std::chrono::milliseconds kResourceShortagePause{100};
// Under steady load a worker goes from one request straight to accepting the next, and a
// blocked stop signal is never let in by a wait: how many requests it serves between two
// looks at the pending signals (a syscall each).
constexpr long kStopCheckInterval = 16;

class ScoreboardPoolView final : public PoolView {
 public:
  ScoreboardPoolView(Scoreboard& scoreboard, std::size_t slot)
      : scoreboard_(scoreboard), slot_(slot) {}
  int workers_alive() const override { return scoreboard_.workers_alive(); }
  int workers_configured() const override { return scoreboard_.workers_configured(); }
  void made_progress() const override { scoreboard_.mark_busy(slot_, Scoreboard::Clock::now()); }

 private:
  Scoreboard& scoreboard_;
  std::size_t slot_;
};

// Reads and discards the rest of a request's input; whether its end was reached. nginx sends
// a body whole (it buffers it first), and its size is capped by nginx's body limit; a peer
// that stalls here is the request timeout's business, as in any request.
bool read_to_end(FCGX_Stream* in) {
  if (in == nullptr) return false;
  std::array<char, 4096> discard{};
  while (FCGX_GetStr(discard.data(), static_cast<int>(discard.size()), in) > 0) {
  }
  return FCGX_HasSeenEOF(in) != 0 && FCGX_GetError(in) == 0;
}

// The one libfcgi request a worker accepts into, again and again. libfcgi keeps the web
// server's connection open after a request when it asked for that (FCGI_KEEP_CONN, nginx's
// fastcgi_keep_conn); destruction closes it.
class FcgiRequest {
 public:
  explicit FcgiRequest(int listen_fd) {
    // FAIL_ACCEPT_ON_INTR: a signal returns from accept() rather than being retried inside.
    FCGX_InitRequest(&request_, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
  }
  ~FcgiRequest() { drop_kept_connection(); }
  FcgiRequest(const FcgiRequest&) = delete;
  FcgiRequest& operator=(const FcgiRequest&) = delete;
  FcgiRequest(FcgiRequest&&) = delete;  // libfcgi's streams point back at the request
  FcgiRequest& operator=(FcgiRequest&&) = delete;

  FCGX_Request& get() { return request_; }
  int kept_connection() const { return request_.ipcFd; }  // -1: none

  // Ends the request. A connection the web server did not ask to keep, libfcgi closes with a
  // lingering close: shutdown(), then up to 2 s reading whatever comes until the peer closes,
  // which holds the worker about half a millisecond per request and costs three syscalls.
  // Over a unix socket, once the request's input has been read to its end (the rest of a
  // body the app refused, the empty record that ends every request), what was written is
  // already in the peer's queue and nothing more will come: a plain close() loses nothing.
  // Over TCP a close() can still turn into a reset that drops the answer: libfcgi's way.
  void finish(bool plain_close) {
    const bool kept = request_.keepConnection != 0;
    const bool drained = plain_close && !kept && read_to_end(request_.in);
    if (drained) request_.keepConnection = 1;  // FCGX_Finish_r then leaves the fd open
    FCGX_Finish_r(&request_);
    if (drained) drop_kept_connection();
  }
  // Between requests libfcgi holds nothing else for the connection: a plain close() will do.
  // (FCGX_Free would linger up to 2 s for the peer to close first; nginx closes an idle
  // kept-alive connection when it sees ours close, and retries a request that meets it.)
  void drop_kept_connection() {
    if (request_.ipcFd < 0) return;
    ::close(request_.ipcFd);
    request_.ipcFd = -1;
  }

 private:
  FCGX_Request request_{};
};

enum class Wake { kSignal, kIdleTimeout, kNewConnection, kOnKeptConnection, kError };

Wake wait_for_work(int listen_fd, int kept_fd) {
  // poll() skips an entry whose fd is negative: no kept connection, one entry in effect.
  std::array<pollfd, 2> watched{{{listen_fd, POLLIN, 0}, {kept_fd, POLLIN, 0}}};
  const int ready = poll_letting_signals_in(watched.data(), watched.size(), kIdleInterval);
  if (ready < 0) return errno == EINTR ? Wake::kSignal : Wake::kError;
  if (ready == 0) return Wake::kIdleTimeout;
  if (watched[1].revents != 0) return Wake::kOnKeptConnection;
  return Wake::kNewConnection;
}

// Whether a failed FCGX_Accept_r is worth another try (it returns minus errno).
bool accept_failure_is_transient(int error) {
  switch (error) {
    case EAGAIN:  // another worker won the race for the connection
    case EINTR:
    case ECONNABORTED:
    case EPROTO:
      return true;
    case EMFILE:
    case ENFILE:
    case ENOBUFS:
    case ENOMEM:
      log_warning("FCGX_Accept_r: " + describe_errno("accept", error) + "; pausing");
      std::this_thread::sleep_for(kResourceShortagePause);
      return true;
    default:
      return false;
  }
}

void serve_one(WorkerApp& app, FCGX_Request& request) {
  // serve() promises not to throw; should it break that promise, this worker still lives on.
  try {
    app.serve(request);
  } catch (const std::exception& error) {
    log_error(std::string("WorkerApp::serve threw: ") + error.what());
  } catch (...) {
    log_error("WorkerApp::serve threw something that is not a std::exception");
  }
}

void after_response(WorkerApp& app) {
  try {
    app.after_response();
  } catch (const std::exception& error) {
    log_error(std::string("WorkerApp::after_response threw: ") + error.what());
  } catch (...) {
    log_error("WorkerApp::after_response threw something that is not a std::exception");
  }
}

bool is_unix_socket(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  return ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0 &&
         address.ss_family == AF_UNIX;
}

int serve_requests(const WorkerContext& context, WorkerApp& app) {
  FcgiRequest request(context.listen_fd);
  const bool plain_close = is_unix_socket(context.listen_fd);
  context.scoreboard.mark_idle(context.slot);
  long served = 0;
  // Right after a request, try to accept the next one at once (the socket does not block): a
  // busy worker finds one queued and skips the wait; an idle one gets EAGAIN and waits.
  bool try_accept = false;
  while (served % kStopCheckInterval == 0 ? !worker_stop_requested() : !worker_stop_flagged()) {
    if (!try_accept || request.kept_connection() >= 0) {
      const Wake wake = wait_for_work(context.listen_fd, request.kept_connection());
      if (wake == Wake::kError) {
        log_error(describe_errno("ppoll", errno));
        return kWorkerExitFailure;
      }
      if (wake == Wake::kSignal) continue;  // the loop condition looks at what it asked for
      if (wake == Wake::kIdleTimeout) {
        // PR_SET_PDEATHSIG covers this too; checking costs nothing and survives odd setups.
        if (::getppid() != context.master_pid) {
          log_info("the master is gone; worker exiting");
          return kWorkerExitOk;
        }
        continue;
      }
      if (wake == Wake::kNewConnection) {
        // A new connection while an idle kept one pins this worker: take the new one. The web
        // server retries a request that meets a closed kept-alive connection.
        request.drop_kept_connection();
      }
    }
    try_accept = false;

    // Busy from before the accept: a web server that stalls mid-request is timed out too.
    context.scoreboard.mark_busy(context.slot, Scoreboard::Clock::now());
    const int accepted = FCGX_Accept_r(&request.get());
    if (accepted < 0) {
      context.scoreboard.mark_idle(context.slot);
      if (accept_failure_is_transient(-accepted)) continue;
      log_error("FCGX_Accept_r failed (" + std::to_string(accepted) + ")");
      return kWorkerExitFailure;
    }
    serve_one(app, request.get());
    request.finish(plain_close);
    after_response(app);
    context.scoreboard.finish_request(context.slot);
    try_accept = true;

    ++served;
    if (context.max_requests > 0 && served >= context.max_requests) {
      log_info("served " + std::to_string(served) + " requests (max_requests); recycling");
      return kWorkerExitOk;
    }
  }
  return kWorkerExitOk;
}

int run_worker(const WorkerContext& context) {
  init_worker_signals();
  // Should the master die without stopping us, the kernel sends SIGTERM: finish, then exit.
  // If it died before this line, getppid() already says so.
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != context.master_pid) return kWorkerExitOk;
  context.scoreboard.set_pid(context.slot, ::getpid());

  if (const int rc = FCGX_Init(); rc != 0) {
    log_error("FCGX_Init() failed (" + std::to_string(rc) + ")");
    return kWorkerExitStartupFailed;
  }
  const ScoreboardPoolView view(context.scoreboard,
                                context.slot);  // outlives the app, which may keep it
  std::unique_ptr<WorkerApp> app;
  try {
    app = context.make_app(view);
  } catch (const std::exception& error) {
    log_error(std::string("worker cannot start: ") + error.what());
    return kWorkerExitStartupFailed;
  } catch (...) {
    log_error("worker cannot start: the app factory threw something that is not a std::exception");
    return kWorkerExitStartupFailed;
  }
  if (!app) {
    log_error("worker cannot start: the app factory returned no app");
    return kWorkerExitStartupFailed;
  }
  return serve_requests(context, *app);
}

}  // namespace

void run_worker_process(const WorkerContext& context) noexcept {
  int exit_code = kWorkerExitFailure;
  try {
    exit_code = run_worker(context);
  } catch (const std::exception& error) {
    log_error(std::string("worker failed: ") + error.what());
  } catch (...) {
    log_error("worker failed with an exception that is not a std::exception");
  }
  static_cast<void>(std::fflush(nullptr));  // what the app printed; a failure changes nothing
  ::_exit(exit_code);  // not exit(): the atexit handlers and statics are the master's
}

}  // namespace capi::server
