// TalkingShops' dialect (API.md "Vendor dialects", issue #14; shared/reference/004_...)
// through nginx: create, list, get, lookup by mobile, PUT {updates}, DELETE and stats under
// /compat/talkingshops, with x-tenant-api-key, its error shape and its 100 requests a
// minute.
#define BOOST_TEST_MODULE dialect_talkingshops
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cmath>
#include <set>
#include <string>

#include "api_helpers.hpp"
#include "shared_stack.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

const std::string kShops = "/compat/talkingshops/v1/customers";

// TalkingShops' header for the key, as its page prints it.
Headers shops_headers(const std::string& key = stack().key()) {
  return {{"x-tenant-api-key", key}, {"Content-Type", "application/json"}};
}

HttpResponse shops(const std::string& method, const std::string& path, const std::string& body = {},
                   const std::string& key = stack().key()) {
  return stack().client().request(method, path, shops_headers(key), body);
}

// The page's "Create Customer" request body, verbatim.
const std::string kJohn =
    R"({"mobile":"919876543210","name":"John Doe","email":"john@example.com","segment":"premium"})";

const std::set<std::string> kShopsListed = {"_id",     "name",       "mobile",     "email",
                                            "segment", "created_at", "updated_at", "metrics"};
const std::set<std::string> kShopsCustomer = {
    "_id", "name", "mobile", "email", "segment", "created_at", "updated_at", "orders", "metrics"};

// The page's John Doe, made once by the page's create (the first test, or the first that
// needs him when run alone): his mobile and email may be taken once only.
std::string& john_id() {
  static std::string id;
  return id;
}

const std::string& john() {
  if (john_id().empty()) {
    const auto created = shops("POST", kShops, kJohn);
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    john_id() = created.json()["customerId"].GetString();
  }
  return john_id();
}

// {error: {code, message, details}} and nothing else, with `code`.
void expect_shops_error(const HttpResponse& response, int status, const std::string& code) {
  BOOST_TEST(response.status == status, response.body);
  const auto json = response.json();
  BOOST_TEST_REQUIRE((!json.HasParseError() && json.IsObject()), response.body);
  BOOST_TEST(names_of(json) == (std::set<std::string>{"error"}), response.body);
  const auto& error = json["error"];
  BOOST_TEST(names_of(error) == (std::set<std::string>{"code", "message", "details"}));
  BOOST_TEST(std::string(error["code"].GetString()) == code, response.body);
  BOOST_TEST(std::string(error["message"].GetString()).size() > 0u);
  BOOST_TEST(error["details"].IsObject());
}

