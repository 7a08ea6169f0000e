#include "api/auth.hpp"

#include <strings.h>

#include "api/error.hpp"
#include "crypto/random.hpp"
#include "store/business_store.hpp"

namespace capi::api {
namespace {

constexpr std::size_t kMaxCacheEntries = 10000;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string_view> extract_api_key(const http::Request& request) {
  const auto authorization = trim(request.param("HTTP_AUTHORIZATION"));
  if (!authorization.empty()) {
    constexpr std::string_view kBearer = "bearer ";
    if (authorization.size() >= kBearer.size() &&
        strncasecmp(authorization.data(), kBearer.data(), kBearer.size()) == 0) {
      return trim(authorization.substr(kBearer.size()));
    }
    if (strncasecmp(authorization.data(), "bearer", authorization.size()) == 0 &&
        authorization.size() == kBearer.size() - 1) {
      return std::string_view{};  // "Bearer" with nothing after it
    }
    // A bare key; anything with a space is another scheme (Basic ...), which we do not take.
    if (authorization.find(' ') != std::string_view::npos) return std::string_view{};
    return authorization;
  }
  const auto tenant_key = trim(request.param("HTTP_X_TENANT_API_KEY"));
  if (request.params.find("HTTP_X_TENANT_API_KEY").has_value()) return tenant_key;
  return std::nullopt;
}

std::string hash_api_key(std::string_view key) {
  return crypto::to_hex(crypto::sha256(key));
}

std::string Authenticator::failure_bucket(const http::Request& request) const {
  // Key ids are hex: this name can never be one.
  return "unknown-keys@" + std::string(request.param("REMOTE_ADDR"));
}

NewApiKey new_api_key() {
  const std::string key = "capi_" + crypto::base64url(crypto::random_bytes(32));
  return NewApiKey{key, key.substr(0, 12), hash_api_key(key)};
}

Caller Authenticator::authenticate(const http::Request& request) {
  const auto key = extract_api_key(request);
  if (!key) {
    throw ApiError::unauthenticated(
        "No API key: send it as Authorization: Bearer <key> or X-Tenant-Api-Key");
  }
  if (key->empty() || key->size() > 256) throw ApiError::unauthenticated("Invalid API key");

  const std::string hash = hash_api_key(*key);
  const auto now = std::chrono::steady_clock::now();
  auto it = cache_.find(hash);
  if (it == cache_.end() || now - it->second.fetched > kCacheTtl) {
    // Before the lookup of a key this worker has never seen valid: an address that has spent
    // its failures gets no more queries. A key already known valid is read again whatever
    // its address did, so that a client sharing an address with someone trying random keys
    // keeps working.
    const std::string bucket = failure_bucket(request);
    const bool known_valid = it != cache_.end() && it->second.caller.has_value();
    if (!known_valid) {
      const auto failures = failed_keys_.buckets->peek(bucket, failed_keys_.per_window,
                                                       failed_keys_.window, now.time_since_epoch());
      if (!failures.allowed) throw ApiError::rate_limited(failures.retry_after_seconds);
    }
    if (cache_.size() >= kMaxCacheEntries) cache_.clear();
    store::KeyStore keys(db_);
    const auto record = keys.find_active_by_hash(hash);
    Entry entry{std::nullopt, now};
    if (record) {
      entry.caller =
          Caller{record->business_id,       record->id,
                 record->read_only,         record->rate_limit.value_or(default_rate_limit_),
                 record->business_currency, record->business_country};
    }
    if (!entry.caller) {
      failed_keys_.buckets->take(bucket, failed_keys_.per_window, failed_keys_.window,
                                 now.time_since_epoch());
    }
    it = cache_.insert_or_assign(hash, std::move(entry)).first;
  }
  if (!it->second.caller) throw ApiError::unauthenticated("Invalid or revoked API key");
  return *it->second.caller;
}

}  // namespace capi::api
