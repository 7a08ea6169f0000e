// API.md's Idempotency-Key: a keyed request to a route that keeps the promise
// (keeps_idempotency_key, endpoint.hpp) runs in one transaction that first takes the key's
// advisory lock (taken elsewhere: 409 idempotency_in_progress) and looks for the key's
// record: the same method, path and body replay the stored answer (Idempotent-Replayed:
// true), anything else is 422 idempotency_key_reused. Otherwise the handler runs inside that
// transaction (its own transactions become savepoints of it) and a 2xx answer is stored,
// sealed, before the one COMMIT: the effect and its record exist together or not at all. A
// failure rolls back both, so its retry runs afresh. Records live 24 hours; each worker
// deletes a bounded batch of expired ones at most once a minute, after answering.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "api/chore.hpp"
#include "api/context.hpp"
#include "api/endpoint.hpp"
#include "crypto/keyring.hpp"
#include "http/message.hpp"
#include "records/idempotency_records.hpp"
#include "store/connection.hpp"
#include "store/idempotency_store.hpp"

namespace capi::api {

constexpr std::size_t kMaxIdempotencyKey = 255;

// The request's Idempotency-Key: nullopt when it sent none (or the method takes none: GET,
// HEAD); 400 bad_request when it is empty, longer than 255 characters or not printable ASCII.
std::optional<std::string> idempotency_key_of(const http::Request& request);

class Idempotency {
 public:
  Idempotency(store::Connection& db, const crypto::Keyring& keys);

  // One attempt of a keyed request (see above): the fresh answer or the stored one. Throws
  // the 409/422 above, the handler's errors, and database errors (retryable ones are retried
  // by the caller: the whole attempt, lock included, ran in one transaction that is gone).
  http::Response run(const std::string& key, const RequestContext& context,
                     const Handler& handler) const;

  // After an answer was sent: deletes up to kPurgeBatch expired records, at most once per
  // kPurgeInterval in this worker, skipping rows others have locked. Never throws; does
  // nothing while the database is not connected.
  void purge_if_due();

  static constexpr int kPurgeBatch = 1000;
  static constexpr std::chrono::seconds kPurgeInterval{60};

 private:
  http::Response replay(const store::IdempotencyRow& stored, const RequestContext& context) const;

  store::Connection& db_;
  store::IdempotencyStore store_;
  records::IdempotencyRecords records_;
  Chore purge_{kPurgeInterval, "purged expired Idempotency-Key records",
               "purging expired Idempotency-Key records failed"};
};

}  // namespace capi::api
