// Key rotation without downtime: add a key, reload, re-encrypt, retire the old key.
#define BOOST_TEST_MODULE key_rotation
#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "api_helpers.hpp"
#include "load.hpp"
#include "stack.hpp"

using namespace capi::test;

namespace {

// SIGHUP, then true once every worker of the pool (two) is of the new generation, which has
// read the key directory again.
bool reloaded(Stack& stack) {
  const auto before = stack.worker_pids();
  kill(stack.master_pid(), SIGHUP);
  return eventually(
      [&] {
        const auto now = stack.worker_pids();
        return now.size() == before.size() && std::none_of(now.begin(), now.end(), [&](pid_t pid) {
                 return std::count(before.begin(), before.end(), pid) != 0;
               });
      },
      5000);
}

}  // namespace

BOOST_AUTO_TEST_CASE(rotation_reseals_everything_under_the_new_key_while_serving) {
  Stack stack({.workers = 2});
  auto http = stack.client();
  std::vector<std::pair<std::string, std::string>> customers;  // id, email
  for (int i = 0; i < 12; ++i) {
    const std::string email = "rotate" + std::to_string(i) + "@example.com";
    const auto created = http.request("POST", "/v1/customers", json_headers(stack.key()),
                                      R"({"name":"Rotate )" + std::to_string(i) + R"(","email":")" +
                                          email + R"(","taxId":"T)" + std::to_string(i) +
                                          R"(","contacts":[{"name":"K","phone":"+254700000)" +
                                          std::to_string(100 + i) + R"("}]})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    customers.emplace_back(data_string(created, "id"), email);
  }
  // An order's shipping address is sealed too.
  const auto ordered = http.request(
      "POST", "/v1/orders", json_headers(stack.key()),
      R"({"customerId":")" + customers[0].first +
          R"(","items":[{"productId":"p","productName":"P","quantity":1,"unitPrice":1}],)"
          R"("shippingAddress":{"line1":"3 Rotation Rd"}})");
  BOOST_TEST_REQUIRE(ordered.status == 201, ordered.body);
  const std::string order_id = data_string(ordered, "id");
  auto key_ids = [&](const std::string& table, const std::string& column) {
    return stack.postgres().psql("SELECT string_agg(DISTINCT encode(substring(" + column +
                                 " from 1 for 4), 'hex'), ',') FROM " + table + " WHERE " + column +
                                 " IS NOT NULL");
  };
  BOOST_TEST(key_ids("customers", "email_enc").find("00000001") == 0u);

  const auto added = stack.cli({"encryption", "add-key"});
  BOOST_TEST_REQUIRE(added.exit_code == 0, added.output);
  // 12 emails, 12 tax ids, 12 contact phones, 1 order address: under key 1 until the rotation.
  const auto in_use = stack.cli({"encryption", "status"});
  BOOST_TEST(in_use.exit_code == 0, in_use.output);
  BOOST_TEST(in_use.output.find("key 1: 37 ciphertexts; still in use") != std::string::npos,
             in_use.output);
  BOOST_TEST(in_use.output.find("key 2: 0 ciphertexts; active") != std::string::npos,
             in_use.output);
  const auto reads = run_load_during(
      stack.base_url(), "/v1/customers/" + customers[0].first, bearer(stack.key()), 400, 4, 5, [&] {
        BOOST_TEST(reloaded(stack));
        const auto rotated = stack.cli({"encryption", "rotate"});
        BOOST_TEST(rotated.exit_code == 0, rotated.output);
        BOOST_TEST(rotated.output.find("resealed 12 of 12 customers and 12 of 12 contacts and "
                                       "1 of 1 orders") != std::string::npos,
                   rotated.output);
      });
  BOOST_TEST(reads.count(200) == 400, reads.summary());

  BOOST_TEST(key_ids("customers", "email_enc") == "00000002\n");
  BOOST_TEST(key_ids("customers", "tax_id_enc") == "00000002\n");
  const auto rotated_status = stack.cli({"encryption", "status"});
  BOOST_TEST(
      rotated_status.output.find("key 1: 0 ciphertexts; may be retired") != std::string::npos,
      rotated_status.output);
  BOOST_TEST(rotated_status.output.find("key 2: 37 ciphertexts; active") != std::string::npos,
             rotated_status.output);
  BOOST_TEST(key_ids("customer_contacts", "phone_enc") == "00000002\n");
  BOOST_TEST(key_ids("orders", "shipping_address_enc") == "00000002\n");

  // With the old key gone, everything still reads.
  BOOST_TEST_REQUIRE(std::remove((stack.dir() + "/keys/encryption-1.key").c_str()) == 0);
  BOOST_TEST_REQUIRE(reloaded(stack));
  for (const auto& [id, email] : customers) {
    const auto read = http.get("/v1/customers/" + id, bearer(stack.key()));
    BOOST_TEST(read.status == 200);
    BOOST_TEST(data_string(read, "email") == email);
    BOOST_TEST(read.json()["data"]["contacts"][0]["phone"].IsString());
  }
  const auto order = http.get("/v1/orders/" + order_id, bearer(stack.key()));
  BOOST_TEST(order.json()["data"]["shippingAddress"]["line1"].GetString() ==
             std::string("3 Rotation Rd"));
  // A second rotation finds nothing to do.
  const auto again = stack.cli({"encryption", "rotate"});
  BOOST_TEST(again.output.find("resealed 0 of 12 customers") != std::string::npos, again.output);
}

