// Idempotency-Key (API.md "Idempotency") through nginx: every write route of the router's own
// table replays its stored answer byte for byte with no second effect; a key reused for
// another request is 422; a failure is not stored; 20 concurrent repeats make one effect; keys
// are scoped to their business; a worker killed mid-write leaves the effect and its record
// together or neither; erasure destroys the stored answers; records expire after 24 hours.
#define BOOST_TEST_MODULE idempotency
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <future>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "api_helpers.hpp"
#include "shared_stack.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

std::string unique(const std::string& stem) {
  static std::atomic<int> counter{0};
  return stem + std::to_string(counter++) + "x" + std::to_string(getpid());
}

Headers keyed(const std::string& key, const std::string& api_key = stack().key()) {
  return json_headers(api_key, {{"Idempotency-Key", key}});
}

HttpResponse send(const std::string& method, const std::string& path, const Headers& headers,
                  const std::string& body = {}) {
  return stack().client().request(method, path, headers, body);
}

// A new customer (no key), with one contact; its id and the contact's.
std::pair<std::string, std::string> new_customer() {
  const auto created =
      send("POST", "/v1/customers", json_headers(stack().key()),
           R"({"name":"Idem Person","email":")" + fresh_email("idem") +
               R"(","contacts":[{"name":"Kim","email":")" + fresh_email("idem") + R"("}]})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  return {data_string(created, "id"), created.json()["data"]["contacts"][0]["id"].GetString()};
}

std::string psql(const std::string& sql) {
  return stack().postgres().psql(sql);
}

// Every row of the business: a second effect changes it.
std::string fingerprint() {
  return business_rows_fingerprint(stack(), stack().business_id());
}

std::string count(const std::string& from_where) {
  return psql("SELECT count(*) FROM " + from_where);
}

