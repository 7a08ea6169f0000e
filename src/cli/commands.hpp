// The operator's subcommands: serve, migrate, business, key, check-config, encryption, seed,
// version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cli/seed_command.hpp"

namespace capi::cli {

// Exit codes: 0 done; 1 the operation failed (database, conflict); 2 bad configuration or
// usage.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

int serve(const std::string& config_path);
int migrate(const std::string& config_path);
int check_config(const std::string& config_path);
int business_create(const std::string& config_path, const std::string& name,
                    const std::string& currency, const std::string& country);
int business_list(const std::string& config_path);
int key_create(const std::string& config_path, const std::string& business_id, bool read_only,
               std::optional<int> rate_limit);
int key_list(const std::string& config_path, const std::optional<std::string>& business_id);
// Writes encryption-1.key and blind-index.key into `key_dir` unless present.
int encryption_init(const std::string& key_dir);
// Adds the next encryption key to the configured key_dir.
int encryption_add_key(const std::string& config_path);
// Seals every ciphertext again under the active (newest) key.
int encryption_rotate(const std::string& config_path);
// Counts the ciphertexts under each key id; exit 1 when some are under a key that is gone.
int encryption_status(const std::string& config_path);
int key_revoke(const std::string& config_path, const std::string& id_or_prefix);
// Changes a key's budget (requests a minute, or "default"); workers apply it within 2 s.
int key_set_rate_limit(const std::string& config_path, const std::string& id_or_prefix,
                       const std::string& budget);
struct ExportOptions {
  std::string business_id;
  std::string format = "ndjson";
  std::string status = "active";
};
// Writes a business's customers to stdout, decrypted (NDJSON or CSV, as GET
// /v1/customers/export); exit 1 when some field did not decrypt.
int export_customers(const std::string& config_path, const ExportOptions& options);

// Loads generated customers into a business (benchmark data, deterministic for the seed)
// by running customer-api-seed from this binary's folder in this process (exec): its output
// and exit status are the command's (see src/seed/loader.cpp). 1 when the seeder is missing.
int seed(const std::string& config_path, const SeedOptions& options);

}  // namespace capi::cli
