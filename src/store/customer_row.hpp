// A customer as stored: personal data sealed (raw ciphertext bytes), blind indexes beside
// it. Its columns are declared in customer_columns.cpp; defaults are the domain's
// (domain/customer_input.hpp), filled in before a row is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/contact_row.hpp"

namespace capi::store {

struct CustomerRow {
  std::string id;
  std::string business_id;
  int version = 1;
  std::string type;
  std::string name;
  std::optional<std::string> company_name;
  std::optional<std::string> email_enc;  // sealed bytes
  std::optional<std::string> email_index;
  std::vector<std::string> email_tokens;
  std::optional<std::string> phone_enc;
  std::optional<std::string> phone_index;
  std::optional<std::string> tax_id_enc;
  std::optional<std::string> billing_address_enc;   // sealed JSON object
  std::optional<std::string> shipping_address_enc;  // sealed JSON object
  std::optional<std::string> website;
  std::optional<std::string> country;
  std::string currency;
  std::optional<std::string> segment;
  std::vector<std::string> tags;
  std::string payment_terms;
  std::optional<std::int64_t> credit_limit_minor;
  int discount_rate_hundredths = 0;
  std::optional<std::string> preferred_shipping;
  std::optional<std::string> notes;
  std::string metadata_json = "{}";
  std::optional<std::int64_t> customer_since_ms;  // nullopt on insert: the creation time
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::optional<std::int64_t> deleted_ms;
  std::optional<std::int64_t> erased_ms;
  int order_count = 0;
  std::int64_t lifetime_value_minor = 0;
  std::int64_t balance_minor = 0;
  std::optional<std::int64_t> first_order_ms;
  std::optional<std::int64_t> last_order_ms;

  // The exact sort values as the database compares them, for keyset cursors (read only).
  std::string sort_name;  // the lower-cased name
  std::int64_t created_us = 0;
  std::int64_t updated_us = 0;
  std::int64_t last_order_us = -1;  // -1 without orders

  // The customer's contacts, when the read fetched them with the row (find, lookups);
  // otherwise nullopt, and ContactStore::of_customer() reads them.
  std::optional<std::vector<ContactRow>> contacts;

  bool active() const { return !deleted_ms.has_value(); }
};

}  // namespace capi::store
