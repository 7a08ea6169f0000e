// Vendor dialects (API.md "Vendor dialects", issue #14) through nginx: every example of a
// reference page replayed as printed, with only the base URL and the key changed, and
// answered in that vendor's shapes. Finora Business (shared/reference/001_...): list,
// get, search, find-or-create, create, PUT and soft DELETE under /compat/finora.
#define BOOST_TEST_MODULE dialects
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include "api_helpers.hpp"
#include "process.hpp"
#include "shared_stack.hpp"

using namespace capi::test;
using capi::test::run_command;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

const std::string kFinora = "/compat/finora/v1/customers";

HttpResponse send(const std::string& method, const std::string& path, const std::string& body = {},
                  const std::string& key = stack().key()) {
  return stack().client().request(method, path, json_headers(key), body);
}

// The member names of an object.
std::set<std::string> names_of(const rapidjson::Value& object) {
  std::set<std::string> names;
  for (const auto& member : object.GetObject()) names.insert(member.name.GetString());
  return names;
}

const std::set<std::string> kFinoraCustomer = {"id",
                                               "name",
                                               "email",
                                               "phone",
                                               "address",
                                               "tin",
                                               "companyName",
                                               "accountBalanceKobo",
                                               "accountBalance",
                                               "isActive",
                                               "createdAt"};

// The page's own customer ("Get a single customer"), made through Finora's create.
std::string create_acme(const std::string& email = "finance@acme.com",
                        const std::string& phone = "+2348012345678") {
  const auto created = send("POST", kFinora,
                            R"({"name":"Acme Ltd","email":")" + email + R"(","phone":")" + phone +
                                R"(",)"
                                R"("address":"15 Adeola Odeku St, Victoria Island, Lagos",)"
                                R"("tin":"12345678-0001","companyName":"Acme Technologies Ltd"})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  return data_string(created, "id");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(finora)

// "Get a single customer": the response of the page, field for field.
BOOST_AUTO_TEST_CASE(get_answers_the_pages_customer_object) {
  const std::string id = create_acme();
  const auto got = stack().client().get(kFinora + "/" + id, bearer(stack().key()));
  BOOST_TEST_REQUIRE(got.status == 200, got.body);
  const auto json = got.json();
  BOOST_TEST(json["success"].GetBool());
  const auto& data = json["data"];
  BOOST_TEST(names_of(data) == kFinoraCustomer, got.body);
  BOOST_TEST(std::string(data["id"].GetString()) == id);
  BOOST_TEST(std::string(data["name"].GetString()) == "Acme Ltd");
  BOOST_TEST(std::string(data["email"].GetString()) == "finance@acme.com");
  BOOST_TEST(std::string(data["phone"].GetString()) == "+2348012345678");
  BOOST_TEST(std::string(data["address"].GetString()) ==
             "15 Adeola Odeku St, Victoria Island, Lagos");
  BOOST_TEST(std::string(data["tin"].GetString()) == "12345678-0001");
  BOOST_TEST(std::string(data["companyName"].GetString()) == "Acme Technologies Ltd");
  BOOST_TEST(data["accountBalanceKobo"].GetInt64() == 0);
  BOOST_TEST(data["accountBalance"].GetDouble() == 0.0);
  BOOST_TEST(data["isActive"].GetBool());
  BOOST_TEST(std::string(data["createdAt"].GetString()).size() == 24u);  // ISO 8601, ms, Z
  // The same customer through the core: one record, two shapes.
  const auto core = stack().client().get("/v1/customers/" + id, bearer(stack().key()));
  BOOST_TEST(data_string(core, "taxId") == "12345678-0001");
}

// "Search customers": the page's curl line, with businessId and q=acme.
BOOST_AUTO_TEST_CASE(search_is_the_pages_curl_line) {
  create_acme("search.acme@acme.com", "+2348012345670");
  const auto found = stack().client().get(
      kFinora + "/search?businessId=" + stack().business_id() + "&q=acme", bearer(stack().key()));
  BOOST_TEST_REQUIRE(found.status == 200, found.body);
  const auto json = found.json();
  BOOST_TEST(json["success"].GetBool());
  BOOST_TEST(names_of(json["data"]) == (std::set<std::string>{"customers", "count"}));
  const auto& customers = json["data"]["customers"];
  BOOST_TEST_REQUIRE(customers.Size() >= 1u, found.body);
  BOOST_TEST(json["data"]["count"].GetUint() == customers.Size());
  for (const auto& customer : customers.GetArray()) {
    BOOST_TEST(names_of(customer) == kFinoraCustomer);
    BOOST_TEST(std::string(customer["name"].GetString()).find("Acme") != std::string::npos);
  }
  // Another business's id in businessId is refused, not answered with that business's data.
  const auto foreign = stack().client().get(
      kFinora + "/search?businessId=" + stack().other_business_id() + "&q=acme",
      bearer(stack().key()));
  BOOST_TEST(foreign.status == 403, foreign.body);
}

