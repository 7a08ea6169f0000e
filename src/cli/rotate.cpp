// `customer-api encryption rotate`: seals every ciphertext again under the active key, in
// small transactions so that the service keeps running (rows are locked a batch at a time).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/with_keys.hpp"
#include "crypto/keyring.hpp"
#include "records/contact_records.hpp"
#include "records/customer_records.hpp"
#include "store/contact_columns.hpp"
#include "store/customer_columns.hpp"
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

}  // namespace

int encryption_rotate(const std::string& config_path) {
  return with_keys_and_database(
      config_path, "rotate", [](const crypto::Keyring& keys, store::Connection& connection) {
        const Counts customers = rotate_table(
            connection, store::SealedBatches(connection, store::customer_table(), "customer"),
            records::CustomerRecords(keys));
        const Counts contacts = rotate_table(
            connection, store::SealedBatches(connection, store::contact_table(), "contact"),
            records::ContactRecords(keys));
        std::cout << "active key " << keys.active_key_id() << ": resealed " << customers.resealed
                  << " of " << customers.examined << " customers and " << contacts.resealed
                  << " of " << contacts.examined << " contacts\n";
        const long unreadable = customers.unreadable + contacts.unreadable;
        if (unreadable == 0) return kExitOk;
        // Their keys must not be retired: what is still under them would be lost for good.
        std::cerr << "customer-api: " << customers.unreadable << " customers and "
                  << contacts.unreadable
                  << " contacts hold ciphertexts that do not decrypt with any key; they were left "
                     "as they are (tampered, or under a key that is gone)\n";
        return kExitFailed;
      });
}

}  // namespace capi::cli
