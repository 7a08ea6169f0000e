// Prometheus counters shared by every worker of a host. They live in an anonymous shared
// mapping that the master makes before it forks, so each worker adds to the same atomics and
// any worker can render the totals for /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace capi::api {

constexpr int kMaxRoutes = 64;  // routes beyond this are counted as "(other)"
constexpr std::array<double, 12> kLatencyBucketsMs = {1,   2,   5,   10,   25,   50,
                                                      100, 250, 500, 1000, 2500, 10000};
constexpr std::array<int, 18> kStatusCodes = {200, 201, 204, 400, 401, 403, 404, 405, 409,
                                              412, 413, 415, 422, 429, 500, 502, 503, 504};

struct MetricsData {
  // Index kMaxRoutes is "unmatched"; the last status slot is "any other status".
  std::atomic<std::uint64_t> requests[kMaxRoutes + 1][kStatusCodes.size() + 1];
  std::atomic<std::uint64_t> latency[kMaxRoutes + 1][kLatencyBucketsMs.size() + 1];
  std::atomic<std::uint64_t> latency_sum_us[kMaxRoutes + 1];
  std::atomic<std::uint64_t> database_errors;
};

class Metrics {
 public:
  // Maps the shared counters; call before forking workers.
  static Metrics create_shared();
  ~Metrics();
  Metrics(Metrics&& other) noexcept : data_(other.data_) { other.data_ = nullptr; }
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;
  Metrics& operator=(Metrics&&) = delete;

  // route_index: the route's position in the table, or -1 for an unmatched path.
  void observe(int route_index, int status, double duration_ms);
  void count_database_error();

  struct RouteLabel {
    std::string method;
    std::string pattern;
  };
  // The Prometheus text exposition of every counter.
  std::string render(const std::vector<RouteLabel>& routes, int workers_alive,
                     int workers_configured) const;

 private:
  explicit Metrics(MetricsData* data) : data_(data) {}
  MetricsData* data_;
};

}  // namespace capi::api
