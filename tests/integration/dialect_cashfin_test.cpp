// Cashfin's dialect (API.md "Vendor dialects", issue #14; shared/reference/000_... and
// 003_...) through nginx: the overview's curl line and JavaScript (run with Node's fetch),
// the request-format guide's conventions, under /compat/cashfin; and every dialect's routes
// spending their key's budget, each 429 in its dialect's shape.
#define BOOST_TEST_MODULE dialect_cashfin
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "api_helpers.hpp"
#include "process.hpp"
#include "shared_stack.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

using capi::test::run_command;

// Cashfin (shared/reference/000_... and 003_...): the overview's routes and first-order flow,
// with the request-format guide's conventions, under /compat/cashfin.
BOOST_AUTO_TEST_SUITE(cashfin)

const std::string kCashfin = "/compat/cashfin";

// The guide's headers: the key as the whole Authorization header (no scheme).
Headers cashfin_headers(Headers more = {}) {
  more.emplace_back("Authorization", stack().key());
  more.emplace_back("Content-Type", "application/json");
  return more;
}

// "Quick Example": the page's curl line. Its email is shown obfuscated ("[email protected]",
// an artefact of the page); a real address stands in for it.
BOOST_AUTO_TEST_CASE(the_quick_example_creates_a_customer) {
  const auto created =
      stack().client().request("POST", kCashfin + "/business/customer/create", cashfin_headers(),
                               R"({
"name": "John Doe",
"email": "john@doe.example",
"phone": "+254712345600",
"country": "Kenya",
"currency": "KES"
})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const auto json = created.json();
  BOOST_TEST(json["success"].GetBool());
  BOOST_TEST(std::string(json["message"].GetString()) == "Customer created successfully");
  const auto& data = json["data"];
  const std::string id = data["_id"].GetString();
  BOOST_TEST(id.size() == 24u);
  BOOST_TEST(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  BOOST_TEST(!data.HasMember("id"));
  BOOST_TEST(std::string(data["name"].GetString()) == "John Doe");
  BOOST_TEST(std::string(data["email"].GetString()) == "john@doe.example");
  BOOST_TEST(std::string(data["phone"].GetString()) == "+254712345600");
  BOOST_TEST(std::string(data["country"].GetString()) == "KE");
  BOOST_TEST(std::string(data["currency"].GetString()) == "KES");
  BOOST_TEST(std::string(data["type"].GetString()) == "individual");     // "Customer Types"
  BOOST_TEST(std::string(data["createdAt"].GetString()).size() == 24u);  // ISO 8601
}

// The guide's list: paging in the query string.
BOOST_AUTO_TEST_CASE(the_list_pages_with_page_and_limit) {
  for (int i = 0; i < 3; ++i) {
    const auto created = stack().client().request(
        "POST", kCashfin + "/business/customer/create", cashfin_headers(),
        R"({"name":"Listed )" + std::to_string(i) + R"(","email":"listed)" + std::to_string(i) +
            R"(@cashfin.example","type":"business"})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
  }
  const auto page = stack().client().get(kCashfin + "/business/customer/list?page=1&limit=2",
                                         {{"Authorization", stack().key()}});
  BOOST_TEST_REQUIRE(page.status == 200, page.body);
  const auto json = page.json();
  BOOST_TEST(json["success"].GetBool());
  BOOST_TEST(json["data"].Size() == 2u);
  BOOST_TEST(json["data"][0].HasMember("_id"));
  BOOST_TEST(json["meta"]["page"].GetInt() == 1);
  BOOST_TEST(json["meta"]["limit"].GetInt() == 2);
  BOOST_TEST(json["meta"]["total"].GetInt() >= 3);
  const auto second = stack().client().get(kCashfin + "/business/customer/list?page=2&limit=2",
                                           {{"Authorization", stack().key()}});
  BOOST_TEST_REQUIRE(second.status == 200, second.body);
  BOOST_TEST(second.json()["data"][0]["_id"].GetString() !=
             std::string(json["data"][0]["_id"].GetString()));
}

