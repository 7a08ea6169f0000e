// `customer-api encryption rotate`: seals every ciphertext again under the active key, in
// small transactions so that the service keeps running (rows are locked a batch at a time).
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/with_keys.hpp"
#include "crypto/keyring.hpp"
#include "records/sealed_tables.hpp"
#include "store/sealed_batches.hpp"

namespace capi::cli {
namespace {

constexpr int kBatch = 200;

struct Counts {
  long examined = 0;
  long resealed = 0;
  long unreadable = 0;  // rows with a ciphertext that does not open: left as they are
};

// Reseals one table a batch at a time, each batch in its own transaction.
template <class Row, class Records>
Counts rotate_table(store::Connection& connection, const store::SealedBatches<Row>& rows_of,
                    const Records& records) {
  Counts counts;
  std::string after;
  while (true) {
    store::Connection::Transaction transaction(connection);
    auto rows = rows_of.batch_for_update(after, kBatch);
    if (rows.empty()) break;
    for (auto& row : rows) {
      ++counts.examined;
      const records::Resealed outcome = records.reseal(row);
      if (outcome == records::Resealed::kCurrent) continue;
      rows_of.write_sealed(row);
      ++(outcome == records::Resealed::kResealed ? counts.resealed : counts.unreadable);
    }
    after = rows.back().id;
    transaction.commit();
  }
  return counts;
}

// "12 of 12 customers and 3 of 3 contacts", "1 customers and 0 contacts".
std::string per_table(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : " and ") + part;
  return text;
}

}  // namespace

int encryption_rotate(const std::string& config_path) {
  return with_keys_and_database(
      config_path, "rotate", [](const crypto::Keyring& keys, store::Connection& connection) {
        std::vector<std::string> resealed;
        std::vector<std::string> unreadable;
        long unreadable_rows = 0;
        records::for_each_sealed_table(
            keys, [&](const std::string& name, const auto& table, const auto& records) {
              const Counts counts =
                  rotate_table(connection, store::SealedBatches(connection, table, name), records);
              resealed.push_back(std::to_string(counts.resealed) + " of " +
                                 std::to_string(counts.examined) + " " + name + "s");
              unreadable.push_back(std::to_string(counts.unreadable) + " " + name + "s");
              unreadable_rows += counts.unreadable;
            });
        std::cout << "active key " << keys.active_key_id() << ": resealed " << per_table(resealed)
                  << "\n";
        if (unreadable_rows == 0) return kExitOk;
        // Their keys must not be retired: what is still under them would be lost for good.
        std::cerr << "customer-api: " << per_table(unreadable)
                  << " hold ciphertexts that do not decrypt with any key; they were left as they "
                     "are (tampered, or under a key that is gone)\n";
        return kExitFailed;
      });
}

}  // namespace capi::cli
