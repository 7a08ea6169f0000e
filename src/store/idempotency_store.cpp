#include "store/idempotency_store.hpp"

#include "store/built_statement.hpp"
#include "store/idempotency_columns.hpp"

namespace capi::store {
namespace {

// How long a record is replayed; older ones are purged.
constexpr const char* kWindow = "interval '24 hours'";

struct Statements {
  // The lock's key: the record id's first 64 bits (an HMAC: evenly spread).
  BuiltStatement lock{
      "idempotency_lock",
      "SELECT pg_try_advisory_xact_lock(('x' || substr($1, 1, 16))::bit(64)::bigint)"};
  BuiltStatement find{"idempotency_find",
                      "SELECT " + idempotency_table().select_list() +
                          " FROM idempotency_records WHERE id = $1 AND business_id = $2"
                          " AND created_at > now() - " +
                          kWindow};
  // The parameters are write_values() of the row: the columns in the table's order. The
  // customer's row is share-locked: an erasure in flight finishes first, and then nothing is
  // written, unless the erasure is this transaction's own (its answer shows nothing
  // personal; erased_at is then now(), this transaction's start). A conflict can only be an
  // expired record (the caller found none under the lock).
  BuiltStatement insert{
      "idempotency_insert",
      "INSERT INTO idempotency_records (id, business_id, method, target, request_digest, status,"
      " headers, response_enc, customer_id)"
      " SELECT $1, $2, $3, $4, $5, $6::integer, $7, $8::bytea, $9::text"
      " WHERE $9::text IS NULL OR EXISTS (SELECT 1 FROM customers WHERE business_id = $2"
      " AND id = $9::text AND (erased_at IS NULL OR erased_at = now()) FOR SHARE)"
      " ON CONFLICT (id) DO UPDATE SET method = excluded.method, target = excluded.target,"
      " request_digest = excluded.request_digest, status = excluded.status,"
      " headers = excluded.headers, response_enc = excluded.response_enc,"
      " customer_id = excluded.customer_id, created_at = now()"
      " WHERE idempotency_records.business_id = excluded.business_id"};
  BuiltStatement forget{
      "idempotency_forget_customer",
      "DELETE FROM idempotency_records WHERE business_id = $1 AND customer_id = $2"};
  BuiltStatement purge{"idempotency_purge",
                       std::string("DELETE FROM idempotency_records WHERE ctid IN (SELECT ctid"
                                   " FROM idempotency_records WHERE created_at <= now() - ") +
                           kWindow + " LIMIT $1::int FOR UPDATE SKIP LOCKED)"};
};

const Statements& statements() {
  static const Statements built;
  return built;
}

}  // namespace

IdempotencyStore::Claim IdempotencyStore::claim(const std::string& business_id,
                                                const std::string& id) const {
  const auto [lock, found] =
      connection_.exec_pair(statements().lock, {id}, statements().find, {id, business_id});
  Claim claim;
  claim.locked = lock.boolean(0, 0);
  if (claim.locked && !found.empty()) claim.record = idempotency_table().read(found, 0);
  return claim;
}

void IdempotencyStore::insert_at_commit(const IdempotencyRow& row) const {
  const auto values = idempotency_table().write_values(row);
  connection_.exec_later(statements().insert, as_params(values));
}

void IdempotencyStore::forget_customer(const std::string& business_id,
                                       const std::string& customer_id) const {
  connection_.exec(statements().forget, {business_id, customer_id});
}

long IdempotencyStore::purge_expired(int limit) const {
  return connection_.exec(statements().purge, {std::to_string(limit)}).affected();
}

}  // namespace capi::store
