// Orders and payments as written by clients: the rules of a POST /v1/orders body, a PATCH
// /v1/orders/{id} body and a POST /v1/orders/{id}/payments body. Pure: it validates and
// normalises; the customer, the state machine's checks against the stored order, totals
// against the customer's discount rate, and storage are the caller's.
//
// Rules (API.md "Orders"), with the choices the contract leaves open (docs/openapi.yaml):
//  - customerId (a string) or customerEmail (an email, resolved like lookup): exactly one;
//    both or neither is 422 on `customerId`.
//  - orderNumber: optional, 1-50 characters, printable, single-line; generated when absent.
//  - status: on create one of the first five (pending default); on PATCH any of the seven,
//    and the machine decides (order_rules.hpp). null is "is required" on PATCH.
//  - orderDate: RFC 3339 or a plain date; default now (create); PATCH may move it.
//  - items: create only, an array of 1-500 objects {productId (1-100 characters),
//    productName (1-200), quantity (a whole number 1-1,000,000), unitPrice (money >= 0 in the
//    order's currency) or unitPriceMinor (integer minor units); both must agree}. The
//    subtotal must stay within kMaxMinorUnits ("is too large" on `items`).
//  - currency: when given, must be the customer's (else "must be the customer's currency").
//  - discount / discountMinor: money >= 0, not above the subtotal; absent or null: the
//    customer's discountRate of the subtotal, rounded half-even.
//  - shippingAddress: an address (read_address); absent on create: the customer's.
//  - shipDate, deliveryDate: optional instants; null clears them on PATCH.
//  - dueDate: an instant; default orderDate plus the customer's payment terms; on PATCH
//    null is "is required".
//  - payments: amount or amountMinor (both must agree), > 0; paidAt optional (default now).
// Unknown and read-only fields (id, subtotal, total, amountPaid, ...) are listed as ignored.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/address.hpp"
#include "domain/field.hpp"

namespace capi::domain {

constexpr std::size_t kMaxOrderItems = 500;
constexpr std::size_t kMaxOrderNumberLength = 50;
constexpr std::size_t kMaxProductIdLength = 100;
constexpr std::size_t kMaxProductNameLength = 200;
constexpr std::int64_t kMaxQuantity = 1'000'000;

// Whose order it is, read before the rest (the rest needs the customer's currency).
struct OrderCustomerRef {
  std::optional<std::string> customer_id;
  std::optional<std::string> customer_email;  // normalised
  FieldErrors errors;
};
OrderCustomerRef read_order_customer(const rapidjson::Value& body);

struct OrderItemDraft {
  std::string product_id;
  std::string product_name;
  std::int64_t quantity = 0;
  std::int64_t unit_price_minor = 0;
  std::int64_t line_total_minor = 0;
};

struct OrderDraft {
  Field<std::string> order_number;
  Field<std::string> status;
  Field<std::int64_t> order_date_ms;
  std::vector<OrderItemDraft> items;
  std::int64_t subtotal_minor = 0;
  Field<std::int64_t> discount_minor;
  Field<Address> shipping_address;
  Field<std::int64_t> ship_date_ms;
  Field<std::int64_t> delivery_date_ms;
  Field<std::int64_t> due_date_ms;
};

struct OrderInput {
  OrderDraft draft;
  FieldErrors errors;
  std::vector<std::string> ignored_fields;
};

// A create body; `currency` is the customer's (alpha-3), `digits` its minor unit.
OrderInput parse_order(const rapidjson::Value& body, const std::string& currency, int digits,
                       const NumberTextLookup& number_text);

// A PATCH body: status, orderDate, shipDate, deliveryDate, dueDate, shippingAddress.
OrderInput parse_order_patch(const rapidjson::Value& body);

struct PaymentInput {
  std::int64_t amount_minor = 0;
  std::optional<std::int64_t> paid_at_ms;
  FieldErrors errors;
  std::vector<std::string> ignored_fields;
};
PaymentInput parse_payment(const rapidjson::Value& body, int digits,
                           const NumberTextLookup& number_text);

}  // namespace capi::domain
