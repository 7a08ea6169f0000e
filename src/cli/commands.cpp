#include "cli/commands.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <iostream>

#include "api/app.hpp"
#include "api/auth.hpp"
#include "cli/load_config.hpp"
#include "config/config.hpp"
#include "crypto/keyring.hpp"
#include "domain/iso_codes.hpp"
#include "domain/object_id.hpp"
#include "domain/reference_data.hpp"
#include "limits/token_buckets.hpp"
#include "log/log.hpp"
#include "server/hardening.hpp"
#include "server/pool.hpp"
#include "store/business_store.hpp"
#include "store/migrations.hpp"

extern char** environ;

namespace capi::cli {
namespace {

enum class Role { kService, kOwner };

// Runs `body` with the loaded configuration and a connection as `role` (the schema's owner
// only for migrations); maps failures to exit codes and one-line messages on stderr.
template <typename Body>
int with_database(const std::string& config_path, Body body, Role role = Role::kService) {
  const auto config = load_config(config_path);
  if (!config) return kExitUsage;
  try {
    store::Connection connection(
        role == Role::kOwner ? config::owner_url(*config) : config->database_url,
        "customer-api-cli");
    return body(connection);
  } catch (const store::DbError& error) {
    std::cerr << "customer-api: database error: " << error.what() << '\n';
  } catch (const store::MigrationError& error) {
    std::cerr << "customer-api: migration refused: " << error.what() << '\n';
  }
  return kExitFailed;
}

}  // namespace

int serve(const std::string& config_path) {
  try {
    // Counters shared by all workers: mapped here, before the pool forks them.
    static api::Metrics metrics = api::Metrics::create_shared();
    // The rate-limit buckets too: shared by every worker, kept across reloads and crashes.
    static limits::TokenBuckets buckets = limits::TokenBuckets::create_shared();
    const server::GenerationLoader load = [config_path]() {
      const config::Config config = config::load(config_path, environ);
      log::set_level(config.log_level);
      if (config.key_dir.empty()) {
        throw config::ConfigError(
            "key_dir: must be set to serve (customer-api encryption init --key-dir DIR makes one)");
      }
      // Loaded in the master, once per generation: a bad key file refuses the start or the
      // reload instead of failing every worker.
      const auto keys =
          std::make_shared<const crypto::Keyring>(crypto::Keyring::load(config.key_dir));
      if (!keys->lock_in_memory()) log::warn("the keys could not be locked in memory (mlock)");
      server::Generation generation;
      generation.settings.listen = config.listen;
      generation.settings.listen_mode = config.listen_mode;
      generation.settings.workers = config.workers;
      generation.settings.max_requests = config.max_requests;
      generation.settings.request_timeout = config.request_timeout;
      generation.settings.shutdown_timeout = config.shutdown_timeout;
      generation.make_app = [config, keys](const server::PoolView& pool) {
        return std::make_unique<api::App>(config, pool, &metrics, buckets, keys);
      };
      return generation;
    };
    // ICU's country names and libphonenumber's metadata load lazily and slowly: load them
    // once here, so that forked workers share them instead of each paying on first use.
    domain::preload_reference_data();
    if (const auto problem = server::forbid_core_dumps(); !problem.empty()) {
      log::warn("core dumps could not be turned off: " + problem);
    }
    return server::run_pool(load);
  } catch (const std::exception& error) {
    std::cerr << "customer-api: " << error.what() << '\n';
    return kExitUsage;
  }
}

int migrate(const std::string& config_path) {
  return with_database(
      config_path,
      [](store::Connection& connection) {
        const auto applied = store::migrate(connection, store::embedded_migrations());
        for (const auto& name : applied) std::cout << "applied " << name << '\n';
        std::cout << (applied.empty() ? "database is up to date" : "migrations complete") << " ("
                  << store::embedded_migrations().size() << " known)\n";
        return kExitOk;
      },
      Role::kOwner);
}

int check_config(const std::string& config_path) {
  const auto config = load_config(config_path);
  if (!config) return kExitUsage;
  std::cout << config::describe(*config);
  return kExitOk;
}

int business_create(const std::string& config_path, const std::string& name,
                    const std::string& currency, const std::string& country) {
  if (name.empty() || name.size() > 200) {
    std::cerr << "customer-api: --name must be 1 to 200 characters\n";
    return kExitUsage;
  }
  if (!domain::is_currency_code(currency)) {
    std::cerr << "customer-api: --currency \"" << currency << "\" is not an ISO 4217 code\n";
    return kExitUsage;
  }
  if (!domain::is_country_code(country)) {
    std::cerr << "customer-api: --country \"" << country
              << "\" is not an ISO 3166-1 alpha-2 code\n";
    return kExitUsage;
  }
  return with_database(config_path, [&](store::Connection& connection) {
    store::BusinessStore businesses(connection);
    const auto business = businesses.create(domain::new_random_id(), name, currency, country);
    std::cout << business.id << '\n';
    return kExitOk;
  });
}

int business_list(const std::string& config_path) {
  return with_database(config_path, [](store::Connection& connection) {
    store::BusinessStore businesses(connection);
    for (const auto& business : businesses.list()) {
      std::cout << business.id << '\t' << business.currency << '\t' << business.country << '\t'
                << business.created_at << '\t' << business.name << '\n';
    }
    return kExitOk;
  });
}

int key_create(const std::string& config_path, const std::string& business_id, bool read_only,
               std::optional<int> rate_limit) {
  if (!domain::is_object_id(business_id)) {
    std::cerr << "customer-api: --business must be a business id (24 hex characters)\n";
    return kExitUsage;
  }
  if (rate_limit && *rate_limit <= 0) {
    std::cerr << "customer-api: --rate-limit must be a positive number of requests a minute\n";
    return kExitUsage;
  }
  return with_database(config_path, [&](store::Connection& connection) {
    store::BusinessStore businesses(connection);
    if (!businesses.find(business_id)) {
      std::cerr << "customer-api: no business " << business_id << '\n';
      return kExitFailed;
    }
    const api::NewApiKey key = api::new_api_key();
    store::KeyStore keys(connection);
    keys.create(domain::new_random_id(), business_id, key.hash, key.prefix, read_only, rate_limit);
    // The key itself goes to stdout once, alone on its line, for scripts; nothing stores it.
    std::cout << key.key << '\n';
    return kExitOk;
  });
}

int key_list(const std::string& config_path, const std::optional<std::string>& business_id) {
  return with_database(config_path, [&](store::Connection& connection) {
    store::KeyStore keys(connection);
    std::cout << "id\tbusiness\tprefix\taccess\trate_limit\tcreated\trevoked\n";
    for (const auto& key : keys.list(business_id)) {
      std::cout << key.id << '\t' << key.business_id << '\t' << key.prefix << "...\t"
                << (key.read_only ? "read_only" : "read_write") << '\t'
                << (key.rate_limit ? std::to_string(*key.rate_limit) : "default") << '\t'
                << key.created_at << '\t' << key.revoked_at.value_or("-") << '\n';
    }
    return kExitOk;
  });
}

int encryption_init(const std::string& key_dir) {
  try {
    const bool wrote = crypto::Keyring::initialise(key_dir);
    std::cout << (wrote ? "wrote keys to " : "keys already present in ") << key_dir << '\n';
    return kExitOk;
  } catch (const std::exception& error) {
    std::cerr << "customer-api: " << error.what() << '\n';
    return kExitFailed;
  }
}

int encryption_add_key(const std::string& config_path) {
  const auto config = load_config(config_path, "add a key");
  if (!config) return kExitUsage;
  try {
    const auto id = crypto::Keyring::add_encryption_key(config->key_dir);
    std::cout << "added encryption-" << id << ".key; reload the service (SIGHUP), then run "
              << "`customer-api encryption rotate`\n";
    return kExitOk;
  } catch (const std::exception& error) {
    std::cerr << "customer-api: " << error.what() << '\n';
    return kExitFailed;
  }
}

int key_revoke(const std::string& config_path, const std::string& id_or_prefix) {
  return with_database(config_path, [&](store::Connection& connection) {
    store::KeyStore keys(connection);
    const auto revoked = keys.revoke(id_or_prefix);
    if (revoked.empty()) {
      std::cerr << "customer-api: no active key with id or prefix " << id_or_prefix << '\n';
      return kExitFailed;
    }
    for (const auto& key : revoked)
      std::cout << "revoked " << key.id << " (" << key.prefix << "...)\n";
    return kExitOk;
  });
}

int key_set_rate_limit(const std::string& config_path, const std::string& id_or_prefix,
                       const std::string& budget) {
  std::optional<int> rate_limit;
  if (budget != "default") {
    int value = 0;
    const auto [end, error] = std::from_chars(budget.data(), budget.data() + budget.size(), value);
    if (error != std::errc{} || end != budget.data() + budget.size() || value <= 0) {
      std::cerr << "customer-api: the budget must be a positive number of requests a minute, "
                   "or \"default\"\n";
      return kExitUsage;
    }
    rate_limit = value;
  }
  return with_database(config_path, [&](store::Connection& connection) {
    store::KeyStore keys(connection);
    const auto changed = keys.set_rate_limit(id_or_prefix, rate_limit);
    if (changed.empty()) {
      std::cerr << "customer-api: no active key with id or prefix " << id_or_prefix << '\n';
      return kExitFailed;
    }
    // Workers read a key again within 2 s (api/auth.hpp): no restart.
    for (const auto& key : changed) {
      std::cout << "rate limit of " << key.id << " (" << key.prefix << "...) is now "
                << (rate_limit ? std::to_string(*rate_limit) : std::string("the default"))
                << "; every worker applies it within 2 s\n";
    }
    return kExitOk;
  });
}

}  // namespace capi::cli
