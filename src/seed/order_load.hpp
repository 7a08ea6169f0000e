// The orders of `customer-api seed --orders N` (seed/orders.hpp) on their way to the
// database: made customer by customer while the customers are generated (so that each
// customer row carries its figures when it is copied), sealed through the keyring like the
// service's, buffered for the batch and copied after the batch's customers (the orders'
// foreign keys need them), all in the loader's transaction. Keeps the samples the ids file
// reports for the benchmark.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crypto/keyring.hpp"
#include "json/writer.hpp"
#include "records/order_records.hpp"
#include "seed/orders.hpp"
#include "store/connection.hpp"
#include "store/customer_row.hpp"
#include "store/order_copy.hpp"

namespace capi::seed {

class OrderLoad {
 public:
  OrderLoad(const crypto::Keyring& keys, store::Connection& connection, const Business& business,
            std::uint64_t seed, std::int64_t customers, std::int64_t orders, std::int64_t now_ms);

  // Makes the customer's orders into the batch and sets its figures on `row`.
  void add(const Customer& customer, store::CustomerRow& row);
  // Copies the batch's orders (after the batch's customers); returns how many.
  std::int64_t send();
  // Moves the business's order number counters past the numbers used.
  void finish();

  // The benchmark's samples, as fields of the ids file's object.
  void write_samples(json::Writer& writer) const;

 private:
  struct Sampled {
    std::string id;
    std::int64_t value = 0;  // orders of a customer; balance due of an order
  };

  records::OrderRecords records_;
  store::Connection& connection_;
  std::string business_id_;
  std::vector<std::int32_t> plan_;
  OrderMaker maker_;
  store::OrderCopy copy_;
  std::vector<Sampled> top_customers_;  // the active customers with the most orders
  std::vector<Sampled> buyers_;         // active customers without a credit limit
  std::vector<Sampled> open_orders_;    // orders with a balance due (for payments)
  std::uint64_t seen_buyers_ = 0;
  std::uint64_t seen_open_ = 0;
  std::uint64_t key_;
};

}  // namespace capi::seed
