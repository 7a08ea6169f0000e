// An Idempotency-Key record as stored (sql/005_idempotency.sql): the answer to a successful
// keyed write, its body sealed. Its columns are declared in idempotency_columns.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace capi::store {

struct IdempotencyRow {
  std::string id;  // HMAC of (business, key): hex
  std::string business_id;
  std::string method;
  std::string target;          // path and query string, as sent
  std::string request_digest;  // HMAC of method, target and body: hex
  int status = 200;
  std::string headers;                      // "Name: value" lines
  std::optional<std::string> response_enc;  // the sealed body (never null in the table)
  std::optional<std::string> customer_id;   // the customer whose data the body shows
  std::int64_t created_ms = 0;
};

}  // namespace capi::store
