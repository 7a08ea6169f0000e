// GET /v1/customers/{id}/analytics?period=30d|90d|1y|all: the customer's lifetime overview
// and the figures of its orders dated in the period, with its segment and risk.
#include <map>

#include "api/error.hpp"
#include "api/insights/insights_handler.hpp"
#include "api/json_fields.hpp"
#include "domain/insight_rules.hpp"
#include "domain/iso_codes.hpp"
#include "domain/money.hpp"
#include "domain/order_rules.hpp"
#include "domain/time.hpp"

namespace capi::api {
namespace {

constexpr int kTopProducts = 5;

struct PeriodChoice {
  std::string name;
  std::optional<std::int64_t> days;  // null: all, from the first order
};

PeriodChoice parse_period(const http::QueryParams& query) {
  const std::string name = query.get("period").value_or("all");
  if (name == "30d") return {name, 30};
  if (name == "90d") return {name, 90};
  if (name == "1y") return {name, 365};
  if (name == "all") return {name, std::nullopt};
  throw ApiError::validation({{"period", "must be one of 30d, 90d, 1y, all"}});
}

std::int64_t average(std::int64_t sum, std::int64_t count) {
  return count == 0 ? 0 : domain::divide_half_even(sum, count);
}

void overview(json::Writer& writer, const store::CustomerRow& row, std::int64_t now_ms,
              int digits) {
  json::key(writer, "overview");
  writer.StartObject();
  money_fields(writer, "lifetimeValue", row.lifetime_value_minor, digits);
  json::key(writer, "totalOrders");
  writer.Int(row.order_count);
  money_fields(writer, "avgOrderValue", average(row.lifetime_value_minor, row.order_count), digits);
  time_field(writer, "lastOrderDate", row.last_order_ms);
  time_field(writer, "customerSince", row.customer_since_ms.value_or(row.created_ms));
  json::key(writer, "daysSinceLastOrder");
  if (row.last_order_ms) {
    writer.Int64(domain::whole_days(*row.last_order_ms, now_ms));
  } else {
    writer.Null();
  }
  writer.EndObject();
}

void raw_number_or_null(json::Writer& writer, const char* name,
                        const std::optional<std::string>& text) {
  json::key(writer, name);
  if (text) {
    writer.RawValue(text->data(), text->size(), rapidjson::kNumberType);
  } else {
    writer.Null();
  }
}

void financial_summary(json::Writer& writer, const store::CustomerRow& row,
                       const store::CustomerPaymentFigures& figures,
                       const std::optional<std::int64_t>& utilization, int digits) {
  json::key(writer, "financialSummary");
  writer.StartObject();
  money_fields(writer, "totalRevenue", figures.revenue_since_minor, digits);
  money_fields(writer, "currentBalance", row.balance_minor, digits);
  money_fields(writer, "creditLimit", row.credit_limit_minor, digits);
  // A percentage with up to two decimals ("45.5"), exact from the hundredths.
  const std::optional<std::string> percent =
      utilization ? std::optional(domain::format_money(*utilization, 2)) : std::nullopt;
  raw_number_or_null(writer, "creditUtilization", percent);
  raw_number_or_null(writer, "avgPaymentDays", figures.avg_payment_days);
  writer.EndObject();
}

void order_history(json::Writer& writer, const std::vector<std::string>& months,
                   const std::vector<store::MonthFigures>& figures, int digits) {
  std::map<std::string, const store::MonthFigures*> by_month;
  for (const auto& month : figures) by_month[month.month] = &month;
  json::key(writer, "orderHistory");
  writer.StartArray();
  for (const auto& month : months) {
    const auto found = by_month.find(month);
    const std::int64_t orders = found == by_month.end() ? 0 : found->second->orders;
    const std::int64_t revenue = found == by_month.end() ? 0 : found->second->revenue_minor;
    writer.StartObject();
    json::field(writer, "month", month);
    json::key(writer, "orders");
    writer.Int64(orders);
    money_fields(writer, "revenue", revenue, digits);
    money_fields(writer, "avgOrderValue", average(revenue, orders), digits);
    writer.EndObject();
  }
  writer.EndArray();
}

void top_products(json::Writer& writer, const std::vector<store::ProductFigures>& products,
                  int digits) {
  json::key(writer, "topProducts");
  writer.StartArray();
  for (const auto& product : products) {
    writer.StartObject();
    json::field(writer, "productId", product.product_id);
    json::field(writer, "productName", product.product_name);
    json::key(writer, "quantityOrdered");
    writer.Int64(product.quantity);
    money_fields(writer, "revenue", product.revenue_minor, digits);
    writer.EndObject();
  }
  writer.EndArray();
}

}  // namespace

Reply InsightsHandler::analytics(const RequestContext& context) const {
  const PeriodChoice choice = parse_period(context.query);
  // One snapshot for the customer and every figure: the split's look at the orders outside the
  // period holds for the statements that rely on it.
  store::Connection::Transaction snapshot(db_, store::Connection::Isolation::kSnapshot);
  const store::CustomerRow row = require_customer(context);
  const std::int64_t now_ms = insights_now_ms();
  const int digits = domain::currency_digits(row.currency);
  // The period: the last N x 24 h up to now, or from the first order (none: no period).
  const std::optional<std::int64_t> start_ms =
      choice.days ? std::optional(now_ms - *choice.days * domain::kMillisPerDay)
                  : row.first_order_ms;
  // Without a period nothing is dated in it: an instant after now selects no order.
  const std::int64_t since_ms = start_ms.value_or(now_ms + 1);

  const domain::PeriodSplit split = insights_.split(row.business_id, row.id, since_ms, now_ms);
  const auto figures = insights_.payment_figures(row.business_id, row.id, split);
  std::vector<store::MonthFigures> months;
  std::vector<store::ProductFigures> products;
  if (start_ms && row.order_count > 0) {
    months = insights_.months(row.business_id, row.id, split);
    products = insights_.top_products(row.business_id, row.id, split, kTopProducts);
  }
  snapshot.commit();
  const auto utilization =
      domain::utilization_hundredths(row.balance_minor, row.credit_limit_minor);
  const std::int64_t days_overdue = figures.oldest_overdue_due_ms
                                        ? domain::whole_days(*figures.oldest_overdue_due_ms, now_ms)
                                        : 0;

  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "customer");
  writer.StartObject();
  json::field(writer, "id", row.id);
  json::field(writer, "name", row.name);
  writer.EndObject();
  json::field(writer, "period", choice.name);
  time_field(writer, "periodStart", start_ms);
  time_field(writer, "periodEnd", now_ms);
  json::field(writer, "currency", row.currency);
  overview(writer, row, now_ms, digits);
  financial_summary(writer, row, figures, utilization, digits);
  order_history(
      writer,
      start_ms ? domain::months_newest_first(*start_ms, now_ms) : std::vector<std::string>{},
      months, digits);
  top_products(writer, products, digits);
  json::field(writer, "customerSegment",
              domain::segment({row.order_count, row.first_order_ms, row.last_order_ms, now_ms}));
  json::field(writer, "riskScore",
              domain::risk_score({figures.overdue_minor, days_overdue, utilization}));
  writer.EndObject();
  Reply reply;
  reply.data = json::text(buffer);
  reply.customer_id = row.id;
  return reply;
}

}  // namespace capi::api
