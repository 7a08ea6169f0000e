// Reads: one customer, the listing, search and lookup.
#include <algorithm>

#include "api/customers/customer_query.hpp"
#include "api/customers/customers_handler.hpp"
#include "api/error.hpp"
#include "api/reply_meta.hpp"
#include "domain/email.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"

namespace capi::api {
namespace {

// A parameter of search or lookup: from the query string (GET), or from the JSON body (POST,
// which keeps personal data out of URLs: proxies and nginx's error log record those). In a
// body a value is a string (`limit`: a whole number); anything else is 422.
enum class BodyType { kString, kWholeNumber };
std::optional<std::string> parameter(const RequestContext& context, const char* name,
                                     BodyType type = BodyType::kString) {
  if (context.body == nullptr) return context.query.get(name);
  const auto& body = context.body->document;
  const auto member = body.FindMember(name);
  if (member == body.MemberEnd() || member->value.IsNull()) return std::nullopt;
  const auto& value = member->value;
  if (type == BodyType::kString) {
    if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
    throw ApiError::validation({{name, "must be a string"}});
  }
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  throw ApiError::validation({{name, "must be a whole number"}});
}

}  // namespace

Reply CustomersHandler::get(const RequestContext& context) const {
  bool with_orders = false;
  for (const auto& include : context.query.all("include")) {
    if (include != "orders") throw ApiError::validation({{"include", "must be orders"}});
    with_orders = true;
  }
  return reply(context, require(context, Read::kWithContacts), {.with_orders = with_orders});
}

Reply CustomersHandler::list(const RequestContext& context) const {
  const Caller& caller = *context.caller;
  const ListRequest request = parse_list_request(
      context.query, {caller.business_id, caller.business_country, records_, cursors_});

  store::ListPage page = request.page;
  page.limit = request.page.limit + 1;  // one more tells whether there is a next page
  auto rows = listing_.list(caller.business_id, request.filter, page);
  const bool has_more = static_cast<int>(rows.size()) > request.page.limit;
  if (has_more) rows.pop_back();
  // Exact up to the cap; above it, the planner's estimate (never below what was counted).
  const std::int64_t counted = listing_.count(caller.business_id, request.filter, kExactTotalCap);
  const bool exact = counted <= kExactTotalCap;

  PageMeta meta;
  meta.limit = request.page.limit;
  auto& totals = meta.totals.emplace();
  totals.total =
      exact ? counted : std::max(counted, listing_.estimate(caller.business_id, request.filter));
  totals.exact = exact;
  if (!request.by_cursor) totals.page = request.page_number;
  totals.has_more = has_more;
  if (has_more && !rows.empty()) {
    const auto& last = rows.back();
    totals.next_cursor = encode_cursor(cursors_, caller.business_id,
                                       {request.page.sort, request.page.descending,
                                        store::sort_value(last, request.page.sort), last.id});
  }
  return page_reply(context, rows, std::move(meta));
}

Reply CustomersHandler::search(const RequestContext& context) const {
  const auto q = parameter(context, "q");
  ApiError::Details errors;
  if (!q || domain::trim(*q).empty()) {
    errors.emplace_back("q", "is required");
  } else {
    check_search_text(*q, "q", errors);
  }
  const int limit =
      parse_limit(parameter(context, "limit", BodyType::kWholeNumber), kDefaultLimit, errors);
  if (!errors.empty()) throw ApiError::validation(std::move(errors));

  const Caller& caller = *context.caller;
  store::ListFilter filter;
  apply_search_text(*q, caller.business_id, caller.business_country, records_, filter);
  const auto rows = search_.search(caller.business_id, filter, limit);

  return page_reply(context, rows, {.limit = limit, .count = static_cast<int>(rows.size())});
}

Reply CustomersHandler::lookup(const RequestContext& context) const {
  const auto email = parameter(context, "email");
  const char* const phone_name = parameter(context, "phone") ? "phone" : "mobile";
  const auto phone = parameter(context, phone_name);
  if (!email && !phone) {
    throw ApiError::validation({{"email", "email, phone or mobile is required"}});
  }
  const Caller& caller = *context.caller;
  std::optional<store::CustomerRow> row;
  if (email) {
    const auto normalized = domain::normalize_email(*email);
    if (!normalized) throw ApiError::validation({{"email", "must be a valid email address"}});
    row = customers_.find_active(caller.business_id, store::CustomerKey::kEmail,
                                 records_.email_index(caller.business_id, *normalized));
  } else {
    const auto normalized = domain::normalize_phone(*phone, caller.business_country);
    if (!normalized.e164)
      throw ApiError::validation({{phone_name, "must be a valid phone number"}});
    row = customers_.find_active(caller.business_id, store::CustomerKey::kPhone,
                                 records_.phone_index(caller.business_id, *normalized.e164));
  }
  if (!row) throw ApiError::not_found();
  return reply(context, *row, {});
}

}  // namespace capi::api
