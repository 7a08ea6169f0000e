#include "seed/order_load.hpp"

#include <algorithm>

#include "store/order_store.hpp"

namespace capi::seed {
namespace {

constexpr std::size_t kTopCustomers = 10;
constexpr std::size_t kBuyers = 2'000;
constexpr std::size_t kOpenOrders = 5'000;

// Reservoir sampling: keeps a uniform sample of `size` of what is offered.
template <class T>
void offer(std::vector<T>& sample, std::size_t size, std::uint64_t& seen, std::uint64_t key,
           T item) {
  ++seen;
  if (sample.size() < size) {
    sample.push_back(std::move(item));
    return;
  }
  const std::uint64_t slot = mix64(key + seen) % seen;
  if (slot < size) sample[slot] = std::move(item);
}

}  // namespace

OrderLoad::OrderLoad(const crypto::Keyring& keys, store::Connection& connection,
                     const Business& business, std::uint64_t seed, std::int64_t customers,
                     std::int64_t orders, std::int64_t now_ms)
    : records_(keys),
      connection_(connection),
      business_id_(business.id),
      plan_(plan_orders(seed, customers, orders)),
      maker_(seed, business, now_ms, store::OrderStore(connection).number_counters(business.id)),
      key_(mix64(seed ^ 0x5a3b1e)) {}

void OrderLoad::add(const Customer& customer, store::CustomerRow& row) {
  const auto index = static_cast<std::size_t>(customer.index);
  const std::int32_t count = index < plan_.size() ? plan_[index] : 0;
  Figures figures;
  for (auto& order : maker_.orders_of(customer, count)) {
    records_.set_shipping_address(order.shipping_address, order.row);
    figures.add(order.row);
    const bool open = order.row.status != "cancelled" && order.row.status != "refunded" &&
                      order.row.amount_paid_minor < order.row.total_minor;
    if (open && customer.active()) {
      offer(open_orders_, kOpenOrders, seen_open_, key_ ^ 1,
            Sampled{order.row.id, order.row.total_minor - order.row.amount_paid_minor});
    }
    copy_.add(order.row, order.items, order.payments);
  }
  row.order_count = figures.order_count;
  row.lifetime_value_minor = figures.lifetime_value_minor;
  row.balance_minor = figures.balance_minor;
  row.first_order_ms = figures.first_order_ms;
  row.last_order_ms = figures.last_order_ms;
  if (!customer.active()) return;
  if (!customer.credit_limit_minor) {
    offer(buyers_, kBuyers, seen_buyers_, key_ ^ 2, Sampled{customer.id, count});
  }
  top_customers_.push_back({customer.id, count});
  std::stable_sort(top_customers_.begin(), top_customers_.end(),
                   [](const Sampled& a, const Sampled& b) { return a.value > b.value; });
  if (top_customers_.size() > kTopCustomers) top_customers_.pop_back();
}

std::int64_t OrderLoad::send() {
  return copy_.send(connection_);
}

void OrderLoad::finish() {
  const store::OrderStore orders(connection_);
  for (const auto& [year, last] : maker_.counters()) {
    orders.raise_number_counter(business_id_, year, last);
  }
}

void OrderLoad::write_samples(json::Writer& writer) const {
  const auto list = [&writer](const char* name, const char* value_name,
                              const std::vector<Sampled>& items) {
    json::key(writer, name);
    writer.StartArray();
    for (const auto& item : items) {
      writer.StartObject();
      json::field(writer, "id", item.id);
      json::key(writer, value_name);
      writer.Int64(item.value);
      writer.EndObject();
    }
    writer.EndArray();
  };
  list("topOrderCustomers", "orders", top_customers_);
  list("orderCustomers", "orders", buyers_);
  list("openOrders", "balanceDueMinor", open_orders_);
}

}  // namespace capi::seed
