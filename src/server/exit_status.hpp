// How a worker process ends, as the master sees it through waitpid().
#pragma once

#include <string>

namespace capi::server {

// Exit codes of a worker process.
inline constexpr int kWorkerExitOk = 0;       // recycled, told to stop, or its master is gone
inline constexpr int kWorkerExitFailure = 1;  // its accept loop failed
// Its app could not be made (a factory that threw: the database is down, say). Retrying at
// once would fail the same way, so the master respawns it with a growing delay.
inline constexpr int kWorkerExitStartupFailed = 3;

// "exited with code 3", "exited on signal 9 (SIGKILL)", "exited on signal 11 (SIGSEGV, core
// dumped)": the words of a log line about a waitpid() status.
std::string describe_exit_status(int wait_status);

bool exited_cleanly(int wait_status);             // exit code 0
bool exited_on_startup_failure(int wait_status);  // exit code kWorkerExitStartupFailed

}  // namespace capi::server
