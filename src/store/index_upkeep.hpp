// Upkeep of the indexes that scans pay for when it is left undone.
#pragma once

#include "store/connection.hpp"

namespace capi::store {

// Folds the GIN indexes' pending lists into the indexes (sql/014: every scan reads the whole
// list) and returns how many list pages it folded. Waits for another session's fold of the
// same index, which then leaves little to do.
long fold_gin_pending_lists(Connection& connection);

}  // namespace capi::store
