// Checks a generation's PoolSettings before the pool acts on them: at start, a problem stops
// start-up; on reload, it keeps the running generation.
#pragma once

#include <optional>
#include <string>

#include "server/pool.hpp"
#include "server/scoreboard.hpp"

namespace capi::server {

// Two full generations must fit on the scoreboard while a reload overlaps them.
inline constexpr int kMaxWorkers = static_cast<int>(Scoreboard::kCapacity / 2);

// The first problem found, as "setting = value: what is wrong", or nothing.
std::optional<std::string> find_settings_problem(const PoolSettings& settings);

}  // namespace capi::server