// "Request Validation": 400 or 422 with the guide's {success, error, errors} shape.
BOOST_AUTO_TEST_CASE(validation_errors_have_the_guides_shape) {
  const auto invalid =
      stack().client().request("POST", kCashfin + "/business/customer/create", cashfin_headers(),
                               R"({"email":"not-an-email","type":"robot"})");
  BOOST_TEST_REQUIRE(invalid.status == 422, invalid.body);
  const auto json = invalid.json();
  BOOST_TEST(!json["success"].GetBool());
  BOOST_TEST(std::string(json["error"].GetString()) == "There are problems with your submission");
  BOOST_TEST(json["errors"].HasMember("name"), invalid.body);
  BOOST_TEST(json["errors"].HasMember("email"), invalid.body);
  BOOST_TEST(json["errors"].HasMember("type"), invalid.body);
  const auto malformed = stack().client().request("POST", kCashfin + "/business/customer/create",
                                                  cashfin_headers(), R"({"name": )");
  BOOST_TEST(malformed.status == 400, malformed.body);
  BOOST_TEST(!malformed.json()["success"].GetBool());
  BOOST_TEST(malformed.json()["error"].IsString());
  // A field under both its names is one field given twice.
  const auto twice = stack().client().request(
      "POST", kCashfin + "/business/customer/create", cashfin_headers(),
      R"({"name":"Twice","email":"twice@cashfin.example","companyname":"A","companyName":"B"})");
  BOOST_TEST(twice.status == 400, twice.body);
  // No key, an unknown key: 401 in the same shape.
  const auto no_key = stack().client().get(kCashfin + "/business/customer/list");
  BOOST_TEST(no_key.status == 401, no_key.body);
  BOOST_TEST(!no_key.json()["success"].GetBool());
  BOOST_TEST(no_key.json()["error"].IsString());
}

// "Common Request Headers": Idempotency-Key replays the first answer; X-Request-ID is echoed.
BOOST_AUTO_TEST_CASE(idempotency_key_and_request_id_work_as_the_guide_says) {
  const std::string body = R"({"name":"Keyed Cashfin","email":"keyed@cashfin.example"})";
  const auto headers = cashfin_headers(
      {{"Idempotency-Key", "create-customer-1765000000"}, {"X-Request-ID", "cashfin-request-1"}});
  const auto first =
      stack().client().request("POST", kCashfin + "/business/customer/create", headers, body);
  BOOST_TEST_REQUIRE(first.status == 201, first.body);
  BOOST_TEST(first.header("x-request-id") == "cashfin-request-1");
  const auto again =
      stack().client().request("POST", kCashfin + "/business/customer/create", headers, body);
  BOOST_TEST(again.status == 201, again.body);
  BOOST_TEST(again.body == first.body);
  BOOST_TEST(again.header("idempotent-replayed") == "true");
}

// The overview's JavaScript, run with Node's fetch: syncCustomer for a person and a company,
// and createOrderWithCustomer, whose checkout finds the customer by `customeremail`.
BOOST_AUTO_TEST_CASE(the_overviews_javascript_runs_unchanged) {
  const auto run =
      run_command({"node", "--no-warnings",
                   std::string(CAPI_SOURCE_DIR) + "/tests/dialects/cashfin_overview.mjs"},
                  {{"BASE_URL", stack().base_url()}, {"API_KEY", stack().key()}});
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.output);
  rapidjson::Document json;
  json.Parse(run.output.c_str());
  BOOST_TEST_REQUIRE(!json.HasParseError(), run.output);
  const auto& person = json["person"];
  BOOST_TEST(person["success"].GetBool(), run.output);
  BOOST_TEST(std::string(person["data"]["type"].GetString()) == "individual");
  BOOST_TEST(std::string(json["company"]["data"]["type"].GetString()) == "business");
  const auto& order = json["order"];
  BOOST_TEST_REQUIRE(order["success"].GetBool(), run.output);
  BOOST_TEST(std::string(order["data"]["_id"].GetString()).size() == 24u);
  BOOST_TEST(std::string(order["data"]["currency"].GetString()) == "KES");
  BOOST_TEST(order["data"]["totalMinor"].GetInt64() == 599998, run.output);
  // The order is the customer's: its figures moved.
  const std::string customer = order["data"]["customerId"].GetString();
  const auto core = stack().client().get("/v1/customers/" + customer, bearer(stack().key()));
  BOOST_TEST(data_string(core, "email") == "jane.wanjiru@example.com");
  BOOST_TEST(core.json()["data"]["metrics"]["orderCount"].GetInt() == 1, core.body);
}

