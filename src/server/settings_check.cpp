#include "server/settings_check.hpp"

#include <variant>

#include "server/listen_address.hpp"

namespace capi::server {

std::optional<std::string> find_settings_problem(const PoolSettings& settings) {
  if (const auto parsed = parse_listen_address(settings.listen);
      const auto* problem = std::get_if<ListenAddressError>(&parsed)) {
    return "listen = \"" + settings.listen + "\": " + problem->message;
  }
  if (settings.workers < 1 || settings.workers > kMaxWorkers) {
    return "workers = " + std::to_string(settings.workers) + ": must be from 1 to " +
           std::to_string(kMaxWorkers);
  }
  if (settings.max_requests < 0) {
    return "max_requests = " + std::to_string(settings.max_requests) +
           ": must be 0 (never recycle) or more";
  }
  if (settings.request_timeout.count() < 0) {
    return "request_timeout = " + std::to_string(settings.request_timeout.count()) +
           " ms: must be 0 (no limit) or more";
  }
  if (settings.shutdown_timeout.count() < 0) {
    return "shutdown_timeout = " + std::to_string(settings.shutdown_timeout.count()) +
           " ms: must be 0 or more";
  }
  if (settings.listen_backlog < 1) {
    return "listen_backlog = " + std::to_string(settings.listen_backlog) + ": must be 1 or more";
  }
  if (settings.listen_mode > 07777) {
    return "listen_mode = " + std::to_string(settings.listen_mode) + ": not a file mode";
  }
  return std::nullopt;
}

}  // namespace capi::server
