// Idempotency-Key records (sql/005_idempotency.sql) as stored; sealing and the rules are
// the caller's (api/idempotency.cpp). Every statement takes its values as parameters.
#pragma once

#include <optional>
#include <string>

#include "store/connection.hpp"
#include "store/idempotency_row.hpp"

namespace capi::store {

class IdempotencyStore {
 public:
  explicit IdempotencyStore(Connection& connection) : connection_(connection) {}

  // Takes the transaction-scoped advisory lock of record `id` without waiting and, under it,
  // reads the business's record `id` unless it is older than 24 hours: two statements, one
  // round trip (the read starts after the lock is taken, so it sees a record that the lock's
  // previous holder committed). `locked` false: another transaction (the same key's first
  // request, still running) holds the lock, and `record` says nothing.
  struct Claim {
    bool locked = false;
    std::optional<IdempotencyRow> record;
  };
  Claim claim(const std::string& business_id, const std::string& id) const;
  // Writes the record (over an expired one of the same id) with the transaction's COMMIT, in
  // its round trip (Connection::exec_later). Nothing is written when the customer it
  // concerns was erased meanwhile: erasure leaves no record behind.
  void insert_at_commit(const IdempotencyRow& row) const;
  // Deletes the records whose answers show the customer's data (erasure).
  void forget_customer(const std::string& business_id, const std::string& customer_id) const;
  // Deletes at most `limit` records older than 24 hours, skipping rows that others have
  // locked; how many it deleted.
  long purge_expired(int limit) const;

 private:
  Connection& connection_;
};

}  // namespace capi::store
