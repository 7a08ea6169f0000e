// The customer resource through nginx: create and validation, uniqueness, tenancy,
// concurrency, soft delete, restore and erasure, encryption at rest, listing, search, lookup
// and find-or-create.
#define BOOST_TEST_MODULE customers
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <atomic>
#include <future>
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
std::string lower(std::string text) {
  for (auto& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return text;
}

HttpResponse create(const std::string& body, const std::string& key = stack().key()) {
  return stack().client().request("POST", "/v1/customers", json_headers(key), body);
}

// Creates a customer and returns its id; fails the test if the API refuses.
std::string create_id(const std::string& body, const std::string& key = stack().key()) {
  const auto response = create(body, key);
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  return data_string(response, "id");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(create_and_read)

BOOST_AUTO_TEST_CASE(create_returns_201_with_the_whole_customer) {
  const std::string email = fresh_email("Ann.Lee");
  const auto response =
      create(R"({"name":"  Ann Lee ","email":" )" + email +
             R"( ","phone":"0712 345 678","creditLimit":2500.50,)"
             R"("tags":["vip","vip","wholesale"],"country":"Kenya",)"
             R"("billingAddress":{"line1":"1 Moi Ave","city":"Nairobi"},)"
             R"("contacts":[{"name":"Bob","email":"bob@example.com","isPrimary":true}]})");
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  const auto json = response.json();
  const auto& data = json["data"];
  BOOST_TEST(json["success"].IsTrue());
  BOOST_TEST(json["message"].GetString() == std::string("Customer created successfully"));
  BOOST_TEST(std::string(data["id"].GetString()).size() == 24u);
  BOOST_TEST(data["name"].GetString() == std::string("Ann Lee"));
  BOOST_TEST(data["email"].GetString() == lower(email));
  BOOST_TEST(data["phone"].GetString() == std::string("+254712345678"));
  BOOST_TEST(data["mobile"].GetString() == std::string("+254712345678"));
  BOOST_TEST(data["country"].GetString() == std::string("KE"));
  BOOST_TEST(data["currency"].GetString() == std::string("KES"));
  BOOST_TEST(data["type"].GetString() == std::string("individual"));
  BOOST_TEST(data["paymentTerms"].GetString() == std::string("net_30"));
  BOOST_TEST(data["creditLimitMinor"].GetInt64() == 250050);
  BOOST_TEST(data["tags"].Size() == 2u);
  BOOST_TEST(data["address"].GetString() == std::string("1 Moi Ave, Nairobi"));
  BOOST_TEST(data["accountBalanceMinor"].GetInt64() == 0);
  BOOST_TEST(data["metrics"]["orderCount"].GetInt() == 0);
  BOOST_TEST(data["isActive"].IsTrue());
  BOOST_TEST(data["version"].GetInt() == 1);
  BOOST_TEST(data["contacts"].Size() == 1u);
  BOOST_TEST(data["contacts"][0]["isPrimary"].IsTrue());
  BOOST_TEST(response.header("etag") == "\"1\"");
  // Money is written with exactly the currency's decimals.
  BOOST_TEST(response.body.find("\"creditLimit\":2500.50") != std::string::npos);
  BOOST_TEST(response.body.find("\"accountBalance\":0.00") != std::string::npos);

  const auto read = stack().client().get("/v1/customers/" + std::string(data["id"].GetString()),
                                         bearer(stack().key()));
  BOOST_TEST(read.status == 200);
  BOOST_TEST(data_string(read, "email") == data["email"].GetString());
  BOOST_TEST(read.header("etag") == "\"1\"");
}

BOOST_AUTO_TEST_CASE(every_problem_is_reported_at_once_with_dotted_paths) {
  const auto response =
      create(R"({"email":"not-an-email","phone":"12","website":"ftp://x","segment":"VIP Gold!",)"
             R"("creditLimit":10.001,"paymentTerms":"net_5","billingAddress":{"city":5},)"
             R"("tags":[1],"metadata":{"k":1},"country":"Atlantis","currency":"XYZ"})");
  BOOST_TEST_REQUIRE(response.status == 422, response.body);
  BOOST_TEST(error_code_of(response) == "validation_error");
  for (const char* path :
       {"name", "email", "phone", "website", "segment", "creditLimit", "paymentTerms",
        "billingAddress.city", "tags[0]", "metadata.k", "country", "currency"}) {
    BOOST_TEST(!error_detail(response, path).empty(), path << " missing in " << response.body);
  }
}

