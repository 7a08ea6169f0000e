// Between an Idempotency-Key and its stored record: the record's id and the request's digest
// (keyed HMACs, so that neither the client's key nor a fingerprint of its body is stored in a
// form that can be guessed from outside), and the response body sealed like the rows it shows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "records/sealer.hpp"
#include "store/idempotency_row.hpp"

namespace capi::records {

class IdempotencyRecords {
 public:
  explicit IdempotencyRecords(const crypto::Keyring& keys) : sealer_(keys) {}

  // The record id of `key` in the business: its keys never meet another business's.
  std::string record_id(const std::string& business_id, std::string_view key) const;
  // What a repeat must match: the method, the path with its query string, and the body.
  std::string request_digest(const std::string& business_id, std::string_view method,
                             std::string_view target, std::string_view body) const;

  // Seals `body` into row.response_enc, bound to (row.business_id, row.id, "response").
  void seal_response(store::IdempotencyRow& row, const std::string& body) const;
  // The body; nullopt when it does not authenticate (tampered, or its key is gone).
  std::optional<std::string> open_response(const store::IdempotencyRow& row) const;
  // Seals again with the active key (key rotation).
  Resealed reseal(store::IdempotencyRow& row) const;

 private:
  Sealer sealer_;
};

}  // namespace capi::records