std::string detail_of(const HttpResponse& response, const char* name) {
  const auto json = response.json();
  const auto& details = json["error"]["details"];
  return details.HasMember(name) ? details[name].GetString() : "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(talkingshops)

// "Create Customer": the page's body as printed; 201 with {success, message, customerId}.
BOOST_AUTO_TEST_CASE(create_is_the_pages_example) {
  const auto created = shops("POST", kShops, kJohn);
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const auto json = created.json();
  BOOST_TEST(names_of(json) == (std::set<std::string>{"success", "message", "customerId"}));
  BOOST_TEST(json["success"].GetBool());
  BOOST_TEST(std::string(json["message"].GetString()) == "Customer created successfully");
  const std::string id = json["customerId"].GetString();
  BOOST_TEST(id.size() == 24u);
  john_id() = id;
  // 919876543210 is WhatsApp's notation of +91 98765 43210, stored as E.164.
  const auto core = stack().client().get("/v1/customers/" + id, bearer(stack().key()));
  BOOST_TEST(data_string(core, "phone") == "+919876543210", core.body);
  BOOST_TEST(data_string(core, "segment") == "premium");
  // Mobile numbers identify customers: the same mobile again is a conflict, naming the first.
  const auto again = shops("POST", kShops, R"({"mobile":"919876543210","name":"John Again"})");
  expect_shops_error(again, 409, "ConflictError");
  BOOST_TEST(detail_of(again, "existingId") == id, again.body);
  // Only mobile is required: the name defaults to the mobile as given.
  const auto bare = shops("POST", kShops, R"({"mobile":"919876543219"})");
  BOOST_TEST_REQUIRE(bare.status == 201, bare.body);
  const auto bare_core = stack().client().get(
      "/v1/customers/" + std::string(bare.json()["customerId"].GetString()), bearer(stack().key()));
  BOOST_TEST(data_string(bare_core, "name") == "919876543219", bare_core.body);
}

// The page's errors: ValidationError 400 for invalid parameters (the core's 422 included),
// AuthenticationError 401, each {error: {code, message, details}}.
BOOST_AUTO_TEST_CASE(errors_have_the_pages_shape_and_statuses) {
  const auto no_mobile = shops("POST", kShops, R"({"name":"No Mobile"})");
  expect_shops_error(no_mobile, 400, "ValidationError");
  BOOST_TEST(detail_of(no_mobile, "mobile") == "is required");
  const auto bad_email =
      shops("POST", kShops, R"({"mobile":"919876543218","email":"john(at)example.com"})");
  expect_shops_error(bad_email, 400, "ValidationError");
  BOOST_TEST(!detail_of(bad_email, "email").empty(), bad_email.body);
  const auto not_json = shops("POST", kShops, R"({"mobile":)");
  expect_shops_error(not_json, 400, "ValidationError");
  const auto no_key = stack().client().get(kShops);
  expect_shops_error(no_key, 401, "AuthenticationError");
  const auto bad_key = stack().client().get(kShops, {{"x-tenant-api-key", "capi_unknown"}});
  expect_shops_error(bad_key, 401, "AuthenticationError");
  const auto read_only = shops("POST", kShops, kJohn, stack().read_only_key());
  expect_shops_error(read_only, 403, "AuthorizationError");
  // The page's own example id is an id that does not exist here.
  const auto missing = shops("GET", kShops + "/64a1b2c3d4e5f6789abc1234");
  expect_shops_error(missing, 404, "NotFoundError");
  const auto malformed = shops("GET", kShops + "/64a1b2c3d4e5f6789abc123");
  expect_shops_error(malformed, 404, "NotFoundError");
  const auto text = stack().client().request(
      "POST", kShops, {{"x-tenant-api-key", stack().key()}, {"Content-Type", "text/plain"}}, kJohn);
  expect_shops_error(text, 415, "UnsupportedMediaTypeError");
  // Over the app's 1 MiB (nginx's own cap, 2 MiB, answers in the API's envelope).
  const auto large = shops(
      "POST", kShops,
      R"({"mobile":"919876543217","notes":")" + std::string(std::size_t{1536} * 1024, 'n') + "\"}");
  expect_shops_error(large, 413, "PayloadTooLargeError");
  BOOST_TEST(!no_key.header("x-request-id").empty());  // the request id is in its header
}

// WhatsApp's digits with the country code, or the business's national notation (Kenya here):
// both reach the same E.164 number; digits without their country code are refused.
BOOST_AUTO_TEST_CASE(mobiles_are_read_in_whatsapps_notation) {
  const auto national = shops("POST", kShops, R"({"mobile":"0712 345 678","name":"Wanjiru"})");
  BOOST_TEST_REQUIRE(national.status == 201, national.body);
  const std::string id = national.json()["customerId"].GetString();
  const auto got = shops("GET", kShops + "/" + id);
  BOOST_TEST(std::string(got.json()["mobile"].GetString()) == "254712345678", got.body);
  const auto same = shops("POST", kShops, R"({"mobile":"254712345678"})");
  expect_shops_error(same, 409, "ConflictError");
  const auto without_code = shops("POST", kShops, R"({"mobile":"712345670"})");
  expect_shops_error(without_code, 400, "ValidationError");
  BOOST_TEST(detail_of(without_code, "mobile") == "must be a valid phone number");
}

