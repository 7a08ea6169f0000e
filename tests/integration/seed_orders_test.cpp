// `customer-api seed --orders`: the seeded orders are what the service would have stored.
// The customers' figures the seed wrote are read back through the API (GET /v1/customers/{id}
// and its analytics) and compared with the figures recomputed here from the orders table;
// the order numbers continue after the seed (an API create takes the next one); the orders'
// shipping addresses open with the service's keys.
#define BOOST_TEST_MODULE seed_orders
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "api_helpers.hpp"
#include "domain/time.hpp"
#include "rollups.hpp"
#include "shared_stack.hpp"
#include "stats_figures.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

constexpr int kCustomers = 400;
constexpr int kOrders = 6000;

HttpResponse get(const std::string& path) {
  return stack().client().get(path, bearer(stack().key()));
}

std::string sql(const std::string& text) {
  std::string out = stack().postgres().psql(text);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Seeds the stack's business once, and keeps the ids file.
const rapidjson::Document& seeded() {
  static rapidjson::Document ids = [] {
    const std::string path = stack().dir() + "/seed-orders-ids.json";
    const auto result = stack().cli({"seed", "--business", stack().business_id(), "--count",
                                     std::to_string(kCustomers), "--seed", "11", "--orders",
                                     std::to_string(kOrders), "--ids-out", path});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.output);
    BOOST_TEST(result.output.find("and 6000 orders") != std::string::npos, result.output);
    rapidjson::Document document;
    document.Parse(read_file(path).c_str());
    BOOST_TEST_REQUIRE(!document.HasParseError());
    return document;
  }();
  return ids;
}

// A customer's figures recomputed from its orders, as the service defines them: every order
// but the cancelled and refunded ones.
struct Recomputed {
  long long count = 0;
  long long lifetime_value = 0;
  long long balance = 0;
  std::string first_order;  // RFC 3339 with milliseconds, or empty
  std::string last_order;
};

Recomputed recompute(const std::string& customer_id) {
  const std::string row =
      sql("SELECT count(*), COALESCE(sum(total_minor), 0), COALESCE(sum(total_minor - "
          "amount_paid_minor), 0), COALESCE((extract(epoch FROM min(order_date)) * 1000)::bigint, "
          "-1), COALESCE((extract(epoch FROM max(order_date)) * 1000)::bigint, -1) FROM orders "
          "WHERE customer_id = '" +
          customer_id + "' AND status NOT IN ('cancelled', 'refunded')");
  std::istringstream in(row);
  Recomputed figures;
  long long first = -1;
  long long last = -1;
  char bar = 0;
  in >> figures.count >> bar >> figures.lifetime_value >> bar >> figures.balance >> bar >> first >>
      bar >> last;
  BOOST_TEST_REQUIRE(!in.fail(), row);
  if (first >= 0) figures.first_order = capi::domain::format_rfc3339_ms(first);
  if (last >= 0) figures.last_order = capi::domain::format_rfc3339_ms(last);
  return figures;
}

std::string time_or_empty(const rapidjson::Value& value) {
  return value.IsString() ? value.GetString() : "";
}

// The customers to check: the ones with the most orders and a sample of the others.
std::vector<std::string> checked_customers() {
  const auto& ids = seeded();
  std::vector<std::string> checked;
  for (const auto& entry : ids["topOrderCustomers"].GetArray()) {
    checked.emplace_back(entry["id"].GetString());
  }
  const auto& sample = ids["orderCustomers"];
  for (rapidjson::SizeType i = 0; i < sample.Size() && i < 30; ++i) {
    checked.emplace_back(sample[i]["id"].GetString());
  }
  return checked;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_orders_are_loaded_with_a_skewed_spread) {
  const auto& ids = seeded();
  const std::string business = stack().business_id();
  BOOST_TEST(sql("SELECT count(*) FROM orders WHERE business_id = '" + business + "'") ==
             std::to_string(kOrders));
  BOOST_TEST(std::stoi(sql("SELECT count(*) FROM order_items WHERE business_id = '" + business +
                           "'")) >= kOrders);
  BOOST_TEST(std::stoi(sql("SELECT count(*) FROM order_payments WHERE business_id = '" + business +
                           "'")) > kOrders / 2);
  // Many customers without orders, a top customer far above the average.
  const int with_orders = std::stoi(
      sql("SELECT count(DISTINCT customer_id) FROM orders WHERE business_id = '" + business + "'"));
  BOOST_TEST(with_orders < kCustomers * 7 / 10);
  BOOST_TEST(with_orders > kCustomers / 4);
  const int top =
      std::stoi(sql("SELECT max(n) FROM (SELECT count(*) AS n FROM orders WHERE business_id = '" +
                    business + "' GROUP BY customer_id) AS c"));
  BOOST_TEST(top > 3 * kOrders / with_orders);
  BOOST_TEST(ids["topOrderCustomers"].Size() > 0u);
  BOOST_TEST(ids["openOrders"].Size() > 0u);
  // Every status the service knows, cancelled and refunded among them.
  BOOST_TEST(sql("SELECT count(DISTINCT status) FROM orders WHERE business_id = '" + business +
                 "'") == "7");
}

