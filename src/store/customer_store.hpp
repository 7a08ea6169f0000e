// Customers as stored, one row at a time: create, read (with contacts), update, soft delete,
// restore and erasure, lookups by blind index, and the batches of key rotation. Encryption,
// decryption and the rules are the caller's; this file is the SQL, always with the values
// as parameters.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/connection.hpp"
#include "store/customer_row.hpp"

namespace capi::store {

// A unique key of active customers.
enum class CustomerKey { kEmail, kPhone };

// A write refused because another active customer of the business holds the same key.
// Thrown by the writes below in place of the database's unique violation.
class KeyTaken : public std::runtime_error {
 public:
  explicit KeyTaken(CustomerKey key)
      : std::runtime_error("unique key of an active customer taken"), key_(key) {}
  CustomerKey key() const { return key_; }

 private:
  CustomerKey key_;
};

class CustomerStore {
 public:
  explicit CustomerStore(Connection& connection) : connection_(connection) {}

  // Inserts; throws KeyTaken on a taken email/phone.
  CustomerRow insert(const CustomerRow& row) const;
  // With its contacts (one statement).
  std::optional<CustomerRow> find(const std::string& business_id, const std::string& id) const;
  // Without contacts; kForUpdate locks the row until the transaction ends.
  enum class Lock { kNone, kForUpdate };
  std::optional<CustomerRow> find_row(const std::string& business_id, const std::string& id,
                                      Lock lock) const;
  // Writes every writable column, bumps version and updated_at; throws KeyTaken.
  CustomerRow update(const CustomerRow& row) const;
  // Soft delete, or restore (throws KeyTaken when its email or phone is taken now).
  CustomerRow set_deleted(const std::string& business_id, const std::string& id,
                          bool deleted) const;
  // Destroys personal data for good: ciphertexts, blind indexes, free text.
  CustomerRow erase(const std::string& business_id, const std::string& id) const;

  // The active customer holding a key, with its contacts, as find.
  std::optional<CustomerRow> find_active(const std::string& business_id, CustomerKey key,
                                         const std::string& blind_index) const;
  // The active customers that hold any of these blind indexes (bulk import: its uniqueness
  // checks and upsert targets in one round trip), in id order.
  std::vector<CustomerRow> holding(const std::string& business_id,
                                   const std::vector<std::string>& email_indexes,
                                   const std::vector<std::string>& phone_indexes, Lock lock) const;

 private:
  // Runs a write, turning a unique violation of an active customer's key into KeyTaken.
  CustomerRow write(const Statement& statement, const std::vector<Param>& params) const;

  Connection& connection_;
};

}  // namespace capi::store
