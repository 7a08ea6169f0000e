#include "server/log.hpp"

#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "domain/time.hpp"

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

// Length of the well-formed UTF-8 sequence that starts `text` (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 when it does not start with one.
std::size_t utf8_sequence_length(std::string_view text) {
  const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return 0;
  }
  if (text.size() < length || byte(1) < second_min || byte(1) > second_max) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

void append_escaped_ascii(std::string& out, unsigned char c) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    default:
      break;
  }
  if (c < 0x20 || c == 0x7F) {
    constexpr std::string_view kHex = "0123456789abcdef";
    out += "\\u00";
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
    return;
  }
  out += static_cast<char>(c);
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

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t at = 0;
  while (at < text.size()) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) {
      append_escaped_ascii(out, c);
      ++at;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text.substr(at));
    if (length == 0) {
      out += "\\ufffd";
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

std::string format_log_line(std::chrono::system_clock::time_point time, LogLevel level, pid_t pid,
                            std::string_view message) {
  std::string line;
  line.reserve(message.size() + 96);
  line += R"({"time":")";
  line += domain::format_rfc3339_ms(time);
  line += R"(","level":")";
  line += level_name(level);
  line += R"(","pid":)";
  line += std::to_string(pid);
  line += R"(,"msg":")";
  line += json_escape(message);
  line += "\"}\n";
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
