// The pool's log: one JSON object per line on stderr,
//   {"time":"2026-11-23T10:00:00.123Z","level":"info","pid":123,"msg":"..."}
// written with a single write(2) so that lines from the master and its workers never interleave.
// Never call it from a signal handler (it allocates).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>

namespace capi::server {

enum class LogLevel { kInfo, kWarning, kError };

// One complete log line, newline included, written with RapidJSON like every other JSON the
// project writes: `"`, `\` and control characters (below U+0020) in the message escaped,
// bytes that are not valid UTF-8 replaced by U+FFFD.
std::string format_log_line(std::chrono::system_clock::time_point time, LogLevel level, pid_t pid,
                            std::string_view message);

void log(LogLevel level, std::string_view message);
inline void log_info(std::string_view message) {
  log(LogLevel::kInfo, message);
}
inline void log_warning(std::string_view message) {
  log(LogLevel::kWarning, message);
}
inline void log_error(std::string_view message) {
  log(LogLevel::kError, message);
}

// "bind() failed (13: Permission denied)": names the failed call and its errno, nginx style.
std::string describe_errno(std::string_view call, int error);

}  // namespace capi::server
