#include "api/metrics.hpp"

#include <sys/mman.h>

#include <new>
#include <stdexcept>

namespace capi::api {
namespace {

std::size_t status_slot(int status) {
  for (std::size_t i = 0; i < kStatusCodes.size(); ++i) {
    if (kStatusCodes[i] == status) return i;
  }
  return kStatusCodes.size();
}

std::string escape_label(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

std::string seconds_label(double ms) {
  std::string text = std::to_string(ms / 1000.0);
  while (text.size() > 1 && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

Metrics Metrics::create_shared() {
  void* const memory =
      mmap(nullptr, sizeof(MetricsData), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) throw std::runtime_error("cannot map shared memory for metrics");
  // The mapping is zero-filled: a valid state for lock-free atomics of integers.
  return Metrics(static_cast<MetricsData*>(memory));
}

Metrics::~Metrics() {
  if (data_ != nullptr) munmap(data_, sizeof(MetricsData));
}

void Metrics::observe(int route_index, int status, double duration_ms) {
  const auto route = static_cast<std::size_t>(
      route_index < 0 || route_index >= kMaxRoutes ? kMaxRoutes : route_index);
  data_->requests[route][status_slot(status)].fetch_add(1, std::memory_order_relaxed);
  std::size_t bucket = 0;
  while (bucket < kLatencyBucketsMs.size() && duration_ms > kLatencyBucketsMs[bucket]) ++bucket;
  data_->latency[route][bucket].fetch_add(1, std::memory_order_relaxed);
  data_->latency_sum_us[route].fetch_add(static_cast<std::uint64_t>(duration_ms * 1000.0),
                                         std::memory_order_relaxed);
}

void Metrics::count_database_error() {
  data_->database_errors.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::render(const std::vector<RouteLabel>& routes, int workers_alive,
                            int workers_configured) const {
  auto labels = [&](std::size_t route) {
    if (route < routes.size() && route < static_cast<std::size_t>(kMaxRoutes)) {
      return "method=\"" + escape_label(routes[route].method) + "\",route=\"" +
             escape_label(routes[route].pattern) + "\"";
    }
    return std::string("method=\"\",route=\"(unmatched)\"");
  };
  const std::size_t route_count = std::min<std::size_t>(routes.size(), kMaxRoutes);
  std::vector<std::size_t> indexes;
  for (std::size_t i = 0; i < route_count; ++i) indexes.push_back(i);
  indexes.push_back(kMaxRoutes);

  std::string out;
  out += "# HELP capi_requests_total Requests answered, by route and status.\n";
  out += "# TYPE capi_requests_total counter\n";
  for (const auto route : indexes) {
    for (std::size_t slot = 0; slot <= kStatusCodes.size(); ++slot) {
      const auto count = data_->requests[route][slot].load(std::memory_order_relaxed);
      if (count == 0) continue;
      const std::string status =
          slot < kStatusCodes.size() ? std::to_string(kStatusCodes[slot]) : "other";
      out += "capi_requests_total{" + labels(route) + ",status=\"" + status + "\"} " +
             std::to_string(count) + "\n";
    }
  }
  out += "# HELP capi_request_duration_seconds Time to answer a request inside the worker.\n";
  out += "# TYPE capi_request_duration_seconds histogram\n";
  for (const auto route : indexes) {
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kLatencyBucketsMs.size(); ++b) {
      cumulative += data_->latency[route][b].load(std::memory_order_relaxed);
    }
    if (cumulative == 0) continue;
    cumulative = 0;
    for (std::size_t b = 0; b <= kLatencyBucketsMs.size(); ++b) {
      cumulative += data_->latency[route][b].load(std::memory_order_relaxed);
      const std::string le =
          b < kLatencyBucketsMs.size() ? seconds_label(kLatencyBucketsMs[b]) : "+Inf";
      out += "capi_request_duration_seconds_bucket{" + labels(route) + ",le=\"" + le + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    const double sum = static_cast<double>(data_->latency_sum_us[route].load()) / 1e6;
    out += "capi_request_duration_seconds_sum{" + labels(route) + "} " + std::to_string(sum) + "\n";
    out += "capi_request_duration_seconds_count{" + labels(route) + "} " +
           std::to_string(cumulative) + "\n";
  }
  out += "# HELP capi_workers_alive Worker processes running now.\n";
  out += "# TYPE capi_workers_alive gauge\n";
  out += "capi_workers_alive " + std::to_string(workers_alive) + "\n";
  out += "# HELP capi_workers_configured Worker processes the pool keeps.\n";
  out += "# TYPE capi_workers_configured gauge\n";
  out += "capi_workers_configured " + std::to_string(workers_configured) + "\n";
  out += "# HELP capi_database_errors_total Requests that failed on a database error.\n";
  out += "# TYPE capi_database_errors_total counter\n";
  out += "capi_database_errors_total " + std::to_string(data_->database_errors.load()) + "\n";
  return out;
}

}  // namespace capi::api
