// customer-api-seed: the benchmark seeder, apart from the service binary so that the service
// does not carry the generator and its tables. Users type `customer-api seed ...`, which
// checks the options and runs this binary from its own folder; it also runs alone.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/seed_command.hpp"
#include "seed/loader.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{
      "customer-api-seed: load generated customers into a business (benchmark data), through "
      "COPY; `customer-api seed` runs it"};
  std::string config_path;
  if (const char* env = std::getenv("CUSTOMER_API_CONFIG")) config_path = env;
  app.add_option("-c,--config", config_path,
                 "config file (default: $CUSTOMER_API_CONFIG; none: defaults and environment)");
  capi::cli::SeedOptions options;
  capi::cli::add_seed_options(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : capi::cli::kExitUsage;
  }
  return capi::seed::load(config_path, options);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {  // load reports its own errors; this is the last
    std::cerr << "customer-api: " << error.what() << '\n';  // line of defence
    return capi::cli::kExitFailed;
  }
}