BOOST_AUTO_TEST_CASE(email_or_phone_is_required) {
  const auto response = create(R"({"name":"Nobody"})");
  BOOST_TEST(response.status == 422);
  BOOST_TEST(error_detail(response, "email") == "email or phone is required");
}

BOOST_AUTO_TEST_CASE(phones_in_common_notations_become_e164) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"("phone":"+254 712 345 670")", "+254712345670"},
      {R"("phone":"0712345671","country":"KE")", "+254712345671"},
      {R"("phone":"919876543210","country":"IN")", "+919876543210"},
      {R"("phone":"+1 (212) 736-5000")", "+12127365000"},
      {R"("mobile":"0712345672")", "+254712345672"},
  };
  for (const auto& [fields, e164] : cases) {
    const auto response = create(R"({"name":"Phone Test",)" + fields + "}");
    BOOST_TEST(response.status == 201, fields << ": " << response.body);
    BOOST_TEST(data_string(response, "phone") == e164, fields);
  }
  BOOST_TEST(create(R"({"name":"Bad","phone":"+254 1"})").status == 422);
}

BOOST_AUTO_TEST_CASE(currency_decides_the_decimals) {
  const auto jpy = create(R"({"name":"Yen","email":")" + fresh_email() +
                          R"(","currency":"jpy","creditLimit":150})");
  BOOST_TEST_REQUIRE(jpy.status == 201, jpy.body);
  BOOST_TEST(jpy.body.find("\"creditLimit\":150,") != std::string::npos);
  const auto kwd = create(R"({"name":"Dinar","email":")" + fresh_email() +
                          R"(","currency":"KWD","creditLimit":1.250})");
  BOOST_TEST_REQUIRE(kwd.status == 201, kwd.body);
  BOOST_TEST(kwd.body.find("\"creditLimit\":1.250,") != std::string::npos);
  BOOST_TEST(create(R"({"name":"Yen","email":")" + fresh_email() +
                    R"(","currency":"JPY","creditLimit":1.5})")
                 .status == 422);
  BOOST_TEST(create(R"({"name":"Kes","email":")" + fresh_email() + R"(","creditLimit":2500.001})")
                 .status == 422);
}

BOOST_AUTO_TEST_CASE(lengths_are_counted_in_characters) {
  std::string name;
  for (int i = 0; i < 200; ++i) name += "\xc3\xa9";  // é: 2 bytes, 1 character
  BOOST_TEST(create(R"({"name":")" + name + R"(","email":")" + fresh_email() + "\"}").status ==
             201);
  BOOST_TEST(create(R"({"name":")" + name + R"(x","email":")" + fresh_email() + "\"}").status ==
             422);
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_ignored_and_listed) {
  const auto response =
      create(R"({"name":"Typo","email":")" + fresh_email() +
             R"(","emial":"x","id":"abc","billingAddress":{"zip":"1","city":"X"}})");
  BOOST_TEST_REQUIRE(response.status == 201, response.body);
  const auto json = response.json();
  std::set<std::string> ignored;
  for (const auto& field : json["meta"]["ignoredFields"].GetArray())
    ignored.insert(field.GetString());
  BOOST_TEST(ignored.count("emial") == 1u);
  BOOST_TEST(ignored.count("id") == 1u);
  BOOST_TEST(ignored.count("billingAddress.zip") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bodies)

