// Benchmark orders for `customer-api seed --orders N`: pure and deterministic like the
// customers (seed/generator.hpp). The spread over customers (plan_orders):
//  - about half the customers have no order at all;
//  - the others draw a Pareto weight (shape 1.4, capped at 150 times the smallest), so most
//    have a few orders and a long tail has hundreds;
//  - five customers (at indexes drawn from the seed) take a fixed share each: 0.10%, 0.08%,
//    0.06%, 0.05% and 0.04% of N (5,000 to 2,000 orders for N = 5,000,000);
//  - the counts add up to exactly N (cumulative rounding of the weights).
// An order (OrderMaker::orders_of): dated between the customer's creation and its deletion
// (or now), 1 to 5 lines from a catalogue of 400 products, the customer's discount rate and
// payment terms (domain/order_rules.hpp, as a create applies them), the customer's shipping
// address. Statuses by share: completed 45%, delivered 25%, shipped 6%, confirmed 6%,
// pending 10%, cancelled 5%, refunded 3%. Payments: completed, delivered and refunded are
// paid in full (one payment, 15% in two); shipped and confirmed 40% paid, 30% in part, 30%
// unpaid; pending 20% in part; cancelled nothing. A customer with a credit limit never owes
// more than it: an order that would take the balance over it is paid in full.
// Order numbers are the service's SO-YYYY-NNNNNN, each year's sequence continuing the
// business's counters (given), in the order the orders are made (customer by customer).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/address.hpp"
#include "seed/generator.hpp"
#include "store/order_copy.hpp"
#include "store/order_row.hpp"

namespace capi::seed {

// How many orders each of `customers` customers (by index) gets; the sum is `orders`.
std::vector<std::int32_t> plan_orders(std::uint64_t seed, std::int64_t customers,
                                      std::int64_t orders);

// One generated order, its shipping address still in plaintext (the loader seals it).
struct SeededOrder {
  store::OrderRow row;
  std::optional<domain::Address> shipping_address;
  std::vector<store::OrderItemRow> items;
  std::vector<store::OrderPaymentRow> payments;
};

// A customer's figures as the service computes them (store::OrderStore::refresh_figures):
// over its orders but cancelled and refunded ones.
struct Figures {
  int order_count = 0;
  std::int64_t lifetime_value_minor = 0;
  std::int64_t balance_minor = 0;
  std::optional<std::int64_t> first_order_ms;
  std::optional<std::int64_t> last_order_ms;

  void add(const store::OrderRow& order);
};

class OrderMaker {
 public:
  // `counters`: the business's last order number of each year (order_number_counters).
  OrderMaker(std::uint64_t seed, Business business, std::int64_t now_ms,
             std::map<std::int64_t, std::int64_t> counters);

  // The customer's `count` orders, oldest first.
  std::vector<SeededOrder> orders_of(const Customer& customer, std::int32_t count);

  // The last number of each year used (the counters to store).
  const std::map<std::int64_t, std::int64_t>& counters() const { return counters_; }

 private:
  std::uint64_t key_;
  Business business_;
  std::int64_t now_ms_;
  std::map<std::int64_t, std::int64_t> counters_;
  std::string order_random_;
  std::string payment_random_;
  std::int64_t next_order_ = 0;
  std::int64_t next_payment_ = 0;
};

}  // namespace capi::seed
