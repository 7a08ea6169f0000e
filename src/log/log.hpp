// Log lines: one JSON object per line on stderr, written with a single write(2) so that lines
// from different workers never interleave (journald reads the stream). Never a key, a body or
// PII: callers pass only what is safe to keep.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "config/config.hpp"
#include "json/writer.hpp"

namespace capi::log {

void set_level(config::LogLevel level);
bool enabled(config::LogLevel level);

// "2026-03-20T09:15:00.123Z" for now.
std::string now_rfc3339();

// This process's id, as every line has it: asked of the kernel once per process, again in a
// child after fork().
pid_t process_id();

// Starts a line {"time":...,"level":...,"pid":...; the caller adds fields and calls emit().
class Line {
 public:
  Line(config::LogLevel level, std::string_view message);
  json::Writer& writer() { return writer_; }
  Line& field(std::string_view name, std::string_view value);
  Line& field(std::string_view name, long long value);
  void emit();

 private:
  json::Buffer buffer_;
  json::Writer writer_;
};

void info(std::string_view message);
void warn(std::string_view message);
void error(std::string_view message);

}  // namespace capi::log