BOOST_AUTO_TEST_CASE(malformed_bodies_get_400_413_415) {
  auto http = stack().client();
  const auto key = stack().key();
  const auto wrong_type = http.request(
      "POST", "/v1/customers", {{"Authorization", "Bearer " + key}, {"Content-Type", "text/plain"}},
      R"({"name":"x"})");
  BOOST_TEST(wrong_type.status == 415);
  BOOST_TEST(error_code_of(wrong_type) == "unsupported_media_type");
  BOOST_TEST(create("{\"name\":").status == 400);
  BOOST_TEST(create("[1,2]").status == 400);
  BOOST_TEST(create("").status == 400);
  BOOST_TEST(create(std::string(33, '[') + std::string(33, ']')).status == 400);
  BOOST_TEST(create(R"({"name":"\udc00","email":"a@b.co"})").status == 400);
  BOOST_TEST(create("{\"name\":\"\xff\",\"email\":\"a@b.co\"}").status == 400);
  const std::string just_over(1024 * 1024 + 10, ' ');
  const auto too_big = create("{" + just_over + "}");
  BOOST_TEST(too_big.status == 413);
  BOOST_TEST(error_code_of(too_big) == "payload_too_large");
  const std::string far_over(3 * 1024 * 1024, ' ');
  const auto nginx_too_big = create("{" + far_over + "}");
  BOOST_TEST(nginx_too_big.status == 413);
  BOOST_TEST(error_code_of(nginx_too_big) == "payload_too_large");
  // The worker carries on after all of that.
  BOOST_TEST(create(R"({"name":"After","email":")" + fresh_email() + "\"}").status == 201);
}

BOOST_AUTO_TEST_CASE(checks_come_in_order_auth_permission_body) {
  auto http = stack().client();
  const auto no_key =
      http.request("POST", "/v1/customers", {{"Content-Type", "text/plain"}}, "not json");
  BOOST_TEST(no_key.status == 401);
  const auto read_only = create("not json", stack().read_only_key());
  BOOST_TEST(read_only.status == 403);
  BOOST_TEST(error_code_of(read_only) == "permission_denied");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(uniqueness)

BOOST_AUTO_TEST_CASE(email_is_unique_among_active_customers_case_insensitively) {
  const std::string email = fresh_email("dup");
  const std::string first = create_id(R"({"name":"One","email":")" + email + "\"}");
  std::string upper = email;
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const auto second = create(R"({"name":"Two","email":")" + upper + "\"}");
  BOOST_TEST_REQUIRE(second.status == 409, second.body);
  BOOST_TEST(error_code_of(second) == "conflict");
  BOOST_TEST(error_detail(second, "existingId") == first);
  // Another business may hold the same email.
  BOOST_TEST(create(R"({"name":"Other","email":")" + email + "\"}", stack().other_key()).status ==
             201);
  // A soft delete frees it; restoring the first is then a conflict.
  auto http = stack().client();
  BOOST_TEST(http.request("DELETE", "/v1/customers/" + first, bearer(stack().key())).status == 200);
  const std::string replacement = create_id(R"({"name":"Three","email":")" + email + "\"}");
  const auto restore =
      http.request("POST", "/v1/customers/" + first + "/restore", bearer(stack().key()));
  BOOST_TEST(restore.status == 409);
  BOOST_TEST(error_detail(restore, "existingId") == replacement);
}

BOOST_AUTO_TEST_CASE(phone_is_unique_in_any_notation) {
  const std::string first = create_id(R"({"name":"P1","phone":"+254 733 000 111"})");
  const auto second = create(R"({"name":"P2","phone":"0733000111"})");
  BOOST_TEST(second.status == 409);
  BOOST_TEST(error_detail(second, "existingId") == first);
}

BOOST_AUTO_TEST_CASE(update_into_a_taken_email_is_409) {
  const std::string email = fresh_email("taken");
  create_id(R"({"name":"Holder","email":")" + email + "\"}");
  const std::string other = create_id(R"({"name":"Mover","email":")" + fresh_email() + "\"}");
  const auto moved =
      stack().client().request("PATCH", "/v1/customers/" + other, json_headers(stack().key()),
                               R"({"email":")" + email + "\"}");
  BOOST_TEST(moved.status == 409);
}

