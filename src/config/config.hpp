// The service's configuration: an INI-style file of flat `key = value` lines, each key
// overridable from the environment as CUSTOMER_API_<KEY>. Table-driven, as php-fpm's
// fpm_conf.c: one row per option, a setter that returns an error, cross-field checks apart.
#pragma once

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace capi::config {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

struct Config {
  std::string database_url = "postgresql:///customer_api";  // the service: a data-only role
  // The role that owns the schema, for `migrate` (and the seed's VACUUM); empty: database_url.
  std::string owner_database_url;
  std::string listen = "unix:/run/customer-api/fcgi.sock";
  unsigned listen_mode = 0660;
  int workers = 4;
  long max_requests = 10000;
  std::chrono::milliseconds request_timeout{30000};
  std::chrono::milliseconds shutdown_timeout{30000};
  // A request that waited longer than this for a free worker (measured from nginx's
  // REQUEST_START) is answered 503 with Retry-After instead of being run; 0: never.
  std::chrono::milliseconds queue_timeout{5000};
  std::string key_dir;           // encryption-<N>.key and blind-index.key; empty: not configured
  int rate_limit_default = 100;  // requests per rate_limit_window per key
  // Per-key budgets (API.md, "Rate limits"): off, no bucket is charged and no answer carries
  // X-RateLimit-*; the failed-key limit per address (failed_key_limit) stays.
  bool rate_limits = true;
  // The period a key's budget covers: the contract's minute (shorter only in tests).
  std::chrono::milliseconds rate_limit_window{60000};
  // Hosts that share each key's budget: each host enforces budget / hosts (rounded up).
  int rate_limit_hosts = 1;
  // Unknown keys a client address may try per rate_limit_window before it gets 429 without a
  // database lookup.
  int failed_key_limit = 30;
  LogLevel log_level = LogLevel::kInfo;
  // What a worker's database session may spend (store::SessionLimits): a statement, a lock
  // wait, an open transaction left idle, and a database host that stops answering.
  std::chrono::milliseconds db_statement_timeout{10000};
  std::chrono::milliseconds db_lock_timeout{3000};
  std::chrono::milliseconds db_idle_in_transaction_timeout{15000};
  std::chrono::milliseconds db_peer_timeout{15000};
};

// A configuration that cannot be used; what() is one line naming the key and the problem.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads `path` (empty: no file, defaults only), then the environment. Throws ConfigError.
Config load(const std::string& path, char** environ_vars);

// Applies `key = value` from a file or the environment; throws ConfigError on a bad value.
void set_option(Config& config, const std::string& key, const std::string& value);

// Cross-field checks and files that must exist; throws ConfigError.
void validate(const Config& config);

// The effective configuration as `key = value` lines, secrets masked.
std::string describe(const Config& config);

// Parses "250ms", "30s", "2m" or a plain number of seconds.
std::chrono::milliseconds parse_duration(const std::string& text);

// The connection for schema changes: owner_database_url, else database_url.
const std::string& owner_url(const Config& config);

// database_url with any password replaced by "****" (URI or key=value conninfo).
std::string mask_database_url(const std::string& url);

const char* log_level_name(LogLevel level);

}  // namespace capi::config
