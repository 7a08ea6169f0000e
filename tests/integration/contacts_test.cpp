// A customer's contacts through nginx: create, list, read, replace (PUT), patch, delete;
// validation, normalisation and encryption at rest; the single primary and the 100-contact
// cap under concurrency; versions and If-Match; contacts made with their customer; erasure;
// the contacts of an inactive customer; ids of other customers.
#define BOOST_TEST_MODULE contacts
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <latch>
#include <set>
#include <string>
#include <vector>

#include "api_helpers.hpp"
#include "shared_stack.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

// A unique email for each call, so that tests sharing the stack never collide.
// A new customer of the stack's business (KE, KES); `more` adds members to its body.
std::string new_customer(const std::string& more = "") {
  const auto response =
      stack().client().request("POST", "/v1/customers", json_headers(stack().key()),
                               R"({"name":"Contact Owner","email":")" + fresh_email() + "\"" +
                                   (more.empty() ? "" : "," + more) + "}");
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  return data_string(response, "id");
}

std::string contacts_path(const std::string& customer) {
  return "/v1/customers/" + customer + "/contacts";
}

std::string contact_path(const std::string& customer, const std::string& contact) {
  return contacts_path(customer) + "/" + contact;
}

HttpResponse send(const std::string& method, const std::string& path, const std::string& body = "",
                  Headers more = {}) {
  return stack().client().request(method, path, json_headers(stack().key(), std::move(more)), body);
}

// Creates a contact and returns its id; fails the test if the API refuses.
std::string new_contact(const std::string& customer, const std::string& body) {
  const auto response = send("POST", contacts_path(customer), body);
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  return data_string(response, "id");
}

