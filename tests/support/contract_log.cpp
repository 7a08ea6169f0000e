#include "contract_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string_view>

#include "crypto/random.hpp"
#include "json/writer.hpp"
#include "server/unique_fd.hpp"

namespace capi::test {
namespace {

constexpr std::string_view kKeptRequestHeaders[] = {"content-type", "if-match", "idempotency-key",
                                                    "x-request-id"};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return text;
}

// Writes `text` as a JSON string member when it is valid UTF-8, else as base64url under
// `<name>Base64` (the tests send invalid UTF-8 on purpose).
void text_member(json::Writer& writer, std::string_view name, const std::string& text) {
  json::Buffer probe;
  rapidjson::Writer<json::Buffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                    rapidjson::kWriteValidateEncodingFlag>
      validating(probe);
  if (validating.String(text.data(), static_cast<rapidjson::SizeType>(text.size()))) {
    json::field(writer, name, text);
  } else {
    json::field(writer, std::string(name) + "Base64", crypto::base64url(text));
  }
}

class ContractLog {
 public:
  static ContractLog& instance() {
    static ContractLog log;
    return log;
  }

  bool enabled() const { return fd_.valid(); }

  void append(const std::string& line) {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::size_t written = 0;
    while (written < line.size()) {
      const ssize_t n = ::write(fd_.get(), line.data() + written, line.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error("cannot write the contract log " + path_);
      written += static_cast<std::size_t>(n);
    }
  }

 private:
  ContractLog() {
    const char* const path = std::getenv("CAPI_CONTRACT_LOG");
    if (path == nullptr || *path == '\0') return;
    path_ = path;
    const auto parent = std::filesystem::path(path_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    fd_.reset(::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644));
    if (!fd_.valid()) throw std::runtime_error("cannot open the contract log " + path_);
  }

  std::string path_;
  server::UniqueFd fd_;
  std::mutex mutex_;
};

}  // namespace

void record_exchange(const std::string& method, const std::string& path, const Headers& headers,
                     const std::string& body, const HttpResponse& response) {
  ContractLog& log = ContractLog::instance();
  if (!log.enabled()) return;

  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::field(writer, "method", method);
  json::field(writer, "path", path);
  json::key(writer, "requestHeaders");
  writer.StartObject();
  for (const auto& [name, value] : headers) {
    const std::string key = lower(name);
    if (std::find(std::begin(kKeptRequestHeaders), std::end(kKeptRequestHeaders), key) !=
        std::end(kKeptRequestHeaders)) {
      text_member(writer, key, value);
    }
  }
  writer.EndObject();
  text_member(writer, "requestBody", body);
  json::key(writer, "status");
  writer.Int64(response.status);
  if (!response.transport_error.empty()) {
    json::field(writer, "transportError", response.transport_error);
  }
  json::key(writer, "responseHeaders");
  writer.StartObject();
  for (const auto& [name, value] : response.headers) text_member(writer, name, value);
  writer.EndObject();
  text_member(writer, "responseBody", response.body);
  writer.EndObject();
  log.append(json::text(buffer) + "\n");
}

}  // namespace capi::test