// "Find or create": created: true once, then created: false for the same email.
BOOST_AUTO_TEST_CASE(find_or_create_matches_on_email) {
  const auto first = send("POST", kFinora + "/find-or-create",
                          R"({"email":"Jane@Example.com","name":"Jane Doe"})");
  BOOST_TEST_REQUIRE(first.status == 201, first.body);
  const auto first_json = first.json();
  BOOST_TEST(first_json["data"]["created"].GetBool());
  BOOST_TEST(std::string(first_json["data"]["email"].GetString()) == "jane@example.com");
  const auto again = send("POST", kFinora + "/find-or-create",
                          R"({"email":"jane@example.com","name":"Someone Else"})");
  BOOST_TEST_REQUIRE(again.status == 200, again.body);
  const auto again_json = again.json();
  BOOST_TEST(!again_json["data"]["created"].GetBool());
  BOOST_TEST(data_string(again, "id") == data_string(first, "id"));
  BOOST_TEST(data_string(again, "name") == "Jane Doe");  // name is used only when creating
  // Without a name, the email's local part.
  const auto bare = send("POST", kFinora + "/find-or-create", R"({"email":"solo@example.com"})");
  BOOST_TEST_REQUIRE(bare.status == 201, bare.body);
  BOOST_TEST(data_string(bare, "name") == "solo");
}

// "Create a customer": name and email are required; the core's rules apply to the rest.
BOOST_AUTO_TEST_CASE(create_requires_name_and_email) {
  const auto no_email = send("POST", kFinora, R"({"name":"Phone Only","phone":"+2348012345679"})");
  BOOST_TEST(no_email.status == 422, no_email.body);
  BOOST_TEST(error_detail(no_email, "email") == "is required");
  const auto no_name = send("POST", kFinora, R"({"email":"noname@example.com"})");
  BOOST_TEST(no_name.status == 422, no_name.body);
  BOOST_TEST(!error_detail(no_name, "name").empty(), no_name.body);
  const auto long_name = send(
      "POST", kFinora, R"({"name":")" + std::string(201, 'n') + R"(","email":"l@example.com"})");
  BOOST_TEST(long_name.status == 422, long_name.body);
  // Nothing of the three was made.
  const auto listed =
      stack().client().get(kFinora + "/search?q=noname%40example.com", bearer(stack().key()));
  BOOST_TEST(listed.json()["data"]["count"].GetUint() == 0u, listed.body);
}

// "Update a customer": any of the six fields; unknown fields are ignored.
BOOST_AUTO_TEST_CASE(put_updates_the_six_fields_and_ignores_the_rest) {
  const std::string id = create_acme("put.acme@acme.com", "+2348012345671");
  const auto updated = send("PUT", kFinora + "/" + id,
                            R"({"name":"Acme Nigeria Ltd","tin":"87654321-0001",)"
                            R"("address":"1 Broad St, Lagos","segment":"vip","unknown":{"x":1}})");
  BOOST_TEST_REQUIRE(updated.status == 200, updated.body);
  BOOST_TEST(data_string(updated, "name") == "Acme Nigeria Ltd");
  BOOST_TEST(data_string(updated, "tin") == "87654321-0001");
  BOOST_TEST(data_string(updated, "address") == "1 Broad St, Lagos");
  BOOST_TEST(data_string(updated, "email") == "put.acme@acme.com");  // not given: kept
  const auto core = stack().client().get("/v1/customers/" + id, bearer(stack().key()));
  BOOST_TEST(core.json()["data"]["segment"].IsNull(), core.body);  // ignored, as documented
  const auto missing = send("PUT", kFinora + "/0123456789abcdef01234567", R"({"name":"X"})");
  BOOST_TEST(missing.status == 404, missing.body);
}

