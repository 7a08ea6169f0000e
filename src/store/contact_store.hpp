// Contacts (people at a customer) as stored: email and phone sealed. Encryption and the
// rules are the caller's; this file is the SQL, always with the values as parameters.
// Every statement names the business and the customer beside the contact's id, so that a
// contact is only ever reached through its own customer of its own business.
#pragma once

#include <optional>
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
  // How many contacts the customer has.
  int count_of_customer(const std::string& business_id, const std::string& customer_id) const;

  // One contact of the customer; kForUpdate locks its row until the transaction ends.
  enum class Lock { kNone, kForUpdate };
  std::optional<ContactRow> find(const std::string& business_id, const std::string& customer_id,
                                 const std::string& id, Lock lock) const;
  // Writes every writable column of a stored contact, bumps version and updated_at.
  ContactRow update(const ContactRow& contact) const;
  // Makes every other contact of the customer not primary (their versions move on), so that
  // `keep_id` may become the primary one. The caller holds the customer's row lock.
  void demote_primary(const std::string& business_id, const std::string& customer_id,
                      const std::string& keep_id) const;
  // Deletes one contact; the row as it was, or nullopt when there was none.
  std::optional<ContactRow> remove(const std::string& business_id, const std::string& customer_id,
                                   const std::string& id) const;

  void delete_all_of_customer(const std::string& business_id, const std::string& customer_id) const;

 private:
  Connection& connection_;
};

}  // namespace capi::store
