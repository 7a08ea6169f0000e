// Tenant isolation, route by route: business B, with its own valid keys, tries every route of
// the router's own table (`customer-api routes`) against business A's records, lookups by
// A's email and phone, searches for A's names, A's cursors, and A's contacts (through A's
// customer and through one of B's own). Every attempt is answered exactly as the same request
// for a record that does not exist, and A's rows are byte for byte what they were. B's
// writes carry Idempotency-Keys that A has used: a key is its business's own, so B gets its
// own fresh run (never A's stored answer, nor 422 for A's use of it). A route added without a
// rule here fails the test.
#define BOOST_TEST_MODULE tenant_isolation
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "api_helpers.hpp"
#include "stack.hpp"

using namespace capi::test;

namespace {

// What A has that B must not reach.
struct Victim {
  std::string id;
  std::string contact_id;  // a contact of customer `id`
  std::string cursor;      // a listing cursor A was given
  std::string order_id;    // an order of customer `id`
};

// A fingerprint of every row of business A.
std::string rows_of(Stack& stack) {
  const std::string a = stack.business_id();
  return stack.postgres().psql(
      "SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY c.id), '')) FROM customers c"
      " WHERE business_id = '" +
      a +
      "'; SELECT md5(coalesce(string_agg(k::text, '|' ORDER BY"
      " k.id), '')) FROM customer_contacts k WHERE business_id = '" +
      a +
      "'; SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r.id), ''))"
      " FROM idempotency_records r WHERE business_id = '" +
      a +
      "'; SELECT md5(coalesce(string_agg(o::text, '|' ORDER BY o.id), '')) FROM orders o"
      " WHERE business_id = '" +
      a +
      "'; SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), ''))"
      " FROM order_payments p WHERE business_id = '" +
      a +
      "'; SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), ''))"
      " FROM credit_checks x WHERE business_id = '" +
      a + "'");
}

// Status, error code and message: how a request was answered, minus what differs per request.
std::string answer_of(const HttpResponse& response) {
  return std::to_string(response.status) + " " + error_code_of(response) + " " + [&] {
    const auto json = response.json();
    if (json.HasParseError() || !json.IsObject() || !json.HasMember("error")) {
      return std::string();
    }
    return std::string(json["error"]["message"].GetString());
  }();
}

std::string percent_encoded(const std::string& value) {
  std::string out;
  for (const char ch : value) {
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_') {
      out += ch;
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(ch));
      out += hex;
    }
  }
  return out;
}

std::string with_id(std::string pattern, const std::string& id,
                    const std::string& contact_id = {}) {
  for (const auto& [name, value] :
       {std::pair<std::string, std::string>{"{id}", id},
        std::pair<std::string, std::string>{"{contactId}", contact_id}}) {
    const auto at = pattern.find(name);
    if (at != std::string::npos) pattern.replace(at, name.size(), value);
  }
  return pattern;
}

}  // namespace

