#include "domain/order_input.hpp"

#include "domain/currency.hpp"
#include "domain/customer_fields.hpp"
#include "domain/email.hpp"
#include "domain/input_reader.hpp"
#include "domain/order_rules.hpp"

namespace capi::domain {
namespace {

// An amount given as a decimal (`key`) or as integer minor units (`key`Minor); when both
// are given they must agree (error on the Minor one).
Field<std::int64_t> read_amount(ObjectReader& reader, const std::string& key, int digits,
                                const NumberTextLookup& number_text) {
  const Field<std::int64_t> decimal = read_money(reader, key, digits, number_text);
  const std::string minor_key = key + "Minor";
  const Field<std::int64_t> minor = read_minor_units(reader, minor_key, number_text);
  if (decimal.given() && minor.given() &&
      (decimal.state != minor.state || decimal.value != minor.value)) {
    reader.fail(reader.path(minor_key), "does not match " + key);
  }
  return decimal.given() ? decimal : minor;
}

// A required text of an item.
std::string required_text(ObjectReader& reader, std::string_view key, std::size_t max_chars) {
  const Field<std::string> field = reader.text(key, max_chars);
  if (!field.has_value()) {
    if (!reader.failed(reader.path(key))) reader.fail(reader.path(key), kRequired);
    return {};
  }
  return field.value;
}

std::int64_t read_quantity(ObjectReader& reader) {
  const rapidjson::Value* const value = reader.take("quantity");
  const std::string path = reader.path("quantity");
  if (value == nullptr || value->IsNull()) {
    reader.fail(path, kRequired);
    return 0;
  }
  if (!value->IsInt64() || value->GetInt64() < 1 || value->GetInt64() > kMaxQuantity) {
    reader.fail(path, "must be a whole number from 1 to " + std::to_string(kMaxQuantity));
    return 0;
  }
  return value->GetInt64();
}

OrderItemDraft read_item(ObjectReader reader, int digits, const NumberTextLookup& number_text) {
  OrderItemDraft item;
  item.product_id = required_text(reader, "productId", kMaxProductIdLength);
  item.product_name = required_text(reader, "productName", kMaxProductNameLength);
  item.quantity = read_quantity(reader);
  const Field<std::int64_t> price = read_amount(reader, "unitPrice", digits, number_text);
  if (price.has_value()) {
    item.unit_price_minor = price.value;
  } else if (!reader.failed(reader.path("unitPrice")) &&
             !reader.failed(reader.path("unitPriceMinor"))) {
    reader.fail(reader.path("unitPrice"), kRequired);
  }
  reader.ignore_the_rest();
  return item;
}

// 1-500 items; the subtotal within bounds.
void read_items(ObjectReader& reader, int digits, const NumberTextLookup& number_text,
                OrderDraft& draft) {
  const rapidjson::Value* const value = reader.take("items");
  const std::string path = reader.path("items");
  if (value == nullptr || value->IsNull()) {
    reader.fail(path, kRequired);
    return;
  }
  if (!value->IsArray()) {
    reader.fail(path, kMustBeArray);
    return;
  }
  if (value->Empty() || value->Size() > kMaxOrderItems) {
    reader.fail(path, "must have from 1 to " + std::to_string(kMaxOrderItems) + " items");
    return;
  }
  std::vector<LineAmounts> lines;
  for (rapidjson::SizeType i = 0; i < value->Size(); ++i) {
    const rapidjson::Value& element = (*value)[i];
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    if (!element.IsObject()) {
      reader.fail(item_path, kMustBeObject);
      continue;
    }
    OrderItemDraft item = read_item(reader.nested(element, item_path), digits, number_text);
    const auto total = line_total({item.quantity, item.unit_price_minor});
    if (!total) {
      reader.fail(item_path, "is too large");
      continue;
    }
    item.line_total_minor = *total;
    lines.push_back({item.quantity, item.unit_price_minor});
    draft.items.push_back(std::move(item));
  }
  const auto subtotal = subtotal_of(lines);
  if (!subtotal) {
    reader.fail(path, "add up to a subtotal that is too large");
    return;
  }
  draft.subtotal_minor = *subtotal;
}

void read_currency(ObjectReader& reader, const std::string& currency) {
  const Field<std::string> given = reader.text("currency", 100);
  if (!given.has_value()) return;
  const auto code = normalize_currency(given.value);
  if (!code || *code != currency) {
    reader.fail(reader.path("currency"), "must be the customer's currency (" + currency + ")");
  }
}

// A field that may be absent but not null (an update may not clear it).
template <class T>
Field<T> not_null(ObjectReader& reader, std::string_view key, Field<T> field) {
  if (field.state == Field<T>::kNull) {
    reader.fail(reader.path(key), kRequired);
    return {};
  }
  return field;
}

void read_dates(ObjectReader& reader, OrderDraft& draft) {
  draft.ship_date_ms = reader.instant("shipDate");
  draft.delivery_date_ms = reader.instant("deliveryDate");
  draft.due_date_ms = reader.instant("dueDate");
}

}  // namespace

OrderCustomerRef read_order_customer(const rapidjson::Value& body) {
  OrderCustomerRef ref;
  std::vector<std::string> ignored;
  ObjectReader reader(body, "", ref.errors, ignored);
  const Field<std::string> id = reader.text("customerId", 100);
  const Field<std::string> email = reader.email("customerEmail");
  if (!ref.errors.empty()) return ref;
  if (id.has_value() == email.has_value()) {
    reader.fail("customerId", "give exactly one of customerId and customerEmail");
    return ref;
  }
  ref.customer_id = id.optional();
  ref.customer_email = email.optional();
  return ref;
}

OrderInput parse_order(const rapidjson::Value& body, const std::string& currency, int digits,
                       const NumberTextLookup& number_text) {
  OrderInput input;
  OrderDraft& draft = input.draft;
  ObjectReader reader(body, "", input.errors, input.ignored_fields);
  reader.take("customerId");  // read_order_customer's
  reader.take("customerEmail");
  draft.order_number = reader.text("orderNumber", kMaxOrderNumberLength);
  draft.status = reader.one_of("status", kCreateStatuses);
  draft.order_date_ms = reader.instant("orderDate");
  read_items(reader, digits, number_text, draft);
  read_currency(reader, currency);
  draft.discount_minor = read_amount(reader, "discount", digits, number_text);
  if (draft.discount_minor.has_value() && draft.discount_minor.value > draft.subtotal_minor &&
      !reader.failed("items")) {
    reader.fail("discount", "must not be more than the subtotal");
  }
  draft.shipping_address = read_address(reader, "shippingAddress");
  read_dates(reader, draft);
  reader.ignore_the_rest();
  return input;
}

OrderInput parse_order_patch(const rapidjson::Value& body) {
  OrderInput input;
  OrderDraft& draft = input.draft;
  ObjectReader reader(body, "", input.errors, input.ignored_fields);
  draft.status = not_null(reader, "status", reader.one_of("status", kOrderStatuses));
  draft.order_date_ms = not_null(reader, "orderDate", reader.instant("orderDate"));
  draft.shipping_address = read_address(reader, "shippingAddress");
  read_dates(reader, draft);
  draft.due_date_ms = not_null(reader, "dueDate", draft.due_date_ms);
  reader.ignore_the_rest();
  return input;
}

PaymentInput parse_payment(const rapidjson::Value& body, int digits,
                           const NumberTextLookup& number_text) {
  PaymentInput input;
  ObjectReader reader(body, "", input.errors, input.ignored_fields);
  const Field<std::int64_t> amount = read_amount(reader, "amount", digits, number_text);
  if (amount.has_value()) {
    if (amount.value <= 0) reader.fail("amount", "must be greater than 0");
    input.amount_minor = amount.value;
  } else if (!reader.failed("amount") && !reader.failed("amountMinor")) {
    reader.fail("amount", kRequired);
  }
  input.paid_at_ms = reader.instant("paidAt").optional();
  reader.ignore_the_rest();
  return input;
}

}  // namespace capi::domain
