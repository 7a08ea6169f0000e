// An order as stored: the shipping address sealed (raw ciphertext bytes), money in minor
// units of `currency`, times in Unix milliseconds. Its columns are declared in
// order_columns.cpp; its items and payments are rows of their own (order_store.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace capi::store {

struct OrderRow {
  std::string id;
  std::string business_id;
  std::string customer_id;
  int version = 1;
  std::string order_number;
  std::string status;
  std::string currency;
  std::int64_t order_date_ms = 0;
  std::int64_t due_date_ms = 0;
  std::optional<std::int64_t> ship_date_ms;
  std::optional<std::int64_t> delivery_date_ms;
  std::int64_t subtotal_minor = 0;
  std::int64_t discount_minor = 0;
  std::int64_t total_minor = 0;
  std::int64_t amount_paid_minor = 0;
  std::optional<std::int64_t> paid_at_ms;
  int items_count = 0;
  std::optional<std::string> shipping_address_enc;  // sealed JSON object
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

// One line of an order, `position` counting from 0 in the order the body gave them.
struct OrderItemRow {
  int position = 0;
  std::string product_id;
  std::string product_name;
  std::int64_t quantity = 0;
  std::int64_t unit_price_minor = 0;
  std::int64_t line_total_minor = 0;
};

}  // namespace capi::store
