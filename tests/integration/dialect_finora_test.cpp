// Finora Business's dialect (API.md "Vendor dialects", issue #14; shared/reference/001_...)
// through nginx: every example of the page replayed as printed, with only the base URL and
// the key changed, and answered in Finora's shapes: list, get, search, find-or-create,
// create, PUT and soft DELETE under /compat/finora.
#define BOOST_TEST_MODULE dialect_finora
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "api_helpers.hpp"
#include "shared_stack.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

const std::string kFinora = "/compat/finora/v1/customers";

HttpResponse send(const std::string& method, const std::string& path, const std::string& body = {},
                  const std::string& key = stack().key()) {
  return stack().client().request(method, path, json_headers(key), body);
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
