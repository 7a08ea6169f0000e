// Concurrent requests for the fault tests: N requests over C connections (threads), every
// answer counted. Counts and correctness only; nothing here measures speed.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http_client.hpp"

namespace capi::test {

struct LoadResult {
  std::map<long, int> by_status;  // 0 = transport error
  int total = 0;
  int with_retry_after_503 = 0;         // 503 answers that carried Retry-After
  std::vector<std::string> unexpected;  // first few bodies of non-2xx answers, for messages

  int count(long status) const {
    const auto it = by_status.find(status);
    return it == by_status.end() ? 0 : it->second;
  }
  std::string summary() const;
};

// Sends `requests` GETs of `path` over `connections` threads; `pace_ms` between a thread's
// requests (0: back to back). `on_progress(sent)` is called by thread 0 after each request.
LoadResult run_load(const std::string& base_url, const std::string& path, const Headers& headers,
                    int requests, int connections, int pace_ms = 0);

// Runs the load in the background while `during` runs, then waits for the load to end.
LoadResult run_load_during(const std::string& base_url, const std::string& path,
                           const Headers& headers, int requests, int connections, int pace_ms,
                           const std::function<void()>& during);

}  // namespace capi::test