BOOST_AUTO_TEST_CASE(find_or_create_makes_exactly_one_under_concurrency) {
  const std::string email = fresh_email("race");
  std::vector<std::future<HttpResponse>> calls;
  for (int i = 0; i < 50; ++i) {
    calls.push_back(std::async(std::launch::async, [&] {
      HttpClient http(stack().base_url());
      return http.request("POST", "/v1/customers/find-or-create", json_headers(stack().key()),
                          R"({"email":")" + email + "\"}");
    }));
  }
  int created = 0, found = 0;
  std::set<std::string> ids;
  for (auto& call : calls) {
    const auto response = call.get();
    const auto json = response.json();
    if (response.status == 201) ++created;
    if (response.status == 200) ++found;
    BOOST_TEST_REQUIRE((response.status == 200 || response.status == 201), response.body);
    BOOST_TEST(json["data"]["created"].GetBool() == (response.status == 201));
    ids.insert(json["data"]["id"].GetString());
  }
  BOOST_TEST(created == 1);
  BOOST_TEST(found == 49);
  BOOST_TEST(ids.size() == 1u);
  // The name defaulted to the email's local part.
  const auto again =
      stack().client().request("POST", "/v1/customers/find-or-create", json_headers(stack().key()),
                               R"({"email":")" + email + "\"}");
  BOOST_TEST(data_string(again, "name") == email.substr(0, email.find('@')));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tenancy_and_versions)

BOOST_AUTO_TEST_CASE(another_business_customer_is_404_on_every_route) {
  const std::string theirs =
      create_id(R"({"name":"Theirs","email":")" + fresh_email() + "\"}", stack().other_key());
  auto http = stack().client();
  const auto key = stack().key();
  const std::vector<std::pair<std::string, std::string>> calls = {
      {"GET", "/v1/customers/" + theirs},
      {"PUT", "/v1/customers/" + theirs},
      {"PATCH", "/v1/customers/" + theirs},
      {"DELETE", "/v1/customers/" + theirs},
      {"DELETE", "/v1/customers/" + theirs + "?erase=true"},
      {"POST", "/v1/customers/" + theirs + "/restore"},
      {"GET", "/v1/customers/ffffffffffffffffffffffff"},
      {"GET", "/v1/customers/not-an-id"},
  };
  for (const auto& [method, path] : calls) {
    const auto response = http.request(method, path, json_headers(key), R"({"name":"Mine"})");
    BOOST_TEST(response.status == 404, method << " " << path << ": " << response.body);
    BOOST_TEST(error_code_of(response) == "not_found");
  }
  // Still intact for its owner.
  BOOST_TEST(http.get("/v1/customers/" + theirs, bearer(stack().other_key())).status == 200);
}

BOOST_AUTO_TEST_CASE(if_match_guards_writes) {
  const std::string id = create_id(R"({"name":"Versioned","email":")" + fresh_email() + "\"}");
  auto http = stack().client();
  const auto stale =
      http.request("PATCH", "/v1/customers/" + id,
                   json_headers(stack().key(), {{"If-Match", "\"7\""}}), R"({"notes":"x"})");
  BOOST_TEST(stale.status == 412);
  BOOST_TEST(error_code_of(stale) == "precondition_failed");
  const auto fresh =
      http.request("PATCH", "/v1/customers/" + id,
                   json_headers(stack().key(), {{"If-Match", "\"1\""}}), R"({"notes":"x"})");
  BOOST_TEST(fresh.status == 200);
  BOOST_TEST(fresh.header("etag") == "\"2\"");
  BOOST_TEST(http.request("DELETE", "/v1/customers/" + id,
                          json_headers(stack().key(), {{"If-Match", "\"1\""}}))
                 .status == 412);
  BOOST_TEST(http.request("PUT", "/v1/customers/" + id,
                          json_headers(stack().key(), {{"If-Match", "\"1\""}}), R"({"notes":"y"})")
                 .status == 412);
}

