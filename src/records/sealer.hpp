// Sealing and opening the personal data of stored rows. Every ciphertext is bound to
// (business, record, field) through its associated data, so a ciphertext copied to another
// row, business or column does not open; blind indexes are keyed per business and field.
// Each record type (customer_records, contact_records) lists its sealed columns once, and
// key rotation reseals from that list.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "crypto/keyring.hpp"

namespace capi::records {

// One sealed column of a row type: the field name bound into the associated data (stable,
// never renamed) and the member holding the ciphertext.
template <class Row>
struct SealedField {
  const char* name;
  std::optional<std::string> Row::*member;
};

// What resealing a row under the active key did.
enum class Resealed {
  kCurrent,     // every ciphertext was already under the active key: nothing to write
  kResealed,    // the stale ones are sealed again
  kUnreadable,  // at least one does not open (tampered, or its key is gone): left as it is
};

class Sealer {
 public:
  explicit Sealer(const crypto::Keyring& keys) : keys_(keys) {}

  std::optional<std::string> seal(const std::string& business_id, const std::string& record_id,
                                  const char* field,
                                  const std::optional<std::string>& plaintext) const;
  // The plaintext; nullopt when there is none, or when it does not authenticate, and then
  // `field` is added to `unreadable`: one row's plaintext is never shown as another's.
  std::optional<std::string> open(const std::string& business_id, const std::string& record_id,
                                  const char* field, const std::optional<std::string>& sealed,
                                  std::vector<std::string>& unreadable) const;
  std::string blind_index(const std::string& business_id, const char* field,
                          const std::string& value) const;

  template <class Row, std::size_t kCount>
  Resealed reseal(Row& row, const std::array<SealedField<Row>, kCount>& fields) const {
    bool stale = false;
    std::vector<std::string> unreadable;
    for (const auto& field : fields) {
      std::optional<std::string>& sealed = row.*field.member;
      if (!sealed || crypto::Keyring::key_id_of(*sealed) == keys_.active_key_id()) continue;
      stale = true;
      const auto plaintext = open(row.business_id, row.id, field.name, sealed, unreadable);
      if (plaintext) sealed = seal(row.business_id, row.id, field.name, plaintext);
    }
    if (!unreadable.empty()) return Resealed::kUnreadable;
    return stale ? Resealed::kResealed : Resealed::kCurrent;
  }

 private:
  const crypto::Keyring& keys_;
};

}  // namespace capi::records
