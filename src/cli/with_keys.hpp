// The frame of the commands that work on sealed data with the database (encryption rotate,
// encryption status): configuration with key_dir, the keyring, a connection, and one
// message and exit code for each way they can fail.
#pragma once

#include <functional>
#include <string>

#include "config/config.hpp"
#include "crypto/keyring.hpp"
#include "store/connection.hpp"

namespace capi::cli {

// Runs `work`, returning its exit code; kExitUsage on a configuration or key problem,
// kExitFailed on a database error (each printed on one line).
int with_keys_and_database(
    const std::string& config_path, const char* command,
    const std::function<int(const crypto::Keyring& keys, store::Connection& connection)>& work);

}  // namespace capi::cli