// The request-format guide's fetch, with Idempotency-Key, sent twice (tests/dialects/).
BOOST_AUTO_TEST_CASE(the_guides_javascript_retries_safely) {
  const auto run = run_command(
      {"node", "--no-warnings", std::string(CAPI_SOURCE_DIR) + "/tests/dialects/cashfin_guide.mjs"},
      {{"BASE_URL", stack().base_url()}, {"API_KEY", stack().key()}});
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.output);
  rapidjson::Document json;
  json.Parse(run.output.c_str());
  BOOST_TEST_REQUIRE(!json.HasParseError(), run.output);
  BOOST_TEST(json["first"]["status"].GetInt() == 201, run.output);
  BOOST_TEST(json["first"]["replayed"].IsNull());
  BOOST_TEST(json["retry"]["status"].GetInt() == 201, run.output);
  BOOST_TEST(std::string(json["retry"]["replayed"].GetString()) == "true");
  BOOST_TEST(std::string(json["retry"]["body"]["data"]["_id"].GetString()) ==
             json["first"]["body"]["data"]["_id"].GetString());
  // UTF-8 kept as sent.
  BOOST_TEST(std::string(json["first"]["body"]["data"]["notes"].GetString()) ==
             "A high-quality widget buyer with \u00e9mojis \U0001F389");
}

BOOST_AUTO_TEST_SUITE_END()

// Every dialect route is charged to its key's budget like a core route, and its 429 is in
// the dialect's shape.
BOOST_AUTO_TEST_SUITE(every_dialect)

BOOST_AUTO_TEST_CASE(dialect_routes_spend_the_keys_budget) {
  const std::string key =
      stack().cli_line({"key", "create", "--business", stack().business_id(), "--rate-limit", "3"});
  const std::vector<std::string> reads = {"/compat/finora/v1/customers?limit=1",
                                          "/compat/cashfin/business/customer/list?limit=1",
                                          "/compat/erp/api/customers?limit=1"};
  for (const auto& path : reads) {
    const auto answered = stack().client().get(path, bearer(key));
    BOOST_TEST(answered.status == 200, path << ": " << answered.body);
    BOOST_TEST(!answered.header("x-ratelimit-remaining").empty(), path);
  }
  // The budget (3 a minute) is spent, whichever dialect spent it.
  const auto cashfin = stack().client().get(reads[1], {{"Authorization", key}});
  BOOST_TEST_REQUIRE(cashfin.status == 429, cashfin.body);
  BOOST_TEST(!cashfin.header("retry-after").empty());
  BOOST_TEST(!cashfin.json()["success"].GetBool());
  BOOST_TEST(std::string(cashfin.json()["code"].GetString()) == "rate_limited");
  BOOST_TEST(cashfin.json()["error"].IsString());
  const auto finora = stack().client().get(reads[0], bearer(key));
  BOOST_TEST(finora.status == 429, finora.body);
  BOOST_TEST(error_code_of(finora) == "rate_limited");
  const auto core = stack().client().get("/v1/business", bearer(key));
  BOOST_TEST(core.status == 429, core.body);
}

BOOST_AUTO_TEST_SUITE_END()
