#include "http/queue_wait.hpp"

#include <charconv>
#include <cstdint>

namespace capi::http {

std::optional<std::chrono::milliseconds> queue_wait(std::string_view request_start,
                                                    std::chrono::system_clock::time_point now) {
  const auto dot = request_start.find('.');
  if (dot == std::string_view::npos || dot == 0 || request_start.size() - dot != 4) {
    return std::nullopt;
  }
  std::int64_t seconds = 0;
  const auto* const seconds_end = request_start.data() + dot;
  if (const auto [ptr, ec] = std::from_chars(request_start.data(), seconds_end, seconds);
      ec != std::errc{} || ptr != seconds_end || seconds < 0 || seconds > 253'402'300'799) {
    return std::nullopt;  // up to 9999-12-31: no overflow below
  }
  int millis = 0;
  const auto* const end = request_start.data() + request_start.size();
  if (const auto [ptr, ec] = std::from_chars(seconds_end + 1, end, millis);
      ec != std::errc{} || ptr != end || millis < 0) {
    return std::nullopt;
  }
  const std::chrono::system_clock::time_point started{
      std::chrono::milliseconds(seconds * 1000 + millis)};
  if (started >= now) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(now - started);
}

}  // namespace capi::http