// The first line of a query's output, as psql prints it.
std::string sql(const std::string& query) {
  std::string out = stack().postgres().psql(query);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

int stored_contacts(const std::string& customer) {
  return std::stoi(
      sql("SELECT count(*) FROM customer_contacts WHERE customer_id = '" + customer + "'"));
}

int stored_primaries(const std::string& customer) {
  return std::stoi(sql("SELECT count(*) FROM customer_contacts WHERE customer_id = '" + customer +
                       "' AND is_primary"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(create_and_read)

BOOST_AUTO_TEST_CASE(create_answers_201_and_the_contact_reads_back_with_its_etag) {
  const std::string customer = new_customer();
  const auto created =
      send("POST", contacts_path(customer), R"({"name":" Jane Wanjiku ","title":"CFO"})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const auto json = created.json();
  BOOST_TEST(json["success"].IsTrue());
  BOOST_TEST(json["message"].GetString() == std::string("Contact created successfully"));
  const auto& data = json["data"];
  const std::string id = data["id"].GetString();
  BOOST_TEST(id.size() == 24u);
  BOOST_TEST(data["customerId"].GetString() == customer);
  BOOST_TEST(data["name"].GetString() == std::string("Jane Wanjiku"));
  BOOST_TEST(data["title"].GetString() == std::string("CFO"));
  BOOST_TEST(data["email"].IsNull());
  BOOST_TEST(data["phone"].IsNull());
  BOOST_TEST(data["isPrimary"].IsFalse());
  BOOST_TEST(data["version"].GetInt() == 1);
  BOOST_TEST(created.header("etag") == "\"1\"");

  const auto one = stack().client().get(contact_path(customer, id), bearer(stack().key()));
  BOOST_TEST_REQUIRE(one.status == 200, one.body);
  BOOST_TEST(data_string(one, "name") == "Jane Wanjiku");
  BOOST_TEST(one.header("etag") == "\"1\"");

  new_contact(customer, R"({"name":"Second"})");
  const auto listed = stack().client().get(contacts_path(customer), bearer(stack().key()));
  BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
  const auto list = listed.json();
  BOOST_TEST_REQUIRE(list["data"].Size() == 2u);
  BOOST_TEST(list["data"][0]["id"].GetString() == id);  // oldest first
  BOOST_TEST(list["data"][1]["name"].GetString() == std::string("Second"));
  // The customer shows them too.
  const auto parent = stack().client().get("/v1/customers/" + customer, bearer(stack().key()));
  BOOST_TEST(parent.json()["data"]["contacts"].Size() == 2u);
}

BOOST_AUTO_TEST_CASE(unknown_and_read_only_fields_are_ignored_and_listed) {
  const std::string customer = new_customer();
  const auto created =
      send("POST", contacts_path(customer),
           R"({"name":"Ignored","nickname":"x","id":"0123456789abcdef01234567","version":9,)"
           R"("customerId":"0123456789abcdef76543210","createdAt":"2001-01-01T00:00:00.000Z"})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const auto json = created.json();
  BOOST_TEST(json["data"]["id"].GetString() != std::string("0123456789abcdef01234567"));
  BOOST_TEST(json["data"]["customerId"].GetString() == customer);
  BOOST_TEST(json["data"]["version"].GetInt() == 1);
  std::set<std::string> ignored;
  for (const auto& field : json["meta"]["ignoredFields"].GetArray()) {
    ignored.insert(field.GetString());
  }
  for (const char* field : {"nickname", "id", "version", "customerId", "createdAt"}) {
    BOOST_TEST(ignored.count(field) == 1u, field);
  }
}

BOOST_AUTO_TEST_CASE(malformed_unknown_and_other_customers_ids_are_404) {
  const std::string customer = new_customer();
  const std::string other = new_customer();
  const std::string theirs = new_contact(other, R"({"name":"Not Yours"})");
  auto http = stack().client();
  const auto headers = bearer(stack().key());
  for (const std::string& path :
       {std::string("/v1/customers/not-an-id/contacts"), contacts_path("0123456789abcdef01234567"),
        contact_path(customer, "NOT-AN-ID"), contact_path(customer, "0123456789abcdef01234567"),
        // A contact of another customer of the same business, through this customer.
        contact_path(customer, theirs)}) {
    const auto response = http.get(path, headers);
    BOOST_TEST(response.status == 404, path << ": " << response.body);
    BOOST_TEST(error_code_of(response) == "not_found", path);
  }
  BOOST_TEST(send("PATCH", contact_path(customer, theirs), R"({"name":"Stolen"})").status == 404);
  BOOST_TEST(send("PUT", contact_path(customer, theirs), R"({"name":"Stolen"})").status == 404);
  BOOST_TEST(send("DELETE", contact_path(customer, theirs)).status == 404);
  BOOST_TEST(send("POST", contacts_path("0123456789abcdef01234567"), R"({"name":"N"})").status ==
             404);
  BOOST_TEST(sql("SELECT name, version FROM customer_contacts WHERE id = '" + theirs + "'") ==
             "Not Yours|1");
}

BOOST_AUTO_TEST_CASE(a_read_only_key_reads_but_cannot_write) {
  const std::string customer = new_customer();
  const std::string id = new_contact(customer, R"({"name":"Read Only"})");
  auto http = stack().client();
  BOOST_TEST(http.get(contact_path(customer, id), bearer(stack().read_only_key())).status == 200);
  const auto refused = http.request("PATCH", contact_path(customer, id),
                                    json_headers(stack().read_only_key()), R"({"name":"W"})");
  BOOST_TEST(refused.status == 403);
  BOOST_TEST(http.request("POST", contacts_path(customer), json_headers(stack().read_only_key()),
                          R"({"name":"W"})")
                 .status == 403);
  BOOST_TEST(stored_contacts(customer) == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rules)

BOOST_AUTO_TEST_CASE(email_and_phone_are_validated_with_every_problem_at_once) {
  const std::string customer = new_customer();
  const auto response = send("POST", contacts_path(customer),
                             R"({"email":"not-an-email","phone":"12","title":")" +
                                 std::string(101, 't') + R"(","isPrimary":"yes"})");
  BOOST_TEST_REQUIRE(response.status == 422, response.body);
  BOOST_TEST(error_code_of(response) == "validation_error");
  BOOST_TEST(error_detail(response, "name") == "is required");
  BOOST_TEST(error_detail(response, "email") == "must be a valid email address");
  BOOST_TEST(error_detail(response, "phone") == "must be a valid phone number");
  BOOST_TEST(error_detail(response, "title") == "must be at most 100 characters");
  BOOST_TEST(error_detail(response, "isPrimary") == "must be a boolean");
  BOOST_TEST(stored_contacts(customer) == 0);
  // An update is held to the same rules, and changes nothing when refused.
  const std::string id = new_contact(customer, R"({"name":"Valid","email":"valid@example.com"})");
  const auto patched = send("PATCH", contact_path(customer, id), R"({"email":"x@"})");
  BOOST_TEST(patched.status == 422);
  BOOST_TEST(error_detail(patched, "email") == "must be a valid email address");
  const auto read = stack().client().get(contact_path(customer, id), bearer(stack().key()));
  BOOST_TEST(data_string(read, "email") == "valid@example.com");
  BOOST_TEST(read.json()["data"]["version"].GetInt() == 1);
}

BOOST_AUTO_TEST_CASE(email_and_phone_are_normalised_national_phones_read_in_the_customers_country) {
  // Customer in GB: a national number is British, whatever the business's country (KE).
  const std::string british = new_customer(R"("country":"GB")");
  const auto created =
      send("POST", contacts_path(british),
           R"({"name":"Pat","email":"  Pat.Contact@Example.COM ","phone":"020 7946 0018"})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  BOOST_TEST(data_string(created, "email") == "pat.contact@example.com");
  BOOST_TEST(data_string(created, "phone") == "+442079460018");
  const std::string id = data_string(created, "id");
  // So is a PATCH's, and a PUT's.
  const auto patched = send("PATCH", contact_path(british, id), R"({"phone":"020 7946 0019"})");
  BOOST_TEST(data_string(patched, "phone") == "+442079460019");
  const auto put =
      send("PUT", contact_path(british, id), R"({"name":"Pat","phone":"020 7946 0018"})");
  BOOST_TEST(data_string(put, "phone") == "+442079460018");
  // A customer without a country: the business's (KE).
  const std::string plain = new_customer();
  const auto kenyan =
      send("POST", contacts_path(plain), R"({"name":"Wanjiru","phone":"0712 345 678"})");
  BOOST_TEST_REQUIRE(kenyan.status == 201, kenyan.body);
  BOOST_TEST(data_string(kenyan, "phone") == "+254712345678");
}

BOOST_AUTO_TEST_CASE(email_and_phone_are_encrypted_at_rest_and_never_logged) {
  const std::string customer = new_customer(R"("country":"GB")");
  const std::string id =
      new_contact(customer, R"({"name":"Cipher","email":"cipherperson@example.com",)"
                            R"("phone":"020 7946 0077"})");
  const std::string patched_email = "patchedcipher@example.com";
  BOOST_TEST(
      send("PATCH", contact_path(customer, id), R"({"email":")" + patched_email + "\"}").status ==
      200);
  const std::string row = sql("SELECT k::text FROM customer_contacts k WHERE id = '" + id + "'");
  BOOST_TEST_REQUIRE(!row.empty());
  for (const std::string& plain : {std::string("cipherperson"), std::string("patchedcipher"),
                                   std::string("2079460077"), std::string("7946")}) {
    BOOST_TEST(row.find(plain) == std::string::npos, plain << " found in the table");
  }
  BOOST_TEST(sql("SELECT email_enc IS NOT NULL AND phone_enc IS NOT NULL FROM customer_contacts"
                 " WHERE id = '" +
                 id + "'") == "t");
  // Decrypted for the answer, never written to the log.
  const auto read = stack().client().get(contact_path(customer, id), bearer(stack().key()));
  BOOST_TEST(data_string(read, "email") == patched_email);
  const std::string log = stack().service_log();
  for (const std::string& plain :
       {std::string("cipherperson"), std::string("patchedcipher"), std::string("2079460077")}) {
    BOOST_TEST(log.find(plain) == std::string::npos, plain << " found in the log");
  }
}

BOOST_AUTO_TEST_CASE(a_ciphertext_copied_from_another_contact_does_not_open) {
  const std::string customer = new_customer();
  const std::string victim =
      new_contact(customer, R"({"name":"V","email":"victimkin@example.com"})");
  const std::string thief = new_contact(customer, R"({"name":"T","email":"thief@example.com"})");
  stack().postgres().psql(
      "UPDATE customer_contacts SET email_enc = (SELECT email_enc FROM customer_contacts WHERE id "
      "= '" +
      victim + "') WHERE id = '" + thief + "'");
  const auto read = stack().client().get(contact_path(customer, thief), bearer(stack().key()));
  BOOST_TEST_REQUIRE(read.status == 200, read.body);
  BOOST_TEST(read.body.find("victimkin") == std::string::npos);
  const auto json = read.json();
  BOOST_TEST(json["data"]["email"].IsNull());
  BOOST_TEST(json["meta"]["unreadableFields"][0].GetString() == std::string("email"));
  const auto listed = stack().client().get(contacts_path(customer), bearer(stack().key()));
  BOOST_TEST(listed.body.find("victimkin") != std::string::npos);  // the victim's own
  BOOST_TEST(listed.json()["meta"]["unreadableFields"][0].GetString() == thief + ".email");
}

BOOST_AUTO_TEST_CASE(the_101st_contact_is_409_even_when_they_race) {
  const std::string customer = new_customer();
  for (int i = 0; i < 90; ++i) {
    new_contact(customer, R"({"name":"Person )" + std::to_string(i) + "\"}");
  }
  // Twenty at once for the last ten places: exactly ten get one.
  std::vector<std::future<HttpResponse>> calls;
  std::latch start(20);
  for (int i = 0; i < 20; ++i) {
    calls.push_back(std::async(std::launch::async, [&, i] {
      HttpClient http(stack().base_url());
      start.arrive_and_wait();
      return http.request("POST", contacts_path(customer), json_headers(stack().key()),
                          R"({"name":"Racer )" + std::to_string(i) + "\"}");
    }));
  }
  int created = 0, refused = 0;
  for (auto& call : calls) {
    const auto response = call.get();
    BOOST_TEST((response.status == 201 || response.status == 409), response.body);
    if (response.status == 201) ++created;
    if (response.status == 409) {
      ++refused;
      BOOST_TEST(error_code_of(response) == "conflict");
    }
  }
  BOOST_TEST(created == 10);
  BOOST_TEST(refused == 10);
  const auto over = send("POST", contacts_path(customer), R"({"name":"One Too Many"})");
  BOOST_TEST(over.status == 409, over.body);
  BOOST_TEST(stored_contacts(customer) == 100);
  // A place freed is a place taken.
  const auto listed = stack().client().get(contacts_path(customer), bearer(stack().key()));
  BOOST_TEST_REQUIRE(listed.json()["data"].Size() == 100u);
  const std::string first = listed.json()["data"][0]["id"].GetString();
  BOOST_TEST(send("DELETE", contact_path(customer, first)).status == 200);
  BOOST_TEST(send("POST", contacts_path(customer), R"({"name":"Replacement"})").status == 201);
  BOOST_TEST(stored_contacts(customer) == 100);
}

BOOST_AUTO_TEST_CASE(making_one_primary_demotes_the_other) {
  const std::string customer = new_customer();
  const std::string first = new_contact(customer, R"({"name":"First","isPrimary":true})");
  const std::string second = new_contact(customer, R"({"name":"Second","isPrimary":true})");
  auto http = stack().client();
  const auto read_first = http.get(contact_path(customer, first), bearer(stack().key()));
  BOOST_TEST(read_first.json()["data"]["isPrimary"].IsFalse());
  BOOST_TEST(read_first.json()["data"]["version"].GetInt() == 2);  // a change it can see
  BOOST_TEST(stored_primaries(customer) == 1);
  const auto back = send("PATCH", contact_path(customer, first), R"({"isPrimary":true})");
  BOOST_TEST_REQUIRE(back.status == 200, back.body);
  BOOST_TEST(back.json()["data"]["isPrimary"].IsTrue());
  const auto read_second = http.get(contact_path(customer, second), bearer(stack().key()));
  BOOST_TEST(read_second.json()["data"]["isPrimary"].IsFalse());
  BOOST_TEST(stored_primaries(customer) == 1);
  // Demoting the primary leaves none; that is allowed.
  BOOST_TEST(send("PATCH", contact_path(customer, first), R"({"isPrimary":false})").status == 200);
  BOOST_TEST(stored_primaries(customer) == 0);
}

BOOST_AUTO_TEST_CASE(concurrent_make_primary_requests_leave_exactly_one_primary) {
  const std::string customer = new_customer();
  const std::string x = new_contact(customer, R"({"name":"X"})");
  const std::string y = new_contact(customer, R"({"name":"Y"})");
  const std::string z = new_contact(customer, R"({"name":"Z"})");
  constexpr int kRounds = 40;
  for (int round = 0; round < kRounds; ++round) {
    // Each round starts with no primary; then X and Y (and, every other round, Z too) are
    // made primary at the same moment.
    for (const auto& id : {x, y, z}) {
      BOOST_TEST_REQUIRE(
          send("PATCH", contact_path(customer, id), R"({"isPrimary":false})").status == 200);
    }
    const std::vector<std::string> racers =
        round % 2 == 1 ? std::vector<std::string>{x, y, z} : std::vector<std::string>{x, y};
    std::latch start(static_cast<std::ptrdiff_t>(racers.size()));
    std::vector<std::future<HttpResponse>> calls;
    for (const auto& id : racers) {
      calls.push_back(std::async(std::launch::async, [&, id] {
        HttpClient http(stack().base_url());
        start.arrive_and_wait();
        return http.request("PATCH", contact_path(customer, id), json_headers(stack().key()),
                            R"({"isPrimary":true})");
      }));
    }
    for (auto& call : calls) {
      const auto answer = call.get();
      BOOST_TEST_REQUIRE(answer.status == 200, "round " << round << ": " << answer.body);
    }
    BOOST_TEST_REQUIRE(stored_primaries(customer) == 1, "round " << round);
    const auto listed = stack().client().get(contacts_path(customer), bearer(stack().key()));
    int primaries = 0;
    const auto list = listed.json();  // kept alive: the loop walks into it
    for (const auto& contact : list["data"].GetArray()) {
      if (!contact["isPrimary"].GetBool()) continue;
      ++primaries;
      const std::string winner = contact["id"].GetString();
      BOOST_TEST((std::find(racers.begin(), racers.end(), winner) != racers.end()), winner);
    }
    BOOST_TEST(primaries == 1, "round " << round);
  }
}

BOOST_AUTO_TEST_CASE(concurrent_primary_creates_leave_exactly_one_primary) {
  for (int round = 0; round < 10; ++round) {
    const std::string customer = new_customer();
    std::latch start(8);
    std::vector<std::future<HttpResponse>> calls;
    for (int i = 0; i < 8; ++i) {
      calls.push_back(std::async(std::launch::async, [&, i] {
        HttpClient http(stack().base_url());
        start.arrive_and_wait();
        return http.request("POST", contacts_path(customer), json_headers(stack().key()),
                            R"({"name":"Boss )" + std::to_string(i) + R"(","isPrimary":true})");
      }));
    }
    for (auto& call : calls) {
      const auto response = call.get();
      BOOST_TEST(response.status == 201, response.body);
    }
    BOOST_TEST(stored_contacts(customer) == 8);
    BOOST_TEST(stored_primaries(customer) == 1, "round " << round);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(updates_and_versions)

BOOST_AUTO_TEST_CASE(patch_changes_only_the_fields_given_and_null_clears) {
  const std::string customer = new_customer();
  const std::string id = new_contact(
      customer,
      R"({"name":"Full","title":"CFO","email":"full@example.com","phone":"+254712000111","isPrimary":true})");
  const auto patched = send("PATCH", contact_path(customer, id), R"({"title":"CEO"})");
  BOOST_TEST_REQUIRE(patched.status == 200, patched.body);
  const auto json = patched.json();
  BOOST_TEST(json["message"].GetString() == std::string("Contact updated successfully"));
  const auto& data = json["data"];
  BOOST_TEST(data["title"].GetString() == std::string("CEO"));
  BOOST_TEST(data["name"].GetString() == std::string("Full"));
  BOOST_TEST(data["email"].GetString() == std::string("full@example.com"));
  BOOST_TEST(data["phone"].GetString() == std::string("+254712000111"));
  BOOST_TEST(data["isPrimary"].IsTrue());
  BOOST_TEST(data["version"].GetInt() == 2);
  BOOST_TEST(patched.header("etag") == "\"2\"");
  const auto cleared = send("PATCH", contact_path(customer, id), R"({"email":null,"title":""})");
  BOOST_TEST_REQUIRE(cleared.status == 200, cleared.body);
  BOOST_TEST(cleared.json()["data"]["email"].IsNull());
  BOOST_TEST(cleared.json()["data"]["title"].IsNull());
  BOOST_TEST(cleared.json()["data"]["phone"].GetString() == std::string("+254712000111"));
  BOOST_TEST(sql("SELECT email_enc IS NULL FROM customer_contacts WHERE id = '" + id + "'") == "t");
  const auto no_name = send("PATCH", contact_path(customer, id), R"({"name":null})");
  BOOST_TEST(no_name.status == 422);
  BOOST_TEST(error_detail(no_name, "name") == "is required");
}

BOOST_AUTO_TEST_CASE(put_replaces_the_writable_fields) {
  const std::string customer = new_customer();
  const std::string id = new_contact(
      customer,
      R"({"name":"Whole","title":"CFO","email":"whole@example.com","phone":"+254712000222","isPrimary":true})");
  const auto put = send("PUT", contact_path(customer, id), R"({"name":"Replaced","title":"COO"})");
  BOOST_TEST_REQUIRE(put.status == 200, put.body);
  const auto json = put.json();
  const auto& data = json["data"];
  BOOST_TEST(data["name"].GetString() == std::string("Replaced"));
  BOOST_TEST(data["title"].GetString() == std::string("COO"));
  BOOST_TEST(data["email"].IsNull());       // absent: cleared
  BOOST_TEST(data["phone"].IsNull());       // absent: cleared
  BOOST_TEST(data["isPrimary"].IsFalse());  // absent: the default
  BOOST_TEST(data["version"].GetInt() == 2);
  BOOST_TEST(sql("SELECT email_enc IS NULL AND phone_enc IS NULL AND NOT is_primary"
                 " FROM customer_contacts WHERE id = '" +
                 id + "'") == "t");
  // name is required, as on create; a refused PUT changes nothing.
  const auto nameless = send("PUT", contact_path(customer, id), R"({"title":"CTO"})");
  BOOST_TEST(nameless.status == 422);
  BOOST_TEST(error_detail(nameless, "name") == "is required");
  // A fetched contact sent back whole works: its read-only fields are ignored and listed.
  const auto fetched = stack().client().get(contact_path(customer, id), bearer(stack().key()));
  const auto document = fetched.json();
  rapidjson::StringBuffer text;
  rapidjson::Writer<rapidjson::StringBuffer> writer(text);
  document["data"].Accept(writer);
  const auto again = send("PUT", contact_path(customer, id), text.GetString());
  BOOST_TEST_REQUIRE(again.status == 200, again.body);
  BOOST_TEST(data_string(again, "title") == "COO");
  BOOST_TEST(again.json()["data"]["version"].GetInt() == 3);
  BOOST_TEST(again.json()["meta"]["ignoredFields"].Size() > 0u);
}

BOOST_AUTO_TEST_CASE(if_match_guards_put_patch_and_delete) {
  const std::string customer = new_customer();
  const std::string id = new_contact(customer, R"({"name":"Guarded"})");
  const auto path = contact_path(customer, id);
  for (const std::string method : {"PATCH", "PUT"}) {
    const auto stale = send(method, path, R"({"name":"Stale"})", {{"If-Match", "\"7\""}});
    BOOST_TEST(stale.status == 412, method);
    BOOST_TEST(error_code_of(stale) == "precondition_failed");
  }
  BOOST_TEST(send("DELETE", path, "", {{"If-Match", "\"7\""}}).status == 412);
  BOOST_TEST(sql("SELECT name, version FROM customer_contacts WHERE id = '" + id + "'") ==
             "Guarded|1");
  const auto fresh = send("PATCH", path, R"({"name":"Fresh"})", {{"If-Match", "\"1\""}});
  BOOST_TEST_REQUIRE(fresh.status == 200, fresh.body);
  BOOST_TEST(fresh.header("etag") == "\"2\"");
  const auto put = send("PUT", path, R"({"name":"Put"})", {{"If-Match", "W/\"2\""}});
  BOOST_TEST_REQUIRE(put.status == 200, put.body);
  BOOST_TEST(put.header("etag") == "\"3\"");
  BOOST_TEST(send("DELETE", path, "", {{"If-Match", "\"2\""}}).status == 412);
  const auto removed = send("DELETE", path, "", {{"If-Match", "\"3\""}});
  BOOST_TEST_REQUIRE(removed.status == 200, removed.body);
  BOOST_TEST(removed.json()["message"].GetString() == std::string("Contact deleted successfully"));
  BOOST_TEST(data_string(removed, "id") == id);
  BOOST_TEST(data_string(removed, "name") == "Put");
  BOOST_TEST(removed.header("etag") == "\"3\"");
  BOOST_TEST(stack().client().get(path, bearer(stack().key())).status == 404);
  BOOST_TEST(send("DELETE", path).status == 404);
  BOOST_TEST(stored_contacts(customer) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(with_the_customer)

BOOST_AUTO_TEST_CASE(contacts_created_with_the_customer_work_through_the_routes) {
  const auto created = stack().client().request(
      "POST", "/v1/customers", json_headers(stack().key()),
      R"({"name":"With Kin","email":")" + fresh_email() +
          R"(","country":"GB",)"
          R"("contacts":[{"name":"Kin One","email":"kinone@example.com","isPrimary":true},)"
          R"({"name":"Kin Two","phone":"020 7946 0031"},{"name":"Kin Three","title":"CFO"}]})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const std::string customer = data_string(created, "id");
  // The create's answer shows the contacts as a read of the customer lists them.
  const auto fresh = stack().client().get("/v1/customers/" + customer, bearer(stack().key()));
  BOOST_TEST_REQUIRE(fresh.status == 200, fresh.body);
  const bool same = created.json()["data"]["contacts"] == fresh.json()["data"]["contacts"];
  BOOST_TEST(same, created.body + "\n" + fresh.body);
  BOOST_TEST(created.json()["data"]["contacts"].Size() == 3u);
  const auto listed = stack().client().get(contacts_path(customer), bearer(stack().key()));
  BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
  const auto list = listed.json();
  BOOST_TEST_REQUIRE(list["data"].Size() == 3u);
  BOOST_TEST(list["data"][0]["email"].GetString() == std::string("kinone@example.com"));
  BOOST_TEST(list["data"][1]["phone"].GetString() == std::string("+442079460031"));
  const std::string one = list["data"][0]["id"].GetString();
  const std::string two = list["data"][1]["id"].GetString();
  const auto read = stack().client().get(contact_path(customer, two), bearer(stack().key()));
  BOOST_TEST(data_string(read, "name") == "Kin Two");
  const auto patched =
      send("PATCH", contact_path(customer, two), R"({"isPrimary":true})", {{"If-Match", "\"1\""}});
  BOOST_TEST_REQUIRE(patched.status == 200, patched.body);
  BOOST_TEST(patched.json()["data"]["version"].GetInt() == 2);
  const auto parent = stack().client().get("/v1/customers/" + customer, bearer(stack().key()));
  const auto json = parent.json();
  BOOST_TEST(json["data"]["contacts"][0]["id"].GetString() == one);
  BOOST_TEST(json["data"]["contacts"][0]["isPrimary"].IsFalse());
  BOOST_TEST(json["data"]["contacts"][1]["isPrimary"].IsTrue());
}

BOOST_AUTO_TEST_CASE(erasing_the_customer_destroys_its_contacts_personal_data) {
  const auto created = stack().client().request(
      "POST", "/v1/customers", json_headers(stack().key()),
      R"({"name":"Erase Kin","email":")" + fresh_email() +
          R"(","contacts":[{"name":"Nested","email":"nestederase@example.com"}]})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const std::string customer = data_string(created, "id");
  new_contact(customer,
              R"({"name":"Routed","email":"routederase@example.com","phone":"+254711000333"})");
  BOOST_TEST(sql("SELECT count(email_enc) FROM customer_contacts WHERE customer_id = '" + customer +
                 "'") == "2");
  const auto erased = send("DELETE", "/v1/customers/" + customer + "?erase=true");
  BOOST_TEST_REQUIRE(erased.status == 200, erased.body);
  BOOST_TEST(erased.json()["data"]["contacts"].Size() == 0u);
  // No row, so no ciphertext, of any contact of the customer is left.
  BOOST_TEST(stored_contacts(customer) == 0);
  BOOST_TEST(sql("SELECT count(*) FROM customer_contacts WHERE customer_id = '" + customer +
                 "' AND (email_enc IS NOT NULL OR phone_enc IS NOT NULL)") == "0");
  const auto listed = stack().client().get(contacts_path(customer), bearer(stack().key()));
  BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
  BOOST_TEST(listed.json()["data"].Size() == 0u);
  for (const char* plain : {"nestederase", "routederase", "254711000333"}) {
    BOOST_TEST(listed.body.find(plain) == std::string::npos);
  }
  // And none can be added to an erased customer.
  const auto added = send("POST", contacts_path(customer), R"({"name":"Late"})");
  BOOST_TEST(added.status == 409, added.body);
  BOOST_TEST(stored_contacts(customer) == 0);
}

BOOST_AUTO_TEST_CASE(an_inactive_customers_contacts_are_readable_but_not_writable) {
  const std::string customer = new_customer();
  const std::string id = new_contact(customer, R"({"name":"Frozen","email":"frozen@example.com"})");
  BOOST_TEST_REQUIRE(send("DELETE", "/v1/customers/" + customer).status == 200);
  auto http = stack().client();
  BOOST_TEST(http.get(contacts_path(customer), bearer(stack().key())).status == 200);
  const auto read = http.get(contact_path(customer, id), bearer(stack().key()));
  BOOST_TEST(read.status == 200);
  BOOST_TEST(data_string(read, "email") == "frozen@example.com");
  const std::vector<HttpResponse> writes = {
      send("POST", contacts_path(customer), R"({"name":"New"})"),
      send("PATCH", contact_path(customer, id), R"({"name":"Thawed"})"),
      send("PUT", contact_path(customer, id), R"({"name":"Thawed"})"),
      send("DELETE", contact_path(customer, id)),
  };
  for (const auto& write : writes) {
    BOOST_TEST(write.status == 409, write.body);
    BOOST_TEST(error_code_of(write) == "conflict");
  }
  BOOST_TEST(stored_contacts(customer) == 1);
  BOOST_TEST(sql("SELECT name, version FROM customer_contacts WHERE id = '" + id + "'") ==
             "Frozen|1");
  // Restored, it is writable again.
  BOOST_TEST_REQUIRE(send("POST", "/v1/customers/" + customer + "/restore").status == 200);
  BOOST_TEST(send("PATCH", contact_path(customer, id), R"({"name":"Thawed"})").status == 200);
  BOOST_TEST(send("DELETE", contact_path(customer, id)).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
