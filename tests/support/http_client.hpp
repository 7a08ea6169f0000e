// A libcurl client for the integration tests: one easy handle per client (one per thread).
#pragma once

#include <curl/curl.h>
#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace capi::test {

struct HttpResponse {
  long status = 0;                             // 0 when the request failed at the transport
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string transport_error;

  std::string header(const std::string& name) const;
  // The body as JSON; a failed parse gives a document whose HasParseError() is true.
  rapidjson::Document json() const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse request(const std::string& method, const std::string& path,
                       const Headers& headers = {}, const std::string& body = {});
  HttpResponse get(const std::string& path, const Headers& headers = {}) {
    return request("GET", path, headers);
  }

 private:
  std::string base_url_;
  CURL* curl_;
};

// Authorization: Bearer <key>
Headers bearer(const std::string& key);

}  // namespace capi::test
