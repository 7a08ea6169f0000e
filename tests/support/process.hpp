// Child processes and temporary folders for the integration harness.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace capi::test {

// A folder under /tmp removed with everything in it when the owner goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a command to completion; `env` entries are added to the environment.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {});

// A long-running child (a server): started with its output sent to `log_path`; stopped with
// SIGTERM (then SIGKILL) when the owner goes away.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::string& log_path,
               const std::map<std::string, std::string>& env = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int signo) const;
  // Waits up to `timeout_ms` for the exit; the exit code (or 128+signal), nullopt if alive.
  std::optional<int> wait(int timeout_ms);
  bool running();

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

// The pids whose parent is `parent`, from /proc.
std::vector<pid_t> child_pids(pid_t parent);

// The same pids as a set (for comparing generations of workers).
// The peak resident set of a process so far, in kB (VmHWM); -1 when it cannot be read.
long peak_rss_kb(pid_t pid);

inline std::set<pid_t> as_set(const std::vector<pid_t>& pids) {
  return {pids.begin(), pids.end()};
}

// Reads a whole file ("" when missing).
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);

// True when running as root: then PostgreSQL runs as the `postgres` user.
bool running_as_root();

// Polls `done` every 20 ms until it holds or `timeout_ms` passes.
template <typename Predicate>
bool eventually(Predicate done, int timeout_ms);

}  // namespace capi::test

#include <chrono>
#include <thread>

template <typename Predicate>
bool capi::test::eventually(Predicate done, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}
