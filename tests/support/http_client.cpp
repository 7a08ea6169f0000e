#include "http_client.hpp"

#include <algorithm>
#include <stdexcept>

#include "contract_log.hpp"

namespace capi::test {
namespace {

struct GlobalInit {
  GlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~GlobalInit() { curl_global_cleanup(); }
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* const headers = static_cast<std::map<std::string, std::string>*>(user);
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    std::string value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    (*headers)[name] = value;
  } else if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();  // a new response (after a 100 Continue)
  }
  return size * count;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

rapidjson::Document HttpResponse::json() const {
  rapidjson::Document document;
  document.Parse(body.c_str(), body.size());
  return document;
}

HttpClient::HttpClient(std::string base_url) : base_url_(std::move(base_url)) {
  static GlobalInit init;
  curl_ = curl_easy_init();
  if (curl_ == nullptr) throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(curl_);
}

HttpResponse HttpClient::request(const std::string& method, const std::string& path,
                                 const Headers& headers, const std::string& body) {
  HttpResponse response;
  curl_easy_reset(curl_);
  const std::string url = base_url_ + path;
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "HEAD") curl_easy_setopt(curl_, CURLOPT_NOBODY, 1L);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  std::unique_ptr<curl_slist, SlistDeleter> list;
  curl_slist* raw = curl_slist_append(nullptr, "Expect:");
  for (const auto& [name, value] : headers) {
    raw = curl_slist_append(raw, (name + ": " + value).c_str());
  }
  list.reset(raw);
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  const CURLcode code = curl_easy_perform(curl_);
  if (code != CURLE_OK) {
    response.transport_error = curl_easy_strerror(code);
  } else {
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &response.status);
  }
  record_exchange(method, path, headers, body, response);
  return response;
}

Headers bearer(const std::string& key) {
  return {{"Authorization", "Bearer " + key}};
}

}  // namespace capi::test
