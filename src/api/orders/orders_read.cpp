// Reads: one order with its items, and a customer's orders (newest first, filtered, paged
// like the customer listing).
#include <charconv>

#include "api/customers/customer_query.hpp"
#include "api/error.hpp"
#include "api/orders/order_json.hpp"
#include "api/orders/orders_handler.hpp"
#include "api/reply_meta.hpp"
#include "domain/input_reader.hpp"
#include "domain/object_id.hpp"
#include "domain/order_rules.hpp"
#include "domain/time.hpp"

namespace capi::api {
namespace {

struct OrderListRequest {
  store::OrderFilter filter;
  int limit = kDefaultLimit;
  int page = 1;
};

std::optional<std::string> first_of(const http::QueryParams& query, const char* name,
                                    const char* alias) {
  if (auto value = query.get(name)) return value;
  return query.get(alias);
}

std::optional<std::int64_t> parse_bound(const http::QueryParams& query, const char* name,
                                        const char* alias, domain::Bound bound,
                                        ApiError::Details& errors) {
  const auto text = first_of(query, name, alias);
  if (!text) return std::nullopt;
  const auto ms = domain::parse_date_or_time(*text, bound);
  if (!ms) errors.emplace_back(name, std::string(domain::kInvalidTime));
  return ms;
}

OrderListRequest parse_order_list(const http::QueryParams& query) {
  OrderListRequest request;
  ApiError::Details errors;
  if (const auto status = query.get("status")) {
    if (domain::parse_status(*status)) {
      request.filter.status = *status;
    } else {
      errors.emplace_back("status", domain::one_of_message(domain::kOrderStatuses));
    }
  }
  request.filter.from_ms = parse_bound(query, "from", "date_from", domain::Bound::kLower, errors);
  request.filter.to_ms = parse_bound(query, "to", "date_to", domain::Bound::kUpper, errors);
  request.limit = parse_limit(query.get("limit"), kDefaultLimit, errors);
  if (const auto page = query.get("page")) {
    int number = 0;
    const auto [end, error] = std::from_chars(page->data(), page->data() + page->size(), number);
    if (page->empty() || error != std::errc{} || end != page->data() + page->size() || number < 1 ||
        number > 1'000'000) {
      errors.emplace_back("page", "must be a whole number of at least 1");
    } else {
      request.page = number;
    }
  }
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
  // OFFSET reads and drops every row before the page: like the customer listing, a page
  // must start within the first matches (narrow with from/to to reach older orders).
  if (static_cast<long>(request.page - 1) * request.limit >= kMaxPagedMatches) {
    throw ApiError::validation(
        {{"page", "must start within the first " + std::to_string(kMaxPagedMatches) +
                      " matches; narrow the dates with from/to"}});
  }
  return request;
}

}  // namespace

Reply OrdersHandler::get(const RequestContext& context) const {
  return reply(context, require_order(context, store::OrderStore::Lock::kNone), {});
}

Reply OrdersHandler::list_of_customer(const RequestContext& context) const {
  const std::string customer_id(context.path.get("id"));
  if (!domain::is_object_id(customer_id)) throw ApiError::not_found();
  const std::string& business_id = context.caller->business_id;
  if (!customers_.find_row(business_id, customer_id, store::CustomerStore::Lock::kNone)) {
    throw ApiError::not_found();
  }
  const OrderListRequest request = parse_order_list(context.query);
  auto rows = orders_.of_customer(business_id, customer_id, request.filter, request.limit + 1,
                                  (request.page - 1) * request.limit);
  const bool has_more = static_cast<int>(rows.size()) > request.limit;
  if (has_more) rows.pop_back();

  PageMeta meta;
  meta.limit = request.limit;
  auto& totals = meta.totals.emplace();
  totals.total = orders_.count_of_customer(business_id, customer_id, request.filter);
  totals.page = request.page;
  totals.has_more = has_more;
  return page_reply(
      context, rows, records_, "orderId", std::move(meta),
      [](json::Writer& writer, const store::OrderRow& row, const records::OpenedOrder& opened) {
        write_order(writer, row, opened, nullptr);
      });
}

}  // namespace capi::api