// "Get Customer by ID": the page's customer with its order ORD-001 and its metrics.
BOOST_AUTO_TEST_CASE(get_answers_the_pages_customer_with_orders_and_metrics) {
  const std::string id = john();
  const auto ordered = stack().client().request(
      "POST", "/v1/orders", json_headers(stack().key()),
      R"({"customerId":")" + id +
          R"(","orderNumber":"ORD-001","status":"completed","orderDate":"2023-06-20T10:30:00Z",)"
          R"("items":[{"productId":"p1","productName":"Kikoy","quantity":1,"unitPrice":250.00}]})");
  BOOST_TEST_REQUIRE(ordered.status == 201, ordered.body);
  const auto got = shops("GET", kShops + "/" + id);
  BOOST_TEST_REQUIRE(got.status == 200, got.body);
  const auto json = got.json();
  BOOST_TEST(names_of(json) == kShopsCustomer, got.body);
  BOOST_TEST(std::string(json["_id"].GetString()) == id);
  BOOST_TEST(std::string(json["name"].GetString()) == "John Doe");
  BOOST_TEST(std::string(json["mobile"].GetString()) == "919876543210");
  BOOST_TEST(std::string(json["email"].GetString()) == "john@example.com");
  BOOST_TEST(std::string(json["segment"].GetString()) == "premium");
  BOOST_TEST(std::string(json["created_at"].GetString()).size() == 24u);  // ISO 8601, ms, Z
  BOOST_TEST(std::string(json["updated_at"].GetString()).size() == 24u);
  const auto& orders = json["orders"];
  BOOST_TEST_REQUIRE(orders.Size() == 1u, got.body);
  const auto& order = orders[0];
  BOOST_TEST(names_of(order) ==
             (std::set<std::string>{"_id", "referenceId", "status", "final_amount", "created_at"}));
  BOOST_TEST(std::string(order["_id"].GetString()) == data_string(ordered, "id"));
  BOOST_TEST(std::string(order["referenceId"].GetString()) == "ORD-001");
  BOOST_TEST(std::string(order["status"].GetString()) == "completed");
  BOOST_TEST(order["final_amount"].GetDouble() == 250.0);
  BOOST_TEST(std::string(order["created_at"].GetString()) == "2023-06-20T10:30:00.000Z");
  const auto& metrics = json["metrics"];
  BOOST_TEST(names_of(metrics) ==
             (std::set<std::string>{"totalOrders", "totalSpent", "averageOrderValue",
                                    "firstOrderDate", "lastOrderDate"}));
  BOOST_TEST(metrics["totalOrders"].GetInt() == 1);
  BOOST_TEST(metrics["totalSpent"].GetDouble() == 250.0);
  BOOST_TEST(metrics["averageOrderValue"].GetDouble() == 250.0);
  BOOST_TEST(std::string(metrics["firstOrderDate"].GetString()) == "2023-06-20T10:30:00.000Z");
  BOOST_TEST(std::string(metrics["lastOrderDate"].GetString()) == "2023-06-20T10:30:00.000Z");
}

// "Get Customer by Mobile": lookup?mobile=919876543210 returns the same object as by id.
BOOST_AUTO_TEST_CASE(lookup_by_mobile_is_the_same_object) {
  const std::string id = john();
  const auto by_id = shops("GET", kShops + "/" + id);
  const auto found = shops("GET", kShops + "/lookup?mobile=919876543210");
  BOOST_TEST_REQUIRE(found.status == 200, found.body);
  BOOST_TEST(found.body == by_id.body);
  // With its '+', encoded or sent bare (a bare '+' arrives as a space).
  BOOST_TEST(shops("GET", kShops + "/lookup?mobile=%2B919876543210").body == by_id.body);
  BOOST_TEST(shops("GET", kShops + "/lookup?mobile=+919876543210").body == by_id.body);
  expect_shops_error(shops("GET", kShops + "/lookup?mobile=919800000000"), 404, "NotFoundError");
  const auto no_mobile = shops("GET", kShops + "/lookup");
  expect_shops_error(no_mobile, 400, "ValidationError");
  BOOST_TEST(detail_of(no_mobile, "mobile") == "is required");
  expect_shops_error(shops("GET", kShops + "/lookup?mobile=12"), 400, "ValidationError");
}

