// The seeder's orders (seed/orders.hpp): the spread over customers adds up and is skewed, the
// same seed makes the same orders, and each order obeys the service's rules.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <numeric>
#include <set>

#include "domain/order_rules.hpp"
#include "seed/orders.hpp"

using namespace capi::seed;

namespace {

constexpr std::int64_t kNow = 1'780'000'000'000;  // 2026-05-28

Business kes_business() {
  return Business{"6b046e51dedef4e445eafc0a", "KE", "KES", 2};
}

std::vector<Customer> customers(std::int64_t count) {
  Generator generator(Options{3, kes_business(), count, kNow});
  std::vector<Customer> rows;
  for (std::int64_t i = 0; i < count; ++i) rows.push_back(generator.next());
  return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(seed_orders)

BOOST_AUTO_TEST_CASE(the_plan_gives_exactly_n_orders_with_a_long_tail) {
  const auto plan = plan_orders(5, 100'000, 500'000);
  BOOST_TEST(std::accumulate(plan.begin(), plan.end(), std::int64_t{0}) == 500'000);
  const auto none = std::count(plan.begin(), plan.end(), 0);
  BOOST_TEST(none > 40'000);
  BOOST_TEST(none < 60'000);
  BOOST_TEST(*std::max_element(plan.begin(), plan.end()) >= 500);  // 0.10% of N
  BOOST_TEST(std::count_if(plan.begin(), plan.end(), [](auto n) { return n >= 100; }) > 50);
  BOOST_TEST(plan == plan_orders(5, 100'000, 500'000));
  BOOST_TEST(plan != plan_orders(6, 100'000, 500'000));
}

BOOST_AUTO_TEST_CASE(tiny_plans_still_add_up) {
  for (const std::int64_t customers : {1, 3, 5, 6, 40}) {
    for (const std::int64_t orders : {0, 1, 7, 1000}) {
      const auto plan = plan_orders(1, customers, orders);
      BOOST_TEST(std::accumulate(plan.begin(), plan.end(), std::int64_t{0}) == orders);
    }
  }
}

BOOST_AUTO_TEST_CASE(orders_follow_the_services_rules_and_repeat_for_a_seed) {
  const auto rows = customers(200);
  OrderMaker first(9, kes_business(), kNow, {{2026, 41}});
  OrderMaker second(9, kes_business(), kNow, {{2026, 41}});
  std::set<std::string> numbers;
  std::set<std::string> ids;
  for (const auto& customer : rows) {
    const auto made = first.orders_of(customer, 12);
    const auto again = second.orders_of(customer, 12);
    BOOST_TEST_REQUIRE(made.size() == 12u);
    Figures figures;
    for (std::size_t i = 0; i < made.size(); ++i) {
      const auto& order = made[i].row;
      BOOST_TEST(order.id == again[i].row.id);
      BOOST_TEST(order.total_minor == again[i].row.total_minor);
      BOOST_TEST(ids.insert(order.id).second);
      BOOST_TEST(numbers.insert(order.order_number).second);
      BOOST_TEST(order.order_number != "SO-2026-000041");  // after the counter
      BOOST_TEST(order.order_date_ms >= customer.created_ms);
      BOOST_TEST(order.order_date_ms <= kNow);
      BOOST_TEST(order.total_minor == order.subtotal_minor - order.discount_minor);
      BOOST_TEST(order.amount_paid_minor <= order.total_minor);
      std::int64_t paid = 0;
      for (const auto& payment : made[i].payments) {
        BOOST_TEST(payment.amount_minor > 0);
        BOOST_TEST(payment.paid_at_ms >= order.order_date_ms);
        paid += payment.amount_minor;
      }
      BOOST_TEST(paid == order.amount_paid_minor);
      BOOST_TEST(order.paid_at_ms.has_value() == (paid > 0 && paid == order.total_minor));
      if (order.status == "cancelled") BOOST_TEST(paid == 0);
      if (order.status == "refunded") BOOST_TEST(paid == order.total_minor);
      std::int64_t subtotal = 0;
      for (const auto& item : made[i].items) subtotal += item.line_total_minor;
      BOOST_TEST(subtotal == order.subtotal_minor);
      BOOST_TEST(order.items_count == static_cast<int>(made[i].items.size()));
      figures.add(order);
    }
    if (customer.credit_limit_minor)
      BOOST_TEST(figures.balance_minor <= *customer.credit_limit_minor);
  }
  BOOST_TEST(first.counters().at(2026) > 41);
}

BOOST_AUTO_TEST_CASE(figures_count_neither_cancelled_nor_refunded_orders) {
  Figures figures;
  capi::store::OrderRow order;
  order.status = "completed";
  order.total_minor = 1000;
  order.amount_paid_minor = 400;
  order.order_date_ms = 20;
  figures.add(order);
  order.status = "cancelled";
  order.order_date_ms = 5;
  figures.add(order);
  order.status = "refunded";
  order.order_date_ms = 50;
  figures.add(order);
  BOOST_TEST(figures.order_count == 1);
  BOOST_TEST(figures.lifetime_value_minor == 1000);
  BOOST_TEST(figures.balance_minor == 600);
  BOOST_TEST(*figures.first_order_ms == 20);
  BOOST_TEST(*figures.last_order_ms == 20);
}

BOOST_AUTO_TEST_SUITE_END()