BOOST_AUTO_TEST_CASE(put_of_a_fetched_customer_updates_the_fields_given) {
  const std::string id =
      create_id(R"({"name":"Put Me","email":")" + fresh_email() + R"(","tags":["a"],"notes":"n"})");
  auto http = stack().client();
  const auto fetched = http.get("/v1/customers/" + id, bearer(stack().key()));
  BOOST_TEST_REQUIRE(fetched.status == 200, fetched.body);
  // The fetched record sent back whole, with one change: read-only fields are ignored.
  auto document = fetched.json();
  auto& data = document["data"];
  data["name"].SetString("Put Done", document.GetAllocator());
  rapidjson::StringBuffer text;
  rapidjson::Writer<rapidjson::StringBuffer> writer(text);
  data.Accept(writer);
  const auto put =
      http.request("PUT", "/v1/customers/" + id,
                   json_headers(stack().key(), {{"If-Match", "\"1\""}}), text.GetString());
  BOOST_TEST_REQUIRE(put.status == 200, put.body);
  BOOST_TEST(put.header("etag") == "\"2\"");
  const auto json = put.json();
  BOOST_TEST(json["data"]["name"].GetString() == std::string("Put Done"));
  BOOST_TEST(json["data"]["notes"].GetString() == std::string("n"));
  BOOST_TEST(json["data"]["tags"][0].GetString() == std::string("a"));
  BOOST_TEST(json["meta"]["ignoredFields"].Size() > 0u, put.body);
  // Fields not sent are kept; null clears an optional one.
  const auto cleared =
      http.request("PUT", "/v1/customers/" + id, json_headers(stack().key()), R"({"notes":null})");
  BOOST_TEST_REQUIRE(cleared.status == 200, cleared.body);
  BOOST_TEST(cleared.json()["data"]["notes"].IsNull());
  BOOST_TEST(cleared.json()["data"]["name"].GetString() == std::string("Put Done"));
  BOOST_TEST(
      http.request("PUT", "/v1/customers/" + id, json_headers(stack().key()), R"({"name":null})")
          .status == 422);
}

BOOST_AUTO_TEST_CASE(concurrent_patches_of_different_fields_keep_both) {
  for (int round = 0; round < 5; ++round) {
    const std::string id = create_id(R"({"name":"Both","email":")" + fresh_email() + "\"}");
    auto patch = [&](const std::string& body) {
      return std::async(std::launch::async, [&, body] {
        HttpClient http(stack().base_url());
        return http.request("PATCH", "/v1/customers/" + id, json_headers(stack().key()), body);
      });
    };
    auto first = patch(R"({"notes":"from A"})");
    auto second = patch(R"({"segment":"from-b"})");
    BOOST_TEST(first.get().status == 200);
    BOOST_TEST(second.get().status == 200);
    const auto read = stack().client().get("/v1/customers/" + id, bearer(stack().key()));
    BOOST_TEST(data_string(read, "notes") == "from A");
    BOOST_TEST(data_string(read, "segment") == "from-b");
    BOOST_TEST(read.json()["data"]["version"].GetInt() == 3);
  }
}

BOOST_AUTO_TEST_CASE(null_clears_an_optional_field_and_name_cannot_be_cleared) {
  const std::string id = create_id(R"({"name":"Clear","email":")" + fresh_email() +
                                   R"(","companyName":"Acme","tags":["a"]})");
  auto http = stack().client();
  const auto cleared = http.request("PATCH", "/v1/customers/" + id, json_headers(stack().key()),
                                    R"({"companyName":null,"tags":null})");
  BOOST_TEST_REQUIRE(cleared.status == 200, cleared.body);
  BOOST_TEST(cleared.json()["data"]["companyName"].IsNull());
  BOOST_TEST(cleared.json()["data"]["tags"].Size() == 0u);
  BOOST_TEST(
      http.request("PATCH", "/v1/customers/" + id, json_headers(stack().key()), R"({"name":null})")
          .status == 422);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(privacy)

