#include "cli/seed_command.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/commands.hpp"

namespace capi::cli {

void add_seed_options(CLI::App& command, SeedOptions& options) {
  command.add_option("--business", options.business_id, "business id")->required();
  command.add_option("--count", options.count, "number of customers")->required();
  command.add_option("--seed", options.seed, "random seed: the same seed makes the same data")
      ->capture_default_str();
  command.add_option("--ids-out", options.ids_out,
                     "write a JSON sample of ids, emails and phones here");
  command
      .add_option("--orders", options.orders,
                  "number of orders (with items and payments) spread over the customers")
      ->capture_default_str();
}

std::vector<std::string> seed_arguments(const std::string& config_path,
                                        const SeedOptions& options) {
  // --config is always passed, even empty (as its own argument: CLI11 reads "--config=" as
  // an option still waiting for its value): the seeder must not read another file from
  // CUSTOMER_API_CONFIG than the one customer-api settled on.
  std::vector<std::string> arguments = {"--config",   config_path,
                                        "--business", options.business_id,
                                        "--count",    std::to_string(options.count),
                                        "--seed",     std::to_string(options.seed)};
  if (!options.ids_out.empty()) arguments.insert(arguments.end(), {"--ids-out", options.ids_out});
  if (options.orders != 0) {
    arguments.insert(arguments.end(), {"--orders", std::to_string(options.orders)});
  }
  return arguments;
}

std::string seeder_path() {
  std::string self(4096, '\0');
  const ssize_t length = readlink("/proc/self/exe", self.data(), self.size());
  if (length <= 0 || static_cast<std::size_t>(length) >= self.size()) return "customer-api-seed";
  self.resize(static_cast<std::size_t>(length));
  return self.substr(0, self.rfind('/') + 1) + "customer-api-seed";
}

int seed(const std::string& config_path, const SeedOptions& options) {
  const std::string seeder = seeder_path();
  if (access(seeder.c_str(), X_OK) != 0) {
    std::cerr << "customer-api: seed runs " << seeder << ", which is missing ("
              << std::strerror(errno) << "): build or install it beside customer-api\n";
    return kExitFailed;
  }
  std::vector<std::string> arguments = seed_arguments(config_path, options);
  arguments.insert(arguments.begin(), seeder);
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::cout.flush();
  execv(seeder.c_str(), argv.data());  // returns only on failure
  std::cerr << "customer-api: cannot run " << seeder << ": " << std::strerror(errno) << '\n';
  return kExitFailed;
}

}  // namespace capi::cli
