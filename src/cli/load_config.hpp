// The subcommands' way to read their configuration: one message and exit code for every
// configuration error.
#pragma once

#include <optional>
#include <string>

#include "config/config.hpp"

namespace capi::cli {

// The configuration from `path` and the CUSTOMER_API_* environment, or nullopt after
// printing "customer-api: configuration error: ..." (the caller exits with kExitUsage).
// `key_dir_for`: what the command needs the personal-data keys for, when it does; key_dir
// must then be set.
std::optional<config::Config> load_config(const std::string& path,
                                          const char* key_dir_for = nullptr);

}  // namespace capi::cli
