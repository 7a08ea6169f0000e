#include "store/insight_store.hpp"

#include <map>

#include "store/built_statement.hpp"

namespace capi::store {
namespace {

// The instant that parameter $n gives as Unix milliseconds.
std::string at(int n) {
  return "('epoch'::timestamptz + $" + std::to_string(n) + "::bigint * interval '1 millisecond')";
}
// Orders that count for every figure (API.md "Orders").
const std::string kCounting = " AND status NOT IN ('cancelled', 'refunded')";
// The order is paid in full (a paid order of total 0 has no payment and no paid_at).
const std::string kPaidInFull = "amount_paid_minor = total_minor AND paid_at IS NOT NULL";
// Owing something past its due date ($4 is now).
const std::string kOverdue = "amount_paid_minor < total_minor AND due_date < " + at(4);
// Dated in [$3, $4].
const std::string kInPeriod = "order_date >= " + at(3) + " AND order_date <= " + at(4);

// A period [$2, $3) whose whole days are [$4, $5) (StatsPeriod): those days
// from the figures kept by day, the rest from the rows themselves.
std::string whole_days() {
  return " WHERE business_id = $1 AND day >= (" + at(4) + " AT TIME ZONE 'UTC')::date" +
         " AND day < (" + at(5) + " AT TIME ZONE 'UTC')::date";
}
std::string rest_of(const std::string& column) {
  return "((" + column + " >= " + at(2) + " AND " + column + " < " + at(4) + ") OR (" + column +
         " >= " + at(5) + " AND " + column + " < " + at(3) + "))";
}
struct Statements {
  // Stats (sql/009_business_figures.sql): the figures kept for the business, with the
  // changes not yet folded into them. $1 business.
  BuiltStatement customers{
      "insight_customer_figures",
      "SELECT segment, type, currency, active, sum(customers)::bigint,"
      " sum(lifetime_value_minor)::bigint FROM ("
      " SELECT segment, type, currency, active, customers, lifetime_value_minor"
      " FROM business_customer_figures WHERE business_id = $1"
      " UNION ALL SELECT segment, type, currency, active, customers, lifetime_value_minor"
      " FROM business_customer_figure_changes WHERE business_id = $1) AS figures"
      " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"};
  BuiltStatement new_customers{
      "insight_new_customers",
      "SELECT (SELECT COALESCE(sum(new_customers), 0) FROM business_day_figures" + whole_days() +
          ") + (SELECT COALESCE(sum(new_customers), 0) FROM business_day_figure_changes" +
          whole_days() +
          ")"
          " + (SELECT count(*) FROM customers WHERE business_id = $1 AND deleted_at IS NULL"
          " AND " +
          rest_of("created_at") +
          ")"
          " + (SELECT count(*) FROM customers WHERE business_id = $1"
          " AND deleted_at IS NOT NULL AND " +
          rest_of("created_at") + ")"};
  BuiltStatement revenue{
      "insight_revenue",
      "SELECT currency, sum(orders)::bigint, sum(revenue_minor)::bigint FROM ("
      " SELECT currency, orders, revenue_minor FROM business_day_figures" +
          whole_days() +
          " UNION ALL SELECT currency, orders, revenue_minor FROM business_day_figure_changes" +
          whole_days() +
          " UNION ALL SELECT currency, 1, total_minor FROM orders WHERE business_id = $1 AND " +
          rest_of("order_date") + kCounting +
          ") AS figures GROUP BY currency HAVING sum(orders) <> 0 ORDER BY currency"};
  BuiltStatement compact{"business_figures_compact", "SELECT compact_business_figures($1::int)"};
  // $1 business, $2 customer, $3 since, $4 until (both inclusive).
  BuiltStatement months{
      "insight_months",
      "SELECT to_char(date_trunc('month', order_date AT TIME ZONE 'UTC'), 'YYYY-MM'),"
      " count(*), sum(total_minor) FROM orders WHERE business_id = $1 AND customer_id = $2"
      " AND " +
          kInPeriod + kCounting + " GROUP BY 1 ORDER BY 1 DESC"};
  // $5 how many; ties by product id so that the answer is the same every time. The
  // customer's orders are gathered first (MATERIALIZED: through orders_customer_newest),
  // then their items by key: left to itself the planner may merge-join all of the
  // business's orders by id with the items (seconds on a big business).
  BuiltStatement top_products{
      "insight_top_products",
      "WITH o AS MATERIALIZED (SELECT id, order_date FROM orders"
      " WHERE business_id = $1 AND customer_id = $2 AND " +
          kInPeriod + kCounting +
          ")"
          " SELECT i.product_id,"
          " (array_agg(i.product_name ORDER BY o.order_date DESC, o.id DESC))[1],"
          " sum(i.quantity), sum(i.line_total_minor)"
          " FROM o JOIN order_items i ON i.order_id = o.id"
          " GROUP BY i.product_id ORDER BY 4 DESC, 1 LIMIT $5::int"};
  // $3 since, $4 now.
  BuiltStatement payments{
      "insight_payments",
      "SELECT count(*) FILTER (WHERE " + kPaidInFull + "), count(*) FILTER (WHERE " + kPaidInFull +
          " AND paid_at <= due_date),"
          " COALESCE(sum(total_minor - amount_paid_minor) FILTER (WHERE " +
          kOverdue +
          "), 0),"
          " (extract(epoch FROM min(due_date) FILTER (WHERE " +
          kOverdue +
          ")) * 1000)::bigint,"
          " COALESCE(sum(total_minor) FILTER (WHERE " +
          kInPeriod +
          "), 0),"
          " round((avg(extract(epoch FROM paid_at - order_date)) FILTER (WHERE " +
          kPaidInFull + " AND " + kInPeriod +
          ") / 86400)::numeric, 1)::text"
          " FROM orders WHERE business_id = $1 AND customer_id = $2" +
          kCounting};
};

const Statements& statements() {
  static const Statements built;
  return built;
}

}  // namespace

BusinessStats InsightStore::business_stats(const std::string& business_id,
                                           const std::string& home_currency,
                                           const StatsPeriod& period) const {
  BusinessStats stats;
  std::map<std::string, std::int64_t> segments;
  std::map<std::string, std::int64_t> types;
  const Result customers = connection_.exec(statements().customers, {business_id});
  for (int i = 0; i < customers.rows(); ++i) {
    const std::int64_t count = customers.integer(i, 4);
    stats.total_customers += count;
    if (!customers.boolean(i, 3)) continue;
    // Segments and types are of active customers only.
    stats.active_customers += count;
    segments[customers.str(i, 0)] += count;
    types[customers.str(i, 1)] += count;
    if (customers.str(i, 2) == home_currency) {
      stats.home_customers += count;
      stats.home_lifetime_value_minor += customers.integer(i, 5);
    }
  }
  for (const auto& [name, count] : segments) {
    if (count > 0) stats.segments.push_back({name, count});
  }
  for (const auto& [name, count] : types) {
    if (count > 0) stats.types.push_back({name, count});
  }

  const std::string start = std::to_string(period.start_ms);
  const std::string end = std::to_string(period.end_ms);
  const std::string days_start = std::to_string(period.whole_days_start_ms);
  const std::string days_end = std::to_string(period.whole_days_end_ms);
  const std::vector<Param> params = {business_id, start, end, days_start, days_end};
  stats.new_customers = connection_.exec(statements().new_customers, params).integer(0, 0);
  const Result revenue = connection_.exec(statements().revenue, params);
  for (int i = 0; i < revenue.rows(); ++i) {
    stats.revenue.push_back({revenue.str(i, 0), revenue.integer(i, 1), revenue.integer(i, 2)});
  }
  return stats;
}

long InsightStore::compact_business_figures(int batch) const {
  return static_cast<long>(
      connection_.exec(statements().compact, {std::to_string(batch)}).integer(0, 0));
}

std::vector<MonthFigures> InsightStore::months(const std::string& business_id,
                                               const std::string& customer_id,
                                               std::int64_t since_ms, std::int64_t until_ms) const {
  const Result result = connection_.exec(
      statements().months,
      {business_id, customer_id, std::to_string(since_ms), std::to_string(until_ms)});
  std::vector<MonthFigures> months;
  months.reserve(static_cast<std::size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) {
    months.push_back({result.str(i, 0), result.integer(i, 1), result.integer(i, 2)});
  }
  return months;
}

std::vector<ProductFigures> InsightStore::top_products(const std::string& business_id,
                                                       const std::string& customer_id,
                                                       std::int64_t since_ms, std::int64_t until_ms,
                                                       int limit) const {
  const Result result = connection_.exec(statements().top_products,
                                         {business_id, customer_id, std::to_string(since_ms),
                                          std::to_string(until_ms), std::to_string(limit)});
  std::vector<ProductFigures> products;
  products.reserve(static_cast<std::size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) {
    products.push_back(
        {result.str(i, 0), result.str(i, 1), result.integer(i, 2), result.integer(i, 3)});
  }
  return products;
}

CustomerPaymentFigures InsightStore::payment_figures(const std::string& business_id,
                                                     const std::string& customer_id,
                                                     std::int64_t since_ms,
                                                     std::int64_t now_ms) const {
  const Result result = connection_.exec(
      statements().payments,
      {business_id, customer_id, std::to_string(since_ms), std::to_string(now_ms)});
  CustomerPaymentFigures figures;
  figures.paid_orders = result.integer(0, 0);
  figures.paid_on_time = result.integer(0, 1);
  figures.overdue_minor = result.integer(0, 2);
  if (!result.is_null(0, 3)) figures.oldest_overdue_due_ms = result.integer(0, 3);
  figures.revenue_since_minor = result.integer(0, 4);
  figures.avg_payment_days = result.optional_str(0, 5);
  return figures;
}

}  // namespace capi::store
