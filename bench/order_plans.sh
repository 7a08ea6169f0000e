#!/usr/bin/env bash
# Query plans of the order routes at scale (issue #12's "Scale"): EXPLAIN (ANALYZE, BUFFERS) of
# the statements the service ran for the requests `bench/run --scale orders` captured, with
# the parameters it sent, on bench/run's database. bench/plans.sh appends this to its output
# when the captures exist (docs/plans-at-scale.md, "Orders at scale"); alone:
#
#   bench/order_plans.sh >> docs/plans-at-scale.md
#
# For each route the first captured request; writes (INSERT, UPDATE) run inside a
# transaction that is rolled back, so the plan is real and nothing stays. Each statement runs
# twice in one session and the second (warm) run is shown. Then the order writes' recompute of
# the customer's figures (order_refresh_figures) for the customer with the most orders.
set -euo pipefail
cd "$(dirname "$0")/.."
var=bench/var
capture=$var/capture
pg=$var/pg
pg_bin=/usr/lib/postgresql/15/bin
[ -f "$capture/order_create.rec" ] || { echo "bench/order_plans.sh: run bench/run --scale orders first" >&2; exit 1; }

as_postgres=()
[ "$(id -u)" -eq 0 ] && as_postgres=(runuser -u postgres --)
started=0
if ! "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg/data" status >/dev/null 2>&1; then
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w \
    -o "-k $PWD/$pg/socket -p 5499" start >/dev/null
  started=1
fi
body=$(mktemp)
stop() {
  rm -f "$body"
  [ "$started" -eq 0 ] || "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null
}
trap stop EXIT
db="postgresql:///customer_api?host=$PWD/$pg/socket&port=5499&user=capi"
q() { psql "$db" -qAtX -v ON_ERROR_STOP=1 "$@"; }

explain() {  # SQL -> the warm plan (a write is rolled back)
  local sql="EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) $1"
  q -c "BEGIN" -c "$sql" -c "ROLLBACK" -c '\echo -- warm --' -c "BEGIN" -c "$sql" -c "ROLLBACK" |
    sed '1,/^-- warm --$/d'
}

kind_of() {  # SQL -> what the statement is
  case "$1" in
    *"FROM customers WHERE business_id = "*"FOR UPDATE"*) echo "the customer, locked" ;;
    *"INSERT INTO order_number_counters"*) echo "next order number" ;;
    *"SELECT count(*) FROM orders WHERE business_id = "*"order_number = "*) echo "order number taken?" ;;
    "INSERT INTO orders"*) echo "insert the order" ;;
    "INSERT INTO order_items"*) echo "insert its items" ;;
    "INSERT INTO order_payments"*) echo "insert the payment" ;;
    "UPDATE customers SET order_count"*) echo "recompute the customer's figures" ;;
    "UPDATE orders"*) echo "update the order" ;;
    *"FROM order_payments"*) echo "the order's payment span" ;;
    *"FROM order_items"*) echo "the order's items" ;;
    *"FROM orders WHERE business_id = "*"AND id = "*"FOR UPDATE"*) echo "the order, locked" ;;
    *"FROM orders WHERE business_id = "*"AND id = "*) echo "the order" ;;
    *"GROUPING SETS"*) echo "stats: the business's customers" ;;
    *"GROUP BY currency"*) echo "stats: revenue of the period" ;;
    *"date_trunc('month'"*) echo "analytics: months" ;;
    *"AS MATERIALIZED"*"order_items"*) echo "analytics: top products" ;;
    *"avg(extract(epoch FROM paid_at"*) echo "analytics: payments" ;;
    *"FROM credit_checks"*) echo "credit checks" ;;
    *"FROM orders WHERE business_id = "*"customer_id = "*"LIMIT"*) echo "the customer's latest orders" ;;
    *"lifetime_value_minor"*"LIMIT"*) echo "listing by lifetimeValue: the page" ;;
    *"count(*)"*) echo "listing: total" ;;
    *"AND id = "*) echo "the customer (with contacts)" ;;
    *) echo "statement" ;;
  esac
}

rows=()
for scenario in order_create order_pay analytics analytics_top stats get_orders list_ltv; do
  [ -f "$capture/$scenario.rec" ] || continue
  while IFS=$'\037' read -r group position sql; do
    case "$sql" in EXPLAIN*|BEGIN|COMMIT|ROLLBACK) continue ;; esac
    kind=$(kind_of "$sql")
    plan=$(explain "$sql")
    ms=$(sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' <<< "$plan")
    rows+=("| $scenario | $position | $kind | $ms |")
    {
      printf '#### %s, statement %s: %s (%s ms)\n\n' "$scenario" "$position" "$kind" "$ms"
      printf '```sql\n%s\n```\n\n```\n%s\n```\n\n' "$(fold -s -w 100 <<< "$sql")" "$plan"
    } >> "$body"
  done < <(awk -F'\037' -v choice=first -f bench/lib/rec_statements.awk "$capture/$scenario.rec")
done

# The recompute of an order write for the customer with the most orders.
business=$(q -c "SELECT business_id FROM orders GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
top=$(q -c "SELECT id FROM customers WHERE business_id = '$business' ORDER BY order_count DESC LIMIT 1")
top_orders=$(q -c "SELECT count(*) FROM orders WHERE customer_id = '$top'")
refresh=$(awk -F'\037' '$1 == "S" && $4 == "order_refresh_figures" { print $5; exit }' "$capture/order_create.rec" |
  sed "s/\$1/'$business'/g; s/\$2/'$top'/g")
refresh_plan=$(explain "$refresh")
refresh_ms=$(sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' <<< "$refresh_plan")
counts=$(q -c "SELECT to_char(count(*), 'FM9,999,999,999') || ' orders, ' ||
                 to_char((SELECT count(*) FROM order_items WHERE business_id = '$business'), 'FM9,999,999,999') || ' items, ' ||
                 to_char((SELECT count(*) FROM order_payments WHERE business_id = '$business'), 'FM9,999,999,999') || ' payments, ' ||
                 to_char((SELECT count(*) FROM customers WHERE business_id = '$business'), 'FM9,999,999,999') || ' customers'
               FROM orders WHERE business_id = '$business'")

cat <<EOF2

# Orders at scale: query plans

Issue #12's check, made by \`bench/order_plans.sh\` on $(date -u +%Y-%m-%d) from the database of
the last \`bench/run --scale orders\`: the main business holds $counts. Each plan is the
statement the service ran for the first captured request of the route, with the parameters it
sent written in, \`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)\`, second (warm) run; writes rolled back.

| route | statement | what | ms |
|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

### The recompute of the customer's figures, for the customer with the most orders

Every order write (create, PATCH, payment) runs \`order_refresh_figures\` for the order's
customer. For \`$top\` ($top_orders orders): **$refresh_ms ms**.

\`\`\`sql
$(fold -s -w 100 <<< "$refresh")
\`\`\`

\`\`\`
$refresh_plan
\`\`\`

### Plans

EOF2
cat "$body"