BOOST_AUTO_TEST_CASE(another_business_reaches_nothing_of_a_on_any_route) {
  Stack stack({.workers = 2});
  auto http = stack.client();
  const auto a_headers = json_headers(stack.key());
  const auto b_headers = json_headers(stack.other_key());

  Victim victim;
  for (int i = 0; i < 3; ++i) {
    const auto created = http.request(
        "POST", "/v1/customers", a_headers,
        R"({"name":"Secret Person )" + std::to_string(i) + R"(","email":"secret)" +
            std::to_string(i) + R"(@victim.example","phone":"+25470055500)" + std::to_string(i) +
            R"(","contacts":[{"name":"Hidden","email":"hidden@victim.example"}]})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    if (i == 0) {
      victim.id = data_string(created, "id");
      victim.contact_id = created.json()["data"]["contacts"][0]["id"].GetString();
    }
  }
  {
    const auto ordered =
        http.request("POST", "/v1/orders", a_headers,
                     R"({"customerId":")" + victim.id +
                         R"(","items":[{"productId":"p","productName":"Secret Thing","quantity":1,)"
                         R"("unitPrice":10}],"shippingAddress":{"line1":"1 Secret Rd"}})");
    BOOST_TEST_REQUIRE(ordered.status == 201, ordered.body);
    victim.order_id = data_string(ordered, "id");
  }
  // B's own customer: B reaching A's contact through it must fail as well.
  const auto own_created = http.request("POST", "/v1/customers", b_headers,
                                        R"({"name":"Bee Own","email":"own@bee.example"})");
  BOOST_TEST_REQUIRE(own_created.status == 201, own_created.body);
  const std::string b_customer = data_string(own_created, "id");
  {
    const auto page = http.get("/v1/customers?limit=1", bearer(stack.key()));
    const auto json = page.json();
    victim.cursor = json["meta"]["nextCursor"].GetString();
  }
  // A uses an Idempotency-Key for each route that keeps them; B's attempt on that route
  // sends the same key.
  const auto routes = route_table(stack);
  BOOST_TEST_REQUIRE(routes.size() > 10u);
  const auto shared_key = [](const Route& route) {
    return "shared " + route.method + " " + route.pattern;
  };
  int keyed = 0;
  for (const auto& route : routes) {
    if (route.idempotency != "idempotent") continue;
    const std::string n = std::to_string(keyed++);
    const auto used = http.request(
        "POST", "/v1/customers",
        json_headers(stack.key(), {{"Idempotency-Key", shared_key(route)}}),
        R"({"name":"Keyed Person )" + n + R"(","email":"keyed)" + n + R"(@victim.example"})");
    BOOST_TEST_REQUIRE(used.status == 201, used.body);
  }
  BOOST_TEST_REQUIRE(keyed >= 10);
  const auto b_headers_for = [&](const Route& route) {
    if (route.idempotency != "idempotent") return b_headers;
    return json_headers(stack.other_key(), {{"Idempotency-Key", shared_key(route)}});
  };
  const std::string before = rows_of(stack);
  const std::string missing_id = "0123456789abcdef01234567";
  const std::string write_body = R"({"name":"Intruder","email":"secret0@victim.example"})";

  // One rule per route: how B's attempt on A's data is made, and what it must equal.
  using Check = std::function<void(const Route&)>;
  const auto same_as_missing = [&](const Route& route) {
    const std::string body = route.body == "json" ? write_body : "";
    const Headers headers = b_headers_for(route);
    const auto on_a = http.request(route.method, with_id(route.pattern, victim.id), headers, body);
    const auto on_none =
        http.request(route.method, with_id(route.pattern, missing_id), headers, body);
    BOOST_TEST(on_a.status == 404, route.method << " " << route.pattern << ": " << on_a.body);
    BOOST_TEST(answer_of(on_a) == answer_of(on_none), route.method << " " << route.pattern);
  };
  // A contact route: A's contact through A's customer, and through B's own customer, are
  // both answered as a contact that does not exist.
  const auto contact_same_as_missing = [&](const Route& route) {
    const std::string body = route.body == "json" ? write_body : "";
    const std::string what = route.method + " " + route.pattern;
    const Headers headers = b_headers_for(route);
    const auto on_a = http.request(
        route.method, with_id(route.pattern, victim.id, victim.contact_id), headers, body);
    const auto through_b = http.request(
        route.method, with_id(route.pattern, b_customer, victim.contact_id), headers, body);
    const auto on_none =
        http.request(route.method, with_id(route.pattern, missing_id, missing_id), headers, body);
    const auto on_b_none =
        http.request(route.method, with_id(route.pattern, b_customer, missing_id), headers, body);
    BOOST_TEST(on_a.status == 404, what << ": " << on_a.body);
    BOOST_TEST(through_b.status == 404, what << ": " << through_b.body);
    BOOST_TEST(answer_of(on_a) == answer_of(on_none), what);
    BOOST_TEST(answer_of(through_b) == answer_of(on_b_none), what);
  };
  // Reads by A's values. They run before any write of B's (see the loop): B has nothing
  // with A's values yet, only its own customer, which matches none of them.
  const auto finds_nothing = [&](const Route& route) {
    const bool lookup = route.pattern.ends_with("lookup");
    const std::vector<std::pair<std::string, std::string>> attempts =
        lookup
            ? std::vector<std::pair<std::string, std::string>>{{"email", "secret0@victim.example"},
                                                               {"phone", "+254700555000"},
                                                               {"mobile", "0700555000"}}
            : std::vector<std::pair<std::string, std::string>>{{"q", "secret0@victim.example"},
                                                               {"q", "+254700555000"},
                                                               {"q", "Secret"},
                                                               {"q", "victim"}};
    for (const auto& [key, value] : attempts) {
      const auto response = route.method == "GET"
                                ? http.get(route.pattern + "?" + key + "=" + percent_encoded(value),
                                           bearer(stack.other_key()))
                                : http.request(route.method, route.pattern, b_headers,
                                               "{\"" + key + "\":\"" + value + "\"}");
      const std::string what = route.method + " " + route.pattern + " " + key + "=" + value;
      if (lookup) {
        BOOST_TEST(response.status == 404, what << ": " << response.body);
      } else {
        BOOST_TEST_REQUIRE(response.status == 200, what << ": " << response.body);
        BOOST_TEST(response.json()["data"].Size() == 0u, what);
      }
    }
  };
  const auto listing = [&](const Route& route) {
    const auto own = http.get(route.pattern + "?status=all", bearer(stack.other_key()));
    BOOST_TEST_REQUIRE(own.status == 200, own.body);
    BOOST_TEST(own.body.find("victim.example") == std::string::npos);
    BOOST_TEST(own.body.find(victim.id) == std::string::npos);
    // A's cursor is not B's: it does not open, like a cursor the server never made.
    const auto foreign =
        http.get(route.pattern + "?cursor=" + victim.cursor, bearer(stack.other_key()));
    const auto forged = http.get(route.pattern + "?cursor=QUJDREVG", bearer(stack.other_key()));
    BOOST_TEST(foreign.status == 400, foreign.body);
    BOOST_TEST(answer_of(foreign) == answer_of(forged));
  };
  // B's export, in both formats and with every status: B's own customer, nothing of A's.
  const auto exports_its_own = [&](const Route& route) {
    for (const char* format : {"ndjson", "csv"}) {
      const auto own =
          http.get(route.pattern + "?status=all&format=" + format, bearer(stack.other_key()));
      BOOST_TEST_REQUIRE(own.status == 200, own.body);
      BOOST_TEST(own.body.find(b_customer) != std::string::npos, format);
      BOOST_TEST(own.body.find("victim.example") == std::string::npos, format);
      BOOST_TEST(own.body.find(victim.id) == std::string::npos, format);
      BOOST_TEST(own.body.find("Secret Person") == std::string::npos, format);
    }
  };
  const auto creates_its_own = [&](const Route& route) {
    // Writing with A's email makes (or finds, or collides with) B's own customer: A's is
    // neither found nor touched, and its id never shows. A's use of the same key neither
    // replays A's answer nor refuses B's request.
    const auto response =
        http.request(route.method, route.pattern, b_headers_for(route), write_body);
    BOOST_TEST(response.header("idempotent-replayed").empty());
    BOOST_TEST((response.status == 201 || response.status == 200 || response.status == 409),
               response.body);
    BOOST_TEST(response.body.find(victim.id) == std::string::npos, response.body);
    BOOST_TEST(response.body.find("Secret Person") == std::string::npos);
  };
  // B's import of A's email and phone, as upserts: B's own customers are made or changed,
  // A's are neither found nor touched, and A's ids never show.
  const auto imports_its_own = [&](const Route& route) {
    const auto response =
        http.request(route.method, route.pattern + "?mode=upsert", b_headers_for(route),
                     R"([{"name":"Intruder","email":"secret0@victim.example"},)"
                     R"({"name":"Intruder","phone":"+254700555001"}])");
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    BOOST_TEST(response.body.find(victim.id) == std::string::npos, response.body);
    const auto json = response.json();
    const auto& results = json["data"]["results"];
    BOOST_TEST_REQUIRE(results.Size() == 2u);
    const std::string first = results[0]["outcome"].GetString();
    // B's own customer with that email, if an earlier rule made one, else a new one.
    BOOST_TEST((first == "created" || first == "updated" || first == "unchanged"), response.body);
    BOOST_TEST(std::string(results[1]["outcome"].GetString()) == "created", response.body);
  };
  // An order route: A's order id is answered as an order that does not exist.
  const auto order_same_as_missing = [&](const Route& route) {
    const std::string body = route.body == "json" ? R"({"status":"cancelled","amount":1})" : "";
    const Headers headers = b_headers_for(route);
    const auto on_a =
        http.request(route.method, with_id(route.pattern, victim.order_id), headers, body);
    const auto on_none =
        http.request(route.method, with_id(route.pattern, missing_id), headers, body);
    BOOST_TEST(on_a.status == 404, route.method << " " << route.pattern << ": " << on_a.body);
    BOOST_TEST(answer_of(on_a) == answer_of(on_none), route.method << " " << route.pattern);
  };
  // An order for A's customer, in B's body, is an order for a customer that does not exist;
  // by A's customer's email it is B's own customer (an earlier write of B's made one) or
  // none, never A's. `names` are the body's field names: the core's, or a dialect's.
  struct OrderNames {
    std::string customer_id, customer_email, item;
  };
  const auto order_for_a_named =
      [&](const Route& route, const OrderNames& names,
          const std::function<std::string(const HttpResponse&)>& answer) {
        const auto body_for = [&](const std::string& key, const std::string& value) {
          return "{\"" + key + "\":\"" + value + "\",\"items\":[" + names.item + "]}";
        };
        const auto on_a = http.request(route.method, route.pattern, b_headers_for(route),
                                       body_for(names.customer_id, victim.id));
        const auto on_none = http.request(route.method, route.pattern, b_headers,
                                          body_for(names.customer_id, missing_id));
        BOOST_TEST(on_a.status == 404, on_a.body);
        BOOST_TEST(answer(on_a) == answer(on_none));
        const auto by_email =
            http.request(route.method, route.pattern, b_headers,
                         body_for(names.customer_email, "secret0@victim.example"));
        BOOST_TEST((by_email.status == 201 || by_email.status == 404), by_email.body);
        BOOST_TEST(by_email.body.find(victim.id) == std::string::npos, by_email.body);
      };
  const auto order_for_a = [&](const Route& route) {
    order_for_a_named(route,
                      {"customerId", "customerEmail",
                       R"({"productId":"p","productName":"X","quantity":1,"unitPrice":1})"},
                      answer_of);
  };
  const auto own_business = [&](const Route& route) {
    const auto response = http.get(route.pattern, bearer(stack.other_key()));
    BOOST_TEST(data_string(response, "id") == stack.other_business_id());
  };
  const auto public_route = [&](const Route& route) {
    BOOST_TEST(route.access == "public");
    const auto response = http.get(route.pattern);
    BOOST_TEST(response.body.find("victim.example") == std::string::npos);
  };
  // B's business-wide figures count B's own customer only.
  const auto stats_of_its_own = [&](const Route& route) {
    const auto response = http.get(route.pattern, bearer(stack.other_key()));
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    BOOST_TEST(response.json()["data"]["totalCustomers"].GetInt64() == 1, response.body);
  };
  // Finora's list and search ({customers, count}), and the ERP's list ({data, meta}): B's
  // own only.
  const auto lists_its_own = [&](const Route& route) {
    const auto own = http.get(route.pattern + "?limit=100", bearer(stack.other_key()));
    BOOST_TEST_REQUIRE(own.status == 200, own.body);
    BOOST_TEST(own.body.find("victim.example") == std::string::npos);
    BOOST_TEST(own.body.find(victim.id) == std::string::npos);
  };
  const auto finora_finds_nothing = [&](const Route& route) {
    for (const char* q : {"secret0%40victim.example", "%2B254700555000", "Secret", "victim"}) {
      const auto response =
          http.get(route.pattern + "?q=" + std::string(q), bearer(stack.other_key()));
      BOOST_TEST_REQUIRE(response.status == 200, response.body);
      BOOST_TEST(response.json()["data"]["count"].GetUint() == 0u, q << ": " << response.body);
    }
  };
  // Cashfin's dialect: its errors are {success, error: "message", code}; its checkout takes
  // Cashfin's lower-case names.
  const auto cashfin_answer = [](const HttpResponse& response) {
    const auto json = response.json();
    if (json.HasParseError() || !json.HasMember("error") || !json["error"].IsString()) {
      return std::to_string(response.status);
    }
    return std::to_string(response.status) + " " + json["code"].GetString() + " " +
           json["error"].GetString();
  };
  const auto cashfin_listing = [&](const Route& route) {
    const auto own =
        http.get(route.pattern + "?status=all&limit=100", {{"Authorization", stack.other_key()}});
    BOOST_TEST_REQUIRE(own.status == 200, own.body);
    BOOST_TEST(own.body.find("victim.example") == std::string::npos);
    BOOST_TEST(own.body.find(victim.id) == std::string::npos);
  };
  const auto cashfin_checkout_for_a = [&](const Route& route) {
    order_for_a_named(
        route,
        {"customerid", "customeremail", R"({"productid":"p","title":"X","quantity":1,"price":1})"},
        cashfin_answer);
  };
  // TalkingShops' dialect: its list and lookup by mobile show B's own only; its writes
  // take {mobile} and {updates}; its stats count B's own customer.
  const auto shops_listing = [&](const Route& route) {
    const auto own = http.get(route.pattern + "?limit=100", bearer(stack.other_key()));
    BOOST_TEST_REQUIRE(own.status == 200, own.body);
    BOOST_TEST(own.body.find("victim.example") == std::string::npos);
    BOOST_TEST(own.body.find(victim.id) == std::string::npos);
    for (const char* term : {"secret0%40victim.example", "254700555000", "Secret", "victim"}) {
      const auto found =
          http.get(route.pattern + "?searchTerm=" + std::string(term), bearer(stack.other_key()));
      BOOST_TEST_REQUIRE(found.status == 200, found.body);
      BOOST_TEST(found.json()["customers"].Size() == 0u, term << ": " << found.body);
    }
  };
  const auto shops_finds_nothing = [&](const Route& route) {
    for (const char* mobile : {"254700555000", "%2B254700555000", "0700555000"}) {
      const auto response =
          http.get(route.pattern + "?mobile=" + std::string(mobile), bearer(stack.other_key()));
      BOOST_TEST(response.status == 404, mobile << ": " << response.body);
    }
  };
  const auto shops_stats = [&](const Route& route) {
    const auto response = http.get(route.pattern, bearer(stack.other_key()));
    BOOST_TEST_REQUIRE(response.status == 200, response.body);
    BOOST_TEST(response.json()["totalCustomers"].GetInt64() == 1, response.body);
  };
  const auto shops_creates_its_own = [&](const Route& route) {
    const auto response = http.request(
        route.method, route.pattern, b_headers_for(route),
        R"({"mobile":"254700555000","name":"Intruder","email":"secret0@victim.example"})");
    BOOST_TEST(response.header("idempotent-replayed").empty());
    BOOST_TEST((response.status == 201 || response.status == 409), response.body);
    BOOST_TEST(response.body.find(victim.id) == std::string::npos, response.body);
  };
  const auto shops_same_as_missing = [&](const Route& route) {
    const std::string body =
        route.body == "json" ? R"({"updates":{"name":"Intruder","email":"secret0@victim.example"}})"
                             : "";
    const Headers headers = b_headers_for(route);
    const auto on_a = http.request(route.method, with_id(route.pattern, victim.id), headers, body);
    const auto on_none =
        http.request(route.method, with_id(route.pattern, missing_id), headers, body);
    BOOST_TEST(on_a.status == 404, route.method << " " << route.pattern << ": " << on_a.body);
    BOOST_TEST(answer_of(on_a) == answer_of(on_none), route.method << " " << route.pattern);
  };
  const std::map<std::string, Check> rules = {
      {"GET /healthz", public_route},
      {"GET /readyz", public_route},
      {"GET /metrics", public_route},
      {"GET /v1/business", own_business},
      {"POST /v1/customers", creates_its_own},
      {"GET /v1/customers", listing},
      {"GET /v1/customers/search", finds_nothing},
      {"POST /v1/customers/search", finds_nothing},
      {"GET /v1/customers/lookup", finds_nothing},
      {"GET /v1/customers/export", exports_its_own},
      {"GET /v1/customers/stats", stats_of_its_own},
      {"POST /v1/customers/lookup", finds_nothing},
      {"POST /v1/customers/find-or-create", creates_its_own},
      {"POST /v1/customers/import", imports_its_own},
      {"GET /v1/customers/{id}", same_as_missing},
      {"PUT /v1/customers/{id}", same_as_missing},
      {"PATCH /v1/customers/{id}", same_as_missing},
      {"DELETE /v1/customers/{id}", same_as_missing},
      {"POST /v1/customers/{id}/restore", same_as_missing},
      {"GET /v1/customers/{id}/contacts", same_as_missing},
      {"POST /v1/customers/{id}/contacts", same_as_missing},
      {"GET /v1/customers/{id}/contacts/{contactId}", contact_same_as_missing},
      {"PUT /v1/customers/{id}/contacts/{contactId}", contact_same_as_missing},
      {"PATCH /v1/customers/{id}/contacts/{contactId}", contact_same_as_missing},
      {"DELETE /v1/customers/{id}/contacts/{contactId}", contact_same_as_missing},
      {"GET /v1/customers/{id}/orders", same_as_missing},
      {"POST /v1/orders", order_for_a},
      {"GET /v1/orders/{id}", order_same_as_missing},
      {"PATCH /v1/orders/{id}", order_same_as_missing},
      {"POST /v1/orders/{id}/payments", order_same_as_missing},
      {"GET /v1/customers/{id}/analytics", same_as_missing},
      {"POST /v1/customers/{id}/credit-check", same_as_missing},
      {"GET /v1/customers/{id}/credit-checks", same_as_missing},
      {"GET /compat/finora/v1/customers", lists_its_own},
      {"GET /compat/finora/v1/customers/search", finora_finds_nothing},
      {"POST /compat/finora/v1/customers", creates_its_own},
      {"POST /compat/finora/v1/customers/find-or-create", creates_its_own},
      {"GET /compat/finora/v1/customers/{id}", same_as_missing},
      {"PUT /compat/finora/v1/customers/{id}", same_as_missing},
      {"DELETE /compat/finora/v1/customers/{id}", same_as_missing},
      {"POST /compat/cashfin/business/customer/create", creates_its_own},
      {"GET /compat/cashfin/business/customer/list", cashfin_listing},
      {"POST /compat/cashfin/business/order/checkout", cashfin_checkout_for_a},
      {"GET /compat/erp/api/customers", lists_its_own},
      {"POST /compat/erp/api/customers", creates_its_own},
      {"GET /compat/erp/api/customers/{id}", same_as_missing},
      {"PUT /compat/erp/api/customers/{id}", same_as_missing},
      {"GET /compat/erp/api/customers/{id}/orders", same_as_missing},
      {"GET /compat/erp/api/customers/{id}/analytics", same_as_missing},
      {"POST /compat/erp/api/customers/{id}/contacts", same_as_missing},
      {"PUT /compat/erp/api/customers/{id}/contacts/{contactId}", contact_same_as_missing},
      {"DELETE /compat/erp/api/customers/{id}/contacts/{contactId}", contact_same_as_missing},
      {"POST /compat/erp/api/customers/{id}/credit-check", same_as_missing},
      {"GET /compat/talkingshops/v1/customers", shops_listing},
      {"GET /compat/talkingshops/v1/customers/lookup", shops_finds_nothing},
      {"GET /compat/talkingshops/v1/customers/stats", shops_stats},
      {"POST /compat/talkingshops/v1/customers", shops_creates_its_own},
      {"GET /compat/talkingshops/v1/customers/{id}", shops_same_as_missing},
      {"PUT /compat/talkingshops/v1/customers/{id}", shops_same_as_missing},
      {"DELETE /compat/talkingshops/v1/customers/{id}", shops_same_as_missing},
  };
  // Reads first, so that nothing B writes (with A's email) can stand in for A's data.
  for (const bool writes : {false, true}) {
    for (const auto& route : routes) {
      if ((route.access == "write") != writes) continue;
      const auto rule = rules.find(route.method + " " + route.pattern);
      if (rule == rules.end()) {
        BOOST_ERROR("no isolation rule for " << route.method << " " << route.pattern
                                             << ": add one to this test");
        continue;
      }
      rule->second(route);
    }
  }
  // Erasure too, the most destructive write: like a missing id.
  const auto erase =
      http.request("DELETE", "/v1/customers/" + victim.id + "?erase=true", b_headers);
  BOOST_TEST(erase.status == 404);

  BOOST_TEST(rows_of(stack) == before);
  // And A still sees all of it.
  const auto own = http.get("/v1/customers/" + victim.id, bearer(stack.key()));
  BOOST_TEST(own.status == 200);
  BOOST_TEST(data_string(own, "email") == "secret0@victim.example");
  // B's own customer got no contact of A's (nor any contact at all).
  const auto b_contacts =
      http.get("/v1/customers/" + b_customer + "/contacts", bearer(stack.other_key()));
  BOOST_TEST_REQUIRE(b_contacts.status == 200, b_contacts.body);
  BOOST_TEST(b_contacts.json()["data"].Size() == 0u, b_contacts.body);
}
