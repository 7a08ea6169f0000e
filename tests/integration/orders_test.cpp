// Orders and payments through nginx (API.md "Orders"): totals in exact minor units with the
// customer's discount rounded half-even, due dates from the payment terms, the customer's
// currency, email and shipping address; order numbers (given, duplicate, generated under
// concurrency); the whole status matrix; payments; the customer's live figures; credit limits
// under concurrency; a customer's orders and include=orders; sorting customers by the
// figures; encryption of order addresses and their erasure; other businesses' ids.
#define BOOST_TEST_MODULE orders
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <atomic>
#include <future>
#include <latch>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api_helpers.hpp"
#include "shared_stack.hpp"
#include "stats_figures.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

HttpResponse send(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& key = stack().key()) {
  return stack().client().request(method, path, json_headers(key), body);
}

// A new customer of the stack's business (KE, KES); `more` adds members to its body.
std::string new_customer(const std::string& more = "",
                         const std::string& email = fresh_email("buyer")) {
  const auto response = send("POST", "/v1/customers",
                             R"({"name":"Order Customer","email":")" + email + "\"" +
                                 (more.empty() ? "" : "," + more) + "}");
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  return data_string(response, "id");
}

// An order body for `customer` with one line of `quantity` x `price` (a JSON number text).
std::string order_body(const std::string& customer, int quantity, const std::string& price,
                       const std::string& more = "") {
  return R"({"customerId":")" + customer +
         R"(","items":[{"productId":"p-1","productName":"Widget","quantity":)" +
         std::to_string(quantity) + R"(,"unitPrice":)" + price + "}]" +
         (more.empty() ? "" : "," + more) + "}";
}

std::string new_order(const std::string& customer, int quantity, const std::string& price,
                      const std::string& more = "") {
  const auto response = send("POST", "/v1/orders", order_body(customer, quantity, price, more));
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  return data_string(response, "id");
}

rapidjson::Document data_of(const HttpResponse& response) {
  rapidjson::Document json = response.json();
  rapidjson::Document data;
  data.CopyFrom(json["data"], data.GetAllocator());
  return data;
}

std::int64_t minor(const rapidjson::Value& object, const char* name) {
  return object[name].GetInt64();
}

rapidjson::Document customer(const std::string& id) {
  const auto response = stack().client().get("/v1/customers/" + id, bearer(stack().key()));
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  return data_of(response);
}

rapidjson::Document order(const std::string& id) {
  const auto response = stack().client().get("/v1/orders/" + id, bearer(stack().key()));
  BOOST_TEST_REQUIRE(response.status == 200, response.body);
  return data_of(response);
}

std::string sql(const std::string& query) {
  std::string out = stack().postgres().psql(query);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(create_and_read)

// The service's data-only role reaches the new tables through migrate's re-grant, and
// nothing more (the tests' service connects as that role, so every other case depends on
// the first half).
BOOST_AUTO_TEST_CASE(the_service_role_may_read_and_write_the_order_tables_and_no_more) {
  for (const char* table : {"orders", "order_items", "order_payments", "order_number_counters"}) {
    const std::string grants =
        sql(std::string("SELECT has_table_privilege('customer_api_app', '") + table +
            "', 'SELECT, INSERT, UPDATE, DELETE')::text || ' ' || has_table_privilege("
            "'customer_api_app', '" +
            table + "', 'TRUNCATE')::text");
    BOOST_TEST(grants == "true false", table << ": " << grants);
  }
}

BOOST_AUTO_TEST_CASE(totals_discount_due_date_and_address_come_from_the_customer) {
  const std::string id =
      new_customer(R"("discountRate":10,"paymentTerms":"net_15",)"
                   R"("shippingAddress":{"line1":"1 Dock Rd","city":"Mombasa","country":"KE"})");
  // 5 x 20.03 = 100.15; 10% is 10.015 -> 10.02 (half-even: 1001.5 minor -> 1002).
  const auto created =
      send("POST", "/v1/orders",
           order_body(id, 5, "20.03", R"("orderDate":"2026-03-20T09:15:00Z","nickname":"x")"));
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  BOOST_TEST(created.json()["message"].GetString() == std::string("Order created successfully"));
  BOOST_TEST(created.json()["meta"]["ignoredFields"][0].GetString() == std::string("nickname"));
  BOOST_TEST(created.header("etag") == "\"1\"");
  const auto data = data_of(created);
  BOOST_TEST(data["customerId"].GetString() == id);
  BOOST_TEST(data["status"].GetString() == std::string("pending"));
  BOOST_TEST(data["currency"].GetString() == std::string("KES"));
  BOOST_TEST(minor(data, "subtotalMinor") == 10015);
  BOOST_TEST(minor(data, "discountMinor") == 1002);
  BOOST_TEST(minor(data, "totalMinor") == 9013);
  BOOST_TEST(created.body.find("\"total\":90.13") != std::string::npos, created.body);
  BOOST_TEST(minor(data, "amountPaidMinor") == 0);
  BOOST_TEST(minor(data, "balanceDueMinor") == 9013);
  BOOST_TEST(data["paymentStatus"].GetString() == std::string("unpaid"));
  BOOST_TEST(data["paidAt"].IsNull());
  BOOST_TEST(data["itemsCount"].GetInt() == 1);
  BOOST_TEST(data["orderDate"].GetString() == std::string("2026-03-20T09:15:00.000Z"));
  BOOST_TEST(data["dueDate"].GetString() == std::string("2026-04-04T09:15:00.000Z"));
  BOOST_TEST(data["shippingAddress"]["line1"].GetString() == std::string("1 Dock Rd"));
  BOOST_TEST(std::regex_match(std::string(data["orderNumber"].GetString()),
                              std::regex("SO-2026-[0-9]{6}")));
  BOOST_TEST(data["items"][0]["lineTotalMinor"].GetInt64() == 10015);
  BOOST_TEST(data["items"][0]["unitPrice"].GetDouble() == 20.03);

  const auto one = order(data["id"].GetString());
  BOOST_TEST(one["items"].Size() == 1u);
  BOOST_TEST(one["items"][0]["productName"].GetString() == std::string("Widget"));
  const auto owner = customer(id);
  BOOST_TEST(owner["metrics"]["orderCount"].GetInt() == 1);
  BOOST_TEST(minor(owner["metrics"], "lifetimeValueMinor") == 9013);
  BOOST_TEST(minor(owner["metrics"], "averageOrderValueMinor") == 9013);
  BOOST_TEST(minor(owner, "accountBalanceMinor") == 9013);
  BOOST_TEST(owner["metrics"]["firstOrderAt"].GetString() ==
             std::string("2026-03-20T09:15:00.000Z"));
}

BOOST_AUTO_TEST_CASE(explicit_values_win_over_the_defaults) {
  const std::string id = new_customer(R"("discountRate":10)");
  const auto created = send(
      "POST", "/v1/orders",
      order_body(id, 2, "10",
                 R"("discountMinor":0,"status":"completed","dueDate":"2026-01-01",)"
                 R"("orderNumber":"INV-77-)" +
                     std::to_string(getpid()) + R"(","shippingAddress":null,"currency":"KES")"));
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const auto data = data_of(created);
  BOOST_TEST(minor(data, "totalMinor") == 2000);
  BOOST_TEST(data["status"].GetString() == std::string("completed"));
  BOOST_TEST(data["dueDate"].GetString() == std::string("2026-01-01T00:00:00.000Z"));
  BOOST_TEST(data["shippingAddress"].IsNull());
  BOOST_TEST(data["orderNumber"].GetString() == "INV-77-" + std::to_string(getpid()));
  // The same number again is taken.
  const auto again =
      send("POST", "/v1/orders",
           order_body(id, 1, "1", R"("orderNumber":"INV-77-)" + std::to_string(getpid()) + "\""));
  BOOST_TEST(again.status == 409, again.body);
  BOOST_TEST(error_code_of(again) == "conflict");
}

