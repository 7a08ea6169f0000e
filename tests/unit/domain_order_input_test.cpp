#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "domain/order_input.hpp"
#include "http/json_body.hpp"

using namespace capi::domain;

namespace {

capi::http::JsonBody json(std::string_view text) {
  capi::http::JsonBody body;
  BOOST_REQUIRE(!capi::http::parse_json_body(text, body));
  return body;
}

OrderInput order(std::string_view text, const std::string& currency = "KES", int digits = 2) {
  const capi::http::JsonBody body = json(text);
  return parse_order(body.document, currency, digits,
                     [&body](const rapidjson::Value& number) { return body.number_text(number); });
}

OrderInput patch(std::string_view text) {
  const capi::http::JsonBody body = json(text);
  return parse_order_patch(body.document);
}

PaymentInput payment(std::string_view text, int digits = 2) {
  const capi::http::JsonBody body = json(text);
  return parse_payment(body.document, digits, [&body](const rapidjson::Value& number) {
    return body.number_text(number);
  });
}

OrderCustomerRef customer_of(std::string_view text) {
  const capi::http::JsonBody body = json(text);
  return read_order_customer(body.document);
}

template <class Input>
std::string error_at(const Input& input, std::string_view path) {
  const auto found = std::find_if(input.errors.begin(), input.errors.end(),
                                  [&](const auto& error) { return error.first == path; });
  return found == input.errors.end() ? std::string() : found->second;
}

constexpr const char* kItem =
    R"({"productId":"p1","productName":"Widget","quantity":3,"unitPrice":19.99})";

}  // namespace

BOOST_AUTO_TEST_SUITE(domain_order_input)

BOOST_AUTO_TEST_CASE(the_customer_is_named_by_id_or_email_exactly_once) {
  BOOST_TEST(customer_of(R"({"customerId":"abc"})").customer_id.value() == "abc");
  BOOST_TEST(customer_of(R"({"customerEmail":" Jo@Example.COM "})").customer_email.value() ==
             "jo@example.com");
  BOOST_TEST(!error_at(customer_of(R"({})"), "customerId").empty());
  BOOST_TEST(!error_at(customer_of(R"({"customerId":"a","customerEmail":"a@b.co"})"), "customerId")
                  .empty());
  BOOST_TEST(error_at(customer_of(R"({"customerEmail":"nope"})"), "customerEmail") ==
             "must be a valid email address");
  BOOST_TEST(error_at(customer_of(R"({"customerId":5})"), "customerId") == "must be a string");
}

BOOST_AUTO_TEST_CASE(items_and_totals_are_read_exactly) {
  const auto input =
      order(std::string(R"({"customerId":"x","items":[)") + kItem +
            R"(,{"productId":"p2","productName":"Bolt","quantity":1,"unitPriceMinor":5}]})");
  BOOST_TEST(input.errors.empty());
  BOOST_TEST_REQUIRE(input.draft.items.size() == 2u);
  BOOST_TEST(input.draft.items[0].unit_price_minor == 1999);
  BOOST_TEST(input.draft.items[0].line_total_minor == 5997);
  BOOST_TEST(input.draft.items[1].unit_price_minor == 5);
  BOOST_TEST(input.draft.subtotal_minor == 6002);
  BOOST_TEST(input.ignored_fields.empty());
}

BOOST_AUTO_TEST_CASE(items_are_bounded_and_each_checked) {
  BOOST_TEST(error_at(order(R"({"items":[]})"), "items") == "must have from 1 to 500 items");
  BOOST_TEST(error_at(order(R"({})"), "items") == "is required");
  BOOST_TEST(error_at(order(R"({"items":{}})"), "items") == "must be an array");
  std::string many = R"({"items":[)";
  for (int i = 0; i < 501; ++i) many += std::string(i ? "," : "") + kItem;
  BOOST_TEST(error_at(order(many + "]}"), "items") == "must have from 1 to 500 items");
  const auto bad = order(R"({"items":[{"productName":"","quantity":0,"unitPrice":1.001},5,)"
                         R"({"productId":"p","productName":"n","quantity":2.5,"unitPrice":-1}]})");
  BOOST_TEST(error_at(bad, "items[0].productId") == "is required");
  BOOST_TEST(error_at(bad, "items[0].productName") == "is required");
  BOOST_TEST(error_at(bad, "items[0].quantity") == "must be a whole number from 1 to 1000000");
  BOOST_TEST(error_at(bad, "items[0].unitPrice") == "has more than 2 decimal places");
  BOOST_TEST(error_at(bad, "items[1]") == "must be an object");
  BOOST_TEST(error_at(bad, "items[2].quantity") == "must be a whole number from 1 to 1000000");
  BOOST_TEST(error_at(bad, "items[2].unitPrice") == "must not be negative");
  const auto missing_price =
      order(R"({"items":[{"productId":"p","productName":"n","quantity":1}]})");
  BOOST_TEST(error_at(missing_price, "items[0].unitPrice") == "is required");
  const auto disagree = order(
      R"({"items":[{"productId":"p","productName":"n","quantity":1,"unitPrice":1,"unitPriceMinor":2}]})");
  BOOST_TEST(error_at(disagree, "items[0].unitPriceMinor") == "does not match unitPrice");
  const auto huge = order(
      R"({"items":[{"productId":"p","productName":"n","quantity":1000000,"unitPrice":9999999999999}]})");
  BOOST_TEST(error_at(huge, "items[0]") == "is too large");
}

