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
#include "limits/token_buckets.hpp"
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

// How many unknown keys a client address may try per window before its attempts are refused
// (429) without a database query: a stream of random keys costs the database a bounded
// number of lookups, whatever its length.
struct FailedKeyLimit {
  limits::TokenBuckets* buckets;  // the host's shared table
  int per_window;
  std::chrono::milliseconds window;
};

class Authenticator {
 public:
  Authenticator(store::Connection& db, int default_rate_limit, FailedKeyLimit failed_keys)
      : db_(db), default_rate_limit_(default_rate_limit), failed_keys_(failed_keys) {}

  // The caller behind the request's key; throws ApiError 401 when there is none, 429 when the
  // client's address has tried too many unknown keys lately.
  Caller authenticate(const http::Request& request);

 private:
  struct Entry {
    std::optional<Caller> caller;  // nullopt: unknown or revoked
    std::chrono::steady_clock::time_point fetched;
  };

  // The bucket of failed attempts from the request's client address.
  std::string failure_bucket(const http::Request& request) const;

  store::Connection& db_;
  int default_rate_limit_;
  FailedKeyLimit failed_keys_;
  std::unordered_map<std::string, Entry> cache_;
};

}  // namespace capi::api
