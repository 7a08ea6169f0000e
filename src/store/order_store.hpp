// Orders, their items and payments as stored, and the customer figures they move. Rules
// and encryption are the caller's; this file is the SQL, always with the values as
// parameters. Every statement names the business beside the ids, so that an order is only
// ever reached within its own business.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/connection.hpp"
#include "store/order_row.hpp"

namespace capi::store {

// Which of a customer's orders a listing shows.
struct OrderFilter {
  std::optional<std::string> status;
  std::optional<std::int64_t> from_ms;  // inclusive, on order_date
  std::optional<std::int64_t> to_ms;    // exclusive
};

// An order number that another order of the business has.
class OrderNumberTaken : public std::runtime_error {
 public:
  OrderNumberTaken() : std::runtime_error("order number taken") {}
};

class OrderStore {
 public:
  explicit OrderStore(Connection& connection) : connection_(connection) {}

  // Inserts an order and its items; throws OrderNumberTaken.
  OrderRow insert(const OrderRow& order, const std::vector<OrderItemRow>& items) const;
  enum class Lock { kNone, kForUpdate };
  std::optional<OrderRow> find(const std::string& business_id, const std::string& id,
                               Lock lock) const;
  std::vector<OrderItemRow> items(const std::string& business_id,
                                  const std::string& order_id) const;
  // Writes every writable column, bumps version and updated_at.
  OrderRow update(const OrderRow& order) const;

  // A customer's orders, newest first (order date, then id), and how many match.
  std::vector<OrderRow> of_customer(const std::string& business_id, const std::string& customer_id,
                                    const OrderFilter& filter, int limit, int offset) const;
  // The customer's `limit` latest orders, unfiltered, under a plan prepared once.
  std::vector<OrderRow> latest_of_customer(const std::string& business_id,
                                           const std::string& customer_id, int limit) const;
  std::int64_t count_of_customer(const std::string& business_id, const std::string& customer_id,
                                 const OrderFilter& filter) const;

  void insert_payment(const std::string& business_id, const std::string& order_id,
                      const std::string& payment_id, std::int64_t amount_minor,
                      std::int64_t paid_at_ms) const;
  // The times of the order's earliest and latest payments, if it has any.
  struct PaymentSpan {
    std::int64_t first_ms = 0;
    std::int64_t last_ms = 0;
  };
  std::optional<PaymentSpan> payment_span(const std::string& business_id,
                                          const std::string& order_id) const;

  // Gives the order (inserted under its id as a provisional number) the next generated
  // number of `year` that no order of the business has, and returns it; nullopt when none of
  // the next 1,000 is free (sql/013). The business's counter row stays locked until the
  // transaction ends, so call it last before the commit: concurrent creates take turns for
  // that span only. Throws OrderNumberTaken.
  std::optional<std::string> assign_number(const std::string& business_id,
                                           const std::string& order_id, std::int64_t year) const;
  // The business's last generated number of each year (bulk loads continue them).
  std::map<std::int64_t, std::int64_t> number_counters(const std::string& business_id) const;
  // Moves the business's counter for `year` up to `last_value` (never down).
  void raise_number_counter(const std::string& business_id, std::int64_t year,
                            std::int64_t last_value) const;

  // Recomputes the customer's figures (order count, lifetime value, balance, first and last
  // order) from its orders that count. The caller holds the customer's row lock.
  void refresh_figures(const std::string& business_id, const std::string& customer_id) const;

  // The same figures moved by one write instead of recomputed from every order (constant
  // whatever the customer's order count), under the customer's row lock as well: a new order
  // in a status that counts (all a create may start at) with nothing paid, and a payment on
  // an order that counts (the balance goes down by its amount).
  void add_to_figures(const std::string& business_id, const std::string& customer_id,
                      std::int64_t total_minor, std::int64_t order_date_ms) const;
  void take_off_balance(const std::string& business_id, const std::string& customer_id,
                        std::int64_t amount_minor) const;

  // Erasure: the customer's orders lose their shipping addresses for good.
  void erase_addresses(const std::string& business_id, const std::string& customer_id) const;

 private:
  Connection& connection_;
};

}  // namespace capi::store
