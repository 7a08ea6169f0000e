// `customer-api encryption status`: how many ciphertexts each key id holds, so that an
// operator retires a key only once nothing is left under it (after `encryption rotate`).
#include <algorithm>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/with_keys.hpp"
#include "crypto/keyring.hpp"
#include "records/sealed_tables.hpp"
#include "store/built_statement.hpp"

namespace capi::cli {
namespace {

// Ciphertexts by key id, over every table that holds sealed columns.
std::map<std::uint32_t, long> ciphertexts_by_key(const crypto::Keyring& keys,
                                                 store::Connection& connection) {
  std::map<std::uint32_t, long> counts;
  records::for_each_sealed_table(
      keys, [&](const std::string& name, const auto& table, const auto& /*records*/) {
        const store::BuiltStatement statement(name + "_key_counts", table.sealed_key_counts_sql());
        const store::Result result = connection.exec(statement, {});
        for (int row = 0; row < result.rows(); ++row) {
          const auto id = static_cast<std::uint32_t>(std::stoul(result.str(row, 0), nullptr, 16));
          counts[id] += static_cast<long>(result.integer(row, 1));
        }
      });
  return counts;
}

}  // namespace

int encryption_status(const std::string& config_path) {
  return with_keys_and_database(
      config_path, "status", [](const crypto::Keyring& keys, store::Connection& connection) {
        auto counts = ciphertexts_by_key(keys, connection);
        const auto present = keys.key_ids();
        for (const std::uint32_t id : present) counts.emplace(id, 0);
        long unreadable = 0;
        for (const auto& [id, count] : counts) {
          const bool have = std::find(present.begin(), present.end(), id) != present.end();
          std::cout << "key " << id << ": " << count << " ciphertexts; ";
          if (!have) {
            std::cout << "NO KEY FILE: they cannot be decrypted\n";
            unreadable += count;
          } else if (id == keys.active_key_id()) {
            std::cout << "active (encrypts)\n";
          } else {
            std::cout << (count == 0
                              ? "may be retired\n"
                              : "still in use: run `encryption rotate` before retiring it\n");
          }
        }
        return unreadable == 0 ? kExitOk : kExitFailed;
      });
}

}  // namespace capi::cli
