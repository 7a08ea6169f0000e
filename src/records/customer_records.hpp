// Between the three shapes of a customer: the validated draft of a write (domain), the row
// as stored with its personal data sealed and blind indexes beside it (store), and the
// plaintext the API shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/address.hpp"
#include "domain/customer_input.hpp"
#include "records/sealer.hpp"
#include "store/customer_row.hpp"

namespace capi::records {

// A customer's personal data in plaintext, opened from a row. A field whose ciphertext does
// not authenticate (tampered, or copied from another row) is left empty and named in
// `unreadable`.
struct OpenedCustomer {
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> tax_id;
  std::optional<domain::Address> billing_address;
  std::optional<domain::Address> shipping_address;
  std::vector<std::string> unreadable;  // API field names
};

class CustomerRecords {
 public:
  explicit CustomerRecords(const crypto::Keyring& keys) : sealer_(keys) {}

  // Applies the fields a draft gives onto `row` (a new row for a create, the stored one for
  // an update), sealing personal data and recomputing blind indexes.
  void apply(const domain::CustomerDraft& draft, store::CustomerRow& row) const;
  // Whether applying `draft` would change anything of `row` (an upsert that would not is
  // "unchanged" and writes nothing).
  bool changes(const domain::CustomerDraft& draft, const store::CustomerRow& row) const;
  OpenedCustomer open(const store::CustomerRow& row) const;

  // Blind indexes of query values (lookup, search, uniqueness checks).
  std::string email_index(const std::string& business_id, const std::string& email) const;
  std::string phone_index(const std::string& business_id, const std::string& e164) const;
  std::string token_index(const std::string& business_id, const std::string& token) const;

  // Seals again with the active key (key rotation).
  Resealed reseal(store::CustomerRow& row) const;

 private:
  void apply_email(const domain::Field<std::string>& email, store::CustomerRow& row) const;
  void apply_phone(const domain::Field<std::string>& phone, store::CustomerRow& row) const;
  static void apply_plain(const domain::CustomerDraft& draft, store::CustomerRow& row);
  void apply_sealed(const domain::CustomerDraft& draft, store::CustomerRow& row) const;

  Sealer sealer_;
};

}  // namespace capi::records