// "Soft-delete a customer": inactive, gone from the list and search, still readable by id.
BOOST_AUTO_TEST_CASE(delete_is_a_soft_delete) {
  const std::string id = create_acme("gone.acme@acme.com", "+2348012345672");
  const auto removed = send("DELETE", kFinora + "/" + id);
  BOOST_TEST_REQUIRE(removed.status == 200, removed.body);
  BOOST_TEST(!removed.json()["data"]["isActive"].GetBool());
  const auto got = stack().client().get(kFinora + "/" + id, bearer(stack().key()));
  BOOST_TEST_REQUIRE(got.status == 200, got.body);
  BOOST_TEST(!got.json()["data"]["isActive"].GetBool());
  const auto searched =
      stack().client().get(kFinora + "/search?q=gone.acme%40acme.com", bearer(stack().key()));
  BOOST_TEST(searched.json()["data"]["count"].GetUint() == 0u, searched.body);
  const auto listed = stack().client().get(
      kFinora + "?limit=100&businessId=" + stack().business_id(), bearer(stack().key()));
  BOOST_TEST(listed.body.find(id) == std::string::npos);
}

// "List customers": active customers sorted by name; limit defaults to 50, at most 100.
BOOST_AUTO_TEST_CASE(list_is_active_customers_by_name) {
  for (const char* name : {"Zed Finora", "Abe Finora", "Mia Finora"}) {
    const auto created = send(
        "POST", kFinora,
        std::string(R"({"name":")") + name + R"(","email":")" + name[0] + "@finora.example\"}");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
  }
  const auto listed =
      stack().client().get(kFinora + "?businessId=" + stack().business_id(), bearer(stack().key()));
  BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
  const auto json = listed.json();
  const auto& customers = json["data"]["customers"];
  BOOST_TEST(customers.Size() <= 50u);
  BOOST_TEST(json["data"]["count"].GetUint() == customers.Size());
  std::string previous;
  for (const auto& customer : customers.GetArray()) {
    BOOST_TEST(customer["isActive"].GetBool());
    std::string name = customer["name"].GetString();
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    BOOST_TEST((previous <= name), previous << " before " << name);
    previous = name;
  }
  const auto two = stack().client().get(kFinora + "?limit=2", bearer(stack().key()));
  BOOST_TEST(two.json()["data"]["count"].GetUint() == 2u, two.body);
  const auto too_many = stack().client().get(kFinora + "?limit=101", bearer(stack().key()));
  BOOST_TEST(too_many.status == 422, too_many.body);
  const auto no_key = stack().client().get(kFinora);
  BOOST_TEST(no_key.status == 401, no_key.body);
}

BOOST_AUTO_TEST_SUITE_END()

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

// The ERP "Customers API" (shared/reference/002_...) under /compat/erp: snake_case both
// ways, {data} and {data, meta: {total, page, limit, hasMore}}.
BOOST_AUTO_TEST_SUITE(erp)

const std::string kErp = "/compat/erp/api/customers";

// The page's create body. Its phone numbers (+1-555-0999, +1-555-1000) have seven digits
// after the country code and cannot exist; `phones` puts numbers that can in their place.
std::string erp_create_body(const std::string& email, const std::string& phone,
                            const std::string& contact_phone) {
  return R"({
"name": "New Customer Corp",
"email": ")" +
         email + R"(",
"phone": ")" +
         phone + R"(",
"website": "https://newcustomer.com",
"tax_id": "12-9876543",
"billing_address": {
"line1": "123 New Customer St",
"city": "Business City",
"state": "CA",
"postal_code": "90210",
"country": "US"
},
"shipping_address": {
"line1": "456 Warehouse Ave",
"city": "Distribution City",
"state": "CA",
"postal_code": "90211",
"country": "US"
},
"contacts": [
{
"name": "Bob Wilson",
"title": "Operations Manager",
"email": "bob.wilson@newcustomer.com",
"phone": ")" +
         contact_phone + R"(",
"is_primary": true
}
],
"payment_terms": "net_30",
"currency": "USD",
"credit_limit": 5000.00,
"discount_rate": 2.5,
"preferred_shipping": "FEDEX_GROUND"
})";
}

std::string create_erp_customer(const std::string& email, const std::string& phone) {
  const auto created = send(
      "POST", kErp, erp_create_body(email, phone, "+1-212-555-" + phone.substr(phone.size() - 4)));
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  return created.json()["data"]["id"].GetString();
}

