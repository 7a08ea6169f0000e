// customer-api: one binary, one subcommand per operation (`seed` runs customer-api-seed).
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>

#include "api/api_routes.hpp"
#include "cli/commands.hpp"

namespace {

namespace cli = capi::cli;

// Where CLI11 writes the options (they must outlive the parse: the callbacks read them),
// and the exit code the chosen subcommand sets.
struct Arguments {
  std::string config_path;
  int exit_code = cli::kExitOk;
  std::string name, currency, country;
  std::string business_id;
  bool read_only = false;
  std::optional<int> rate_limit;
  std::string budget;
  std::optional<std::string> list_business;
  std::string key_target;
  std::string key_dir;
  cli::SeedOptions seed;
  cli::ExportOptions export_options;
};

void add_service_commands(CLI::App& app, Arguments& a) {
  auto* serve = app.add_subcommand("serve", "run the prefork FastCGI worker pool");
  serve->callback([&] { a.exit_code = cli::serve(a.config_path); });

  auto* migrate = app.add_subcommand("migrate", "apply the pending schema migrations");
  migrate->callback([&] { a.exit_code = cli::migrate(a.config_path); });

  auto* check = app.add_subcommand("check-config", "validate and print the effective config");
  check->callback([&] { a.exit_code = cli::check_config(a.config_path); });

  auto* version = app.add_subcommand("version", "print the version");
  version->callback([] { std::cout << "customer-api " << CAPI_VERSION << '\n'; });
  auto* routes = app.add_subcommand(
      "routes", "print the route table: method, path, access, body, idempotency");
  routes->callback([] { std::cout << capi::api::describe_routes(); });
}

void add_business_commands(CLI::App& app, Arguments& a) {
  auto* business = app.add_subcommand("business", "manage businesses (tenants)");
  business->require_subcommand(1);
  auto* business_create = business->add_subcommand("create", "create a business; prints its id");
  business_create->add_option("--name", a.name, "display name")->required();
  business_create->add_option("--currency", a.currency, "ISO 4217 code, e.g. KES")->required();
  business_create->add_option("--country", a.country, "ISO 3166-1 alpha-2 code, e.g. KE")
      ->required();
  business_create->callback(
      [&] { a.exit_code = cli::business_create(a.config_path, a.name, a.currency, a.country); });
  auto* business_list = business->add_subcommand("list", "list businesses");
  business_list->callback([&] { a.exit_code = cli::business_list(a.config_path); });
}

void add_key_commands(CLI::App& app, Arguments& a) {
  auto* key = app.add_subcommand("key", "manage API keys");
  key->require_subcommand(1);
  auto* key_create = key->add_subcommand("create", "create a key; prints it once");
  key_create->add_option("--business", a.business_id, "business id")->required();
  key_create->add_flag("--read-only", a.read_only, "refuse writes with this key");
  key_create->add_option("--rate-limit", a.rate_limit, "requests per minute (default: config)");
  key_create->callback([&] {
    a.exit_code = cli::key_create(a.config_path, a.business_id, a.read_only, a.rate_limit);
  });
  auto* key_list = key->add_subcommand("list", "list keys (prefixes only)");
  key_list->add_option("--business", a.list_business, "only this business's keys");
  key_list->callback([&] { a.exit_code = cli::key_list(a.config_path, a.list_business); });
  auto* key_revoke = key->add_subcommand("revoke", "revoke a key by id or prefix");
  key_revoke->add_option("key", a.key_target, "key id or prefix")->required();
  key_revoke->callback([&] { a.exit_code = cli::key_revoke(a.config_path, a.key_target); });
  auto* key_budget = key->add_subcommand(
      "set-rate-limit", "change a key's requests per minute (or \"default\"); no restart");
  key_budget->add_option("key", a.key_target, "key id or prefix")->required();
  key_budget->add_option("budget", a.budget, "requests per minute, or default")->required();
  key_budget->callback(
      [&] { a.exit_code = cli::key_set_rate_limit(a.config_path, a.key_target, a.budget); });
}

void add_encryption_commands(CLI::App& app, Arguments& a) {
  auto* encryption = app.add_subcommand("encryption", "manage the keys of personal data");
  encryption->require_subcommand(1);
  auto* encryption_init = encryption->add_subcommand("init", "write the first keys into a folder");
  encryption_init->add_option("--key-dir", a.key_dir, "folder for the key files")->required();
  encryption_init->callback([&] { a.exit_code = cli::encryption_init(a.key_dir); });
  auto* add_key = encryption->add_subcommand("add-key", "add the next encryption key to key_dir");
  add_key->callback([&] { a.exit_code = cli::encryption_add_key(a.config_path); });
  auto* rotate = encryption->add_subcommand("rotate", "re-encrypt everything under the newest key");
  rotate->callback([&] { a.exit_code = cli::encryption_rotate(a.config_path); });
  auto* status = encryption->add_subcommand(
      "status", "count the ciphertexts under each key (retire a key only when it has none)");
  status->callback([&] { a.exit_code = cli::encryption_status(a.config_path); });
}

void add_export_command(CLI::App& app, Arguments& a) {
  auto* command = app.add_subcommand(
      "export", "write a business's customers to stdout, decrypted (ndjson or csv)");
  command->add_option("--business", a.export_options.business_id, "business id")->required();
  command->add_option("--format", a.export_options.format, "ndjson (default) or csv");
  command->add_option("--status", a.export_options.status, "active (default), inactive or all");
  command->callback([&] { a.exit_code = cli::export_customers(a.config_path, a.export_options); });
}

void add_seed_command(CLI::App& app, Arguments& a) {
  auto* seed = app.add_subcommand(
      "seed", "load generated customers into a business (benchmark data), through COPY");
  cli::add_seed_options(*seed, a.seed);
  seed->callback([&] { a.exit_code = cli::seed(a.config_path, a.seed); });
}

int run(int argc, char** argv) {
  CLI::App app{"customer-api: a multi-tenant customers REST API (FastCGI pool)"};
  app.require_subcommand(1);
  Arguments arguments;
  if (const char* env = std::getenv("CUSTOMER_API_CONFIG")) arguments.config_path = env;
  app.add_option("-c,--config", arguments.config_path,
                 "config file (default: $CUSTOMER_API_CONFIG; none: defaults and environment)");
  add_service_commands(app, arguments);
  add_business_commands(app, arguments);
  add_key_commands(app, arguments);
  add_encryption_commands(app, arguments);
  add_export_command(app, arguments);
  add_seed_command(app, arguments);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : cli::kExitUsage;
  }
  return arguments.exit_code;
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
