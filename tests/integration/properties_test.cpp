// Properties every customer and contact answer keeps, whatever the route: nothing internal
// shows (no ciphertext, blind index, business id, internal column), and no write can set what
// is read-only. (The contract test also holds every answer to the OpenAPI document, whose
// objects allow no other members.)
#define BOOST_TEST_MODULE properties
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include "api_helpers.hpp"
#include "shared_stack.hpp"

using namespace capi::test;

BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

std::set<std::string> ignored_fields(const HttpResponse& response) {
  std::set<std::string> ignored;
  const auto json = response.json();
  if (!json.HasMember("meta") || !json["meta"].HasMember("ignoredFields")) return ignored;
  for (const auto& field : json["meta"]["ignoredFields"].GetArray()) {
    ignored.insert(field.GetString());
  }
  return ignored;
}

// Every read-only member of a customer, with values a client might try.
const char* const kReadOnly =
    R"("id":"0123456789abcdef01234567","version":42,"businessId":"0123456789abcdef76543210",)"
    R"("createdAt":"2001-01-01T00:00:00.000Z","updatedAt":"2001-01-01T00:00:00.000Z",)"
    R"("deletedAt":"2001-01-01T00:00:00.000Z","isActive":false,"accountBalance":1000000,)"
    R"("accountBalanceMinor":100000000,"metrics":{"orderCount":99,"lifetimeValue":5000})";

}  // namespace

BOOST_AUTO_TEST_CASE(writes_cannot_set_what_is_read_only) {
  auto http = stack().client();
  const auto headers = json_headers(stack().key());
  const auto created = http.request(
      "POST", "/v1/customers", headers,
      std::string(R"({"name":"Read Only","email":"readonly@example.com",)") + kReadOnly + "}");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const std::string id = data_string(created, "id");
  const auto check = [&](const HttpResponse& response, int version) {
    const auto json = response.json();
    const auto& data = json["data"];
    BOOST_TEST(data["id"].GetString() == id);
    BOOST_TEST(data["version"].GetInt() == version);
    BOOST_TEST(data["isActive"].IsTrue());
    BOOST_TEST(data["accountBalanceMinor"].GetInt64() == 0);
    BOOST_TEST(data["metrics"]["orderCount"].GetInt() == 0);
    BOOST_TEST(data["metrics"]["lifetimeValueMinor"].GetInt64() == 0);
    BOOST_TEST(data["deletedAt"].IsNull());
    BOOST_TEST(std::string(data["createdAt"].GetString()).rfind("2001", 0) != 0);
    BOOST_TEST(std::string(data["updatedAt"].GetString()).rfind("2001", 0) != 0);
    BOOST_TEST(!data.HasMember("businessId"));
    const auto ignored = ignored_fields(response);
    for (const char* field : {"id", "version", "businessId", "createdAt", "updatedAt", "deletedAt",
                              "isActive", "accountBalance", "accountBalanceMinor", "metrics"}) {
      BOOST_TEST(ignored.count(field) == 1u, field);
    }
  };
  BOOST_TEST(id != "0123456789abcdef01234567");
  check(created, 1);
  for (const std::string method : {"PATCH", "PUT"}) {
    const auto updated = http.request(method, "/v1/customers/" + id, headers,
                                      std::string(R"({"notes":"changed",)") + kReadOnly + "}");
    BOOST_TEST_REQUIRE(updated.status == 200, updated.body);
    check(updated, method == "PATCH" ? 2 : 3);
  }
  // The row itself: still the key's business, still active, no figures.
  BOOST_TEST(stack().postgres().psql("SELECT business_id, deleted_at IS NULL, order_count,"
                                     " balance_minor FROM customers WHERE id = '" +
                                     id + "'") == stack().business_id() + "|t|0|0\n");
  // The id given by the client names no record.
  BOOST_TEST(http.get("/v1/customers/0123456789abcdef01234567", bearer(stack().key())).status ==
             404);
}

