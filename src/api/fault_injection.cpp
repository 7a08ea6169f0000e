#include "api/fault_injection.hpp"

#include <chrono>
#include <thread>

#ifdef CAPI_FAULT_INJECTION

#include <signal.h>
#include <unistd.h>

#include <charconv>
#include <string_view>

#include "store/connection.hpp"

namespace capi::api::faults {
namespace {

std::string_view fault_of(const http::Request& request) {
  return request.param("HTTP_X_CAPI_FAULT");
}

// Dies of SIGSEGV as a real crash would, also under AddressSanitizer (whose own SEGV handler
// would report and exit with a status instead).
[[noreturn]] void crash() {
  ::signal(SIGSEGV, SIG_DFL);
  ::raise(SIGSEGV);
  ::_exit(1);
}

}  // namespace

void before_handling(const http::Request& request) {
  const std::string_view fault = fault_of(request);
  if (fault == "hang") {
    while (true) ::pause();
  }
  if (fault == "segv") crash();
  if (fault == "ignore-term") {
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigprocmask(SIG_BLOCK, &term, nullptr);
    ::sleep(30);
  }
}

void before_attempt(const http::Request& request, int attempt) {
  const std::string_view fault = fault_of(request);
  constexpr std::string_view kRetryable = "retryable:";
  if (fault.substr(0, kRetryable.size()) != kRetryable) return;
  int failures = 0;
  const auto digits = fault.substr(kRetryable.size());
  std::from_chars(digits.data(), digits.data() + digits.size(), failures);
  if (attempt <= failures) {
    throw store::DbError(store::ErrorKind::kRetryable, "40001",
                         "could not serialize access (injected by X-Capi-Fault)");
  }
}

void after_handling(const http::Request& request) {
  if (fault_of(request) == "crash-after-commit") crash();
}

http::BodyStream streamed(const http::Request& request, http::BodyStream stream) {
  if (fault_of(request) == "slow-stream" && stream) {
    return [stream = std::move(stream)](const http::BodySink& sink) {
      stream([&](std::string_view piece) {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        sink(piece);
      });
    };
  }
  if (fault_of(request) == "stall-stream" && stream) {
    // The first piece, then nothing: the master's request_timeout ends the worker.
    return [stream = std::move(stream)](const http::BodySink& sink) {
      stream([&](std::string_view piece) {
        sink(piece);
        while (true) ::pause();
      });
    };
  }
  if (fault_of(request) != "fail-stream" || !stream) return stream;
  return [stream = std::move(stream)](const http::BodySink& sink) {
    bool sent = false;
    stream([&](std::string_view piece) {
      if (sent) {
        throw store::DbError(store::ErrorKind::kUnavailable, "57P01",
                             "terminating connection (injected by X-Capi-Fault)");
      }
      sink(piece);
      sent = true;
    });
  };
}

void before_commit(const http::Request& request) {
  if (fault_of(request) == "hang-before-commit") {
    while (true) ::pause();
  }
}

}  // namespace capi::api::faults

#endif
