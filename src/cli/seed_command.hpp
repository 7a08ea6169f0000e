// `customer-api seed`: its options, shared by customer-api (which checks them and runs the
// seeder) and customer-api-seed (which loads). The seeder is a separate binary so that the
// service does not carry the generator and its tables of names and places (src/seed/).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace capi::cli {

struct SeedOptions {
  std::string business_id;
  std::int64_t count = 0;
  std::uint64_t seed = 1;   // the same seed makes the same data
  std::string ids_out;      // empty: no sample file
  std::int64_t orders = 0;  // orders spread over the customers (seed/orders.hpp)
};

// --business, --count, --seed, --ids-out and --orders, bound to `options`.
void add_seed_options(CLI::App& command, SeedOptions& options);

// customer-api-seed's arguments (after its name) for these options and config file.
std::vector<std::string> seed_arguments(const std::string& config_path, const SeedOptions& options);

// The seeder's path: customer-api-seed in the folder of the running binary.
std::string seeder_path();

}  // namespace capi::cli