BOOST_AUTO_TEST_CASE(customer_email_is_resolved_like_lookup) {
  const std::string email = fresh_email("buyer");
  const std::string id = new_customer("", email);
  std::string upper = email;
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const auto created = send(
      "POST", "/v1/orders",
      R"({"customerEmail":")" + upper +
          R"(","items":[{"productId":"a","productName":"A","quantity":1,"unitPriceMinor":500}]})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  BOOST_TEST(data_string(created, "customerId") == id);
  const auto unknown = send(
      "POST", "/v1/orders",
      R"({"customerEmail":"nobody.at.all@example.com","items":[{"productId":"a","productName":"A","quantity":1,"unitPrice":1}]})");
  BOOST_TEST(unknown.status == 404, unknown.body);
  const auto neither = send("POST", "/v1/orders", R"({"items":[]})");
  BOOST_TEST(neither.status == 422);
  BOOST_TEST(!error_detail(neither, "customerId").empty());
}

BOOST_AUTO_TEST_CASE(refusals) {
  const std::string id = new_customer();
  const auto check = [&](const std::string& body, long status, const char* field) {
    const auto response = send("POST", "/v1/orders", body);
    BOOST_TEST(response.status == status, body << ": " << response.body);
    if (field != nullptr) BOOST_TEST(!error_detail(response, field).empty(), response.body);
  };
  check(order_body(id, 1, "1", R"("currency":"EUR")"), 422, "currency");
  check(order_body(id, 1, "1", R"("status":"cancelled")"), 422, "status");
  check(order_body(id, 1, "1", R"("status":"refunded")"), 422, "status");
  check(order_body(id, 1, "1.001"), 422, "items[0].unitPrice");
  check(order_body(id, 0, "1"), 422, "items[0].quantity");
  check(order_body(id, 1, "1", R"("discount":2)"), 422, "discount");
  check(order_body("0123456789abcdef01234567", 1, "1"), 404, nullptr);
  check(order_body("not-an-id", 1, "1"), 404, nullptr);
  // The body's problems come first (API.md's order of checks), whoever the customer is.
  check(order_body("0123456789abcdef01234567", 0, "1"), 422, "items[0].quantity");
  BOOST_TEST(std::stoi(sql("SELECT count(*) FROM orders WHERE customer_id = '" + id + "'")) == 0);
  // An inactive customer orders nothing.
  BOOST_TEST_REQUIRE(send("DELETE", "/v1/customers/" + id).status == 200);
  const auto inactive = send("POST", "/v1/orders", order_body(id, 1, "1"));
  BOOST_TEST(inactive.status == 409, inactive.body);
  BOOST_TEST(std::stoi(sql("SELECT count(*) FROM orders WHERE customer_id = '" + id + "'")) == 0);
}

