#include "api/orders/order_json.hpp"

#include "api/customers/customer_json.hpp"
#include "api/json_fields.hpp"
#include "domain/iso_codes.hpp"
#include "domain/order_rules.hpp"

namespace capi::api {
namespace {

void write_items(json::Writer& writer, const std::vector<store::OrderItemRow>& items, int digits) {
  json::key(writer, "items");
  writer.StartArray();
  for (const auto& item : items) {
    writer.StartObject();
    json::field(writer, "productId", item.product_id);
    json::field(writer, "productName", item.product_name);
    json::key(writer, "quantity");
    writer.Int64(item.quantity);
    money_fields(writer, "unitPrice", item.unit_price_minor, digits);
    money_fields(writer, "lineTotal", item.line_total_minor, digits);
    writer.EndObject();
  }
  writer.EndArray();
}

}  // namespace

void write_order(json::Writer& writer, const store::OrderRow& row,
                 const records::OpenedOrder& opened,
                 const std::vector<store::OrderItemRow>* items) {
  const int digits = domain::currency_digits(row.currency);
  const auto status = domain::parse_status(row.status).value_or(domain::OrderStatus::kPending);
  writer.StartObject();
  json::field(writer, "id", row.id);
  json::field(writer, "orderNumber", row.order_number);
  json::field(writer, "customerId", row.customer_id);
  json::field(writer, "status", row.status);
  json::field(writer, "currency", row.currency);
  time_field(writer, "orderDate", row.order_date_ms);
  time_field(writer, "dueDate", row.due_date_ms);
  time_field(writer, "shipDate", row.ship_date_ms);
  time_field(writer, "deliveryDate", row.delivery_date_ms);
  money_fields(writer, "subtotal", row.subtotal_minor, digits);
  money_fields(writer, "discount", row.discount_minor, digits);
  money_fields(writer, "total", row.total_minor, digits);
  money_fields(writer, "amountPaid", row.amount_paid_minor, digits);
  money_fields(writer, "balanceDue",
               domain::balance_due(status, row.total_minor, row.amount_paid_minor), digits);
  json::field(writer, "paymentStatus",
              domain::payment_status(row.total_minor, row.amount_paid_minor));
  time_field(writer, "paidAt", row.paid_at_ms);
  json::key(writer, "itemsCount");
  writer.Int(row.items_count);
  if (items != nullptr) write_items(writer, *items, digits);
  address_field(writer, "shippingAddress", opened.shipping_address);
  json::key(writer, "version");
  writer.Int(row.version);
  time_field(writer, "createdAt", row.created_ms);
  time_field(writer, "updatedAt", row.updated_ms);
  writer.EndObject();
}

}  // namespace capi::api
