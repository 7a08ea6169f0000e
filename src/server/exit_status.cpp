#include "server/exit_status.hpp"

#include <sys/wait.h>

#include <cstring>

namespace capi::server {

std::string describe_exit_status(int wait_status) {
  if (WIFEXITED(wait_status)) return "exited with code " + std::to_string(WEXITSTATUS(wait_status));
  if (!WIFSIGNALED(wait_status))
    return "changed state (status " + std::to_string(wait_status) + ")";
  const int signo = WTERMSIG(wait_status);
  std::string text = "exited on signal " + std::to_string(signo);
  const char* const name = ::sigabbrev_np(signo);  // "KILL", or null for an unknown number
  const bool core_dumped = WCOREDUMP(wait_status);
  if (name != nullptr || core_dumped) {
    text += " (";
    if (name != nullptr) text += std::string("SIG") + name;
    if (name != nullptr && core_dumped) text += ", ";
    if (core_dumped) text += "core dumped";
    text += ")";
  }
  return text;
}

bool exited_cleanly(int wait_status) {
  return WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == kWorkerExitOk;
}

bool exited_on_startup_failure(int wait_status) {
  return WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == kWorkerExitStartupFailed;
}

}  // namespace capi::server