BOOST_AUTO_TEST_CASE(currency_status_discount_and_dates) {
  const std::string items = std::string(R"("items":[)") + kItem + "]";
  BOOST_TEST(error_at(order("{" + items + R"(,"currency":"EUR"})"), "currency") ==
             "must be the customer's currency (KES)");
  BOOST_TEST(order("{" + items + R"(,"currency":"kes"})").errors.empty());
  BOOST_TEST(!error_at(order("{" + items + R"(,"status":"cancelled"})"), "status").empty());
  BOOST_TEST(!error_at(order("{" + items + R"(,"status":"refunded"})"), "status").empty());
  BOOST_TEST(order("{" + items + R"(,"status":"completed"})").draft.status.value == "completed");
  BOOST_TEST(error_at(order("{" + items + R"(,"discount":59.98})"), "discount") ==
             "must not be more than the subtotal");
  BOOST_TEST(order("{" + items + R"(,"discount":59.97})").draft.discount_minor.value == 5997);
  BOOST_TEST(order("{" + items + R"(,"discount":null})").draft.discount_minor.state ==
             Field<std::int64_t>::kNull);
  BOOST_TEST(error_at(order("{" + items + R"(,"orderDate":"yesterday"})"), "orderDate") ==
             "must be an RFC 3339 date-time or a date");
  const auto dated =
      order("{" + items + R"(,"orderDate":"2026-03-20","dueDate":"2026-04-01T00:00:00Z"})");
  BOOST_TEST(dated.draft.order_date_ms.has_value());
  BOOST_TEST(dated.draft.due_date_ms.has_value());
  const auto ignored = order("{" + items + R"(,"total":5,"customerId":"x","nickname":1})");
  BOOST_TEST(ignored.ignored_fields.size() == 2u);  // total, nickname; customerId is read
  BOOST_TEST(error_at(order("{" + items + R"(,"orderNumber":"a\nb"})"), "orderNumber") ==
             "must not contain control characters");
  // JPY has no decimals.
  const auto yen =
      order(R"({"items":[{"productId":"p","productName":"n","quantity":1,"unitPrice":150.5}]})",
            "JPY", 0);
  BOOST_TEST(error_at(yen, "items[0].unitPrice") == "must be a whole number");
}

BOOST_AUTO_TEST_CASE(patches_change_only_what_they_give) {
  const auto input = patch(R"({"status":"shipped","shipDate":"2026-03-21","deliveryDate":null})");
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(input.draft.status.value == "shipped");
  BOOST_TEST(input.draft.ship_date_ms.has_value());
  BOOST_TEST(input.draft.delivery_date_ms.state == Field<std::int64_t>::kNull);
  BOOST_TEST(!input.draft.due_date_ms.given());
  BOOST_TEST(error_at(patch(R"({"status":null})"), "status") == "is required");
  BOOST_TEST(error_at(patch(R"({"dueDate":null})"), "dueDate") == "is required");
  BOOST_TEST(error_at(patch(R"({"orderDate":null})"), "orderDate") == "is required");
  BOOST_TEST(!error_at(patch(R"({"status":"lost"})"), "status").empty());
  BOOST_TEST(patch(R"({"items":[]})").ignored_fields.size() == 1u);
}

BOOST_AUTO_TEST_CASE(payments) {
  BOOST_TEST(payment(R"({"amount":12.5})").amount_minor == 1250);
  BOOST_TEST(payment(R"({"amountMinor":1250})").amount_minor == 1250);
  BOOST_TEST(error_at(payment(R"({})"), "amount") == "is required");
  BOOST_TEST(error_at(payment(R"({"amount":0})"), "amount") == "must be greater than 0");
  BOOST_TEST(error_at(payment(R"({"amount":-1})"), "amount") == "must not be negative");
  BOOST_TEST(error_at(payment(R"({"amount":1.234})"), "amount") ==
             "has more than 2 decimal places");
  BOOST_TEST(error_at(payment(R"({"amount":1,"amountMinor":2})"), "amountMinor") ==
             "does not match amount");
  BOOST_TEST(payment(R"({"amount":1,"paidAt":"2026-03-20T09:15:00+03:00"})").paid_at_ms.value() ==
             1773987300000);
  BOOST_TEST(error_at(payment(R"({"amount":1,"paidAt":"soon"})"), "paidAt") ==
             "must be an RFC 3339 date-time or a date");
}

BOOST_AUTO_TEST_SUITE_END()
