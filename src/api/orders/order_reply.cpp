// What the order routes share: loading the order of the path and the customer of a body,
// the lock order, order numbers, and rendering one order.
#include "api/error.hpp"
#include "api/orders/order_json.hpp"
#include "api/orders/orders_handler.hpp"
#include "api/preconditions.hpp"
#include "api/reply_meta.hpp"
#include "domain/object_id.hpp"
#include "domain/order_input.hpp"
#include "domain/order_rules.hpp"
#include "domain/time.hpp"

namespace capi::api {

OrdersHandler::OrdersHandler(store::Connection& db, const crypto::Keyring& keys)
    : db_(db), customers_(db), orders_(db), customer_records_(keys), records_(keys) {}

store::OrderRow OrdersHandler::require_order(const RequestContext& context,
                                             store::OrderStore::Lock lock) const {
  const std::string id(context.path.get("id"));
  if (!domain::is_object_id(id)) throw ApiError::not_found();
  const auto row = orders_.find(context.caller->business_id, id, lock);
  if (!row) throw ApiError::not_found();
  return *row;
}

std::optional<store::CustomerRow> OrdersHandler::resolve_customer(
    const RequestContext& context, store::CustomerStore::Lock lock) const {
  const auto ref = domain::read_order_customer(context.body->document);
  if (!ref.errors.empty()) throw ApiError::validation(ref.errors);
  const std::string& business_id = context.caller->business_id;
  if (ref.customer_id) {
    // Another business's customer, like an unknown or malformed id, is not found.
    if (!domain::is_object_id(*ref.customer_id)) return std::nullopt;
    return customers_.find_row(business_id, *ref.customer_id, lock);
  }
  auto active =
      customers_.find_active(business_id, store::CustomerKey::kEmail,
                             customer_records_.email_index(business_id, *ref.customer_email));
  if (!active || lock == store::CustomerStore::Lock::kNone) return active;
  return customers_.find_row(business_id, active->id, lock);
}

store::OrderRow OrdersHandler::lock_order(const RequestContext& context,
                                          const store::OrderRow& before) const {
  const auto customer = customers_.find_row(before.business_id, before.customer_id,
                                            store::CustomerStore::Lock::kForUpdate);
  if (!customer) throw ApiError::not_found();  // not reached: orders keep their customer
  return require_order(context, store::OrderStore::Lock::kForUpdate);
}

std::string OrdersHandler::generated_number(const store::OrderRow& row) const {
  auto number = orders_.assign_number(row.business_id, row.id, domain::utc_year(row.order_date_ms));
  if (!number) throw ApiError::conflict("No free order number was found; give orderNumber");
  return std::move(*number);
}

Reply OrdersHandler::reply(const RequestContext& context, const store::OrderRow& row,
                           const ReplyOptions& options) const {
  const records::OpenedOrder opened = records_.open(row);
  if (!opened.unreadable.empty()) log_unreadable(context, "orderId", row.id);
  const auto items =
      options.items != nullptr ? *options.items : orders_.items(row.business_id, row.id);
  json::Buffer buffer;
  json::Writer writer(buffer);
  write_order(writer, row, opened, &items);
  Reply answer;
  answer.status = options.status;
  answer.data = json::text(buffer);
  answer.message = options.message;
  answer.meta = write_meta(options.ignored_fields, opened.unreadable);
  answer.headers.emplace_back("ETag", etag(row.version));
  // An Idempotency-Key's stored answer shows the order's address: erasing the customer
  // destroys it.
  answer.customer_id = row.customer_id;
  return answer;
}

}  // namespace capi::api