BOOST_AUTO_TEST_CASE(rotation_reports_and_fails_on_ciphertexts_that_do_not_open) {
  Stack stack({.workers = 1});
  auto http = stack.client();
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    const auto created =
        http.request("POST", "/v1/customers", json_headers(stack.key()),
                     R"({"name":"Tamper )" + std::to_string(i) + R"(","email":"tamper)" +
                         std::to_string(i) + R"(@example.com"})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    ids.push_back(data_string(created, "id"));
  }
  // A flipped bit past the key id: the ciphertext no longer authenticates.
  stack.postgres().psql(
      "UPDATE customers SET email_enc = set_byte(email_enc, 30,"
      " get_byte(email_enc, 30) # 1) WHERE id = '" +
      ids[1] + "'");
  const auto added = stack.cli({"encryption", "add-key"});
  BOOST_TEST_REQUIRE(added.exit_code == 0, added.output);

  const auto rotated = stack.cli({"encryption", "rotate"});
  BOOST_TEST(rotated.exit_code == 1, rotated.output);
  BOOST_TEST(rotated.output.find("resealed 2 of 3 customers") != std::string::npos, rotated.output);
  BOOST_TEST(
      rotated.output.find("1 customers and 0 contacts and 0 orders and 0 idempotency records hold "
                          "ciphertexts that do not decrypt") != std::string::npos,
      rotated.output);
  // The unreadable one is left under the old key (retiring that key must wait); the others
  // are under the new one.
  const auto key_of = [&](const std::string& id) {
    return stack.postgres().psql(
        "SELECT encode(substring(email_enc from 1 for 4), 'hex') FROM "
        "customers WHERE id = '" +
        id + "'");
  };
  BOOST_TEST(key_of(ids[0]) == "00000002\n");
  BOOST_TEST(key_of(ids[1]) == "00000001\n");
  BOOST_TEST(key_of(ids[2]) == "00000002\n");
  // So key 1 is still in use, and once its file is gone, status says what is lost.
  const auto status = stack.cli({"encryption", "status"});
  BOOST_TEST(status.exit_code == 0, status.output);
  BOOST_TEST(status.output.find("key 1: 1 ciphertexts; still in use") != std::string::npos,
             status.output);
  BOOST_TEST_REQUIRE(std::remove((stack.dir() + "/keys/encryption-1.key").c_str()) == 0);
  const auto lost = stack.cli({"encryption", "status"});
  BOOST_TEST(lost.exit_code == 1, lost.output);
  BOOST_TEST(lost.output.find("key 1: 1 ciphertexts; NO KEY FILE") != std::string::npos,
             lost.output);
}

BOOST_AUTO_TEST_CASE(a_rotation_of_100000_customers_under_load_leaves_every_row_readable) {
  Stack stack({.workers = 2});
  // 100,000 customers sealed by the real keyring and loaded by COPY (customer-api seed).
  const std::string ids_path = stack.dir() + "/ids.json";
  const auto seeded = stack.cli({"seed", "--business", stack.business_id(), "--count", "100000",
                                 "--seed", "3", "--ids-out", ids_path});
  BOOST_TEST_REQUIRE(seeded.exit_code == 0, seeded.output);
  rapidjson::Document ids;
  const std::string text = read_file(ids_path);
  ids.Parse(text.c_str());
  BOOST_TEST_REQUIRE(ids.IsObject());
  const auto& samples = ids["customers"];
  BOOST_TEST_REQUIRE(samples.Size() > 100u);
  const std::string email = samples[0]["email"].GetString();

  BOOST_TEST_REQUIRE(stack.cli({"encryption", "add-key"}).exit_code == 0);
  BOOST_TEST_REQUIRE(reloaded(stack));
  std::string rotated;
  const auto lookups = run_load_during(stack.base_url(), "/v1/customers/lookup?email=" + email,
                                       bearer(stack.key()), 4000, 4, 5, [&] {
                                         const auto result = stack.cli({"encryption", "rotate"});
                                         BOOST_TEST(result.exit_code == 0, result.output);
                                         rotated = result.output;
                                       });
  BOOST_TEST(lookups.count(200) == 4000, lookups.summary());
  BOOST_TEST(rotated.find("of 100000 customers") != std::string::npos, rotated);
  // Nothing is left under the old key, and every row reads back.
  const auto status = stack.cli({"encryption", "status"});
  BOOST_TEST(status.exit_code == 0, status.output);
  BOOST_TEST(status.output.find("key 1: 0 ciphertexts; may be retired") != std::string::npos,
             status.output);
  auto http = stack.client();
  for (rapidjson::SizeType i = 0; i < samples.Size(); i += samples.Size() / 20) {
    const auto read =
        http.get("/v1/customers/" + std::string(samples[i]["id"].GetString()), bearer(stack.key()));
    BOOST_TEST_REQUIRE(read.status == 200, read.body);
    BOOST_TEST(data_string(read, "email") == samples[i]["email"].GetString());
    BOOST_TEST(read.body.find("unreadable") == std::string::npos);
  }
}
