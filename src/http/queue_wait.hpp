// How long a request sat in the FastCGI socket's queue before a worker took it. nginx stamps
// each request it hands on with REQUEST_START ($msec: seconds since the epoch with
// milliseconds, "1733480000.123"); nginx and the pool share a host or an NTP-kept clock.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace capi::http {

// The wait between `request_start` and `now`; nullopt when the stamp is absent or malformed.
// A stamp from the future (clocks a little apart) counts as no wait.
std::optional<std::chrono::milliseconds> queue_wait(std::string_view request_start,
                                                    std::chrono::system_clock::time_point now);

}  // namespace capi::http
