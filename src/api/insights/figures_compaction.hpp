// Stats read business-wide figures kept by triggers as a log of signed changes
// (sql/009_business_figures.sql); a read sums the figures and the changes not yet folded
// into them, so the log must stay short for stats to stay cheap. Each worker folds a bounded
// batch after answering, at most once per kInterval: a busy business writes a few hundred
// change rows a second, which a batch every few seconds keeps near empty.
#pragma once

#include <chrono>

#include "api/chore.hpp"
#include "store/connection.hpp"
#include "store/insight_store.hpp"

namespace capi::api {

class FiguresCompaction {
 public:
  explicit FiguresCompaction(store::Connection& db) : db_(db), insights_(db) {}

  // Never throws; does nothing while the database is not connected.
  void compact_if_due();

  static constexpr int kBatch = 20000;
  static constexpr std::chrono::seconds kInterval{5};

 private:
  store::Connection& db_;
  store::InsightStore insights_;
  Chore chore_{kInterval, "folded changes into the stats figures",
               "folding changes into the stats figures failed"};
};

}  // namespace capi::api
