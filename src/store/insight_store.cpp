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
// The rollup months [$6, $7] of the customer ($1, $2).
const std::string kRollupMonths = "business_id = $1 AND customer_id = $2 AND month >= (" + at(6) +
                                  " AT TIME ZONE 'UTC')::date AND month <= (" + at(7) +
                                  " AT TIME ZONE 'UTC')::date";
// The customer's orders that count read one by one: dated in [$3, $4] and in the head
// [$3, $5) or the tail [$8, $4]; two index ranges of orders_customer_newest.
std::string raw_orders(const std::string& columns) {
  const std::string from = "SELECT " + columns +
                           " FROM orders WHERE business_id = $1 AND customer_id = $2"
                           " AND order_date >= " +
                           at(3) + " AND order_date <= " + at(4) + kCounting;
  return from + " AND order_date < " + at(5) + " UNION ALL " + from + " AND order_date >= " + at(8);
}

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
  // The per-customer statements of the analytics read a period through a split
  // (domain::PeriodSplit): $1 business, $2 customer, $3 since, $4 now, $5 the head's end,
  // $6 and $7 the first and last rollup months, $8 the tail's start.
  BuiltStatement outside{"insight_outside_period",
                         "SELECT EXISTS (SELECT FROM orders WHERE business_id = $1"
                         " AND customer_id = $2 AND order_date < " +
                             at(3) + kCounting +
                             "), EXISTS (SELECT FROM orders WHERE business_id = $1"
                             " AND customer_id = $2 AND order_date > " +
                             at(4) + kCounting + ")"};
  BuiltStatement months{"insight_months",
                        "SELECT to_char(month, 'YYYY-MM'), sum(orders)::bigint,"
                        " sum(revenue_minor)::bigint FROM (SELECT month, orders, revenue_minor"
                        " FROM customer_order_months WHERE " +
                            kRollupMonths +
                            " UNION ALL SELECT date_trunc('month', order_date AT TIME ZONE"
                            " 'UTC')::date, 1, total_minor FROM (" +
                            raw_orders("order_date, total_minor") +
                            ") AS r) AS x GROUP BY month ORDER BY month DESC"};
  // $9 every month (the customer's rollup of every month answers), $10 how many; ties by
  // product id so that the answer is the same every time. The sums first (hashed, no sort of
  // the rows), then the name of each top product's newest line: the newest of its rollup
  // rows' (customer_product_months_by_product) and raw lines' names.
  BuiltStatement top_products{
      "insight_top_products",
      "WITH r AS MATERIALIZED (" + raw_orders("id, order_date") +
          "),"
          " lines AS MATERIALIZED (SELECT i.product_id, i.quantity, i.line_total_minor,"
          " i.product_name, r.order_date, r.id, i.position"
          " FROM r JOIN order_items i ON i.order_id = r.id),"
          " top AS MATERIALIZED (SELECT product_id, sum(quantity)::bigint AS quantity,"
          " sum(revenue_minor)::bigint AS revenue_minor FROM (SELECT product_id, quantity,"
          " revenue_minor FROM customer_products"
          " WHERE business_id = $1 AND customer_id = $2 AND $9::boolean"
          " UNION ALL SELECT product_id, quantity, revenue_minor FROM customer_product_months"
          " WHERE NOT $9::boolean AND " +
          kRollupMonths +
          " UNION ALL SELECT product_id, quantity, line_total_minor FROM lines) AS parts"
          " GROUP BY product_id ORDER BY 3 DESC, 1 LIMIT $10::int)"
          " SELECT t.product_id, n.name, t.quantity, t.revenue_minor FROM top t"
          " CROSS JOIN LATERAL (SELECT name FROM (SELECT name, name_order_date,"
          " name_order_id, name_position FROM customer_products c"
          " WHERE c.business_id = $1 AND c.customer_id = $2 AND $9::boolean"
          " AND c.product_id = t.product_id"
          " UNION ALL SELECT name, name_order_date, name_order_id, name_position"
          " FROM customer_product_months m WHERE NOT $9::boolean AND m.product_id = t.product_id"
          " AND " +
          kRollupMonths +
          " UNION ALL SELECT product_name, order_date, id, position FROM lines l"
          " WHERE l.product_id = t.product_id) AS names"
          " ORDER BY name_order_date DESC, name_order_id DESC, name_position LIMIT 1) AS n"
          " ORDER BY t.revenue_minor DESC, t.product_id"};
  // Paid in full and on time over every order that counts (the rollups of every month), the
  // overdue ones now ($4; orders_customer_open), the revenue and the mean days to payment of
  // the period. sum(seconds) / sum(paid) is the numeric avg() gives over the orders.
  BuiltStatement payments{
      "insight_payments",
      "WITH period AS (SELECT revenue_minor AS revenue, paid_orders AS paid,"
      " paid_seconds AS seconds FROM customer_order_months WHERE " +
          kRollupMonths + " UNION ALL SELECT total_minor, CASE WHEN " + kPaidInFull +
          " THEN 1 ELSE 0 END, CASE WHEN " + kPaidInFull +
          " THEN extract(epoch FROM paid_at - order_date) ELSE 0.000000 END FROM (" +
          raw_orders("total_minor, amount_paid_minor, paid_at, order_date") +
          ") AS r),"
          " every AS (SELECT COALESCE(sum(paid_orders), 0)::bigint AS paid,"
          " COALESCE(sum(paid_on_time), 0)::bigint AS on_time FROM customer_order_months"
          " WHERE business_id = $1 AND customer_id = $2),"
          " overdue AS (SELECT COALESCE(sum(total_minor - amount_paid_minor), 0)::bigint AS due,"
          " (extract(epoch FROM min(due_date)) * 1000)::bigint AS oldest FROM orders"
          " WHERE business_id = $1 AND customer_id = $2 AND " +
          kOverdue + kCounting +
          ")"
          " SELECT every.paid, every.on_time, overdue.due, overdue.oldest,"
          " (SELECT COALESCE(sum(revenue), 0)::bigint FROM period),"
          " (SELECT round(sum(seconds) / sum(paid) / 86400, 1)::text FROM period"
          " WHERE paid > 0) FROM every, overdue"};
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

