// The stats figures that triggers keep (sql/009_business_figures.sql) against the same
// figures counted afresh from customers and orders: the query returns how many keys differ,
// over every business of the database, so "0" means the kept figures (folded or not) are
// exact.
#pragma once

namespace capi::test {

inline constexpr const char* kStatsFiguresDrift = R"sql(
WITH kept_customers AS (
  SELECT business_id, segment, type, currency, active, sum(customers) AS customers,
         sum(lifetime_value_minor) AS lifetime_value
  FROM (SELECT * FROM business_customer_figures
        UNION ALL SELECT * FROM business_customer_figure_changes) AS figures
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(customers) <> 0 OR sum(lifetime_value_minor) <> 0),
counted_customers AS (
  SELECT business_id, COALESCE(segment, 'unsegmented'), type, currency, deleted_at IS NULL,
         count(*)::numeric, sum(lifetime_value_minor)
  FROM customers GROUP BY 1, 2, 3, 4, 5),
kept_days AS (
  SELECT business_id, day, currency, sum(new_customers), sum(orders), sum(revenue_minor)
  FROM (SELECT * FROM business_day_figures
        UNION ALL SELECT * FROM business_day_figure_changes) AS figures
  GROUP BY 1, 2, 3 HAVING sum(new_customers) <> 0 OR sum(orders) <> 0 OR sum(revenue_minor) <> 0),
counted_days AS (
  SELECT business_id, day, currency, sum(new_customers), sum(orders), sum(revenue_minor)
  FROM (SELECT business_id, (created_at AT TIME ZONE 'UTC')::date AS day, currency,
               1 AS new_customers, 0 AS orders, 0::bigint AS revenue_minor FROM customers
        UNION ALL
        SELECT business_id, (order_date AT TIME ZONE 'UTC')::date, currency, 0, 1, total_minor
        FROM orders WHERE status NOT IN ('cancelled', 'refunded')) AS rows
  GROUP BY 1, 2, 3)
SELECT (SELECT count(*) FROM ((TABLE kept_customers EXCEPT TABLE counted_customers)
                              UNION ALL (TABLE counted_customers EXCEPT TABLE kept_customers)) AS d)
     + (SELECT count(*) FROM ((TABLE kept_days EXCEPT TABLE counted_days)
                              UNION ALL (TABLE counted_days EXCEPT TABLE kept_days)) AS d)
)sql";

}  // namespace capi::test