// The counter is the business's: 20 creates for 5 customers at once (each customer's row
// lock lets its own orders in one at a time, not the business's) take the numbers 1-20 of
// the year, each once, none skipped.
BOOST_AUTO_TEST_CASE(generated_numbers_are_unique_and_gapless_under_20_concurrent_creates) {
  std::vector<std::string> customers;
  for (int i = 0; i < 5; ++i) customers.push_back(new_customer());
  std::latch start(20);
  std::vector<std::future<HttpResponse>> results;
  for (int i = 0; i < 20; ++i) {
    results.push_back(std::async(std::launch::async, [&, i] {
      HttpClient http(stack().base_url());
      start.arrive_and_wait();
      return http.request(
          "POST", "/v1/orders", json_headers(stack().key()),
          order_body(customers[i % customers.size()], 1, "1", R"("orderDate":"2031-05-05")"));
    }));
  }
  std::set<std::string> numbers;
  for (auto& result : results) {
    const auto response = result.get();
    BOOST_TEST_REQUIRE(response.status == 201, response.body);
    numbers.insert(data_string(response, "orderNumber"));
  }
  std::set<std::string> expected;
  for (int n = 1; n <= 20; ++n) {
    const std::string digits = std::to_string(n);
    expected.insert("SO-2031-" + std::string(6 - digits.size(), '0') + digits);
  }
  BOOST_TEST((numbers == expected));
  // A number that a client took in the generated pattern is skipped, not collided with.
  const std::string& id = customers.front();
  BOOST_TEST_REQUIRE(
      send("POST", "/v1/orders", order_body(id, 1, "1", R"("orderNumber":"SO-2031-000021")"))
          .status == 201);
  const auto after =
      send("POST", "/v1/orders", order_body(id, 1, "1", R"("orderDate":"2031-06-01")"));
  BOOST_TEST_REQUIRE(after.status == 201, after.body);
  BOOST_TEST(data_string(after, "orderNumber") == "SO-2031-000022");
  // No order keeps the id it stands under until its number is drawn.
  BOOST_TEST(sql("SELECT count(*) FROM orders WHERE order_number = id") == "0");
}

// The number past SO-YYYY-999999 grows a digit, in the database's rule (sql/013) as in the
// seed's (domain::generated_order_number, unit-tested).
BOOST_AUTO_TEST_CASE(generated_numbers_grow_past_six_digits) {
  const std::string id = new_customer();
  sql("INSERT INTO order_number_counters (business_id, year, last_value) VALUES ('" +
      stack().business_id() + "', 2033, 999999)");
  const auto response =
      send("POST", "/v1/orders", order_body(id, 1, "1", R"("orderDate":"2033-02-02")"));
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  BOOST_TEST(data_string(response, "orderNumber") == "SO-2033-1000000");
  BOOST_TEST(sql("SELECT generated_order_number(987, 42)") == "SO-0987-000042");
}

BOOST_AUTO_TEST_CASE(order_addresses_are_sealed_at_rest_and_bound_to_their_order) {
  const std::string id = new_customer();
  const std::string first =
      new_order(id, 1, "1", R"("shippingAddress":{"line1":"42 Secret Lane","city":"Kisumu"})");
  const std::string second =
      new_order(id, 1, "1", R"("shippingAddress":{"line1":"7 Other St","city":"Nakuru"})");
  const std::string stored =
      sql("SELECT encode(shipping_address_enc, 'escape') FROM orders WHERE id = '" + first + "'");
  BOOST_TEST(!stored.empty());
  BOOST_TEST(stored.find("Secret") == std::string::npos);
  BOOST_TEST(order(first)["shippingAddress"]["line1"].GetString() == std::string("42 Secret Lane"));
  // A ciphertext copied to another order does not open there.
  sql("UPDATE orders SET shipping_address_enc = (SELECT shipping_address_enc FROM orders WHERE id"
      " = '" +
      first + "') WHERE id = '" + second + "'");
  const auto copied = stack().client().get("/v1/orders/" + second, bearer(stack().key()));
  BOOST_TEST_REQUIRE(copied.status == 200, copied.body);
  BOOST_TEST(copied.json()["data"]["shippingAddress"].IsNull());
  BOOST_TEST(copied.json()["meta"]["unreadableFields"][0].GetString() ==
             std::string("shippingAddress"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(status_and_payments)

// Every (from, to) pair of the seven statuses, without and with a payment: each legal move is
// 200 and lands, each illegal one is 409 and changes nothing; the same status is a no-op.
BOOST_AUTO_TEST_CASE(the_whole_status_matrix) {
  const std::vector<std::string> statuses = {"pending",   "confirmed", "shipped", "delivered",
                                             "completed", "cancelled", "refunded"};
  // allowed[paid][from][to], written out from the contract: 'A' allowed, 'U' unchanged.
  const char* const unpaid[7] = {"UAAAAA-", "-UAAAA-", "--UAAA-", "---UAA-",
                                 "----U--", "-----U-", "------U"};
  const char* const paid[7] = {"UAAAA-A", "-UAAA-A", "--UAA-A", "---UA-A",
                               "----U-A", "-----U-", "------U"};
  const std::string id = new_customer();
  int checked = 0;
  for (int from = 0; from < 7; ++from) {
    for (const bool with_payment : {false, true}) {
      // A cancelled order has nothing paid, a refunded one has a payment: the other variant
      // of each cannot exist.
      if ((statuses[from] == "cancelled" && with_payment) ||
          (statuses[from] == "refunded" && !with_payment)) {
        continue;
      }
      for (int to = 0; to < 7; ++to) {
        const bool start_here = from < 5;
        const std::string order_id =
            new_order(id, 2, "50", start_here ? R"("status":")" + statuses[from] + "\"" : "");
        if (with_payment) {
          const auto paid_response =
              send("POST", "/v1/orders/" + order_id + "/payments", R"({"amount":10})");
          BOOST_TEST_REQUIRE(paid_response.status == 201, paid_response.body);
        }
        if (!start_here) {
          const auto moved =
              send("PATCH", "/v1/orders/" + order_id, R"({"status":")" + statuses[from] + "\"}");
          BOOST_TEST_REQUIRE(moved.status == 200, moved.body);
        }
        const auto before = order(order_id);
        const auto response =
            send("PATCH", "/v1/orders/" + order_id, R"({"status":")" + statuses[to] + "\"}");
        const char expected = (with_payment ? paid : unpaid)[from][to];
        const std::string what =
            statuses[from] + " -> " + statuses[to] + (with_payment ? " (paid)" : " (unpaid)");
        const auto after = order(order_id);
        if (expected == '-') {
          BOOST_TEST(response.status == 409, what << ": " << response.body);
          BOOST_TEST(error_code_of(response) == "conflict", what);
          BOOST_TEST(after["status"].GetString() == statuses[from], what);
          BOOST_TEST(after["version"].GetInt() == before["version"].GetInt(), what);
        } else {
          BOOST_TEST(response.status == 200, what << ": " << response.body);
          BOOST_TEST(after["status"].GetString() == statuses[to], what);
        }
        ++checked;
      }
    }
  }
  BOOST_TEST(checked == 7 * 12);
  // The figures saw every move: only the orders that still count are in them.
  const auto owner = customer(id);
  const auto count = std::stoi(sql("SELECT count(*) FROM orders WHERE customer_id = '" + id +
                                   "' AND status NOT IN ('cancelled', 'refunded')"));
  BOOST_TEST(owner["metrics"]["orderCount"].GetInt() == count);
  BOOST_TEST(minor(owner["metrics"], "lifetimeValueMinor") == count * 10000);
}