domain::PeriodSplit InsightStore::split(const std::string& business_id,
                                        const std::string& customer_id, std::int64_t since_ms,
                                        std::int64_t now_ms) const {
  const Result result = connection_.exec(
      statements().outside,
      {business_id, customer_id, std::to_string(since_ms), std::to_string(now_ms)});
  return domain::split_period(since_ms, now_ms, result.boolean(0, 0), result.boolean(0, 1));
}

namespace {

// $1-$8 of the per-customer statements.
std::vector<std::string> split_values(const std::string& business_id,
                                      const std::string& customer_id,
                                      const domain::PeriodSplit& split) {
  return {business_id,
          customer_id,
          std::to_string(split.since_ms),
          std::to_string(split.now_ms),
          std::to_string(split.head_end_ms),
          std::to_string(split.first_month_ms),
          std::to_string(split.last_month_ms),
          std::to_string(split.tail_start_ms)};
}

std::vector<Param> params_of(const std::vector<std::string>& values) {
  return {values.begin(), values.end()};
}

}  // namespace

std::vector<MonthFigures> InsightStore::months(const std::string& business_id,
                                               const std::string& customer_id,
                                               const domain::PeriodSplit& split) const {
  const auto values = split_values(business_id, customer_id, split);
  const Result result = connection_.exec(statements().months, params_of(values));
  std::vector<MonthFigures> months;
  months.reserve(static_cast<std::size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) {
    months.push_back({result.str(i, 0), result.integer(i, 1), result.integer(i, 2)});
  }
  return months;
}

std::vector<ProductFigures> InsightStore::top_products(const std::string& business_id,
                                                       const std::string& customer_id,
                                                       const domain::PeriodSplit& split,
                                                       int limit) const {
  auto values = split_values(business_id, customer_id, split);
  values.emplace_back(split.all_months ? "true" : "false");
  values.push_back(std::to_string(limit));
  const Result result = connection_.exec(statements().top_products, params_of(values));
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
                                                     const domain::PeriodSplit& split) const {
  const auto values = split_values(business_id, customer_id, split);
  const Result result = connection_.exec(statements().payments, params_of(values));
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
