#include "store/business_store.hpp"

namespace capi::store {
namespace {

// Times leave the database already in the API's format.
#define CAPI_TS(column) \
  "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

constexpr Statement kInsertBusiness{
    "business_insert",
    "INSERT INTO businesses (id, name, currency, country) VALUES ($1, $2, $3, $4)"
    " RETURNING id, name, currency, country, " CAPI_TS("created_at")};
constexpr Statement kFindBusiness{
    "business_find",
    "SELECT id, name, currency, country, " CAPI_TS("created_at") " FROM businesses WHERE id = $1"};
constexpr Statement kListBusinesses{
    "business_list",
    "SELECT id, name, currency, country, " CAPI_TS("created_at") " FROM businesses ORDER BY id"};

#define CAPI_KEY_COLUMNS                                                 \
  "id, business_id, prefix, access = 'read_only', rate_limit, " CAPI_TS( \
      "created_at") ", " CAPI_TS("revoked_at")

constexpr Statement kInsertKey{
    "key_insert",
    "INSERT INTO api_keys (id, business_id, key_hash, prefix, access, rate_limit)"
    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " CAPI_KEY_COLUMNS};
constexpr Statement kFindKey{
    "key_find_active",
    "SELECT k.id, k.business_id, k.prefix, k.access = 'read_only', k.rate_limit,"
    " " CAPI_TS("k.created_at") ", " CAPI_TS("k.revoked_at") ", b.currency, b.country"
    " FROM api_keys k JOIN businesses b ON b.id = k.business_id"
    " WHERE k.key_hash = $1 AND k.revoked_at IS NULL"};
constexpr Statement kListKeys{"key_list",
                              "SELECT " CAPI_KEY_COLUMNS
                              " FROM api_keys WHERE $1::text IS NULL OR business_id = $1"
                              " ORDER BY business_id, id"};
constexpr Statement kRevokeKey{"key_revoke",
                               "UPDATE api_keys SET revoked_at = now()"
                               " WHERE (id = $1 OR prefix = $1) AND revoked_at IS NULL"
                               " RETURNING " CAPI_KEY_COLUMNS};

constexpr Statement kSetRateLimit{"key_set_rate_limit",
                                  "UPDATE api_keys SET rate_limit = $2::integer"
                                  " WHERE (id = $1 OR prefix = $1) AND revoked_at IS NULL"
                                  " RETURNING " CAPI_KEY_COLUMNS};

Business business_from(const Result& result, int row) {
  return Business{result.str(row, 0), result.str(row, 1), result.str(row, 2), result.str(row, 3),
                  result.str(row, 4)};
}

ApiKeyRecord key_from(const Result& result, int row) {
  ApiKeyRecord key;
  key.id = result.str(row, 0);
  key.business_id = result.str(row, 1);
  key.prefix = result.str(row, 2);
  key.read_only = result.boolean(row, 3);
  if (!result.is_null(row, 4)) key.rate_limit = static_cast<int>(result.integer(row, 4));
  key.created_at = result.str(row, 5);
  key.revoked_at = result.optional_str(row, 6);
  return key;
}

std::vector<ApiKeyRecord> keys_from(const Result& result) {
  std::vector<ApiKeyRecord> keys;
  keys.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) keys.push_back(key_from(result, row));
  return keys;
}

}  // namespace

Business BusinessStore::create(const std::string& id, const std::string& name,
                               const std::string& currency, const std::string& country) const {
  return business_from(connection_.exec(kInsertBusiness, {id, name, currency, country}), 0);
}

std::optional<Business> BusinessStore::find(const std::string& id) const {
  const Result result = connection_.exec(kFindBusiness, {id});
  if (result.empty()) return std::nullopt;
  return business_from(result, 0);
}

std::vector<Business> BusinessStore::list() const {
  const Result result = connection_.exec(kListBusinesses, {});
  std::vector<Business> businesses;
  businesses.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) businesses.push_back(business_from(result, row));
  return businesses;
}

ApiKeyRecord KeyStore::create(const std::string& id, const std::string& business_id,
                              const std::string& key_hash_hex, const std::string& prefix,
                              bool read_only, std::optional<int> rate_limit) const {
  const std::string access = read_only ? "read_only" : "read_write";
  const std::optional<std::string> limit =
      rate_limit ? std::optional<std::string>(std::to_string(*rate_limit)) : std::nullopt;
  const Param limit_param = limit ? Param(*limit) : std::nullopt;
  return key_from(
      connection_.exec(kInsertKey, {id, business_id, key_hash_hex, prefix, access, limit_param}),
      0);
}

std::optional<ApiKeyRecord> KeyStore::find_active_by_hash(const std::string& key_hash_hex) const {
  const Result result = connection_.exec(kFindKey, {key_hash_hex});
  if (result.empty()) return std::nullopt;
  ApiKeyRecord key = key_from(result, 0);
  key.business_currency = result.str(0, 7);
  key.business_country = result.str(0, 8);
  return key;
}

std::vector<ApiKeyRecord> KeyStore::list(const std::optional<std::string>& business_id) const {
  const Param filter = business_id ? Param(*business_id) : std::nullopt;
  return keys_from(connection_.exec(kListKeys, {filter}));
}

std::vector<ApiKeyRecord> KeyStore::revoke(const std::string& id_or_prefix) const {
  return keys_from(connection_.exec(kRevokeKey, {id_or_prefix}));
}

std::vector<ApiKeyRecord> KeyStore::set_rate_limit(const std::string& id_or_prefix,
                                                   std::optional<int> rate_limit) const {
  const std::optional<std::string> limit =
      rate_limit ? std::optional<std::string>(std::to_string(*rate_limit)) : std::nullopt;
  const Param limit_param = limit ? Param(*limit) : std::nullopt;
  return keys_from(connection_.exec(kSetRateLimit, {id_or_prefix, limit_param}));
}

}  // namespace capi::store