BOOST_AUTO_TEST_CASE(partial_and_full_payments) {
  const std::string id = new_customer();
  const std::string order_id = new_order(id, 4, "25", R"("orderDate":"2026-03-01T10:00:00Z")");
  const std::string path = "/v1/orders/" + order_id + "/payments";

  const auto partial = send("POST", path, R"({"amount":40.5,"paidAt":"2026-03-05T00:00:00Z"})");
  BOOST_TEST_REQUIRE(partial.status == 201, partial.body);
  BOOST_TEST(partial.json()["message"].GetString() == std::string("Payment recorded successfully"));
  auto data = data_of(partial);
  BOOST_TEST(data["id"].GetString() == order_id);
  BOOST_TEST(minor(data, "amountPaidMinor") == 4050);
  BOOST_TEST(minor(data, "balanceDueMinor") == 5950);
  BOOST_TEST(data["paymentStatus"].GetString() == std::string("partial"));
  BOOST_TEST(data["paidAt"].IsNull());
  BOOST_TEST(minor(customer(id), "accountBalanceMinor") == 5950);

  const auto too_much = send("POST", path, R"({"amountMinor":5951})");
  BOOST_TEST(too_much.status == 422, too_much.body);
  BOOST_TEST(!error_detail(too_much, "amount").empty());
  const auto too_early = send("POST", path, R"({"amount":1,"paidAt":"2026-03-01T09:59:59Z"})");
  BOOST_TEST(too_early.status == 422, too_early.body);
  BOOST_TEST(!error_detail(too_early, "paidAt").empty());
  BOOST_TEST(send("POST", path, R"({"amount":0})").status == 422);
  BOOST_TEST(send("POST", path, R"({"amount":1.001})").status == 422);
  BOOST_TEST(std::stoi(sql("SELECT count(*) FROM order_payments WHERE order_id = '" + order_id +
                           "'")) == 1);

  // Recorded out of order: paid in full at the latest payment's time.
  const auto full = send("POST", path, R"({"amount":59.5,"paidAt":"2026-03-04T00:00:00Z"})");
  BOOST_TEST_REQUIRE(full.status == 201, full.body);
  data = data_of(full);
  BOOST_TEST(minor(data, "amountPaidMinor") == 10000);
  BOOST_TEST(minor(data, "balanceDueMinor") == 0);
  BOOST_TEST(data["paymentStatus"].GetString() == std::string("paid"));
  BOOST_TEST(data["paidAt"].GetString() == std::string("2026-03-05T00:00:00.000Z"));
  const auto owner = customer(id);
  BOOST_TEST(minor(owner, "accountBalanceMinor") == 0);
  BOOST_TEST(minor(owner["metrics"], "lifetimeValueMinor") == 10000);
  // Nothing is left to pay.
  BOOST_TEST(send("POST", path, R"({"amount":0.01})").status == 422);
}

