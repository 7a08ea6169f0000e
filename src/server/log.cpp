#include "server/log.hpp"

#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "domain/text.hpp"
#include "domain/time.hpp"
#include "json/writer.hpp"

namespace capi::server {
namespace {

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warn";  // the word the rest of the project logs with (capi::log)
    case LogLevel::kError:
      return "error";
  }
  return "error";
}

// Writes all of `data`, retrying after signals and short writes; gives up silently on any
// other error, since there is nowhere left to report a failure to write the log.
void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

std::string format_log_line(std::chrono::system_clock::time_point time, LogLevel level, pid_t pid,
                            std::string_view message) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::field(writer, "time", domain::format_rfc3339_ms(time));
  json::field(writer, "level", level_name(level));
  json::key(writer, "pid");
  writer.Int(static_cast<int>(pid));
  // RapidJSON's Writer copies bytes as they come: a message quoting invalid UTF-8 (a path, a
  // peer's bytes) would make the line invalid JSON.
  json::field(writer, "msg", domain::replace_invalid_utf8(message));
  writer.EndObject();
  std::string line = json::text(buffer);
  line += '\n';
  return line;
}

void log(LogLevel level, std::string_view message) {
  const int saved_errno = errno;  // so that a caller may log and then still look at errno
  write_all(STDERR_FILENO,
            format_log_line(std::chrono::system_clock::now(), level, ::getpid(), message));
  errno = saved_errno;
}

std::string describe_errno(std::string_view call, int error) {
  std::string text(call);
  text += "() failed (";
  text += std::to_string(error);
  text += ": ";
  text += std::error_code(error, std::generic_category()).message();
  text += ")";
  return text;
}

}  // namespace capi::server
