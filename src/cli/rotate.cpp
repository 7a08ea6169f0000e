// `customer-api encryption rotate`: seals every ciphertext again under the active key, in
// small transactions so that the service keeps running (rows are locked a batch at a time).
#include <iostream>

#include "api/customer_record.hpp"
#include "cli/commands.hpp"
#include "cli/load_config.hpp"
#include "config/config.hpp"
#include "crypto/keyring.hpp"
#include "store/customer_store.hpp"

namespace capi::cli {
namespace {

constexpr int kBatch = 200;

struct Counts {
  long examined = 0;
  long resealed = 0;
};

template <typename Fetch, typename Reseal, typename Write>
Counts rotate_table(store::Connection& connection, Fetch fetch, Reseal reseal, Write write) {
  Counts counts;
  std::string after;
  while (true) {
    store::Connection::Transaction transaction(connection);
    auto rows = fetch(after);
    if (rows.empty()) break;
    for (auto& row : rows) {
      ++counts.examined;
      if (reseal(row)) {
        write(row);
        ++counts.resealed;
      }
    }
    after = rows.back().id;
    transaction.commit();
  }
  return counts;
}

}  // namespace

int encryption_rotate(const std::string& config_path) {
  const auto loaded = load_config(config_path, "rotate");
  if (!loaded) return kExitUsage;
  const config::Config& config = *loaded;
  try {
    const crypto::Keyring keys = crypto::Keyring::load(config.key_dir);
    const api::CustomerRecords records(keys);
    store::Connection connection(config.database_url, "customer-api-rotate");
    store::CustomerStore customers(connection);
    const Counts customer_counts = rotate_table(
        connection,
        [&](const std::string& after) { return customers.batch_for_update(after, kBatch); },
        [&](store::CustomerRow& row) { return records.reseal(row); },
        [&](const store::CustomerRow& row) { customers.write_sealed(row); });
    const Counts contact_counts = rotate_table(
        connection,
        [&](const std::string& after) { return customers.contact_batch_for_update(after, kBatch); },
        [&](store::ContactRow& row) { return records.reseal(row); },
        [&](const store::ContactRow& row) { customers.write_sealed(row); });
    std::cout << "active key " << keys.active_key_id() << ": resealed " << customer_counts.resealed
              << " of " << customer_counts.examined << " customers and " << contact_counts.resealed
              << " of " << contact_counts.examined << " contacts\n";
    return kExitOk;
  } catch (const crypto::KeyError& error) {
    std::cerr << "customer-api: " << error.what() << '\n';
    return kExitUsage;
  } catch (const store::DbError& error) {
    std::cerr << "customer-api: database error: " << error.what() << '\n';
    return kExitFailed;
  }
}

}  // namespace capi::cli
