// A bounded database chore that each worker runs after answering, at most once per interval
// (a new worker runs it after its first answer): the purge of expired Idempotency-Key
// records, folding the stats figures' change logs, folding the GIN indexes' pending lists.
// A chore never throws: the answer is already sent, so a failure is logged and the next
// interval tries again. Nothing runs while the database is not connected.
#pragma once

#include <chrono>
#include <functional>

#include "store/connection.hpp"

namespace capi::api {

class Chore {
 public:
  // `done` is the debug line written when a run handled something (with its count as
  // "rows"), `failed` the warning written when it threw.
  Chore(std::chrono::seconds interval, const char* done, const char* failed)
      : interval_(interval), done_(done), failed_(failed) {}

  // Runs `run` (which returns how many things it handled) when the interval has passed.
  void run_if_due(const store::Connection& db, const std::function<long()>& run);

 private:
  std::chrono::seconds interval_;
  const char* done_;
  const char* failed_;
  std::chrono::steady_clock::time_point next_{};
};

}  // namespace capi::api
