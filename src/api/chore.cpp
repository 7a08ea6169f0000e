#include "api/chore.hpp"

#include "log/log.hpp"

namespace capi::api {

void Chore::run_if_due(const store::Connection& db, const std::function<long()>& run) {
  const auto now = std::chrono::steady_clock::now();
  if (now < next_ || !db.connected()) return;
  next_ = now + interval_;
  try {
    const long handled = run();
    if (handled > 0 && log::enabled(config::LogLevel::kDebug)) {
      log::Line(config::LogLevel::kDebug, done_).field("rows", handled).emit();
    }
  } catch (const std::exception& error) {
    log::Line(config::LogLevel::kWarn, failed_).field("error", error.what()).emit();
  }
}

}  // namespace capi::api
