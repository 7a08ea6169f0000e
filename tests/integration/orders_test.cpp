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
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "api_helpers.hpp"
#include "shared_stack.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

std::string fresh_email() {
  static std::atomic<int> counter{0};
  return "buyer" + std::to_string(counter++) + "." + std::to_string(getpid()) + "@example.com";
}

HttpResponse send(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& key = stack().key()) {
  return stack().client().request(method, path, json_headers(key), body);
}

// A new customer of the stack's business (KE, KES); `more` adds members to its body.
std::string new_customer(const std::string& more = "", const std::string& email = fresh_email()) {
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
  const std::string email = fresh_email();
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
  BOOST_TEST(std::stoi(sql("SELECT count(*) FROM orders WHERE customer_id = '" + id + "'")) == 0);
  // An inactive customer orders nothing.
  BOOST_TEST_REQUIRE(send("DELETE", "/v1/customers/" + id).status == 200);
  const auto inactive = send("POST", "/v1/orders", order_body(id, 1, "1"));
  BOOST_TEST(inactive.status == 409, inactive.body);
  BOOST_TEST(std::stoi(sql("SELECT count(*) FROM orders WHERE customer_id = '" + id + "'")) == 0);
}

BOOST_AUTO_TEST_CASE(generated_numbers_are_unique_under_20_concurrent_creates) {
  const std::string id = new_customer();
  std::latch start(20);
  std::vector<std::future<HttpResponse>> results;
  for (int i = 0; i < 20; ++i) {
    results.push_back(std::async(std::launch::async, [&] {
      HttpClient http(stack().base_url());
      start.arrive_and_wait();
      return http.request("POST", "/v1/orders", json_headers(stack().key()),
                          order_body(id, 1, "1", R"("orderDate":"2031-05-05")"));
    }));
  }
  std::set<std::string> numbers;
  for (auto& result : results) {
    const auto response = result.get();
    BOOST_TEST_REQUIRE(response.status == 201, response.body);
    numbers.insert(data_string(response, "orderNumber"));
  }
  BOOST_TEST(numbers.size() == 20u);
  // A number that a client took in the generated pattern is skipped, not collided with.
  const auto next = "SO-2031-" + std::string(6 - std::to_string(21).size(), '0') + "21";
  BOOST_TEST_REQUIRE(
      send("POST", "/v1/orders", order_body(id, 1, "1", R"("orderNumber":")" + next + "\""))
          .status == 201);
  const auto after =
      send("POST", "/v1/orders", order_body(id, 1, "1", R"("orderDate":"2031-06-01")"));
  BOOST_TEST_REQUIRE(after.status == 201, after.body);
  BOOST_TEST(data_string(after, "orderNumber") == "SO-2031-000022");
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
