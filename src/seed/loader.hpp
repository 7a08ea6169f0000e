// customer-api-seed's work: benchmark customers into one business (src/seed/loader.cpp).
#pragma once

#include <string>

#include "cli/seed_command.hpp"

namespace capi::seed {

// Loads `options.count` generated customers into a business (deterministic for
// `options.seed`) through the real encryption and blind indexes, with COPY; writes a sample
// of ids, emails and phones as JSON to `options.ids_out` when given. Returns the exit code
// (cli/commands.hpp); errors are reported on stderr as customer-api's are.
int load(const std::string& config_path, const cli::SeedOptions& options);

}  // namespace capi::seed
