// Order, order PATCH and payment bodies: JSON parsed as the routes parse it, then the order
// rules (domain/order_input) in currencies of 2, 0 and 3 decimals. Whatever the body, the
// errors stay bounded and an accepted body is one the store can take: 1-500 items within
// their bounds, line totals and the subtotal exact and within the largest amount, a
// discount no larger than the subtotal, a payment above zero.
#include <cstdint>
#include <string>

#include "domain/money.hpp"
#include "domain/order_input.hpp"
#include "fuzz_support.hpp"
#include "http/json_body.hpp"

namespace {

using namespace capi::domain;
using capi::fuzz::characters;

void check_errors(const FieldErrors& errors) {
  CAPI_FUZZ_CHECK(errors.size() <= kMaxFieldErrors);
  for (const auto& [path, message] : errors) CAPI_FUZZ_CHECK(!message.empty());
}

void run_order(const capi::http::JsonBody& body, const std::string& currency, int digits) {
  const auto input =
      parse_order(body.document, currency, digits,
                  [&body](const rapidjson::Value& v) { return body.number_text(v); });
  check_errors(input.errors);
  if (!input.errors.empty()) return;
  const auto& draft = input.draft;
  CAPI_FUZZ_CHECK(!draft.items.empty() && draft.items.size() <= kMaxOrderItems);
  std::int64_t subtotal = 0;
  for (const auto& item : draft.items) {
    CAPI_FUZZ_CHECK(item.quantity >= 1 && item.quantity <= kMaxQuantity);
    CAPI_FUZZ_CHECK(item.unit_price_minor >= 0);
    CAPI_FUZZ_CHECK(item.line_total_minor == item.quantity * item.unit_price_minor);
    CAPI_FUZZ_CHECK(!item.product_id.empty() && characters(item.product_id) <= kMaxProductIdLength);
    CAPI_FUZZ_CHECK(!item.product_name.empty() &&
                    characters(item.product_name) <= kMaxProductNameLength);
    subtotal += item.line_total_minor;
  }
  CAPI_FUZZ_CHECK(subtotal == draft.subtotal_minor && subtotal <= kMaxMinorUnits);
  if (draft.discount_minor.has_value()) {
    CAPI_FUZZ_CHECK(draft.discount_minor.value >= 0 && draft.discount_minor.value <= subtotal);
  }
  if (draft.order_number.has_value()) {
    CAPI_FUZZ_CHECK(characters(draft.order_number.value) <= kMaxOrderNumberLength);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  capi::http::JsonBody body;
  if (capi::http::parse_json_body(capi::fuzz::as_text(data, size), body)) return 0;
  if (!body.document.IsObject()) return 0;  // the route answers 400 before the rules
  const auto customer = read_order_customer(body.document);
  check_errors(customer.errors);
  if (customer.errors.empty()) {
    CAPI_FUZZ_CHECK(customer.customer_id.has_value() != customer.customer_email.has_value());
  }
  run_order(body, "KES", 2);
  run_order(body, "JPY", 0);
  run_order(body, "KWD", 3);
  const auto patch = parse_order_patch(body.document);
  check_errors(patch.errors);
  if (patch.errors.empty()) {
    CAPI_FUZZ_CHECK(patch.draft.status.state != Field<std::string>::kNull);
    CAPI_FUZZ_CHECK(patch.draft.due_date_ms.state != Field<std::int64_t>::kNull);
  }
  const auto payment = parse_payment(
      body.document, 2, [&body](const rapidjson::Value& v) { return body.number_text(v); });
  check_errors(payment.errors);
  if (payment.errors.empty()) {
    CAPI_FUZZ_CHECK(payment.amount_minor > 0 && payment.amount_minor <= kMaxMinorUnits);
  }
  return 0;
}