BOOST_AUTO_TEST_CASE(every_customers_stored_figures_equal_its_orders) {
  seeded();
  const std::string mismatches =
      sql("SELECT count(*) FROM customers c LEFT JOIN LATERAL (SELECT count(*)::integer AS n,"
          " COALESCE(sum(total_minor), 0) AS ltv, COALESCE(sum(total_minor - amount_paid_minor), 0)"
          " AS balance, min(order_date) AS first, max(order_date) AS last FROM orders o"
          " WHERE o.customer_id = c.id AND o.status NOT IN ('cancelled', 'refunded')) AS f ON true"
          " WHERE c.business_id = '" +
          stack().business_id() +
          "' AND (c.order_count <> f.n OR c.lifetime_value_minor <> f.ltv"
          " OR c.balance_minor <> f.balance OR c.first_order_at IS DISTINCT FROM f.first"
          " OR c.last_order_at IS DISTINCT FROM f.last)");
  BOOST_TEST(mismatches == "0");
  // So do the business-wide figures that stats reads (kept by triggers on the seed's COPY).
  BOOST_TEST(sql(kStatsFiguresDrift) == "0");
}

BOOST_AUTO_TEST_CASE(the_apis_figures_equal_those_recomputed_from_the_orders) {
  for (const auto& id : checked_customers()) {
    const Recomputed expected = recompute(id);
    const auto response = get("/v1/customers/" + id);
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    const auto json = response.json();
    const auto& data = json["data"];
    const auto& metrics = data["metrics"];
    BOOST_TEST(metrics["orderCount"].GetInt64() == expected.count, id);
    BOOST_TEST(metrics["lifetimeValueMinor"].GetInt64() == expected.lifetime_value, id);
    BOOST_TEST(data["accountBalanceMinor"].GetInt64() == expected.balance, id);
    BOOST_TEST(time_or_empty(metrics["firstOrderAt"]) == expected.first_order, id);
    BOOST_TEST(time_or_empty(metrics["lastOrderAt"]) == expected.last_order, id);

    const auto analytics = get("/v1/customers/" + id + "/analytics");
    BOOST_TEST_REQUIRE(analytics.status == 200, analytics.body);
    const auto insight = analytics.json();
    const auto& overview = insight["data"]["overview"];
    BOOST_TEST(overview["totalOrders"].GetInt64() == expected.count, id);
    BOOST_TEST(overview["lifetimeValueMinor"].GetInt64() == expected.lifetime_value, id);
    const auto& summary = insight["data"]["financialSummary"];
    BOOST_TEST(summary["totalRevenueMinor"].GetInt64() == expected.lifetime_value, id);
    BOOST_TEST(summary["currentBalanceMinor"].GetInt64() == expected.balance, id);
  }
}

// The seed's COPY of orders and items went through the rollups' statement-level triggers
// (sql/010): every month and product row matches the orders.
BOOST_AUTO_TEST_CASE(the_rollups_hold_the_seeded_orders) {
  seeded();
  const std::string drift = sql(rollup_drift_sql(stack().business_id()));
  BOOST_TEST(drift.substr(0, drift.find(' ')) == "0", drift);
  BOOST_TEST(drift != "0 0 0", "the rollups are empty");
}

BOOST_AUTO_TEST_CASE(an_api_order_continues_the_numbers_and_the_figures) {
  const auto& ids = seeded();
  const std::string customer = ids["orderCustomers"][0]["id"].GetString();
  const std::string year = sql("SELECT extract(year FROM now())::int");
  const long long before =
      std::stoll(sql("SELECT last_value FROM order_number_counters WHERE business_id = '" +
                     stack().business_id() + "' AND year = " + year));
  const auto created = stack().client().request(
      "POST", "/v1/orders", json_headers(stack().key()),
      "{\"customerId\":\"" + customer +
          "\",\"items\":[{\"productId\":\"P-1\",\"productName\":\"Kettle\",\"quantity\":1,"
          "\"unitPrice\":10}]}");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  char expected_number[48];
  std::snprintf(expected_number, sizeof expected_number, "SO-%s-%06lld", year.c_str(), before + 1);
  BOOST_TEST(data_string(created, "orderNumber") == expected_number);
  const Recomputed expected = recompute(customer);
  const auto json = get("/v1/customers/" + customer).json();
  BOOST_TEST(json["data"]["metrics"]["orderCount"].GetInt64() == expected.count);
  BOOST_TEST(json["data"]["metrics"]["lifetimeValueMinor"].GetInt64() == expected.lifetime_value);
}

BOOST_AUTO_TEST_CASE(seeded_shipping_addresses_open_with_the_services_keys) {
  const std::string business = stack().business_id();
  const std::string sealed = sql("SELECT count(*) FROM orders WHERE business_id = '" + business +
                                 "' AND shipping_address_enc IS NOT NULL");
  BOOST_TEST(std::stoi(sealed) > 0);
  const std::string order = sql("SELECT id FROM orders WHERE business_id = '" + business +
                                "' AND shipping_address_enc IS NOT NULL ORDER BY id LIMIT 1");
  const auto response = get("/v1/orders/" + order);
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  BOOST_TEST(response.json()["data"]["shippingAddress"].IsObject(), response.body);
  BOOST_TEST(response.body.find("unreadable") == std::string::npos, response.body);
}
