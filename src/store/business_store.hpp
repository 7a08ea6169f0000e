// Businesses (tenants) and their API keys.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace capi::store {

struct Business {
  std::string id;
  std::string name;
  std::string currency;
  std::string country;
  std::string created_at;  // RFC 3339 with milliseconds, UTC
};

struct ApiKeyRecord {
  std::string id;
  std::string business_id;
  std::string prefix;
  bool read_only = false;
  std::optional<int> rate_limit;
  std::string created_at;
  std::optional<std::string> revoked_at;
  // The key's business, joined in by find_active_by_hash (empty elsewhere).
  std::string business_currency;
  std::string business_country;
};

class BusinessStore {
 public:
  explicit BusinessStore(Connection& connection) : connection_(connection) {}

  Business create(const std::string& id, const std::string& name, const std::string& currency,
                  const std::string& country) const;
  std::optional<Business> find(const std::string& id) const;
  std::vector<Business> list() const;

 private:
  Connection& connection_;
};

class KeyStore {
 public:
  explicit KeyStore(Connection& connection) : connection_(connection) {}

  ApiKeyRecord create(const std::string& id, const std::string& business_id,
                      const std::string& key_hash_hex, const std::string& prefix, bool read_only,
                      std::optional<int> rate_limit) const;
  // The active (not revoked) key with this hash.
  std::optional<ApiKeyRecord> find_active_by_hash(const std::string& key_hash_hex) const;
  std::vector<ApiKeyRecord> list(const std::optional<std::string>& business_id) const;
  // Revokes by id or by prefix; returns the keys revoked now (none if unknown or already).
  std::vector<ApiKeyRecord> revoke(const std::string& id_or_prefix) const;
  // Sets the budget of the active key(s) with this id or prefix (nullopt: the configured
  // default); returns the keys changed.
  std::vector<ApiKeyRecord> set_rate_limit(const std::string& id_or_prefix,
                                           std::optional<int> rate_limit) const;

 private:
  Connection& connection_;
};

}  // namespace capi::store
