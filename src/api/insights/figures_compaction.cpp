#include "api/insights/figures_compaction.hpp"

#include "log/log.hpp"

namespace capi::api {

void FiguresCompaction::compact_if_due() {
  const auto now = std::chrono::steady_clock::now();
  if (now < next_ || !db_.connected()) return;
  next_ = now + kInterval;
  try {
    const long folded = insights_.compact_business_figures(kBatch);
    if (folded > 0 && log::enabled(config::LogLevel::kDebug)) {
      log::Line(config::LogLevel::kDebug, "folded changes into the stats figures")
          .field("rows", folded)
          .emit();
    }
  } catch (const std::exception& error) {
    log::Line(config::LogLevel::kWarn, "folding changes into the stats figures failed")
        .field("error", error.what())
        .emit();
  }
}

}  // namespace capi::api