BOOST_AUTO_TEST_CASE(pii_is_not_stored_in_plaintext) {
  const std::string email = fresh_email("secretperson");
  const std::string id = create_id(
      R"({"name":"Private","email":")" + email +
      R"(","phone":"+254 799 111 222","taxId":"TAX-998877","billingAddress":{"line1":"77 Hidden Lane","city":"Mombasa"},)"
      R"("contacts":[{"name":"C","email":"contactsecret@example.com","phone":"+254799111333"}]})");
  const std::string dump = stack().postgres().psql(
      "SELECT c::text FROM customers c WHERE id = '" + id +
      "' UNION ALL SELECT k::text FROM customer_contacts k WHERE customer_id = '" + id + "'");
  BOOST_TEST(!dump.empty());
  for (const std::string& plain :
       {email, std::string("secretperson"), std::string("254799111222"), std::string("TAX-998877"),
        std::string("Hidden Lane"), std::string("Mombasa"), std::string("contactsecret"),
        std::string("254799111333")}) {
    BOOST_TEST(dump.find(plain) == std::string::npos, plain << " found in the table");
  }
  BOOST_TEST(stack().service_log().find("secretperson") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_ciphertext_copied_to_another_row_does_not_decrypt) {
  const std::string victim_email = fresh_email("victim");
  const std::string victim = create_id(R"({"name":"Victim","email":")" + victim_email + "\"}");
  const std::string thief = create_id(R"({"name":"Thief","email":")" + fresh_email() + "\"}");
  stack().postgres().psql(
      "UPDATE customers SET email_enc = (SELECT email_enc FROM customers "
      "WHERE id = '" +
      victim + "') WHERE id = '" + thief + "'");
  const auto read = stack().client().get("/v1/customers/" + thief, bearer(stack().key()));
  BOOST_TEST_REQUIRE(read.status == 200, read.body);
  BOOST_TEST(read.body.find(victim_email) == std::string::npos);
  const auto json = read.json();
  BOOST_TEST(json["data"]["email"].IsNull());
  BOOST_TEST(json["meta"]["unreadableFields"][0].GetString() == std::string("email"));
  // Listing and search show it as null too, and name it as <id>.email.
  for (const std::string path : {"/v1/customers?q=thief", "/v1/customers/search?q=thief"}) {
    const auto many = stack().client().get(path, bearer(stack().key()));
    BOOST_TEST_REQUIRE(many.status == 200, many.body);
    BOOST_TEST(many.body.find(victim_email) == std::string::npos, path);
    const auto listed = many.json();
    BOOST_TEST_REQUIRE(listed["data"].Size() >= 1u, path << ": " << many.body);
    BOOST_TEST(listed["data"][0]["email"].IsNull(), path);
    BOOST_TEST_REQUIRE(listed["meta"].HasMember("unreadableFields"), path << ": " << many.body);
    BOOST_TEST(listed["meta"]["unreadableFields"][0].GetString() == thief + ".email", path);
  }
  BOOST_TEST(stack().service_log().find(thief) != std::string::npos, "logged with its id");
}

BOOST_AUTO_TEST_CASE(ciphertexts_moved_between_businesses_or_columns_or_flipped_never_open) {
  // A's customer, with an email, phone and tax id; B's customer, to receive A's ciphertexts.
  const std::string email = fresh_email("drill");
  const std::string a =
      create_id(R"({"name":"Drill A","email":")" + email +
                R"(","phone":"+254799444555","taxId":"DRILL-TAX-1",)"
                R"("contacts":[{"name":"Drill Kin","email":"drillkin@example.com"}]})");
  const auto b_created =
      stack().client().request("POST", "/v1/customers", json_headers(stack().other_key()),
                               R"({"name":"Drill B","email":")" + fresh_email() + "\"}");
  BOOST_TEST_REQUIRE(b_created.status == 201, b_created.body);
  const std::string b = data_string(b_created, "id");
  auto& db = stack().postgres();
  const auto from_a = [&](const char* column) {
    return "(SELECT " + std::string(column) + " FROM customers WHERE id = '" + a + "')";
  };
  // What is done, who reads which record, the field that must not open, and a plaintext that
  // must appear nowhere in the answer ("" when it is legitimately elsewhere in the record).
  struct Drill {
    std::string what, sql, reader_key, id, field, leaked;
  };
  const std::vector<Drill> drills = {
      {"another business's ciphertext",
       "UPDATE customers SET email_enc = " + from_a("email_enc") + " WHERE id = '" + b + "'",
       stack().other_key(), b, "email", email},
      {"another column's ciphertext",
       "UPDATE customers SET tax_id_enc = phone_enc WHERE id = '" + a + "'", stack().key(), a,
       "taxId", ""},
      {"a contact's ciphertext in its customer",
       "UPDATE customers SET phone_enc = (SELECT email_enc FROM customer_contacts"
       " WHERE customer_id = '" +
           a + "') WHERE id = '" + a + "'",
       stack().key(), a, "phone", ""},
      {"a flipped bit",
       "UPDATE customers SET email_enc = set_byte(email_enc, 40,"
       " get_byte(email_enc, 40) # 16) WHERE id = '" +
           a + "'",
       stack().key(), a, "email", email},
  };
  for (const auto& drill : drills) {
    db.psql(drill.sql);
    const auto read = stack().client().get("/v1/customers/" + drill.id, bearer(drill.reader_key));
    BOOST_TEST_REQUIRE(read.status == 200, drill.what << ": " << read.body);
    const auto json = read.json();
    BOOST_TEST(json["data"][drill.field.c_str()].IsNull(), drill.what);
    bool named = false;
    for (const auto& field : json["meta"]["unreadableFields"].GetArray()) {
      named = named || field.GetString() == drill.field;
    }
    BOOST_TEST(named, drill.what << ": " << read.body);
    if (!drill.leaked.empty()) {
      BOOST_TEST(read.body.find(drill.leaked) == std::string::npos, drill.what);
    }
  }
  // Logged with the record's id, never with what it holds.
  const std::string log = stack().service_log();
  BOOST_TEST(log.find(b) != std::string::npos);
  for (const std::string& plain : {email, std::string("254799444555"), std::string("DRILL-TAX-1"),
                                   std::string("drillkin@example.com")}) {
    BOOST_TEST(log.find(plain) == std::string::npos, plain);
  }
}

