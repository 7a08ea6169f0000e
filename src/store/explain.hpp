// The planner's estimates, read from EXPLAIN (FORMAT JSON): cheap counts where an exact one
// would cost a scan.
#pragma once

#include <cstdint>

#include "store/connection.hpp"

namespace capi::store {

// The "Plan Rows" of the top node; 0 when it cannot be read.
std::int64_t plan_rows(const Result& result);

}  // namespace capi::store