// One keyed request: its path and body.
struct Attempt {
  std::string path;
  std::string body;
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_write_route_keeps_the_key_and_replays_without_a_second_effect) {
  using Recipe = std::function<Attempt()>;
  const auto customer_path = [] { return "/v1/customers/" + new_customer().first; };
  const auto contact_path = [] {
    const auto [id, contact] = new_customer();
    return "/v1/customers/" + id + "/contacts/" + contact;
  };
  const auto order_path = [] {
    const auto created =
        send("POST", "/v1/orders", json_headers(stack().key()),
             R"({"customerId":")" + new_customer().first +
                 R"(","items":[{"productId":"p","productName":"P","quantity":2,"unitPrice":5}]})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    return "/v1/orders/" + data_string(created, "id");
  };
  const std::map<std::string, Recipe> recipes = {
      {"POST /v1/orders",
       [] {
         return Attempt{"/v1/orders",
                        R"({"customerId":")" + new_customer().first +
                            R"(","items":[{"productId":"p","productName":"P","quantity":1,)"
                            R"("unitPrice":3}]})"};
       }},
      {"PATCH /v1/orders/{id}",
       [&] {
         return Attempt{order_path(), R"({"status":"confirmed"})"};
       }},
      {"POST /v1/orders/{id}/payments",
       [&] {
         return Attempt{order_path() + "/payments", R"({"amount":4})"};
       }},
      {"POST /v1/customers",
       [] {
         return Attempt{"/v1/customers", R"({"name":"Keyed","email":")" + fresh_email("idem") +
                                             R"(","tags":["a"]})"};
       }},
      {"POST /v1/customers/find-or-create",
       [] {
         return Attempt{"/v1/customers/find-or-create",
                        R"({"email":")" + fresh_email("idem") + "\"}"};
       }},
      {"POST /v1/customers/import",
       [] {
         return Attempt{"/v1/customers/import?mode=upsert",
                        R"([{"name":"Imported","email":")" + fresh_email("idem") + R"("}])"};
       }},
      {"PUT /v1/customers/{id}",
       [&] {
         return Attempt{customer_path(), R"({"name":"Put"})"};
       }},
      {"PATCH /v1/customers/{id}",
       [&] {
         return Attempt{customer_path(), R"({"notes":"patched"})"};
       }},
      {"DELETE /v1/customers/{id}",
       [&] {
         return Attempt{customer_path(), ""};
       }},
      {"POST /v1/customers/{id}/restore",
       [&] {
         const std::string path = customer_path();
         BOOST_TEST_REQUIRE(send("DELETE", path, json_headers(stack().key())).status == 200);
         return Attempt{path + "/restore", ""};
       }},
      {"POST /v1/customers/{id}/contacts",
       [&] {
         return Attempt{customer_path() + "/contacts",
                        R"({"name":"New","email":")" + fresh_email("idem") + "\"}"};
       }},
      {"PUT /v1/customers/{id}/contacts/{contactId}",
       [&] {
         return Attempt{contact_path(), R"({"name":"Replaced"})"};
       }},
      {"PATCH /v1/customers/{id}/contacts/{contactId}",
       [&] {
         return Attempt{contact_path(), R"({"title":"Buyer"})"};
       }},
      {"DELETE /v1/customers/{id}/contacts/{contactId}",
       [&] {
         return Attempt{contact_path(), ""};
       }},
      // Finora's dialect (src/dialects/finora): its own shapes, the same promise.
      {"POST /compat/finora/v1/customers",
       [] {
         return Attempt{"/compat/finora/v1/customers",
                        R"({"name":"Keyed Finora","email":")" + fresh_email("idem") + "\"}"};
       }},
      {"POST /compat/finora/v1/customers/find-or-create",
       [] {
         return Attempt{"/compat/finora/v1/customers/find-or-create",
                        R"({"email":")" + fresh_email("idem") + "\"}"};
       }},
      {"PUT /compat/finora/v1/customers/{id}",
       [&] {
         return Attempt{"/compat/finora" + customer_path(), R"({"name":"Put Finora"})"};
       }},
      {"DELETE /compat/finora/v1/customers/{id}",
       [&] {
         return Attempt{"/compat/finora" + customer_path(), ""};
       }},
      // Cashfin's dialect.
      {"POST /compat/cashfin/business/customer/create",
       [] {
         return Attempt{"/compat/cashfin/business/customer/create",
                        R"({"name":"Keyed Cashfin","email":")" + fresh_email("idem") + "\"}"};
       }},
      {"POST /compat/cashfin/business/order/checkout",
       [] {
         return Attempt{"/compat/cashfin/business/order/checkout",
                        R"({"customerid":")" + new_customer().first +
                            R"(","items":[{"productid":"p","title":"P","quantity":1,"price":3}]})"};
       }},
      // The ERP dialect.
      {"POST /compat/erp/api/customers",
       [] {
         return Attempt{"/compat/erp/api/customers", R"({"name":"Keyed Erp","email":")" +
                                                         fresh_email("idem") +
                                                         R"(","payment_terms":"net_15"})"};
       }},
      {"PUT /compat/erp/api/customers/{id}",
       [&] {
         return Attempt{"/compat/erp/api" + customer_path().substr(3),
                        R"({"credit_limit":100,"is_active":false})"};
       }},
      {"POST /compat/erp/api/customers/{id}/contacts",
       [&] {
         return Attempt{"/compat/erp/api" + customer_path().substr(3) + "/contacts",
                        R"({"name":"Erp Contact","is_primary":true})"};
       }},
      {"PUT /compat/erp/api/customers/{id}/contacts/{contactId}",
       [&] {
         return Attempt{"/compat/erp/api" + contact_path().substr(3), R"({"title":"Erp Title"})"};
       }},
      {"DELETE /compat/erp/api/customers/{id}/contacts/{contactId}",
       [&] {
         return Attempt{"/compat/erp/api" + contact_path().substr(3), ""};
       }},
      {"POST /compat/erp/api/customers/{id}/credit-check",
       [&] {
         return Attempt{"/compat/erp/api" + customer_path().substr(3) + "/credit-check", ""};
       }},
      // TalkingShops' dialect (src/dialects/talkingshops): {mobile}, {updates}, its shapes.
      {"POST /compat/talkingshops/v1/customers",
       [] {
         static int made = 0;
         return Attempt{"/compat/talkingshops/v1/customers",
                        R"({"mobile":"91987650)" + std::to_string(1000 + made++) +
                            R"(","email":")" + fresh_email("idem") + "\"}"};
       }},
      {"PUT /compat/talkingshops/v1/customers/{id}",
       [&] {
         return Attempt{"/compat/talkingshops" + customer_path(),
                        R"({"updates":{"name":"Put TalkingShops","segment":"vip"}})"};
       }},
      {"DELETE /compat/talkingshops/v1/customers/{id}",
       [&] {
         return Attempt{"/compat/talkingshops" + customer_path(), ""};
       }},
      {"POST /v1/customers/{id}/credit-check",
       [&] {
         return Attempt{customer_path() + "/credit-check", ""};
       }},
  };
  int checked = 0;
  for (const auto& route : route_table(stack())) {
    const std::string name = route.method + " " + route.pattern;
    // Every route with an effect keeps the key; reads do not need to.
    BOOST_TEST((route.idempotency == "idempotent") == (route.access == "write"), name);
    if (route.idempotency != "idempotent") continue;
    const auto recipe = recipes.find(name);
    if (recipe == recipes.end()) {
      BOOST_ERROR("no idempotency recipe for " << name << ": add one to this test");
      continue;
    }
    const Attempt attempt = recipe->second();
    const std::string key = unique("route-");
    const auto first = send(route.method, attempt.path, keyed(key), attempt.body);
    BOOST_TEST_REQUIRE(first.status / 100 == 2, name << ": " << first.body);
    BOOST_TEST(first.header("idempotent-replayed").empty(), name);
    const std::string after_first = fingerprint();
    const auto again = send(route.method, attempt.path, keyed(key), attempt.body);
    BOOST_TEST(again.status == first.status, name);
    BOOST_TEST(again.body == first.body, name);
    BOOST_TEST(again.header("idempotent-replayed") == "true", name);
    BOOST_TEST(again.header("etag") == first.header("etag"), name);
    BOOST_TEST(!again.header("x-request-id").empty());
    BOOST_TEST(fingerprint() == after_first, name << ": the replay had an effect");
    ++checked;
  }
  BOOST_TEST(checked == static_cast<int>(recipes.size()));
}

