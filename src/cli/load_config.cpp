#include "cli/load_config.hpp"

#include <iostream>

extern char** environ;

namespace capi::cli {

std::optional<config::Config> load_config(const std::string& path, const char* key_dir_for) {
  try {
    config::Config config = config::load(path, environ);
    if (key_dir_for != nullptr && config.key_dir.empty()) {
      throw config::ConfigError(std::string("key_dir: must be set to ") + key_dir_for);
    }
    return config;
  } catch (const config::ConfigError& error) {
    std::cerr << "customer-api: configuration error: " << error.what() << '\n';
    return std::nullopt;
  }
}

}  // namespace capi::cli
