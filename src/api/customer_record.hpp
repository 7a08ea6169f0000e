// Between the three shapes of a customer: the validated draft of a write (domain), the row
// as stored with its personal data sealed (store), and the plaintext the API shows. Sealing
// binds each ciphertext to (business, customer, field); blind indexes are computed here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crypto/keyring.hpp"
#include "domain/address.hpp"
#include "domain/contact_input.hpp"
#include "domain/customer_input.hpp"
#include "store/customer_store.hpp"

namespace capi::api {

// A customer's personal data in plaintext, opened from a row. A field whose ciphertext does
// not authenticate (tampered, or copied from another row) is left empty and named in
// `unreadable`: one row's plaintext is never shown as another's.
struct OpenedCustomer {
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> tax_id;
  std::optional<domain::Address> billing_address;
  std::optional<domain::Address> shipping_address;
  std::vector<std::string> unreadable;  // API field names
};

struct OpenedContact {
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::vector<std::string> unreadable;
};

class CustomerRecords {
 public:
  explicit CustomerRecords(const crypto::Keyring& keys) : keys_(keys) {}

  // Applies the fields a draft gives onto `row` (a new row for a create, the stored one for
  // an update), sealing personal data and recomputing blind indexes.
  void apply(const domain::CustomerDraft& draft, store::CustomerRow& row) const;
  OpenedCustomer open(const store::CustomerRow& row) const;

  void apply(const domain::ContactDraft& draft, store::ContactRow& row) const;
  OpenedContact open(const store::ContactRow& row) const;

  // Blind indexes of query values (lookup, search, uniqueness checks).
  std::string email_index(const std::string& business_id, const std::string& email) const;
  std::string phone_index(const std::string& business_id, const std::string& e164) const;
  std::string token_index(const std::string& business_id, const std::string& token) const;

  // Seals with the active key again (key rotation). True when anything changed.
  // A field that does not decrypt is left as it is (and stays unreadable).
  bool reseal(store::CustomerRow& row) const;
  bool reseal(store::ContactRow& row) const;

 private:
  std::optional<std::string> seal(const std::string& business_id, const std::string& record_id,
                                  const char* field,
                                  const std::optional<std::string>& plaintext) const;
  std::optional<std::string> unseal(const std::string& business_id, const std::string& record_id,
                                    const char* field, const std::optional<std::string>& sealed,
                                    std::vector<std::string>& unreadable) const;

  const crypto::Keyring& keys_;
};

// The address as the JSON object stored sealed, and back.
std::string address_to_json(const domain::Address& address);
std::optional<domain::Address> address_from_json(const std::string& json);

}  // namespace capi::api
