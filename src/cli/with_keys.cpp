#include "cli/with_keys.hpp"

#include <iostream>

#include "cli/commands.hpp"
#include "cli/load_config.hpp"

namespace capi::cli {

int with_keys_and_database(
    const std::string& config_path, const char* command,
    const std::function<int(const crypto::Keyring& keys, store::Connection& connection)>& work) {
  const auto loaded = load_config(config_path, command);
  if (!loaded) return kExitUsage;
  try {
    const crypto::Keyring keys = crypto::Keyring::load(loaded->key_dir);
    store::Connection connection(loaded->database_url, std::string("customer-api-") + command);
    return work(keys, connection);
  } catch (const crypto::KeyError& error) {
    std::cerr << "customer-api: " << error.what() << '\n';
    return kExitUsage;
  } catch (const store::DbError& error) {
    std::cerr << "customer-api: database error: " << error.what() << '\n';
    return kExitFailed;
  }
}

}  // namespace capi::cli