BOOST_AUTO_TEST_CASE(a_replayed_create_makes_one_customer) {
  const std::string name = unique("Once ");
  const std::string body = R"({"name":")" + name + R"(","email":")" + fresh_email("idem") + "\"}";
  const std::string key = unique("create-");
  const auto first = send("POST", "/v1/customers", keyed(key), body);
  BOOST_TEST_REQUIRE(first.status == 201, first.body);
  for (int i = 0; i < 3; ++i) {
    const auto again = send("POST", "/v1/customers", keyed(key), body);
    BOOST_TEST(again.status == 201);
    BOOST_TEST(again.body == first.body);
    BOOST_TEST(again.header("idempotent-replayed") == "true");
  }
  BOOST_TEST(count("customers WHERE name = '" + name + "'") == "1\n");
  // The stored body is sealed: neither the email nor the name is readable in the table.
  BOOST_TEST(count("idempotency_records WHERE position(convert_to('" + name +
                   "', 'UTF8') in response_enc) > 0") == "0\n");
}

BOOST_AUTO_TEST_CASE(a_key_reused_with_another_body_path_or_method_is_422) {
  const std::string key = unique("reuse-");
  const std::string email = fresh_email("idem");
  const std::string body = R"({"name":"Reuse","email":")" + email + "\"}";
  const auto first = send("POST", "/v1/customers", keyed(key), body);
  BOOST_TEST_REQUIRE(first.status == 201, first.body);
  const std::string id = data_string(first, "id");
  const std::string before = fingerprint();

  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> others = {
      {"POST", {"/v1/customers", R"({"name":"Reuse","email":")" + fresh_email("idem") + "\"}"}},
      {"POST", {"/v1/customers", R"({"name":"Reuse", "email":")" + email + "\"}"}},  // a space
      {"POST", {"/v1/customers/find-or-create", body}},
      {"POST", {"/v1/customers?businessId=" + stack().business_id(), body}},
      {"PATCH", {"/v1/customers/" + id, body}},
      {"DELETE", {"/v1/customers/" + id, ""}},
  };
  for (const auto& [method, request] : others) {
    const auto reused = send(method, request.first, keyed(key), request.second);
    BOOST_TEST(reused.status == 422, method << " " << request.first << ": " << reused.body);
    BOOST_TEST(error_code_of(reused) == "idempotency_key_reused");
  }
  BOOST_TEST(fingerprint() == before);
  // A soft delete's key does not stand for an erasure (the query string counts).
  const std::string delete_key = unique("delete-");
  BOOST_TEST(send("DELETE", "/v1/customers/" + id, keyed(delete_key)).status == 200);
  const auto erase = send("DELETE", "/v1/customers/" + id + "?erase=true", keyed(delete_key));
  BOOST_TEST(erase.status == 422, erase.body);
  BOOST_TEST(count("customers WHERE id = '" + id + "' AND erased_at IS NULL") == "1\n");
}