BOOST_AUTO_TEST_CASE(cancelled_and_refunded_orders_take_no_payment_and_count_for_nothing) {
  const std::string id = new_customer();
  const std::string kept = new_order(id, 1, "100", R"("orderDate":"2026-01-10")");
  const std::string cancelled = new_order(id, 1, "300", R"("orderDate":"2026-02-10")");
  const std::string refunded = new_order(id, 1, "500", R"("orderDate":"2026-03-10")");
  BOOST_TEST_REQUIRE(
      send("POST", "/v1/orders/" + refunded + "/payments", R"({"amount":200})").status == 201);
  auto owner = customer(id);
  BOOST_TEST(owner["metrics"]["orderCount"].GetInt() == 3);
  BOOST_TEST(minor(owner["metrics"], "lifetimeValueMinor") == 90000);
  BOOST_TEST(minor(owner, "accountBalanceMinor") == 70000);
  BOOST_TEST(owner["metrics"]["lastOrderAt"].GetString() ==
             std::string("2026-03-10T00:00:00.000Z"));

  BOOST_TEST_REQUIRE(send("PATCH", "/v1/orders/" + cancelled, R"({"status":"cancelled"})").status ==
                     200);
  BOOST_TEST_REQUIRE(send("PATCH", "/v1/orders/" + refunded, R"({"status":"refunded"})").status ==
                     200);
  for (const auto& closed : {cancelled, refunded}) {
    const auto response = send("POST", "/v1/orders/" + closed + "/payments", R"({"amount":1})");
    BOOST_TEST(response.status == 409, response.body);
    BOOST_TEST(minor(order(closed), "balanceDueMinor") == 0);
  }
  owner = customer(id);
  BOOST_TEST(owner["metrics"]["orderCount"].GetInt() == 1);
  BOOST_TEST(minor(owner["metrics"], "lifetimeValueMinor") == 10000);
  BOOST_TEST(minor(owner["metrics"], "averageOrderValueMinor") == 10000);
  BOOST_TEST(minor(owner, "accountBalanceMinor") == 10000);
  BOOST_TEST(owner["metrics"]["lastOrderAt"].GetString() ==
             std::string("2026-01-10T00:00:00.000Z"));
}

