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
namespace {

// A generated number that a client gave to another order is skipped; this bounds the
// skipping (each skip is a number a client chose in that very pattern).
constexpr int kMaxNumberAttempts = 1000;

}  // namespace

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
    const RequestContext& context) const {
  const auto ref = domain::read_order_customer(context.body->document);
  if (!ref.errors.empty()) throw ApiError::validation(ref.errors);
  const std::string& business_id = context.caller->business_id;
  std::optional<store::CustomerRow> row;
  if (ref.customer_id) {
    // Another business's customer, like an unknown or malformed id, is not found.
    if (!domain::is_object_id(*ref.customer_id)) return std::nullopt;
    row = customers_.find_row(business_id, *ref.customer_id, store::CustomerStore::Lock::kNone);
  } else {
    row = customers_.find_active(business_id, store::CustomerKey::kEmail,
                                 customer_records_.email_index(business_id, *ref.customer_email));
  }
  return row;
}

store::OrderRow OrdersHandler::lock_order(const RequestContext& context,
                                          const store::OrderRow& before) const {
  const auto customer = customers_.find_row(before.business_id, before.customer_id,
                                            store::CustomerStore::Lock::kForUpdate);
  if (!customer) throw ApiError::not_found();  // not reached: orders keep their customer
  return require_order(context, store::OrderStore::Lock::kForUpdate);
}

std::string OrdersHandler::order_number(const std::string& business_id,
                                        const std::optional<std::string>& given,
                                        std::int64_t order_date_ms) const {
  if (given) return *given;
  const std::int64_t year = domain::utc_year(order_date_ms);
  for (int attempt = 0; attempt < kMaxNumberAttempts; ++attempt) {
    std::string number =
        domain::generated_order_number(year, orders_.next_number(business_id, year));
    if (!orders_.number_taken(business_id, number)) return number;
  }
  throw ApiError::conflict("No free order number was found; give orderNumber");
}

Reply OrdersHandler::reply(const RequestContext& context, const store::OrderRow& row,
                           const ReplyOptions& options) const {
  const records::OpenedOrder opened = records_.open(row);
  if (!opened.unreadable.empty()) log_unreadable(context, "orderId", row.id);
  const auto items = orders_.items(row.business_id, row.id);
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