BOOST_AUTO_TEST_CASE(a_failed_first_attempt_is_not_stored_and_its_retry_runs_afresh) {
  const std::string records_before = count("idempotency_records");
  // Refused for its body: nothing stored, so the same key with a good body runs.
  const std::string key = unique("failed-");
  const auto invalid = send("POST", "/v1/customers", keyed(key), R"({"name":""})");
  BOOST_TEST_REQUIRE(invalid.status == 422, invalid.body);
  BOOST_TEST(error_code_of(invalid) == "validation_error");
  BOOST_TEST(count("idempotency_records") == records_before);
  const std::string email = fresh_email("idem");
  const std::string body = R"({"name":"Second Try","email":")" + email + "\"}";
  const auto fixed = send("POST", "/v1/customers", keyed(key), body);
  BOOST_TEST(fixed.status == 201, fixed.body);
  BOOST_TEST(fixed.header("idempotent-replayed").empty());

  // Refused for the state of things (409: the email is taken), then the same request again
  // once the holder is gone: it runs, and creates.
  const std::string retry_key = unique("conflict-");
  const auto taken = send("POST", "/v1/customers", keyed(retry_key), body);
  BOOST_TEST_REQUIRE(taken.status == 409, taken.body);
  BOOST_TEST(error_code_of(taken) == "conflict");
  BOOST_TEST(
      send("DELETE", "/v1/customers/" + data_string(fixed, "id"), json_headers(stack().key()))
          .status == 200);
  const auto retried = send("POST", "/v1/customers", keyed(retry_key), body);
  BOOST_TEST(retried.status == 201, retried.body);
  BOOST_TEST(retried.header("idempotent-replayed").empty());
  BOOST_TEST(data_string(retried, "id") != data_string(fixed, "id"));
}

BOOST_AUTO_TEST_CASE(twenty_concurrent_requests_with_one_key_make_one_effect) {
  const std::string name = unique("Concurrent ");
  const std::string body = R"({"name":")" + name + R"(","email":")" + fresh_email("idem") + "\"}";
  const std::string key = unique("race-");
  std::vector<std::future<HttpResponse>> answers;
  answers.reserve(20);
  for (int i = 0; i < 20; ++i) {
    answers.push_back(std::async(std::launch::async, [&] {
      HttpClient client(stack().base_url());
      return client.request("POST", "/v1/customers", keyed(key), body);
    }));
  }
  std::vector<HttpResponse> responses;
  for (auto& answer : answers) responses.push_back(answer.get());
  int originals = 0, replays = 0, in_progress = 0;
  std::string original_body;
  for (const auto& response : responses) {
    if (response.status == 201 && response.header("idempotent-replayed").empty()) {
      ++originals;
      original_body = response.body;
    }
  }
  for (const auto& response : responses) {
    if (response.status == 201 && response.header("idempotent-replayed") == "true") {
      ++replays;
      BOOST_TEST(response.body == original_body);
    } else if (response.status == 409) {
      ++in_progress;
      BOOST_TEST(error_code_of(response) == "idempotency_in_progress", response.body);
    }
  }
  BOOST_TEST(originals == 1);
  BOOST_TEST(originals + replays + in_progress == 20);
  BOOST_TEST(count("customers WHERE name = '" + name + "'") == "1\n");
}