BOOST_AUTO_TEST_CASE(patch_changes_dates_and_address_and_honours_if_match) {
  const std::string id = new_customer();
  const std::string order_id = new_order(id, 1, "10", R"("orderDate":"2026-03-01")");
  const auto patched = send("PATCH", "/v1/orders/" + order_id,
                            R"({"shipDate":"2026-03-02","deliveryDate":"2026-03-03T12:00:00Z",)"
                            R"("dueDate":"2026-04-30","orderDate":"2026-02-28",)"
                            R"("shippingAddress":{"line1":"9 New Rd"},"total":1})");
  BOOST_TEST_REQUIRE(patched.status == 200, patched.body);
  const auto data = data_of(patched);
  BOOST_TEST(data["shipDate"].GetString() == std::string("2026-03-02T00:00:00.000Z"));
  BOOST_TEST(data["deliveryDate"].GetString() == std::string("2026-03-03T12:00:00.000Z"));
  BOOST_TEST(data["dueDate"].GetString() == std::string("2026-04-30T00:00:00.000Z"));
  BOOST_TEST(data["shippingAddress"]["line1"].GetString() == std::string("9 New Rd"));
  BOOST_TEST(minor(data, "totalMinor") == 1000);  // read-only: ignored
  BOOST_TEST(data["version"].GetInt() == 2);
  BOOST_TEST(patched.header("etag") == "\"2\"");
  BOOST_TEST(customer(id)["metrics"]["firstOrderAt"].GetString() ==
             std::string("2026-02-28T00:00:00.000Z"));
  const auto stale = stack().client().request("PATCH", "/v1/orders/" + order_id,
                                              json_headers(stack().key(), {{"If-Match", "\"1\""}}),
                                              R"({"status":"confirmed"})");
  BOOST_TEST(stale.status == 412, stale.body);
  // An order date after its first payment is refused.
  BOOST_TEST_REQUIRE(
      send("POST", "/v1/orders/" + order_id + "/payments", R"({"amount":1,"paidAt":"2026-03-05"})")
          .status == 201);
  const auto late = send("PATCH", "/v1/orders/" + order_id, R"({"orderDate":"2026-03-06"})");
  BOOST_TEST(late.status == 422, late.body);
  BOOST_TEST(!error_detail(late, "orderDate").empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(credit_limits)

BOOST_AUTO_TEST_CASE(an_order_over_the_limit_is_refused) {
  const std::string id = new_customer(R"("creditLimit":1000)");
  new_order(id, 1, "600");
  const auto over = send("POST", "/v1/orders", order_body(id, 1, "400.01"));
  BOOST_TEST(over.status == 422, over.body);
  BOOST_TEST(error_code_of(over) == "credit_limit_exceeded");
  new_order(id, 1, "400");  // exactly at the limit fits
  // A payment makes room again.
  const std::string first =
      sql("SELECT id FROM orders WHERE customer_id = '" + id + "' ORDER BY created_at LIMIT 1");
  BOOST_TEST_REQUIRE(
      send("POST", "/v1/orders/" + first + "/payments", R"({"amount":100})").status == 201);
  new_order(id, 1, "100");
  // No limit, no refusal.
  const std::string free = new_customer();
  new_order(free, 1, "9999999");
}

BOOST_AUTO_TEST_CASE(two_concurrent_orders_that_together_go_over_never_both_succeed) {
  for (int round = 0; round < 10; ++round) {
    const std::string id = new_customer(R"("creditLimit":1000)");
    std::latch start(2);
    std::vector<std::future<long>> results;
    for (int i = 0; i < 2; ++i) {
      results.push_back(std::async(std::launch::async, [&] {
        HttpClient http(stack().base_url());
        start.arrive_and_wait();
        return http
            .request("POST", "/v1/orders", json_headers(stack().key()), order_body(id, 1, "600"))
            .status;
      }));
    }
    std::multiset<long> statuses;
    for (auto& result : results) statuses.insert(result.get());
    BOOST_TEST(statuses.count(201) == 1u, "round " << round);
    BOOST_TEST(statuses.count(422) == 1u, "round " << round);
    BOOST_TEST(minor(customer(id), "accountBalanceMinor") == 60000);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(customer_orders)

BOOST_AUTO_TEST_CASE(newest_first_with_filters_and_pages) {
  const std::string id = new_customer();
  std::vector<std::string> ids;  // oldest first
  for (int day = 1; day <= 12; ++day) {
    const std::string date = std::string("2026-04-") + (day < 10 ? "0" : "") + std::to_string(day);
    ids.push_back(new_order(id, 1, std::to_string(day), R"("orderDate":")" + date + "\""));
  }
  BOOST_TEST_REQUIRE(send("PATCH", "/v1/orders/" + ids[0], R"({"status":"shipped"})").status ==
                     200);
  const auto page = [&](const std::string& query) {
    const auto response =
        stack().client().get("/v1/customers/" + id + "/orders" + query, bearer(stack().key()));
    BOOST_TEST_REQUIRE(response.status == 200, query << ": " << response.body);
    return response.json();
  };
  auto json = page("");
  BOOST_TEST(json["data"].Size() == 12u);
  BOOST_TEST(json["data"][0]["id"].GetString() == ids[11]);
  BOOST_TEST(json["data"][11]["id"].GetString() == ids[0]);
  BOOST_TEST(!json["data"][0].HasMember("items"));
  BOOST_TEST(json["meta"]["total"].GetInt() == 12);
  BOOST_TEST(json["meta"]["hasMore"].IsFalse());

  json = page("?limit=5&page=2");
  BOOST_TEST(json["data"].Size() == 5u);
  BOOST_TEST(json["data"][0]["id"].GetString() == ids[6]);
  BOOST_TEST(json["meta"]["page"].GetInt() == 2);
  BOOST_TEST(json["meta"]["totalPages"].GetInt() == 3);
  BOOST_TEST(json["meta"]["hasMore"].IsTrue());
  BOOST_TEST(json["meta"]["limit"].GetInt() == 5);

  json = page("?status=shipped");
  BOOST_TEST(json["data"].Size() == 1u);
  BOOST_TEST(json["data"][0]["id"].GetString() == ids[0]);

  json = page("?from=2026-04-03&to=2026-04-05");  // a plain date upper bound includes its day
  BOOST_TEST(json["data"].Size() == 3u);
  BOOST_TEST(json["data"][0]["id"].GetString() == ids[4]);
  json = page("?date_from=2026-04-11T00:00:00Z&date_to=2026-04-11");
  BOOST_TEST(json["data"].Size() == 1u);
  BOOST_TEST(json["data"][0]["id"].GetString() == ids[10]);

  for (const char* bad : {"?status=lost", "?from=soon", "?limit=0", "?limit=101", "?page=0",
                          "?page=1000&limit=100"}) {
    const auto response =
        stack().client().get("/v1/customers/" + id + "/orders" + bad, bearer(stack().key()));
    BOOST_TEST(response.status == 422, bad << ": " << response.body);
  }

  // include=orders: the 10 latest.
  const auto with_orders =
      stack().client().get("/v1/customers/" + id + "?include=orders", bearer(stack().key()));
  BOOST_TEST_REQUIRE(with_orders.status == 200, with_orders.body);
  const auto with_orders_json = with_orders.json();
  const auto included = with_orders_json["data"]["orders"].GetArray();
  BOOST_TEST(included.Size() == 10u);
  BOOST_TEST(included[0]["id"].GetString() == ids[11]);
  BOOST_TEST(included[9]["id"].GetString() == ids[2]);
  const auto without = stack().client().get("/v1/customers/" + id, bearer(stack().key()));
  BOOST_TEST(!without.json()["data"].HasMember("orders"));
  BOOST_TEST(stack()
                 .client()
                 .get("/v1/customers/" + id + "?include=everything", bearer(stack().key()))
                 .status == 422);
}

BOOST_AUTO_TEST_CASE(customers_sort_by_their_live_figures) {
  // Three customers tagged for this test alone, with lifetime values 300, 100, 200 and last
  // orders in another order.
  const std::string tag = "sort" + std::to_string(getpid());
  const std::string more = R"("tags":[")" + tag + "\"]";
  const std::string a = new_customer(more), b = new_customer(more), c = new_customer(more);
  new_order(a, 1, "300", R"("orderDate":"2025-01-01")");
  new_order(b, 1, "100", R"("orderDate":"2025-03-01")");
  new_order(c, 1, "200", R"("orderDate":"2025-02-01")");
  const auto ids_of = [&](const std::string& sort) {
    const auto response =
        stack().client().get("/v1/customers?tag=" + tag + "&sort=" + sort, bearer(stack().key()));
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    std::vector<std::string> ids;
    const auto json = response.json();  // kept: the rows below point into it
    for (const auto& row : json["data"].GetArray()) ids.push_back(row["id"].GetString());
    return ids;
  };
  BOOST_TEST((ids_of("lifetimeValue") == std::vector<std::string>{b, c, a}));
  BOOST_TEST((ids_of("-lifetimeValue") == std::vector<std::string>{a, c, b}));
  BOOST_TEST((ids_of("lastOrderAt") == std::vector<std::string>{a, c, b}));
  BOOST_TEST((ids_of("-lastOrderAt") == std::vector<std::string>{b, c, a}));
  // A cancelled order moves its customer.
  const std::string a_order = sql("SELECT id FROM orders WHERE customer_id = '" + a + "'");
  BOOST_TEST_REQUIRE(send("PATCH", "/v1/orders/" + a_order, R"({"status":"cancelled"})").status ==
                     200);
  BOOST_TEST((ids_of("lifetimeValue") == std::vector<std::string>{a, b, c}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(erasure_and_tenancy)

BOOST_AUTO_TEST_CASE(erasure_destroys_order_addresses_and_keeps_the_figures) {
  const std::string id = new_customer(R"("shippingAddress":{"line1":"5 Private Way"})");
  const std::string order_id = new_order(id, 2, "75");
  BOOST_TEST(order(order_id)["shippingAddress"]["line1"].GetString() ==
             std::string("5 Private Way"));
  const auto erased = send("DELETE", "/v1/customers/" + id + "?erase=true");
  BOOST_TEST_REQUIRE(erased.status == 200, erased.body);
  BOOST_TEST(sql("SELECT count(*) FROM orders WHERE customer_id = '" + id +
                 "' AND shipping_address_enc IS NOT NULL") == "0");
  const auto kept = order(order_id);
  BOOST_TEST(kept["shippingAddress"].IsNull());
  BOOST_TEST(minor(kept, "totalMinor") == 15000);
  BOOST_TEST(minor(customer(id)["metrics"], "lifetimeValueMinor") == 15000);
}

BOOST_AUTO_TEST_CASE(another_business_reaches_no_order_and_writes_nothing) {
  const std::string id = new_customer();
  const std::string order_id = new_order(id, 1, "10");
  const std::string other = stack().other_key();
  const std::string before =
      sql("SELECT md5(string_agg(o::text, '|' ORDER BY o.id)) FROM orders o");
  const std::string missing = "0123456789abcdef01234567";
  const auto same_as_missing = [&](const std::string& method, const std::string& path_of_a,
                                   const std::string& path_of_none, const std::string& body,
                                   const std::string& body_of_none = "") {
    const auto on_a = send(method, path_of_a, body, other);
    const auto on_none =
        send(method, path_of_none, body_of_none.empty() ? body : body_of_none, other);
    BOOST_TEST(on_a.status == 404, method << " " << path_of_a << ": " << on_a.body);
    BOOST_TEST(on_none.status == 404);
    BOOST_TEST(error_code_of(on_a) == error_code_of(on_none));
  };
  same_as_missing("GET", "/v1/orders/" + order_id, "/v1/orders/" + missing, "");
  same_as_missing("PATCH", "/v1/orders/" + order_id, "/v1/orders/" + missing,
                  R"({"status":"cancelled"})");
  same_as_missing("POST", "/v1/orders/" + order_id + "/payments",
                  "/v1/orders/" + missing + "/payments", R"({"amount":1})");
  same_as_missing("GET", "/v1/customers/" + id + "/orders", "/v1/customers/" + missing + "/orders",
                  "");
  // A's customer inside B's order body (B's currency is EUR).
  const std::string items =
      R"(","items":[{"productId":"x","productName":"X","quantity":1,"unitPrice":1}]})";
  same_as_missing("POST", "/v1/orders", "/v1/orders", R"({"customerId":")" + id + items,
                  R"({"customerId":")" + missing + items);
  BOOST_TEST(sql("SELECT md5(string_agg(o::text, '|' ORDER BY o.id)) FROM orders o") == before);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(live_figures)

// 300 random creates, status moves and payments over 10 customers from 4 threads at once;
// then every figure is recomputed from the orders (each read back) and compared with each
// customer's metrics and accountBalance, and each order's amountPaid with the payments that
// were accepted.
BOOST_AUTO_TEST_CASE(figures_recomputed_from_the_orders_match_after_300_random_operations) {
  std::vector<std::string> customers;
  for (int i = 0; i < 10; ++i) {
    customers.push_back(new_customer(R"("discountRate":)" + std::to_string(i * 25) + "e-1"));
  }
  const std::vector<std::string> statuses = {"pending",   "confirmed", "shipped", "delivered",
                                             "completed", "cancelled", "refunded"};
  std::mutex mutex;
  std::vector<std::string> orders;           // every order created
  std::map<std::string, std::int64_t> paid;  // accepted payments per order
  std::atomic<int> done{0}, created{0}, moved{0}, payments{0};
  const auto worker = [&](unsigned seed) {
    std::mt19937 random(seed);
    HttpClient http(stack().base_url());
    const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    for (int op = 0; op < 75; ++op) {
      std::string target;
      {
        const std::lock_guard lock(mutex);
        if (!orders.empty())
          target = orders[static_cast<std::size_t>(pick(static_cast<int>(orders.size())))];
      }
      const int kind = target.empty() ? 0 : pick(3);
      if (kind == 0) {
        const std::string& customer = customers[static_cast<std::size_t>(pick(10))];
        std::string items;
        for (int line = 0, lines = 1 + pick(3); line < lines; ++line) {
          items += std::string(line ? "," : "") + R"({"productId":"p)" + std::to_string(pick(5)) +
                   R"(","productName":"Item","quantity":)" + std::to_string(1 + pick(4)) +
                   R"(,"unitPriceMinor":)" + std::to_string(pick(100000)) + "}";
        }
        const std::string date = "2025-0" + std::to_string(1 + pick(9)) + "-1" +
                                 std::to_string(pick(10)) + "T0" + std::to_string(pick(10)) +
                                 ":00:00Z";
        const auto response = http.request(
            "POST", "/v1/orders", json_headers(stack().key()),
            R"({"customerId":")" + customer + R"(","items":[)" + items + R"(],"orderDate":")" +
                date + R"(","status":")" + statuses[static_cast<std::size_t>(pick(5))] + "\"}");
        BOOST_TEST(response.status == 201, response.body);
        if (response.status == 201) {
          const std::lock_guard lock(mutex);
          orders.push_back(data_string(response, "id"));
          ++created;
        }
      } else if (kind == 1) {
        const auto response =
            http.request("PATCH", "/v1/orders/" + target, json_headers(stack().key()),
                         R"({"status":")" + statuses[static_cast<std::size_t>(pick(7))] + "\"}");
        BOOST_TEST((response.status == 200 || response.status == 409), response.body);
        if (response.status == 200) ++moved;
      } else {
        const std::int64_t amount = 1 + pick(150000);
        const auto response =
            http.request("POST", "/v1/orders/" + target + "/payments", json_headers(stack().key()),
                         R"({"amountMinor":)" + std::to_string(amount) + "}");
        BOOST_TEST((response.status == 201 || response.status == 409 || response.status == 422),
                   response.body);
        if (response.status == 201) {
          const std::lock_guard lock(mutex);
          paid[target] += amount;
          ++payments;
        }
      }
      ++done;
    }
  };
  std::vector<std::thread> threads;
  for (unsigned seed = 1; seed <= 4; ++seed) threads.emplace_back(worker, seed * 7919);
  for (auto& thread : threads) thread.join();
  BOOST_TEST(done.load() == 300);
  BOOST_TEST_MESSAGE("created " << created << ", moved " << moved << ", paid " << payments);
  BOOST_TEST(moved.load() > 0);
  BOOST_TEST(payments.load() > 0);

  struct Figures {
    int count = 0;
    std::int64_t lifetime = 0, balance = 0;
    std::string first, last;
  };
  std::map<std::string, Figures> expected;
  for (const auto& id : orders) {
    const auto one = order(id);
    const std::string status = one["status"].GetString();
    const std::int64_t total = one["totalMinor"].GetInt64();
    const std::int64_t amount_paid = one["amountPaidMinor"].GetInt64();
    BOOST_TEST(amount_paid == (paid.count(id) ? paid[id] : 0), id);
    BOOST_TEST(total == one["subtotalMinor"].GetInt64() - one["discountMinor"].GetInt64());
    if (status == "cancelled" || status == "refunded") {
      BOOST_TEST(one["balanceDueMinor"].GetInt64() == 0);
      continue;
    }
    BOOST_TEST(one["balanceDueMinor"].GetInt64() == total - amount_paid);
    auto& figures = expected[one["customerId"].GetString()];
    ++figures.count;
    figures.lifetime += total;
    figures.balance += total - amount_paid;
    const std::string date = one["orderDate"].GetString();  // RFC 3339 UTC: sorts as text
    if (figures.first.empty() || date < figures.first) figures.first = date;
    if (figures.last.empty() || date > figures.last) figures.last = date;
  }
  for (const auto& id : customers) {
    const auto shown = customer(id);
    const Figures figures = expected.count(id) ? expected[id] : Figures{};
    const auto& metrics = shown["metrics"];
    BOOST_TEST(metrics["orderCount"].GetInt() == figures.count, id);
    BOOST_TEST(metrics["lifetimeValueMinor"].GetInt64() == figures.lifetime, id);
    BOOST_TEST(shown["accountBalanceMinor"].GetInt64() == figures.balance, id);
    // The average, rounded half-even.
    std::int64_t average = 0;
    if (figures.count > 0) {
      average = figures.lifetime / figures.count;
      const std::int64_t twice = 2 * (figures.lifetime % figures.count);
      if (twice > figures.count || (twice == figures.count && average % 2 != 0)) ++average;
    }
    BOOST_TEST(metrics["averageOrderValueMinor"].GetInt64() == average, id);
    if (figures.count == 0) {
      BOOST_TEST(metrics["firstOrderAt"].IsNull());
      BOOST_TEST(metrics["lastOrderAt"].IsNull());
    } else {
      BOOST_TEST(metrics["firstOrderAt"].GetString() == figures.first, id);
      BOOST_TEST(metrics["lastOrderAt"].GetString() == figures.last, id);
    }
  }
  // The business-wide figures that stats reads moved with every one of these writes.
  BOOST_TEST(sql(capi::test::kStatsFiguresDrift) == "0");
}

BOOST_AUTO_TEST_SUITE_END()