BOOST_AUTO_TEST_CASE(create_answers_the_pages_fields) {
  // As printed: the impossible phone is refused, field by field, and nothing is made.
  const auto printed =
      send("POST", kErp, erp_create_body("orders@newcustomer.com", "+1-555-0999", "+1-555-1000"));
  BOOST_TEST(printed.status == 422, printed.body);
  BOOST_TEST(!error_detail(printed, "phone").empty(), printed.body);
  // With numbers that can exist, the page's answer.
  const auto created =
      send("POST", kErp,
           erp_create_body("orders@newcustomer.com", "+1-212-555-0999", "+1-212-555-1000"));
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const auto json = created.json();
  const auto& data = json["data"];
  BOOST_TEST(std::string(data["name"].GetString()) == "New Customer Corp");
  BOOST_TEST(std::string(data["email"].GetString()) == "orders@newcustomer.com");
  BOOST_TEST(std::string(data["phone"].GetString()) == "+12125550999");
  BOOST_TEST(std::string(data["billing_address"]["postal_code"].GetString()) == "90210");
  BOOST_TEST(std::string(data["shipping_address"]["line1"].GetString()) == "456 Warehouse Ave");
  BOOST_TEST(std::string(data["contacts"][0]["name"].GetString()) == "Bob Wilson");
  BOOST_TEST(std::string(data["contacts"][0]["title"].GetString()) == "Operations Manager");
  BOOST_TEST(data["contacts"][0]["is_primary"].GetBool());
  BOOST_TEST(std::string(data["payment_terms"].GetString()) == "net_30");
  BOOST_TEST(std::string(data["currency"].GetString()) == "USD");
  BOOST_TEST(data["credit_limit"].GetDouble() == 5000.0);
  BOOST_TEST(data["current_balance"].GetDouble() == 0.0);
  BOOST_TEST(data["discount_rate"].GetDouble() == 2.5);
  BOOST_TEST(std::string(data["tax_id"].GetString()) == "12-9876543");
  BOOST_TEST(std::string(data["preferred_shipping"].GetString()) == "FEDEX_GROUND");
  BOOST_TEST(data["is_active"].GetBool());
  for (const char* name : {"customer_since", "created_at", "updated_at"}) {
    BOOST_TEST(std::string(data[name].GetString()).size() == 24u, name);
  }
}

BOOST_AUTO_TEST_CASE(get_has_every_field_of_the_page_but_fax) {
  const std::string id = create_erp_customer("xyz@customerxyz.com", "+1-212-555-0456");
  const auto got = stack().client().get(kErp + "/" + id, bearer(stack().key()));
  BOOST_TEST_REQUIRE(got.status == 200, got.body);
  const auto json = got.json();
  const auto& data = json["data"];
  for (const char* name : {"id",
                           "name",
                           "email",
                           "phone",
                           "website",
                           "tax_id",
                           "billing_address",
                           "shipping_address",
                           "contacts",
                           "payment_terms",
                           "currency",
                           "credit_limit",
                           "current_balance",
                           "discount_rate",
                           "preferred_shipping",
                           "customer_since",
                           "lifetime_value",
                           "total_orders",
                           "is_active",
                           "notes",
                           "created_at",
                           "updated_at"}) {
    BOOST_TEST(data.HasMember(name), name << " missing: " << got.body);
  }
  BOOST_TEST(!data.HasMember("fax"));  // not a field of this API (docs/migrating-from-erp.md)
  BOOST_TEST(!data.HasMember("createdAt"));
  BOOST_TEST(data["total_orders"].GetInt() == 0);
}

BOOST_AUTO_TEST_CASE(list_filters_and_pages_like_the_page) {
  const std::string id = create_erp_customer("list@erp.example", "+1-212-555-0457");
  const auto listed = stack().client().get(
      kErp + "?is_active=true&search=New%20Customer&page=1&limit=20", bearer(stack().key()));
  BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
  const auto json = listed.json();
  BOOST_TEST(json["data"].Size() >= 1u);
  BOOST_TEST(names_of(json) == (std::set<std::string>{"data", "meta"}));
  BOOST_TEST(names_of(json["meta"]) ==
             (std::set<std::string>{"total", "page", "limit", "hasMore"}));
  BOOST_TEST(json["meta"]["limit"].GetInt() == 20);
  for (const auto& customer : json["data"].GetArray()) BOOST_TEST(customer["is_active"].GetBool());
  // is_active=false lists the inactive ones only.
  BOOST_TEST_REQUIRE(send("DELETE", "/v1/customers/" + id).status == 200);
  const auto inactive =
      stack().client().get(kErp + "?is_active=false&limit=100", bearer(stack().key()));
  BOOST_TEST_REQUIRE(inactive.status == 200, inactive.body);
  BOOST_TEST(inactive.body.find(id) != std::string::npos);
  for (const auto& customer : inactive.json()["data"].GetArray()) {
    BOOST_TEST(!customer["is_active"].GetBool());
  }
}

