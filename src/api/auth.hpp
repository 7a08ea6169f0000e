// API-key authentication. A key arrives in one of three headers; it is looked up by its
// SHA-256. A worker remembers answers for a short while (kCacheTtl) so that a busy key costs
// no query per request, yet a revoked key stops working everywhere within 5 seconds.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "api/context.hpp"
#include "http/message.hpp"
#include "store/connection.hpp"

namespace capi::api {

constexpr auto kCacheTtl = std::chrono::seconds(2);

// The key from `Authorization: Bearer <key>`, `Authorization: <key>` or `X-Tenant-Api-Key`.
// nullopt when none is present; an empty view when a header is present but holds no key.
std::optional<std::string_view> extract_api_key(const http::Request& request);

// The SHA-256 of a key, hex: how keys are stored and looked up.
std::string hash_api_key(std::string_view key);

// A new key: "capi_" and 43 base64url characters (256 random bits), its listing prefix
// (the first 12 characters) and its hash. The key itself is shown once and never stored.
struct NewApiKey {
  std::string key;
  std::string prefix;
  std::string hash;
};
NewApiKey new_api_key();

class Authenticator {
 public:
  Authenticator(store::Connection& db, int default_rate_limit)
      : db_(db), default_rate_limit_(default_rate_limit) {}

  // The caller behind the request's key; throws ApiError 401 when there is none.
  Caller authenticate(const http::Request& request);

 private:
  struct Entry {
    std::optional<Caller> caller;  // nullopt: unknown or revoked
    std::chrono::steady_clock::time_point fetched;
  };

  store::Connection& db_;
  int default_rate_limit_;
  std::unordered_map<std::string, Entry> cache_;
};

}  // namespace capi::api