BOOST_AUTO_TEST_CASE(a_key_is_scoped_to_its_business) {
  const std::string key = unique("scoped-");
  const std::string body = R"({"name":"Scoped","email":"scoped)" + unique("") + "@example.com\"}";
  const auto in_a = send("POST", "/v1/customers", keyed(key), body);
  BOOST_TEST_REQUIRE(in_a.status == 201, in_a.body);
  // B sends A's key with the very same request: its own fresh run, its own customer.
  const auto in_b = send("POST", "/v1/customers", keyed(key, stack().other_key()), body);
  BOOST_TEST_REQUIRE(in_b.status == 201, in_b.body);
  BOOST_TEST(in_b.header("idempotent-replayed").empty());
  BOOST_TEST(data_string(in_b, "id") != data_string(in_a, "id"));
  BOOST_TEST(count("customers WHERE business_id = '" + stack().other_business_id() +
                   "' AND id = '" + data_string(in_b, "id") + "'") == "1\n");
  // ... and B's repeat replays B's answer.
  const auto again_b = send("POST", "/v1/customers", keyed(key, stack().other_key()), body);
  BOOST_TEST(again_b.header("idempotent-replayed") == "true");
  BOOST_TEST(again_b.body == in_b.body);
  // A different request under the key in B is 422 for B alone; A's key is untouched.
  const auto other_in_b =
      send("POST", "/v1/customers/find-or-create", keyed(key, stack().other_key()), body);
  BOOST_TEST(other_in_b.status == 422);
  BOOST_TEST(send("POST", "/v1/customers", keyed(key), body).body == in_a.body);
}

BOOST_AUTO_TEST_CASE(a_key_over_255_characters_is_400_and_runs_nothing) {
  const std::string name = unique("Long Key ");
  const std::string body = R"({"name":")" + name + R"(","email":")" + fresh_email("idem") + "\"}";
  const auto too_long = send("POST", "/v1/customers", keyed(std::string(256, 'k')), body);
  BOOST_TEST(too_long.status == 400, too_long.body);
  BOOST_TEST(error_code_of(too_long) == "bad_request");
  BOOST_TEST(count("customers WHERE name = '" + name + "'") == "0\n");
  std::string longest = unique("longest-");
  longest += std::string(255 - longest.size(), 'k');
  const auto fits = send("POST", "/v1/customers", keyed(longest), body);
  BOOST_TEST(fits.status == 201, fits.body);
}