// "Update Customer": the page's {updates: {...}}; the fields given change, the rest stay.
BOOST_AUTO_TEST_CASE(put_applies_the_pages_updates) {
  const auto created =
      shops("POST", kShops, R"({"mobile":"919876543211","name":"John Doe","segment":"premium"})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const std::string id = created.json()["customerId"].GetString();
  const auto updated =
      shops("PUT", kShops + "/" + id,
            R"({"updates":{"name":"John Smith","email":"johnsmith@example.com","segment":"vip"}})");
  BOOST_TEST_REQUIRE(updated.status == 200, updated.body);
  const auto json = updated.json();
  BOOST_TEST(names_of(json) == (std::set<std::string>{"success", "message"}));
  BOOST_TEST(json["success"].GetBool());
  BOOST_TEST(std::string(json["message"].GetString()) == "Customer updated successfully");
  const auto got = shops("GET", kShops + "/" + id).json();
  BOOST_TEST(std::string(got["name"].GetString()) == "John Smith");
  BOOST_TEST(std::string(got["email"].GetString()) == "johnsmith@example.com");
  BOOST_TEST(std::string(got["segment"].GetString()) == "vip");
  BOOST_TEST(std::string(got["mobile"].GetString()) == "919876543211");  // not given: kept
  // A new mobile is read like a created one.
  const auto moved = shops("PUT", kShops + "/" + id, R"({"updates":{"mobile":"919876543212"}})");
  BOOST_TEST_REQUIRE(moved.status == 200, moved.body);
  BOOST_TEST(shops("GET", kShops + "/lookup?mobile=919876543212").status == 200);
  // The fields at the top, as another API would send them, are not updates.
  const auto flat = shops("PUT", kShops + "/" + id, R"({"name":"Flat"})");
  expect_shops_error(flat, 400, "ValidationError");
  BOOST_TEST(!detail_of(flat, "updates").empty());
  const auto bad = shops("PUT", kShops + "/" + id, R"({"updates":{"email":"not-an-email"}})");
  expect_shops_error(bad, 400, "ValidationError");
  expect_shops_error(shops("PUT", kShops + "/0123456789abcdef01234567", R"({"updates":{}})"), 404,
                     "NotFoundError");
}

// "Delete Customer": a soft delete; gone from TalkingShops' routes, kept (inactive) with its
// orders in the core, where POST /v1/customers/{id}/restore can bring it back.
BOOST_AUTO_TEST_CASE(delete_removes_the_customer_from_its_routes) {
  const auto created = shops("POST", kShops, R"({"mobile":"919876543213","name":"Gone Soon"})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const std::string id = created.json()["customerId"].GetString();
  const auto removed = shops("DELETE", kShops + "/" + id);
  BOOST_TEST_REQUIRE(removed.status == 200, removed.body);
  const auto json = removed.json();
  BOOST_TEST(names_of(json) == (std::set<std::string>{"success", "message"}));
  BOOST_TEST(json["success"].GetBool());
  BOOST_TEST(std::string(json["message"].GetString()) == "Customer deleted successfully");
  expect_shops_error(shops("GET", kShops + "/" + id), 404, "NotFoundError");
  expect_shops_error(shops("GET", kShops + "/lookup?mobile=919876543213"), 404, "NotFoundError");
  const auto core = stack().client().get("/v1/customers/" + id, bearer(stack().key()));
  BOOST_TEST(!core.json()["data"]["isActive"].GetBool(), core.body);
  // Its mobile is free again.
  BOOST_TEST(shops("POST", kShops, R"({"mobile":"919876543213"})").status == 201);
}

// "Get Customers": the page's fields and meta; page, limit, segment, dates, searchTerm, sort.
BOOST_AUTO_TEST_CASE(list_has_the_pages_fields_and_meta) {
  john();
  const auto listed = shops("GET", kShops);
  BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
  const auto json = listed.json();
  BOOST_TEST(
      names_of(json) == (std::set<std::string>{"customers", "total", "totalPages", "activeCount",
                                               "averageLifetimeValue", "meta"}),
      listed.body);
  const auto& customers = json["customers"];
  BOOST_TEST(customers.Size() <= 10u);  // limit defaults to 10
  const auto total = json["total"].GetInt64();
  BOOST_TEST(json["totalPages"].GetInt64() == (total + 9) / 10);
  BOOST_TEST(json["activeCount"].GetInt64() >= total);
  BOOST_TEST(json["averageLifetimeValue"].IsNumber());
  const auto& meta = json["meta"];
  BOOST_TEST(names_of(meta) == (std::set<std::string>{"hasSegmentation", "page", "limit", "sort"}));
  BOOST_TEST(meta["hasSegmentation"].GetBool());  // John is premium
  BOOST_TEST(meta["page"].GetInt() == 1);
  BOOST_TEST(meta["limit"].GetInt() == 10);
  BOOST_TEST(std::string(meta["sort"].GetString()) == "created_at");
  std::string previous;
  for (const auto& customer : customers.GetArray()) {
    BOOST_TEST(names_of(customer) == kShopsListed);
    BOOST_TEST(names_of(customer["metrics"]) ==
               (std::set<std::string>{"orderCount", "lifetimeValue"}));
    const std::string created_at = customer["created_at"].GetString();
    BOOST_TEST(previous <= created_at);  // oldest first
    previous = created_at;
  }
  // Every query parameter of the page at once.
  const auto filtered = shops("GET", kShops +
                                         "?page=1&limit=5&segment=premium&startDate=2020-01-01T00:"
                                         "00:00Z&endDate=2100-01-01&searchTerm=John&sort=-name");
  BOOST_TEST_REQUIRE(filtered.status == 200, filtered.body);
  const auto found = filtered.json();
  BOOST_TEST_REQUIRE(found["customers"].Size() >= 1u, filtered.body);
  for (const auto& customer : found["customers"].GetArray()) {
    BOOST_TEST(std::string(customer["segment"].GetString()) == "premium");
  }
  BOOST_TEST(std::string(found["meta"]["sort"].GetString()) == "-name");
  BOOST_TEST(found["meta"]["limit"].GetInt() == 5);
  const auto by_mobile = shops("GET", kShops + "?searchTerm=919876543210").json();
  BOOST_TEST_REQUIRE(by_mobile["customers"].Size() == 1u);
  BOOST_TEST(std::string(by_mobile["customers"][0]["_id"].GetString()) == john());
  const auto by_email = shops("GET", kShops + "?searchTerm=john%40example.com").json();
  BOOST_TEST_REQUIRE(by_email["customers"].Size() >= 1u);
  BOOST_TEST(std::string(by_email["customers"][0]["_id"].GetString()) == john());
  // Outside 1-100, an unknown sort: ValidationError 400.
  for (const char* query : {"?limit=101", "?limit=0", "?sort=shoe_size", "?page=0"}) {
    expect_shops_error(shops("GET", kShops + query), 400, "ValidationError");
  }
}

// "Get Customer Statistics": the page's fields; the period is this month, its end inclusive.
BOOST_AUTO_TEST_CASE(stats_has_the_pages_fields) {
  john();
  const auto stats = shops("GET", kShops + "/stats");
  BOOST_TEST_REQUIRE(stats.status == 200, stats.body);
  const auto json = stats.json();
  BOOST_TEST(names_of(json) ==
                 (std::set<std::string>{"totalCustomers", "newCustomers", "averageOrderValue",
                                        "totalOrders", "revenue", "segmentDistribution", "period"}),
             stats.body);
  BOOST_TEST(json["totalCustomers"].GetInt64() >= 1);
  BOOST_TEST(json["newCustomers"].GetInt64() >= 1);  // John was made this month
  BOOST_TEST(json["segmentDistribution"]["premium"].GetInt64() >= 1);
  const std::string start = json["period"]["start"].GetString();
  const std::string end = json["period"]["end"].GetString();
  BOOST_TEST(start.substr(7) == "-01T00:00:00.000Z", start);
  BOOST_TEST(end.substr(13) == ":59:59.999Z", end);
  BOOST_TEST(end.substr(0, 7) == start.substr(0, 7));  // the same month
  // The page's own period, June 2023, where John's order is.
  const auto june =
      shops("GET", kShops + "/stats?startDate=2023-06-01T00:00:00Z&endDate=2023-06-30T23:59:59Z");
  BOOST_TEST_REQUIRE(june.status == 200, june.body);
  BOOST_TEST(std::string(june.json()["period"]["start"].GetString()) == "2023-06-01T00:00:00.000Z");
}

// "Rate Limiting": 100 requests a minute per key; the 101st within the minute is refused
// with RateLimitError 429 and Retry-After. Keys for TalkingShops clients are made with
// --rate-limit 100 (the core's default budget is 100 too; this stack raises it).
BOOST_AUTO_TEST_CASE(the_101st_request_within_a_minute_is_refused) {
  const std::string key = stack().cli_line(
      {"key", "create", "--business", stack().business_id(), "--rate-limit", "100"});
  auto http = stack().client();
  const auto started = std::chrono::steady_clock::now();
  int answered = 0;
  HttpResponse refused;
  for (int i = 0; i < 200; ++i) {
    auto response = http.get(kShops + "/stats", {{"x-tenant-api-key", key}});
    if (response.status == 429) {
      refused = std::move(response);
      break;
    }
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    BOOST_TEST(response.header("x-ratelimit-limit") == "100");
    ++answered;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Exactly 100, plus the tokens the bucket got back meanwhile (100 a minute).
  BOOST_TEST(answered >= 100);
  BOOST_TEST(answered <= 100 + static_cast<int>(std::floor(seconds * 100.0 / 60.0)), seconds);
  expect_shops_error(refused, 429, "RateLimitError");
  BOOST_TEST(!refused.header("retry-after").empty());
  BOOST_TEST(refused.header("x-ratelimit-remaining") == "0");
}

BOOST_AUTO_TEST_SUITE_END()