BOOST_AUTO_TEST_CASE(answers_never_show_ciphertexts_blind_indexes_or_internal_columns) {
  auto http = stack().client();
  const auto headers = json_headers(stack().key());
  const auto created = http.request(
      "POST", "/v1/customers", headers,
      R"({"name":"Internal Check","email":"internal@check.example","phone":"+254700999111",)"
      R"("taxId":"P0511","billingAddress":{"line1":"1 Moi Ave","city":"Nairobi"},)"
      R"("contacts":[{"name":"Kin","email":"kin@check.example","phone":"+254700999112"}]})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const std::string id = data_string(created, "id");

  // What is stored beside the plaintext the API shows: none of it may reach a client.
  std::vector<std::string> secrets = {stack().business_id()};
  const std::string stored = stack().postgres().psql(
      "SELECT encode(email_enc, 'hex'), encode(phone_enc, 'hex'), encode(tax_id_enc, 'hex'),"
      " encode(billing_address_enc, 'hex'), email_index, phone_index,"
      " array_to_string(email_tokens, '|') FROM customers WHERE id = '" +
      id +
      "' UNION ALL SELECT encode(email_enc, 'hex'), encode(phone_enc, 'hex'), '', '', '', '', ''"
      " FROM customer_contacts WHERE customer_id = '" +
      id + "'");
  std::string field;
  for (const char ch : stored) {
    if (ch == '|' || ch == '\n') {
      // Ciphertexts as hex, and a recognisable stretch of each (past the key id and nonce).
      if (field.size() >= 32) secrets.push_back(field.substr(0, 32));
      if (field.size() > 120) secrets.push_back(field.substr(100, 20));
      field.clear();
    } else {
      field += ch;
    }
  }
  BOOST_TEST_REQUIRE(secrets.size() >= 8u, stored);
  const auto key_hash = stack().postgres().psql(
      "SELECT key_hash FROM api_keys WHERE business_id = '" + stack().business_id() + "' LIMIT 1");
  secrets.push_back(key_hash.substr(0, 32));

  const std::vector<HttpResponse> answers = {
      created,
      http.get("/v1/customers/" + id, bearer(stack().key())),
      http.get("/v1/customers?q=internal", bearer(stack().key())),
      http.get("/v1/customers/search?q=internal@check.example", bearer(stack().key())),
      http.get("/v1/customers/lookup?phone=%2B254700999111", bearer(stack().key())),
      http.request("PATCH", "/v1/customers/" + id, headers, R"({"notes":"n"})"),
      http.request("POST", "/v1/customers/find-or-create", headers,
                   R"({"email":"internal@check.example"})"),
      http.request("DELETE", "/v1/customers/" + id, headers),
      http.request("POST", "/v1/customers/" + id + "/restore", headers),
  };
  for (const auto& answer : answers) {
    BOOST_TEST_REQUIRE(answer.status < 300, answer.body);
    for (const std::string& secret : secrets) {
      BOOST_TEST(answer.body.find(secret) == std::string::npos, secret << " in " << answer.body);
    }
    for (const char* internal : {"business_id", "businessId", "_enc", "_index", "email_tokens",
                                 "sort_name", "erased_at", "key_hash", "\\\\x"}) {
      BOOST_TEST(answer.body.find(internal) == std::string::npos, internal);
    }
    BOOST_TEST(answer.body.find("internal@check.example") != std::string::npos);  // decrypted
  }
}

// A record id shows nothing of other businesses' activity: between two customers of one
// business, made by the same worker, its counter moves by one however many records another
// business made meanwhile, and its random part is the business's own.
BOOST_AUTO_TEST_CASE(record_ids_count_per_business) {
  Stack single({.workers = 1});
  auto http = single.client();
  const auto create = [&](const std::string& key, const std::string& name) {
    const auto made =
        http.request("POST", "/v1/customers", json_headers(key),
                     R"({"name":")" + name + R"(","email":")" + name + R"(@ids.example.com"})");
    BOOST_TEST_REQUIRE(made.status == 201, made.body);
    return data_string(made, "id");
  };
  const auto counter = [](const std::string& id) { return std::stoul(id.substr(18), nullptr, 16); };
  const std::string first = create(single.key(), "first");
  std::string other;
  for (int i = 0; i < 5; ++i) other = create(single.other_key(), "other" + std::to_string(i));
  const std::string second = create(single.key(), "second");
  BOOST_TEST(counter(second) == (counter(first) + 1) % 0x1000000, first << " then " << second);
  BOOST_TEST(second.substr(8, 10) == first.substr(8, 10));
  BOOST_TEST(other.substr(8, 10) != first.substr(8, 10));
}

BOOST_AUTO_TEST_CASE(contact_answers_show_nothing_internal_and_writes_cannot_set_read_only_fields) {
  auto http = stack().client();
  const auto headers = json_headers(stack().key());
  const auto customer = http.request("POST", "/v1/customers", headers,
                                     R"({"name":"Contact Props","email":"props@check.example"})");
  BOOST_TEST_REQUIRE(customer.status == 201, customer.body);
  const std::string customer_id = data_string(customer, "id");
  const std::string path = "/v1/customers/" + customer_id + "/contacts";
  const std::string read_only =
      R"("id":"0123456789abcdef01234567","customerId":"0123456789abcdef76543210",)"
      R"("businessId":"0123456789abcdef76543210","version":42,)"
      R"("createdAt":"2001-01-01T00:00:00.000Z","updatedAt":"2001-01-01T00:00:00.000Z")";
  const auto created =
      http.request("POST", path, headers,
                   R"({"name":"Kin","email":"kinprops@check.example","phone":"+254700999113",)" +
                       read_only + "}");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const std::string id = data_string(created, "id");
  const auto check = [&](const HttpResponse& response, int version) {
    const auto json = response.json();
    const auto& data = json["data"];
    BOOST_TEST(data["id"].GetString() == id);
    BOOST_TEST(data["customerId"].GetString() == customer_id);
    BOOST_TEST(data["version"].GetInt() == version);
    BOOST_TEST(std::string(data["createdAt"].GetString()).rfind("2001", 0) != 0);
    BOOST_TEST(std::string(data["updatedAt"].GetString()).rfind("2001", 0) != 0);
    const auto ignored = ignored_fields(response);
    for (const char* field :
         {"id", "customerId", "businessId", "version", "createdAt", "updatedAt"}) {
      BOOST_TEST(ignored.count(field) == 1u, field);
    }
  };
  BOOST_TEST(id != "0123456789abcdef01234567");
  check(created, 1);
  const auto patched =
      http.request("PATCH", path + "/" + id, headers, R"({"title":"T",)" + read_only + "}");
  BOOST_TEST_REQUIRE(patched.status == 200, patched.body);
  check(patched, 2);
  const auto put =
      http.request("PUT", path + "/" + id, headers,
                   R"({"name":"Kin","email":"kinprops@check.example","phone":"+254700999113",)" +
                       read_only + "}");
  BOOST_TEST_REQUIRE(put.status == 200, put.body);
  check(put, 3);
  BOOST_TEST(stack().postgres().psql("SELECT business_id, customer_id FROM customer_contacts"
                                     " WHERE id = '" +
                                     id + "'") == stack().business_id() + "|" + customer_id + "\n");

  // What is stored beside the plaintext: none of it may reach a client.
  std::vector<std::string> secrets = {stack().business_id()};
  const std::string stored = stack().postgres().psql(
      "SELECT encode(email_enc, 'hex'), encode(phone_enc, 'hex') FROM customer_contacts"
      " WHERE id = '" +
      id + "'");
  std::string field;
  for (const char ch : stored) {
    if (ch == '|' || ch == '\n') {
      if (field.size() >= 32) secrets.push_back(field.substr(0, 32));
      if (field.size() > 120) secrets.push_back(field.substr(100, 20));
      field.clear();
    } else {
      field += ch;
    }
  }
  BOOST_TEST_REQUIRE(secrets.size() >= 3u, stored);
  const std::vector<HttpResponse> answers = {
      http.get(path, bearer(stack().key())),
      http.get(path + "/" + id, bearer(stack().key())),
      http.request("PATCH", path + "/" + id, headers, R"({"title":"U"})"),
      http.request("DELETE", path + "/" + id, headers),
  };
  for (const auto& answer : answers) {
    BOOST_TEST_REQUIRE(answer.status == 200, answer.body);
    for (const std::string& secret : secrets) {
      BOOST_TEST(answer.body.find(secret) == std::string::npos, secret << " in " << answer.body);
    }
    for (const char* internal : {"business_id", "businessId", "_enc", "is_primary", "\\\\x"}) {
      BOOST_TEST(answer.body.find(internal) == std::string::npos, internal);
    }
    BOOST_TEST(answer.body.find("kinprops@check.example") != std::string::npos);  // decrypted
  }
}