BOOST_AUTO_TEST_CASE(put_is_the_pages_update_with_is_active) {
  const std::string id = create_erp_customer("put@erp.example", "+1-212-555-0458");
  const auto updated = send("PUT", kErp + "/" + id, R"({
"name": "Updated Customer Name",
"email": "new.orders@customer.com",
"credit_limit": 15000.00,
"discount_rate": 7.5,
"is_active": true
})");
  BOOST_TEST_REQUIRE(updated.status == 200, updated.body);
  const auto json = updated.json();
  BOOST_TEST(std::string(json["data"]["name"].GetString()) == "Updated Customer Name");
  BOOST_TEST(std::string(json["data"]["email"].GetString()) == "new.orders@customer.com");
  BOOST_TEST(json["data"]["credit_limit"].GetDouble() == 15000.0);
  BOOST_TEST(json["data"]["discount_rate"].GetDouble() == 7.5);
  BOOST_TEST(json["data"]["is_active"].GetBool());
  // is_active false soft-deletes; true restores.
  const auto off = send("PUT", kErp + "/" + id, R"({"is_active": false})");
  BOOST_TEST_REQUIRE(off.status == 200, off.body);
  BOOST_TEST(!off.json()["data"]["is_active"].GetBool());
  const auto on = send("PUT", kErp + "/" + id, R"({"is_active": true, "notes": "back"})");
  BOOST_TEST_REQUIRE(on.status == 200, on.body);
  BOOST_TEST(on.json()["data"]["is_active"].GetBool());
  BOOST_TEST(std::string(on.json()["data"]["notes"].GetString()) == "back");
  // All or nothing: an update that fails (an email taken) leaves it active and unchanged.
  create_erp_customer("taken@erp.example", "+1-212-555-0459");
  const auto failed =
      send("PUT", kErp + "/" + id, R"({"is_active": false, "email": "taken@erp.example"})");
  BOOST_TEST(failed.status == 409, failed.body);
  const auto after = stack().client().get(kErp + "/" + id, bearer(stack().key()));
  BOOST_TEST(after.json()["data"]["is_active"].GetBool(), after.body);
  BOOST_TEST(std::string(after.json()["data"]["email"].GetString()) == "new.orders@customer.com");
  const auto wrong = send("PUT", kErp + "/" + id, R"({"is_active": "yes"})");
  BOOST_TEST(wrong.status == 422, wrong.body);
}

