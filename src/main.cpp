// customer-api: one binary, one subcommand per operation (`seed` runs customer-api-seed).
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>

#include "cli/commands.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"customer-api: a multi-tenant customers REST API (FastCGI pool)"};
  app.require_subcommand(1);
  std::string config_path;
  if (const char* env = std::getenv("CUSTOMER_API_CONFIG")) config_path = env;
  app.add_option("-c,--config", config_path,
                 "config file (default: $CUSTOMER_API_CONFIG; none: defaults and environment)");

  int exit_code = capi::cli::kExitOk;
  auto* serve = app.add_subcommand("serve", "run the prefork FastCGI worker pool");
  serve->callback([&] { exit_code = capi::cli::serve(config_path); });

  auto* migrate = app.add_subcommand("migrate", "apply the pending schema migrations");
  migrate->callback([&] { exit_code = capi::cli::migrate(config_path); });

  auto* check = app.add_subcommand("check-config", "validate and print the effective config");
  check->callback([&] { exit_code = capi::cli::check_config(config_path); });

  auto* version = app.add_subcommand("version", "print the version");
  version->callback([] { std::cout << "customer-api " << CAPI_VERSION << '\n'; });

  auto* business = app.add_subcommand("business", "manage businesses (tenants)");
  business->require_subcommand(1);
  std::string name, currency, country;
  auto* business_create = business->add_subcommand("create", "create a business; prints its id");
  business_create->add_option("--name", name, "display name")->required();
  business_create->add_option("--currency", currency, "ISO 4217 code, e.g. KES")->required();
  business_create->add_option("--country", country, "ISO 3166-1 alpha-2 code, e.g. KE")->required();
  business_create->callback(
      [&] { exit_code = capi::cli::business_create(config_path, name, currency, country); });
  auto* business_list = business->add_subcommand("list", "list businesses");
  business_list->callback([&] { exit_code = capi::cli::business_list(config_path); });

  auto* key = app.add_subcommand("key", "manage API keys");
  key->require_subcommand(1);
  std::string business_id;
  bool read_only = false;
  std::optional<int> rate_limit;
  auto* key_create = key->add_subcommand("create", "create a key; prints it once");
  key_create->add_option("--business", business_id, "business id")->required();
  key_create->add_flag("--read-only", read_only, "refuse writes with this key");
  key_create->add_option("--rate-limit", rate_limit, "requests per minute (default: config)");
  key_create->callback(
      [&] { exit_code = capi::cli::key_create(config_path, business_id, read_only, rate_limit); });
  std::optional<std::string> list_business;
  auto* key_list = key->add_subcommand("list", "list keys (prefixes only)");
  key_list->add_option("--business", list_business, "only this business's keys");
  key_list->callback([&] { exit_code = capi::cli::key_list(config_path, list_business); });
  std::string revoke_target;
  auto* key_revoke = key->add_subcommand("revoke", "revoke a key by id or prefix");
  key_revoke->add_option("key", revoke_target, "key id or prefix")->required();
  key_revoke->callback([&] { exit_code = capi::cli::key_revoke(config_path, revoke_target); });

  auto* encryption = app.add_subcommand("encryption", "manage the keys of personal data");
  encryption->require_subcommand(1);
  std::string key_dir;
  auto* encryption_init = encryption->add_subcommand("init", "write the first keys into a folder");
  encryption_init->add_option("--key-dir", key_dir, "folder for the key files")->required();
  encryption_init->callback([&] { exit_code = capi::cli::encryption_init(key_dir); });
  auto* add_key = encryption->add_subcommand("add-key", "add the next encryption key to key_dir");
  add_key->callback([&] { exit_code = capi::cli::encryption_add_key(config_path); });
  auto* rotate = encryption->add_subcommand("rotate", "re-encrypt everything under the newest key");
  rotate->callback([&] { exit_code = capi::cli::encryption_rotate(config_path); });

  capi::cli::SeedOptions seed_options;
  auto* seed = app.add_subcommand(
      "seed", "load generated customers into a business (benchmark data), through COPY");
  capi::cli::add_seed_options(*seed, seed_options);
  seed->callback([&] { exit_code = capi::cli::seed(config_path, seed_options); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : capi::cli::kExitUsage;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {  // the subcommands report their own errors; this is
    std::cerr << "customer-api: " << error.what() << '\n';  // the last line of defence
    return 1;
  }
}
