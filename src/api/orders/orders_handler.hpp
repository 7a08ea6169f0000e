// The order routes of API.md ("Orders"): POST /v1/orders, GET|PATCH /v1/orders/{id},
// POST /v1/orders/{id}/payments and GET /v1/customers/{id}/orders. Each method reads like
// the operation: parse -> validate (domain) -> one transaction (store) -> render.
//
// Every write takes the customer's row lock (FOR UPDATE) first, then the order's: writes of
// one customer's orders take turns, in one lock order (no deadlock between them), so that the
// credit limit is checked against a balance no one else is moving, and the customer's
// figures, recomputed from its orders in the same transaction, are never stale. A PATCH or a
// payment reads and checks its body before any lock is taken; a create reads it under the
// customer's lock, since the customer's currency says how to read its money.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/context.hpp"
#include "records/customer_records.hpp"
#include "records/order_records.hpp"
#include "store/customer_store.hpp"
#include "store/order_store.hpp"

namespace capi::api {

class OrdersHandler final {
 public:
  OrdersHandler(store::Connection& db, const crypto::Keyring& keys);

  Reply create(const RequestContext& context) const;
  Reply get(const RequestContext& context) const;
  Reply patch(const RequestContext& context) const;
  Reply pay(const RequestContext& context) const;               // POST .../payments
  Reply list_of_customer(const RequestContext& context) const;  // GET /v1/customers/{id}/orders

 private:
  struct ReplyOptions {
    int status = 200;
    std::string message;
    std::vector<std::string> ignored_fields;
    const std::vector<store::OrderItemRow>* items = nullptr;  // nullptr: read the order's
  };

  // The order named by the path's {id}, of the caller's business; 404 when malformed,
  // unknown or another business's (indistinguishable).
  store::OrderRow require_order(const RequestContext& context, store::OrderStore::Lock lock) const;
  // The customer an order body names (customerId or customerEmail); nullopt when it is
  // unknown, malformed or another business's (indistinguishable). 422 when the body names
  // none. kForUpdate locks the customer it finds.
  std::optional<store::CustomerRow> resolve_customer(const RequestContext& context,
                                                     store::CustomerStore::Lock lock) const;
  // Locks the customer of an order, then the order, in that order (see above).
  store::OrderRow lock_order(const RequestContext& context, const store::OrderRow& before) const;
  // Gives a new order, inserted without a number of the body's, the next free SO-YYYY-NNNNNN
  // of its order date's year; 409 when none is free. Last before the commit (see there).
  std::string generated_number(const store::OrderRow& row) const;
  // One order with its items and ETag.
  Reply reply(const RequestContext& context, const store::OrderRow& row,
              const ReplyOptions& options) const;

  store::Connection& db_;
  store::CustomerStore customers_;
  store::OrderStore orders_;
  records::CustomerRecords customer_records_;
  records::OrderRecords records_;
};

}  // namespace capi::api
