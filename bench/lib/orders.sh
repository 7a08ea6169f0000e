# Issue #12's "Scale" step for orders (bench/run --scale orders), sourced by bench/run: the
# order routes under load on a business seeded with orders (`customer-api seed --orders N`),
# the service's own p95 next to each target, and order create against pgbench running the
# statements the service ran for it. Uses bench/run's functions and variables (sql, say,
# capture_scenario, pgbench_script, measure_wrk, measure_pgbench, $data, $capture, $main).

# One captured request of an order scenario: METHOD PATH [BODY] (bench/run's capture_request).
order_capture_request() {  # SCENARIO VALUE
  local v=$2
  case "$1" in
    order_create) printf 'POST /v1/orders {"customerId":"%s","items":[{"productId":"PRD-0007","productName":"Bench product 7","quantity":2,"unitPrice":12.50}]}\n' "$v" ;;
    order_pay) echo "POST /v1/orders/$v/payments {\"amount\":0.01}" ;;
    analytics|analytics_top) echo "GET /v1/customers/$v/analytics" ;;
    stats) read -r from to < "$data/stats_month.txt"; echo "GET /v1/customers/stats?from=$from&to=$to" ;;
    get_orders) echo "GET /v1/customers/$v?include=orders" ;;
    list_ltv) echo "GET /v1/customers?sort=-lifetimeValue" ;;
  esac
}

# The lists the order scenarios pick from (bench/scenarios.lua), from the seed's ids file and
# the database. Fails when the main business was seeded without orders.
order_lists() {
  local ids="$data/ids.json" top
  jq -e '(.topOrderCustomers // []) | length > 0' "$ids" >/dev/null 2>&1 || return 1
  jq -r '.orderCustomers[].id' "$ids" > "$data/order_customers.txt"
  jq -r '.orderCustomers[] | select(.orders > 0) | .id' "$ids" > "$data/buyers.txt"
  # 0.01 a payment: an order with 100.00 or more due takes 10,000 payments.
  jq -r '.openOrders[] | select(.balanceDueMinor >= 10000) | .id' "$ids" > "$data/open_orders.txt"
  top=$(sql -c "SELECT id FROM customers WHERE business_id = '$main' AND deleted_at IS NULL
                ORDER BY order_count DESC, id LIMIT 1")
  echo "$top" > "$data/top_customer.txt"
  sql -c "SELECT id FROM orders WHERE business_id = '$main' AND customer_id = '$top'
          AND status NOT IN ('cancelled', 'refunded') AND total_minor - amount_paid_minor >= 10000
          ORDER BY id LIMIT 500" > "$data/top_open_orders.txt"
  # The last full UTC month.
  echo "$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m-01T00:00:00Z) $(date -u +%Y-%m-01T00:00:00Z)" \
    > "$data/stats_month.txt"
}

# SCENARIO CONNECTIONS TARGET_P95_MS WHAT: one measured run tagged for the report.
measure_order_route() {
  measure_wrk service "$api_url" "$1" "$2" \
    "$(jq -nc --arg what "$4" --argjson target "$3" '{step: "orders", what: $what, target_p95_ms: $target}')"
}

scale_orders() {
  local level=32 figures
  case " $levels " in *" 32 "*) ;; *) level=${levels%% *} ;; esac
  order_lists || { echo "bench/run: the orders step needs the main business seeded with orders (--orders)" >&2; return 0; }
  figures=$(sql -c "SELECT json_build_object('orders', count(*), 'customers_with_orders', count(DISTINCT customer_id),
                      'top_customer_orders', (SELECT order_count FROM customers WHERE id = '$(cat "$data/top_customer.txt")'))
                    FROM orders WHERE business_id = '$main'")
  say "orders: $(jq -r '"\(.orders) orders of \(.customers_with_orders) customers; the top customer has \(.top_customer_orders)"' <<< "$figures")"
  jq -c '{kind: "orders_data", step: "orders"} + .' <<< "$figures" >> "$results"
  say "orders: capturing the service's statements ($captures requests a route)"
  sql -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 0.5
  local s
  for s in order_create order_pay analytics analytics_top get_orders list_ltv; do
    capture_scenario "$s"
  done
  # Stats read every customer of the business (seconds at a million with every statement
  # logged): 20 requests are enough for the plans.
  captures=20 capture_scenario stats
  sql -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
  pgbench_script order_create order_create
  say "orders: each route at $level connections (the top customer's writes at 1)"
  measure_order_route order_create "$level" 10 "create order"
  measure_order_route order_pay "$level" 10 "payment"
  measure_order_route analytics "$level" 20 "analytics of a customer with orders"
  measure_order_route analytics_top "$level" 20 "analytics of the customer with the most orders"
  measure_order_route stats "$level" 50 "stats for a month"
  measure_order_route get_buyer "$level" null "get-by-id of a customer with orders"
  measure_order_route get_orders "$level" null "get-by-id with include=orders"
  measure_order_route list_ltv "$level" null "listing by lifetimeValue (descending)"
  measure_order_route order_create_top 1 10 "create order for the customer with the most orders"
  if [ -s "$data/top_open_orders.txt" ]; then
    measure_order_route order_pay_top 1 10 "payment on an order of the customer with the most orders"
  fi
  say "orders: pgbench running the service's statements of an order create"
  pgbench_fields='{"step":"orders"}' measure_pgbench order_create "$level" order_create@1
}
