// The ERP Customers API's dialect (API.md "Vendor dialects", issue #14;
// shared/reference/002_...) through nginx: every example of the page replayed (its
// impossible phone numbers aside, which are shown refused), snake_case both ways, under
// /compat/erp.
#define BOOST_TEST_MODULE dialect_erp
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "api_helpers.hpp"
#include "shared_stack.hpp"

using namespace capi::test;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

HttpResponse send(const std::string& method, const std::string& path, const std::string& body = {},
                  const std::string& key = stack().key()) {
  return stack().client().request(method, path, json_headers(key), body);
}

}  // namespace

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
  const auto inactive_json = inactive.json();  // the loop reads into it: it must outlive it
  for (const auto& customer : inactive_json["data"].GetArray()) {
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
  const auto customer_json = customer.json();
  for (const auto& person : customer_json["data"]["contacts"].GetArray()) {
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
