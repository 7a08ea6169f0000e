#include "load.hpp"

#include <chrono>
#include <future>

namespace capi::test {

std::string LoadResult::summary() const {
  std::string text = "total " + std::to_string(total) + ":";
  for (const auto& [status, count] : by_status) {
    text += " " + std::to_string(status) + "x" + std::to_string(count);
  }
  for (const auto& body : unexpected) text += "\n  " + body;
  return text;
}

LoadResult run_load(const std::string& base_url, const std::string& path, const Headers& headers,
                    int requests, int connections, int pace_ms) {
  LoadResult result;
  std::mutex mutex;
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < connections; ++t) {
    threads.emplace_back([&] {
      HttpClient http(base_url);
      while (next.fetch_add(1) < requests) {
        const auto response = http.get(path, headers);
        {
          const std::lock_guard<std::mutex> lock(mutex);
          ++result.total;
          ++result.by_status[response.status];
          if (response.status == 503 && !response.header("retry-after").empty()) {
            ++result.with_retry_after_503;
          }
          if ((response.status < 200 || response.status > 299) && result.unexpected.size() < 5) {
            result.unexpected.push_back(std::to_string(response.status) + " " +
                                        response.transport_error + " " +
                                        response.body.substr(0, 300));
          }
        }
        if (pace_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(pace_ms));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return result;
}

LoadResult run_load_during(const std::string& base_url, const std::string& path,
                           const Headers& headers, int requests, int connections, int pace_ms,
                           const std::function<void()>& during) {
  auto load = std::async(std::launch::async, [&] {
    return run_load(base_url, path, headers, requests, connections, pace_ms);
  });
  during();
  return load.get();
}

}  // namespace capi::test
