// Contacts (people at a customer) as stored: email and phone sealed. Encryption and the
// rules are the caller's; this file is the SQL, always with the values as parameters.
#pragma once

#include <string>
#include <vector>

#include "store/connection.hpp"
#include "store/contact_row.hpp"

namespace capi::store {

class ContactStore {
 public:
  explicit ContactStore(Connection& connection) : connection_(connection) {}

  ContactRow insert(const ContactRow& contact) const;
  // A customer's contacts, oldest first.
  std::vector<ContactRow> of_customer(const std::string& business_id,
                                      const std::string& customer_id) const;
  void delete_all_of_customer(const std::string& business_id, const std::string& customer_id) const;

 private:
  Connection& connection_;
};

}  // namespace capi::store
