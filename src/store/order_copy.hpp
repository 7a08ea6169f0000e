// Whole orders (the order, its items, its payments) into their three tables with COPY
// (binary format), for bulk loads (`customer-api seed --orders`): every stored column as the
// rows hold it; the database still checks every constraint and foreign key and maintains
// every index. The rows of a batch are encoded in memory, then sent as one COPY per table in
// the caller's transaction (one connection runs one COPY at a time).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/connection.hpp"
#include "store/order_row.hpp"

namespace capi::store {

// A payment as stored in order_payments (its business is the order's).
struct OrderPaymentRow {
  std::string id;
  std::int64_t amount_minor = 0;
  std::int64_t paid_at_ms = 0;
};

class OrderCopy {
 public:
  OrderCopy();

  void add(const OrderRow& order, const std::vector<OrderItemRow>& items,
           const std::vector<OrderPaymentRow>& payments);
  std::int64_t orders() const { return orders_; }
  // Sends the batch (orders, then items, then payments) and empties it; returns the number of
  // orders the database took.
  std::int64_t send(Connection& connection);

 private:
  void clear();

  std::string orders_buffer_;
  std::string items_buffer_;
  std::string payments_buffer_;
  std::int64_t orders_ = 0;
};

}  // namespace capi::store