BOOST_AUTO_TEST_CASE(erasure_destroys_the_stored_answers_that_show_the_customer) {
  const std::string email = fresh_email("idem");
  const std::string create_key = unique("erase-create-");
  const std::string body =
      R"({"name":"To Erase","email":")" + email + R"(","taxId":"P051234567X"})";
  const auto created = send("POST", "/v1/customers", keyed(create_key), body);
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  const std::string id = data_string(created, "id");
  const std::string path = "/v1/customers/" + id;
  const auto contact = send("POST", path + "/contacts", keyed(unique("erase-contact-")),
                            R"({"name":"Aide","email":"aide.)" + email + "\"}");
  BOOST_TEST_REQUIRE(contact.status == 201, contact.body);
  BOOST_TEST(send("PATCH", path, keyed(unique("erase-patch-")), R"({"notes":"n"})").status == 200);
  // An order's stored answer shows its shipping address: it goes too.
  const auto ordered =
      send("POST", "/v1/orders", keyed(unique("erase-order-")),
           R"({"customerId":")" + id +
               R"(","items":[{"productId":"p","productName":"P","quantity":1,"unitPrice":1}],)"
               R"("shippingAddress":{"line1":"77 Hidden Road"}})");
  BOOST_TEST_REQUIRE(ordered.status == 201, ordered.body);
  BOOST_TEST(count("idempotency_records WHERE customer_id = '" + id + "'") == "4\n");

  const std::string erase_key = unique("erase-");
  const auto erased = send("DELETE", path + "?erase=true", keyed(erase_key));
  BOOST_TEST_REQUIRE(erased.status == 200, erased.body);
  // Only the erasure's own answer is left, and it shows nothing personal.
  BOOST_TEST(count("idempotency_records WHERE customer_id = '" + id + "'") == "1\n");
  const auto replayed = send("DELETE", path + "?erase=true", keyed(erase_key));
  BOOST_TEST(replayed.status == 200);
  BOOST_TEST(replayed.header("idempotent-replayed") == "true");
  BOOST_TEST(replayed.body == erased.body);
  for (const auto* secret : {"aide.", "P051234567X", "To Erase"}) {
    BOOST_TEST(replayed.body.find(secret) == std::string::npos, secret);
  }
  BOOST_TEST(replayed.body.find(email) == std::string::npos);
  // The create's stored answer is gone with the data it showed: its key now runs afresh.
  const auto create_again = send("POST", "/v1/customers", keyed(create_key), body);
  BOOST_TEST(create_again.header("idempotent-replayed").empty());
  BOOST_TEST(data_string(create_again, "id") != id);
}

BOOST_AUTO_TEST_CASE(records_older_than_24_hours_run_afresh_and_are_purged) {
  const std::string path = "/v1/customers/" + new_customer().first;
  const std::string key = unique("old-");
  BOOST_TEST_REQUIRE(send("PATCH", path, keyed(key), R"({"notes":"one"})").status == 200);
  const auto age = [&](const std::string& where) {
    psql("UPDATE idempotency_records SET created_at = now() - interval '25 hours' WHERE " + where);
  };
  age("target = '" + path + "'");
  const auto fresh = send("PATCH", path, keyed(key), R"({"notes":"one"})");
  BOOST_TEST(fresh.status == 200);
  BOOST_TEST(fresh.header("idempotent-replayed").empty());
  BOOST_TEST(fresh.header("etag") == "\"3\"");  // it ran again: version 3
  BOOST_TEST(count("idempotency_records WHERE target = '" + path +
                   "' AND created_at > now() - interval '1 hour'") == "1\n");

  // An expired record is deleted by a worker after it answers (a new worker at once); the
  // others stay.
  const std::string kept = unique("kept-");
  BOOST_TEST(send("PATCH", path, keyed(kept), R"({"notes":"two"})").status == 200);
  const std::string other_path = "/v1/customers/" + new_customer().first;
  BOOST_TEST(send("PATCH", other_path, keyed(unique("expired-")), R"({"notes":"x"})").status ==
             200);
  age("target = '" + other_path + "'");
  const auto before = as_set(stack().worker_pids());
  kill(stack().master_pid(), SIGHUP);
  BOOST_TEST_REQUIRE(eventually(
      [&] {
        const auto now = as_set(stack().worker_pids());
        return now.size() == 3u && std::none_of(now.begin(), now.end(),
                                                [&](pid_t pid) { return before.count(pid) != 0; });
      },
      10000));
  BOOST_TEST(eventually(
      [&] {
        stack().client().get("/v1/business", bearer(stack().key()));
        return count("idempotency_records WHERE target = '" + other_path + "'") == "0\n";
      },
      10000));
  BOOST_TEST(count("idempotency_records WHERE target = '" + path + "'") == "2\n");
  BOOST_TEST(send("PATCH", path, keyed(kept), R"({"notes":"two"})").header("idempotent-replayed") ==
             "true");
}

