// Reads: one customer, the listing, search and lookup.
#include <algorithm>

#include "api/customer_json.hpp"
#include "api/customer_query.hpp"
#include "api/customer_reply.hpp"
#include "api/error.hpp"
#include "api/handlers/customers.hpp"
#include "domain/email.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"

namespace capi::api {
namespace {

// The rows as a JSON array (no contacts), collecting fields that did not decrypt as
// "<id>.<field>" (and logging each such customer, as a single read does).
std::string write_rows(const RequestContext& context, const std::vector<store::CustomerRow>& rows,
                       const CustomerRecords& records, std::vector<std::string>& unreadable) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartArray();
  for (const auto& row : rows) {
    const OpenedCustomer opened = records.open(row);
    for (const auto& field : opened.unreadable) unreadable.push_back(row.id + "." + field);
    if (!opened.unreadable.empty()) log_unreadable(context, row.id);
    write_customer(writer, row, opened, nullptr);
  }
  writer.EndArray();
  return json::text(buffer);
}

void write_unreadable(json::Writer& writer, const std::vector<std::string>& unreadable) {
  if (unreadable.empty()) return;
  json::key(writer, "unreadableFields");
  writer.StartArray();
  for (const auto& field : unreadable) json::string(writer, field);
  writer.EndArray();
}

}  // namespace

Reply get_customer(RequestContext& context) {
  store::CustomerStore customers(context.db);
  const CustomerRecords records(context.keys);
  const auto row = require_customer(context, customers, false);
  return customer_reply(context, records, customers, row, 200, {}, {});
}

Reply list_customers(RequestContext& context) {
  const CustomerRecords records(context.keys);
  const Caller& caller = *context.caller;
  ListRequest request =
      parse_list_request(context.query, caller.business_id, caller.business_country, records);
  store::CustomerStore customers(context.db);

  store::ListPage page = request.page;
  page.limit = request.page.limit + 1;  // one more tells whether there is a next page
  auto rows = customers.list(caller.business_id, request.filter, page);
  const bool has_more = static_cast<int>(rows.size()) > request.page.limit;
  if (has_more) rows.pop_back();
  // Exact up to the cap; above it, the planner's estimate (never below what was counted).
  const std::int64_t counted = customers.count(caller.business_id, request.filter, kExactTotalCap);
  const bool exact = counted <= kExactTotalCap;
  const std::int64_t total =
      exact ? counted : std::max(counted, customers.estimate(caller.business_id, request.filter));

  std::vector<std::string> unreadable;
  Reply reply;
  reply.data = write_rows(context, rows, records, unreadable);

  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "total");
  writer.Int64(total);
  json::key(writer, "totalExact");
  writer.Bool(exact);
  json::key(writer, "page");
  if (request.by_cursor) {
    writer.Null();
  } else {
    writer.Int(request.page_number);
  }
  json::key(writer, "limit");
  writer.Int(request.page.limit);
  json::key(writer, "totalPages");
  writer.Int64((total + request.page.limit - 1) / request.page.limit);
  json::key(writer, "hasMore");
  writer.Bool(has_more);
  json::key(writer, "nextCursor");
  if (has_more && !rows.empty()) {
    const auto& last = rows.back();
    json::string(writer,
                 encode_cursor(request.page.sort, request.page.descending,
                               store::CustomerStore::sort_value(last, request.page.sort), last.id));
  } else {
    writer.Null();
  }
  write_unreadable(writer, unreadable);
  writer.EndObject();
  reply.meta = json::text(buffer);
  return reply;
}

Reply search_customers(RequestContext& context) {
  const auto q = context.query.get("q");
  ApiError::Details errors;
  if (!q || domain::trim(*q).empty()) errors.emplace_back("q", "is required");
  const int limit = parse_limit(context.query, kDefaultLimit, errors);
  if (!errors.empty()) throw ApiError::validation(std::move(errors));

  const CustomerRecords records(context.keys);
  const Caller& caller = *context.caller;
  store::ListFilter filter;
  apply_search_text(*q, caller.business_id, caller.business_country, records, filter);
  store::CustomerStore customers(context.db);
  const auto rows = customers.search(caller.business_id, filter, limit);

  std::vector<std::string> unreadable;
  Reply reply;
  reply.data = write_rows(context, rows, records, unreadable);
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "count");
  writer.Int(static_cast<int>(rows.size()));
  json::key(writer, "limit");
  writer.Int(limit);
  write_unreadable(writer, unreadable);
  writer.EndObject();
  reply.meta = json::text(buffer);
  return reply;
}

Reply lookup_customer(RequestContext& context) {
  const auto email = context.query.get("email");
  auto phone = context.query.get("phone");
  if (!phone) phone = context.query.get("mobile");
  if (!email && !phone) {
    throw ApiError::validation({{"email", "email, phone or mobile is required"}});
  }
  const CustomerRecords records(context.keys);
  const Caller& caller = *context.caller;
  store::CustomerStore customers(context.db);
  std::optional<store::CustomerRow> row;
  if (email) {
    const auto normalized = domain::normalize_email(*email);
    if (!normalized) throw ApiError::validation({{"email", "must be a valid email address"}});
    row = customers.find_active_by_email(caller.business_id,
                                         records.email_index(caller.business_id, *normalized));
  } else {
    const auto normalized = domain::normalize_phone(*phone, caller.business_country);
    if (!normalized.e164) {
      throw ApiError::validation(
          {{context.query.has("phone") ? "phone" : "mobile", "must be a valid phone number"}});
    }
    row = customers.find_active_by_phone(caller.business_id,
                                         records.phone_index(caller.business_id, *normalized.e164));
  }
  if (!row) throw ApiError::not_found();
  return customer_reply(context, records, customers, *row, 200, {}, {});
}

}  // namespace capi::api
