#include "log/log.hpp"

#include <pthread.h>
#include <unistd.h>

#include <chrono>

#include "domain/time.hpp"

namespace capi::log {
namespace {

config::LogLevel g_level = config::LogLevel::kInfo;

// A syscall on every log line adds up on the request path: the id is kept, and a fork()ed
// child forgets its parent's.
pid_t g_pid = 0;
void forget_pid() {
  g_pid = 0;
}

}  // namespace

pid_t process_id() {
  static const bool registered = ::pthread_atfork(nullptr, nullptr, forget_pid) == 0;
  if (g_pid == 0 || !registered) g_pid = ::getpid();
  return g_pid;
}

void set_level(config::LogLevel level) {
  g_level = level;
}
bool enabled(config::LogLevel level) {
  return level >= g_level;
}

std::string now_rfc3339() {
  return domain::format_rfc3339_ms(std::chrono::system_clock::now());
}

Line::Line(config::LogLevel level, std::string_view message) : writer_(buffer_) {
  writer_.StartObject();
  json::field(writer_, "time", now_rfc3339());
  json::field(writer_, "level", config::log_level_name(level));
  json::key(writer_, "pid");
  writer_.Int(static_cast<int>(process_id()));
  json::field(writer_, "msg", message);
}

Line& Line::field(std::string_view name, std::string_view value) {
  json::field(writer_, name, value);
  return *this;
}

Line& Line::field(std::string_view name, long long value) {
  json::key(writer_, name);
  writer_.Int64(value);
  return *this;
}

void Line::emit() {
  writer_.EndObject();
  buffer_.Put('\n');
  // One write: a line under PIPE_BUF is never split among other processes' lines.
  const ssize_t written = ::write(STDERR_FILENO, buffer_.GetString(), buffer_.GetSize());
  (void)written;
}

void info(std::string_view message) {
  if (enabled(config::LogLevel::kInfo)) Line(config::LogLevel::kInfo, message).emit();
}
void warn(std::string_view message) {
  if (enabled(config::LogLevel::kWarn)) Line(config::LogLevel::kWarn, message).emit();
}
void error(std::string_view message) {
  if (enabled(config::LogLevel::kError)) Line(config::LogLevel::kError, message).emit();
}

}  // namespace capi::log
