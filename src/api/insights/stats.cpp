// GET /v1/customers/stats: the business's customers and the orders of a period.
#include <chrono>

#include "api/error.hpp"
#include "api/insights/insights_handler.hpp"
#include "api/json_fields.hpp"
#include "domain/input_reader.hpp"
#include "domain/insight_rules.hpp"
#include "domain/iso_codes.hpp"
#include "domain/object_id.hpp"
#include "domain/order_rules.hpp"
#include "domain/time.hpp"

namespace capi::api {
namespace {

struct Period {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;  // exclusive
};

// The current UTC month by default; `from` alone runs up to now, `to` alone from the
// beginning (see docs/openapi.yaml).
Period parse_period(const http::QueryParams& query, std::int64_t now_ms) {
  const auto from_text = query.get("from");
  const auto to_text = query.get("to");
  if (!from_text && !to_text) {
    return {domain::month_start(now_ms), domain::next_month_start(now_ms)};
  }
  ApiError::Details errors;
  Period period{0, now_ms};
  if (from_text) {
    const auto ms = domain::parse_date_or_time(*from_text, domain::Bound::kLower);
    if (ms) period.start_ms = *ms;
    if (!ms) errors.emplace_back("from", std::string(domain::kInvalidTime));
  }
  if (to_text) {
    const auto ms = domain::parse_date_or_time(*to_text, domain::Bound::kUpper);
    if (ms) period.end_ms = *ms;
    if (!ms) errors.emplace_back("to", std::string(domain::kInvalidTime));
  }
  if (errors.empty() && period.start_ms >= period.end_ms) {
    errors.emplace_back(to_text ? "to" : "from", "the period must end after it starts");
  }
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
  return period;
}

void counts_object(json::Writer& writer, const char* name,
                   const std::vector<store::BusinessStats::Count>& counts) {
  json::key(writer, name);
  writer.StartObject();
  for (const auto& count : counts) {
    json::key(writer, count.name);
    writer.Int64(count.count);
  }
  writer.EndObject();
}

// Both customer types always appear, with 0 when there is none.
std::vector<store::BusinessStats::Count> with_every_type(
    const std::vector<store::BusinessStats::Count>& counts) {
  std::vector<store::BusinessStats::Count> all = {{"business", 0}, {"individual", 0}};
  for (const auto& count : counts) {
    for (auto& type : all) {
      if (type.name == count.name) type.count = count.count;
    }
  }
  return all;
}

std::int64_t average(std::int64_t sum, std::int64_t count) {
  return count == 0 ? 0 : domain::divide_half_even(sum, count);
}

}  // namespace

std::int64_t insights_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Reply InsightsHandler::stats(const RequestContext& context) const {
  const Period period = parse_period(context.query, insights_now_ms());
  const Caller& caller = *context.caller;
  const std::string& home = caller.business_currency;
  const int digits = domain::currency_digits(home);
  const domain::Midnights whole_days = domain::midnights_within(period.start_ms, period.end_ms);
  const store::BusinessStats stats = insights_.business_stats(
      caller.business_id, home,
      {period.start_ms, period.end_ms, whole_days.first_ms, whole_days.last_ms});

  std::int64_t total_orders = 0;
  std::int64_t home_orders = 0;
  std::int64_t home_revenue = 0;
  for (const auto& revenue : stats.revenue) {
    total_orders += revenue.orders;
    if (revenue.currency == home) {
      home_orders = revenue.orders;
      home_revenue = revenue.revenue_minor;
    }
  }

  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "totalCustomers");
  writer.Int64(stats.total_customers);
  json::key(writer, "activeCount");
  writer.Int64(stats.active_customers);
  json::key(writer, "inactiveCount");
  writer.Int64(stats.total_customers - stats.active_customers);
  json::key(writer, "newCustomers");
  writer.Int64(stats.new_customers);
  json::key(writer, "totalOrders");
  writer.Int64(total_orders);
  json::field(writer, "currency", home);
  money_fields(writer, "revenue", home_revenue, digits);
  money_fields(writer, "averageOrderValue", average(home_revenue, home_orders), digits);
  json::key(writer, "revenueByCurrency");
  writer.StartArray();
  for (const auto& revenue : stats.revenue) {
    if (revenue.currency == home) continue;
    writer.StartObject();
    json::field(writer, "currency", revenue.currency);
    json::key(writer, "orders");
    writer.Int64(revenue.orders);
    const int other_digits = domain::currency_digits(revenue.currency);
    money_fields(writer, "revenue", revenue.revenue_minor, other_digits);
    money_fields(writer, "averageOrderValue", average(revenue.revenue_minor, revenue.orders),
                 other_digits);
    writer.EndObject();
  }
  writer.EndArray();
  money_fields(writer, "averageLifetimeValue",
               average(stats.home_lifetime_value_minor, stats.home_customers), digits);
  counts_object(writer, "segmentDistribution", stats.segments);
  counts_object(writer, "typeDistribution", with_every_type(stats.types));
  json::key(writer, "period");
  writer.StartObject();
  time_field(writer, "start", period.start_ms);
  time_field(writer, "end", period.end_ms);
  writer.EndObject();
  writer.EndObject();
  Reply reply;
  reply.data = json::text(buffer);
  return reply;
}

store::CustomerRow InsightsHandler::require_customer(const RequestContext& context) const {
  const std::string id(context.path.get("id"));
  if (!domain::is_object_id(id)) throw ApiError::not_found();
  auto row =
      customers_.find_row(context.caller->business_id, id, store::CustomerStore::Lock::kNone);
  if (!row) throw ApiError::not_found();
  return std::move(*row);
}

}  // namespace capi::api
