// Between a contact's validated draft (domain), its row with email and phone sealed (store)
// and the plaintext the API shows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/contact_input.hpp"
#include "records/sealer.hpp"
#include "store/contact_row.hpp"

namespace capi::records {

struct OpenedContact {
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::vector<std::string> unreadable;  // API field names that did not authenticate
};

class ContactRecords {
 public:
  explicit ContactRecords(const crypto::Keyring& keys) : sealer_(keys) {}

  // Applies the fields a draft gives onto `row` (new, or stored), sealing personal data.
  void apply(const domain::ContactDraft& draft, store::ContactRow& row) const;
  OpenedContact open(const store::ContactRow& row) const;
  // Seals again with the active key (key rotation).
  Resealed reseal(store::ContactRow& row) const;

 private:
  Sealer sealer_;
};

}  // namespace capi::records