BOOST_AUTO_TEST_CASE(erasure_destroys_pii_and_keeps_the_record) {
  const std::string email = fresh_email("erase");
  const std::string id = create_id(R"({"name":"To Erase","email":")" + email +
                                   R"(","phone":"+254 711 999 000","taxId":"T1","notes":"n",)"
                                   R"("contacts":[{"name":"K","email":"k@example.com"}]})");
  auto http = stack().client();
  const auto erased =
      http.request("DELETE", "/v1/customers/" + id + "?erase=true", bearer(stack().key()));
  BOOST_TEST_REQUIRE(erased.status == 200, erased.body);
  const auto json = erased.json();
  BOOST_TEST(json["data"]["name"].GetString() == std::string("Erased customer"));
  BOOST_TEST(json["data"]["email"].IsNull());
  BOOST_TEST(json["data"]["isActive"].IsFalse());
  const std::string stored = stack().postgres().psql(
      "SELECT coalesce(email_enc::text,'') || coalesce(phone_enc::text,'') || "
      "coalesce(tax_id_enc::text,'') || coalesce(email_index,'') || coalesce(phone_index,'') || "
      "array_length(email_tokens, 1)::text FROM customers WHERE id = '" +
      id + "'");
  BOOST_TEST(stored.find_first_not_of(" \n") == std::string::npos, stored);
  BOOST_TEST(stack()
                 .postgres()
                 .psql("SELECT count(*) FROM customer_contacts WHERE customer_id = '" + id + "'")
                 .find('0') == 0u);
  BOOST_TEST(http.get("/v1/customers/" + id, bearer(stack().key())).status == 200);
  BOOST_TEST(
      http.request("POST", "/v1/customers/" + id + "/restore", bearer(stack().key())).status ==
      409);
  // The email is free again.
  BOOST_TEST(create(R"({"name":"New","email":")" + email + "\"}").status == 201);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(soft_delete)

BOOST_AUTO_TEST_CASE(deleted_customers_leave_list_search_and_lookup_but_stay_readable) {
  const std::string email = fresh_email("gone");
  const std::string id = create_id(R"({"name":"Zzgone Person","email":")" + email + "\"}");
  auto http = stack().client();
  const auto key = bearer(stack().key());
  BOOST_TEST(http.get("/v1/customers/lookup?email=" + email, key).status == 200);
  const auto deleted = http.request("DELETE", "/v1/customers/" + id, key);
  BOOST_TEST_REQUIRE(deleted.status == 200);
  BOOST_TEST(deleted.json()["data"]["isActive"].IsFalse());
  BOOST_TEST(http.get("/v1/customers/lookup?email=" + email, key).status == 404);
  BOOST_TEST(http.get("/v1/customers/search?q=zzgone", key).json()["meta"]["count"].GetInt() == 0);
  BOOST_TEST(http.get("/v1/customers?q=zzgone", key).json()["meta"]["total"].GetInt() == 0);
  BOOST_TEST(
      http.get("/v1/customers?q=zzgone&status=inactive", key).json()["meta"]["total"].GetInt() ==
      1);
  const auto read = http.get("/v1/customers/" + id, key);
  BOOST_TEST(read.status == 200);
  BOOST_TEST(read.json()["data"]["isActive"].IsFalse());
  const auto restored = http.request("POST", "/v1/customers/" + id + "/restore", key);
  BOOST_TEST(restored.status == 200);
  BOOST_TEST(restored.json()["data"]["isActive"].IsTrue());
  BOOST_TEST(http.get("/v1/customers/lookup?email=" + email, key).status == 200);
  BOOST_TEST(http.get("/v1/customers/search?q=zzgone", key).json()["meta"]["count"].GetInt() == 1);
}

