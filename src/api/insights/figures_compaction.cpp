#include "api/insights/figures_compaction.hpp"

namespace capi::api {

void FiguresCompaction::compact_if_due() {
  chore_.run_if_due(db_, [this] { return insights_.compact_business_figures(kBatch); });
}

}  // namespace capi::api