BOOST_AUTO_TEST_CASE(orders_analytics_and_credit_check_have_the_pages_fields) {
  const std::string id = create_erp_customer("orders@erp.example", "+1-212-555-0460");
  for (int i = 0; i < 2; ++i) {
    const auto ordered = send(
        "POST", "/v1/orders",
        R"({"customerId":")" + id + R"(","status":"delivered","orderNumber":"SO-2024-00)" +
            std::to_string(i + 1) +
            R"(","items":[{"productId":"prod_123","productName":"Smart Widget","quantity":3,"unitPrice":99.98}]})");
    BOOST_TEST_REQUIRE(ordered.status == 201, ordered.body);
  }
  const auto orders = stack().client().get(
      kErp + "/" + id +
          "/orders?status=delivered&date_from=2000-01-01&date_to=2100-01-01&page=1&limit=20",
      bearer(stack().key()));
  BOOST_TEST_REQUIRE(orders.status == 200, orders.body);
  const auto orders_json = orders.json();
  BOOST_TEST(orders_json["data"].Size() == 2u);
  BOOST_TEST(orders_json["meta"]["total"].GetInt() == 2);
  const auto& order = orders_json["data"][0];
  for (const char* name : {"id", "order_number", "status", "order_date", "ship_date",
                           "delivery_date", "total_amount", "items_count", "shipping_address"}) {
    BOOST_TEST(order.HasMember(name), name << " missing: " << orders.body);
  }
  // 3 x 99.98 less the customer's 2.5 % discount.
  BOOST_TEST(order["total_amount"].GetDouble() == 292.44);
  BOOST_TEST(order["items_count"].GetInt() == 1);

  const auto analytics =
      stack().client().get(kErp + "/" + id + "/analytics?period=all", bearer(stack().key()));
  BOOST_TEST_REQUIRE(analytics.status == 200, analytics.body);
  const auto json = analytics.json();
  const auto& data = json["data"];
  BOOST_TEST(std::string(data["customer"]["id"].GetString()) == id);
  for (const char* name : {"lifetime_value", "total_orders", "avg_order_value", "last_order_date",
                           "customer_since", "days_since_last_order"}) {
    BOOST_TEST(data["overview"].HasMember(name), name);
  }
  for (const char* name : {"total_revenue", "current_balance", "credit_limit", "credit_utilization",
                           "avg_payment_days"}) {
    BOOST_TEST(data["financial_summary"].HasMember(name), name);
  }
  BOOST_TEST(data["overview"]["total_orders"].GetInt() == 2);
  BOOST_TEST(data["overview"]["lifetime_value"].GetDouble() == 584.88);
  const auto& month = data["order_history"][0];
  for (const char* name : {"month", "orders", "revenue", "avg_order_value"}) {
    BOOST_TEST(month.HasMember(name), name);
  }
  const auto& product = data["top_products"][0];
  BOOST_TEST(std::string(product["product_id"].GetString()) == "prod_123");
  BOOST_TEST(std::string(product["product_name"].GetString()) == "Smart Widget");
  BOOST_TEST(product["quantity_ordered"].GetInt() == 6);
  BOOST_TEST(data["customer_segment"].IsString());
  BOOST_TEST(data["risk_score"].IsString());

  const auto check = send("POST", kErp + "/" + id + "/credit-check");
  BOOST_TEST_REQUIRE(check.status == 201, check.body);
  const auto check_json = check.json();
  for (const char* name :
       {"customer_id", "credit_score", "credit_rating", "recommended_credit_limit",
        "current_credit_limit", "risk_assessment", "last_checked"}) {
    BOOST_TEST(check_json["data"].HasMember(name), name << " missing: " << check.body);
  }
  BOOST_TEST(std::string(check_json["data"]["customer_id"].GetString()) == id);
}

BOOST_AUTO_TEST_CASE(contacts_are_added_updated_and_removed_as_printed) {
  const std::string id = create_erp_customer("contacts@erp.example", "+1-212-555-0461");
  // The page's body, its impossible phone (+1-555-1100) replaced by one that can exist.
  const auto added = send("POST", kErp + "/" + id + "/contacts", R"({
"name": "Sarah Davis",
"title": "Finance Manager",
"email": "sarah.davis@customer.com",
"phone": "+1-212-555-1100",
"is_primary": false
})");
  BOOST_TEST_REQUIRE(added.status == 201, added.body);
  const auto json = added.json();
  const auto& data = json["data"];
  BOOST_TEST(std::string(data["name"].GetString()) == "Sarah Davis");
  BOOST_TEST(std::string(data["title"].GetString()) == "Finance Manager");
  BOOST_TEST(!data["is_primary"].GetBool());
  BOOST_TEST(std::string(data["customer_id"].GetString()) == id);
  BOOST_TEST(std::string(data["created_at"].GetString()).size() == 24u);
  const std::string contact = data["id"].GetString();
  const auto updated = send("PUT", kErp + "/" + id + "/contacts/" + contact, R"({
"title": "Senior Finance Manager",
"phone": "+1-212-555-1101",
"is_primary": true
})");
  BOOST_TEST_REQUIRE(updated.status == 200, updated.body);
  BOOST_TEST(std::string(updated.json()["data"]["title"].GetString()) == "Senior Finance Manager");
  BOOST_TEST(updated.json()["data"]["is_primary"].GetBool());
  BOOST_TEST(std::string(updated.json()["data"]["name"].GetString()) == "Sarah Davis");
  // Now the primary: Bob, made with the customer, was demoted.
  const auto customer = stack().client().get(kErp + "/" + id, bearer(stack().key()));
  int primaries = 0;
  for (const auto& person : customer.json()["data"]["contacts"].GetArray()) {
    primaries += person["is_primary"].GetBool() ? 1 : 0;
  }
  BOOST_TEST(primaries == 1);
  const auto removed = send("DELETE", kErp + "/" + id + "/contacts/" + contact);
  BOOST_TEST_REQUIRE(removed.status == 200, removed.body);
  BOOST_TEST(std::string(removed.json()["data"]["message"].GetString()) ==
             "Contact successfully removed");
  const auto again = send("DELETE", kErp + "/" + id + "/contacts/" + contact);
  BOOST_TEST(again.status == 404, again.body);
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