// Search reads customer_search, which triggers keep in step with customers: every write that
// changes what search matches on shows at once, and nothing else is left behind.
BOOST_AUTO_TEST_CASE(search_follows_renames_company_changes_and_erasure) {
  const std::string id = create_id(R"({"name":"Qqold Name","email":")" + fresh_email("rename") +
                                   R"(","companyName":"Qqfirm One"})");
  auto http = stack().client();
  const auto key = bearer(stack().key());
  const auto count = [&](const std::string& q) {
    const auto response = http.get("/v1/customers/search?q=" + q, key);
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    return response.json()["meta"]["count"].GetInt();
  };
  BOOST_TEST(count("qqold") == 1);
  BOOST_TEST(count("qqfirm") == 1);
  const auto renamed = http.request("PATCH", "/v1/customers/" + id, json_headers(stack().key()),
                                    R"({"name":"Qqnew Name","companyName":"Qqcompany Two"})");
  BOOST_TEST_REQUIRE(renamed.status == 200, renamed.body);
  BOOST_TEST(count("qqold") == 0);
  BOOST_TEST(count("qqnew") == 1);
  BOOST_TEST(count("qqfirm") == 0);
  BOOST_TEST(count("ompany%20tw") == 1);  // an infix of the new company name
  // An update that does not touch the searchable columns keeps the customer findable.
  BOOST_TEST(http.request("PATCH", "/v1/customers/" + id, json_headers(stack().key()),
                          R"({"notes":"called on Monday"})")
                 .status == 200);
  BOOST_TEST(count("qqnew") == 1);
  const auto erased = http.request("DELETE", "/v1/customers/" + id + "?erase=true", key);
  BOOST_TEST_REQUIRE(erased.status == 200, erased.body);
  BOOST_TEST(count("qqnew") == 0);
  BOOST_TEST(count("ompany%20tw") == 0);
  // Nothing of the customer stays in the search table.
  BOOST_TEST(stack().postgres().psql("SELECT count(*) FROM customer_search WHERE customer_id = '" +
                                     id + "'") == "0\n");

  // A soft delete takes a customer out of search, a restore brings it back.
  const std::string other = create_id(R"({"name":"Qqback Again","email":")" + fresh_email("back") +
                                      R"(","companyName":"Qqreturns"})");
  BOOST_TEST_REQUIRE(http.request("DELETE", "/v1/customers/" + other, key).status == 200);
  BOOST_TEST(count("qqback") == 0);
  BOOST_TEST_REQUIRE(http.request("POST", "/v1/customers/" + other + "/restore", key).status ==
                     200);
  BOOST_TEST(count("qqback") == 1);
  BOOST_TEST(count("qqreturns") == 1);
  // The whole table: exactly the active customers, with their names and companies.
  BOOST_TEST(stack().postgres().psql(
                 "WITH active AS (SELECT id, business_id, sort_name, lower(company_name)"
                 " FROM customers WHERE deleted_at IS NULL),"
                 " indexed AS (SELECT customer_id, business_id, sort_name, company_lower"
                 " FROM customer_search)"
                 " SELECT count(*) FROM ((TABLE active EXCEPT TABLE indexed)"
                 " UNION ALL (TABLE indexed EXCEPT TABLE active)) AS d") == "0\n");
}

BOOST_AUTO_TEST_SUITE_END()