#ifdef CAPI_FAULT_INJECTION

BOOST_AUTO_TEST_CASE(a_worker_killed_mid_write_leaves_nothing_and_the_retry_runs_once) {
  Stack own({.workers = 2});
  const std::string name = unique("Killed Midway ");
  const std::string body = R"({"name":")" + name + R"(","email":")" + fresh_email("idem") + "\"}";
  const std::string key = unique("killed-");
  const auto headers = keyed(key, own.key());
  const auto customers = [&] {
    return own.postgres().psql("SELECT count(*) FROM customers WHERE name = '" + name + "'");
  };
  const auto records = [&] {
    return own.postgres().psql("SELECT count(*) FROM idempotency_records");
  };

  auto hung = std::async(std::launch::async, [&] {
    HttpClient client(own.base_url());
    Headers with_fault = headers;
    with_fault.emplace_back("X-Capi-Fault", "hang-before-commit");
    return client.request("POST", "/v1/customers", with_fault, body);
  });
  // The effect and its record are written, not committed: the transaction waits.
  BOOST_TEST_REQUIRE(eventually(
      [&] {
        return own.postgres().psql(
                   "SELECT count(*) FROM pg_stat_activity WHERE state ="
                   " 'idle in transaction' AND application_name = 'customer-api'") == "1\n";
      },
      5000));
  const auto meanwhile = own.client().request("POST", "/v1/customers", headers, body);
  BOOST_TEST(meanwhile.status == 409, meanwhile.body);
  BOOST_TEST(error_code_of(meanwhile) == "idempotency_in_progress");

  const auto before = as_set(own.worker_pids());
  for (const pid_t pid : before) kill(pid, SIGKILL);  // the hung one among them
  const auto lost = hung.get();
  BOOST_TEST(lost.status != 201, lost.body);
  BOOST_TEST_REQUIRE(eventually([&] { return as_set(own.worker_pids()).size() == 2u; }, 10000));
  // The killed worker's session ends and its transaction with it: nothing of it remains.
  BOOST_TEST(eventually(
      [&] {
        return own.postgres().psql(
                   "SELECT count(*) FROM pg_stat_activity WHERE state ="
                   " 'idle in transaction'") == "0\n";
      },
      5000));
  BOOST_TEST(customers() == "0\n");
  BOOST_TEST(records() == "0\n");

  const auto retried = own.client().request("POST", "/v1/customers", headers, body);
  BOOST_TEST(retried.status == 201, retried.body);
  BOOST_TEST(retried.header("idempotent-replayed").empty());
  const auto replayed = own.client().request("POST", "/v1/customers", headers, body);
  BOOST_TEST(replayed.header("idempotent-replayed") == "true");
  BOOST_TEST(replayed.body == retried.body);
  BOOST_TEST(customers() == "1\n");
  BOOST_TEST(records() == "1\n");

  // Killed after its commit: the effect and its record both exist, and the retry replays.
  const std::string after_name = unique("Committed Then Killed ");
  const std::string after_body =
      R"({"name":")" + after_name + R"(","email":")" + fresh_email("idem") + "\"}";
  Headers crash = keyed(unique("crashed-"), own.key());
  const auto retry_headers = crash;
  crash.emplace_back("X-Capi-Fault", "crash-after-commit");
  const auto died = own.client().request("POST", "/v1/customers", crash, after_body);
  BOOST_TEST(died.status == 503, died.body);
  BOOST_TEST(records() == "2\n");
  const auto after_crash = own.client().request("POST", "/v1/customers", retry_headers, after_body);
  BOOST_TEST(after_crash.status == 201, after_crash.body);
  BOOST_TEST(after_crash.header("idempotent-replayed") == "true");
  BOOST_TEST(own.postgres().psql("SELECT count(*) FROM customers WHERE name = '" + after_name +
                                 "'") == "1\n");
}

#endif
