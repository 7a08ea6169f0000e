// A process that holds keys and plaintext personal data leaves none of it behind: no core
// dump (RLIMIT_CORE 0, not dumpable, which also keeps other processes of the same user from
// attaching to it or reading its memory through /proc). Set by the master before it forks:
// both are inherited by the workers.
#pragma once

#include <string>

namespace capi::server {

// Empty when done; otherwise what could not be set (the caller logs it and carries on).
std::string forbid_core_dumps();

}  // namespace capi::server
