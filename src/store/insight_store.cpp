#include "store/insight_store.hpp"

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

struct Statements {
  // $1 business, $2 from, $3 to, $4 the business currency. One scan of the business's
  // customers for every figure: the grouping sets give a row per segment (grouping 1), per
  // type (2) and the totals (3).
  BuiltStatement customers{
      "insight_customers",
      "SELECT GROUPING(COALESCE(segment, 'unsegmented'), type),"
      " COALESCE(segment, 'unsegmented'), type, count(*),"
      " count(*) FILTER (WHERE deleted_at IS NULL),"
      " count(*) FILTER (WHERE created_at >= " +
          at(2) + " AND created_at < " + at(3) +
          "),"
          " count(*) FILTER (WHERE deleted_at IS NULL AND currency = $4),"
          " COALESCE(sum(lifetime_value_minor) FILTER (WHERE deleted_at IS NULL"
          " AND currency = $4), 0)"
          " FROM customers WHERE business_id = $1"
          " GROUP BY GROUPING SETS ((COALESCE(segment, 'unsegmented')), (type), ())"
          " ORDER BY 1, 2, 3"};
  BuiltStatement revenue{"insight_revenue",
                         "SELECT currency, count(*), sum(total_minor) FROM orders"
                         " WHERE business_id = $1 AND order_date >= " +
                             at(2) + " AND order_date < " + at(3) + kCounting +
                             " GROUP BY currency ORDER BY currency"};
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
                                           const std::string& home_currency, std::int64_t from_ms,
                                           std::int64_t to_ms) const {
  const std::string from = std::to_string(from_ms);
  const std::string to = std::to_string(to_ms);
  BusinessStats stats;
  const Result customers =
      connection_.exec(statements().customers, {business_id, from, to, home_currency});
  for (int i = 0; i < customers.rows(); ++i) {
    const std::int64_t active = customers.integer(i, 4);
    switch (customers.integer(i, 0)) {
      case 1:  // a segment: of active customers only
        if (active > 0) stats.segments.push_back({customers.str(i, 1), active});
        break;
      case 2:  // a type
        if (active > 0) stats.types.push_back({customers.str(i, 2), active});
        break;
      default:  // the totals
        stats.total_customers = customers.integer(i, 3);
        stats.active_customers = active;
        stats.new_customers = customers.integer(i, 5);
        stats.home_customers = customers.integer(i, 6);
        stats.home_lifetime_value_minor = customers.integer(i, 7);
        break;
    }
  }
  const Result revenue = connection_.exec(statements().revenue, {business_id, from, to});
  for (int i = 0; i < revenue.rows(); ++i) {
    stats.revenue.push_back({revenue.str(i, 0), revenue.integer(i, 1), revenue.integer(i, 2)});
  }
  return stats;
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
