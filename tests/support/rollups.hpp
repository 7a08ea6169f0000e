// The per-customer rollups of sql/010_customer_order_rollups.sql recomputed from the orders by
// SQL, for tests that check they never drift.
#pragma once

#include <cstddef>
#include <string>

namespace capi::test {

// A query whose answer is "D M P": D the rows where the rollups of the business and the
// figures recomputed from its orders differ (months, products by month, products over every
// month, names included; 0 when they agree), M and P the month and product rows it holds.
inline std::string rollup_drift_sql(const std::string& business_id) {
  std::string sql = R"sql(
WITH l AS (SELECT o.business_id, o.customer_id,
    date_trunc('month', o.order_date AT TIME ZONE 'UTC')::date AS month, i.product_id, i.quantity,
    i.line_total_minor, i.product_name, o.order_date, o.id, i.position
  FROM orders o JOIN order_items i ON i.order_id = o.id
  WHERE o.status NOT IN ('cancelled', 'refunded') AND o.business_id = '@'),
em AS (SELECT business_id, customer_id,
    date_trunc('month', order_date AT TIME ZONE 'UTC')::date AS month, count(*) AS orders,
    sum(total_minor) AS revenue_minor,
    count(*) FILTER (WHERE amount_paid_minor = total_minor AND paid_at IS NOT NULL) AS paid,
    count(*) FILTER (WHERE amount_paid_minor = total_minor AND paid_at IS NOT NULL
                       AND paid_at <= due_date) AS on_time,
    COALESCE(sum(extract(epoch FROM paid_at - order_date))
               FILTER (WHERE amount_paid_minor = total_minor AND paid_at IS NOT NULL), 0) AS s
  FROM orders WHERE status NOT IN ('cancelled', 'refunded') AND business_id = '@'
  GROUP BY 1, 2, 3),
rm AS (SELECT business_id, customer_id, month, orders, revenue_minor, paid_orders,
    paid_on_time, paid_seconds FROM customer_order_months WHERE business_id = '@'),
ep AS (SELECT DISTINCT ON (business_id, customer_id, month, product_id) business_id,
    customer_id, month, product_id, count(*) OVER w, sum(quantity) OVER w,
    sum(line_total_minor) OVER w, product_name
  FROM l WINDOW w AS (PARTITION BY business_id, customer_id, month, product_id)
  ORDER BY business_id, customer_id, month, product_id, order_date DESC, id DESC, position),
rp AS (SELECT business_id, customer_id, month, product_id, lines, quantity, revenue_minor, name
  FROM customer_product_months WHERE business_id = '@'),
ea AS (SELECT DISTINCT ON (business_id, customer_id, product_id) business_id, customer_id,
    product_id, count(*) OVER w, sum(quantity) OVER w, sum(line_total_minor) OVER w,
    product_name
  FROM l WINDOW w AS (PARTITION BY business_id, customer_id, product_id)
  ORDER BY business_id, customer_id, product_id, order_date DESC, id DESC, position),
ra AS (SELECT business_id, customer_id, product_id, lines, quantity, revenue_minor, name
  FROM customer_products WHERE business_id = '@')
SELECT (SELECT count(*) FROM (SELECT * FROM em EXCEPT ALL SELECT * FROM rm) d)
     + (SELECT count(*) FROM (SELECT * FROM rm EXCEPT ALL SELECT * FROM em) d)
     + (SELECT count(*) FROM (SELECT * FROM ep EXCEPT ALL SELECT * FROM rp) d)
     + (SELECT count(*) FROM (SELECT * FROM rp EXCEPT ALL SELECT * FROM ep) d)
     + (SELECT count(*) FROM (SELECT * FROM ea EXCEPT ALL SELECT * FROM ra) d)
     + (SELECT count(*) FROM (SELECT * FROM ra EXCEPT ALL SELECT * FROM ea) d)
     || ' ' || (SELECT count(*) FROM rm) || ' ' || (SELECT count(*) FROM ra)
)sql";
  for (std::size_t at = sql.find('@'); at != std::string::npos; at = sql.find('@', at)) {
    sql.replace(at, 1, business_id);
  }
  return sql;
}

}  // namespace capi::test
