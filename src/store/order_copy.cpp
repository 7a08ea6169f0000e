#include "store/order_copy.hpp"

#include "store/copy_binary.hpp"
#include "store/order_columns.hpp"

namespace capi::store {
namespace {

constexpr const char* kItemsCopy =
    "COPY order_items (order_id, business_id, position, product_id, product_name, quantity,"
    " unit_price_minor, line_total_minor) FROM STDIN (FORMAT binary)";
constexpr std::uint16_t kItemFields = 8;
constexpr const char* kPaymentsCopy =
    "COPY order_payments (id, business_id, order_id, amount_minor, paid_at, created_at)"
    " FROM STDIN (FORMAT binary)";
constexpr std::uint16_t kPaymentFields = 6;

// One COPY of a whole encoded stream (header, rows, trailer).
long copy_stream(Connection& connection, const char* sql, std::string& stream) {
  copy_trailer(stream);
  connection.begin_copy(sql);
  try {
    connection.put_copy_data(stream);
  } catch (...) {
    connection.abort_copy("order copy abandoned");
    throw;
  }
  return connection.end_copy();
}

}  // namespace

OrderCopy::OrderCopy() {
  clear();
}

void OrderCopy::clear() {
  orders_buffer_.clear();
  items_buffer_.clear();
  payments_buffer_.clear();
  copy_header(orders_buffer_);
  copy_header(items_buffer_);
  copy_header(payments_buffer_);
  orders_ = 0;
}

void OrderCopy::add(const OrderRow& order, const std::vector<OrderItemRow>& items,
                    const std::vector<OrderPaymentRow>& payments) {
  order_table().copy_row(orders_buffer_, order);
  for (const auto& item : items) {
    put_u16(items_buffer_, kItemFields);
    copy_bytes(items_buffer_, order.id);
    copy_bytes(items_buffer_, order.business_id);
    copy_int4(items_buffer_, item.position);
    copy_bytes(items_buffer_, item.product_id);
    copy_bytes(items_buffer_, item.product_name);
    copy_int4(items_buffer_, static_cast<std::int32_t>(item.quantity));
    copy_int8(items_buffer_, item.unit_price_minor);
    copy_int8(items_buffer_, item.line_total_minor);
  }
  for (const auto& payment : payments) {
    put_u16(payments_buffer_, kPaymentFields);
    copy_bytes(payments_buffer_, payment.id);
    copy_bytes(payments_buffer_, order.business_id);
    copy_bytes(payments_buffer_, order.id);
    copy_int8(payments_buffer_, payment.amount_minor);
    copy_timestamp(payments_buffer_, payment.paid_at_ms);
    copy_timestamp(payments_buffer_, payment.paid_at_ms);
  }
  ++orders_;
}

std::int64_t OrderCopy::send(Connection& connection) {
  if (orders_ == 0) return 0;
  static const std::string orders_sql = order_table().copy_sql();
  const long taken = copy_stream(connection, orders_sql.c_str(), orders_buffer_);
  copy_stream(connection, kItemsCopy, items_buffer_);
  copy_stream(connection, kPaymentsCopy, payments_buffer_);
  clear();
  return taken;
}

}  // namespace capi::store
