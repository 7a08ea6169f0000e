#!/usr/bin/env bash
# Query plans of the order routes at scale (issue #12's "Scale"): EXPLAIN (ANALYZE, BUFFERS) of
# the statements the service ran for the requests `bench/run --scale orders` captured, with
# the parameters it sent, on bench/run's database. bench/plans.sh appends this to its output
# when the captures exist (docs/plans-at-scale.md, "Orders at scale"); alone:
#
#   bench/order_plans.sh >> docs/plans-at-scale.md
#
# For each route the first captured request, its statements in order in one transaction that
# is rolled back (the writes' plans are real and nothing stays; the ids the captured INSERTs
# gave are replaced by fresh ones), twice in one session; the second (warm) run is shown. Then the order writes' recompute of
# the customer's figures (order_refresh_figures) for the customer with the most orders.
set -euo pipefail
cd "$(dirname "$0")/.."
var=bench/var
capture=$var/capture
pg=$var/pg
pg_bin=/usr/lib/postgresql/15/bin
[ -f "$capture/order_create.rec" ] || { echo "bench/order_plans.sh: run bench/run --scale orders first" >&2; exit 1; }

# shellcheck source=bench/lib/bench_pg.sh
. bench/lib/bench_pg.sh
bench_pg_start
body=$(mktemp)
stop() {
  rm -f "$body"
  bench_pg_stop
}
trap stop EXIT
db="postgresql:///customer_api?host=$PWD/$pg/socket&port=5499&user=capi"
q() { psql "$db" -qAtX -v ON_ERROR_STOP=1 "$@"; }

explain() {  # SQL -> the warm plan (a write is rolled back)
  local sql="EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) $1"
  q -c "BEGIN" -c "$sql" -c "ROLLBACK" -c '\echo -- warm --' -c "BEGIN" -c "$sql" -c "ROLLBACK" |
    sed '1,/^-- warm --$/d'
}

# A request's statements (one a line) explained in order in one transaction, rolled back,
# twice; prints the warm plans, each after a line "@@ N". The rows a captured write made exist
# already: the ids its INSERTs give (the first literal after VALUES) and generated order
# numbers are replaced by fresh ones in every statement of the request first.
explain_request() {  # FILE
  local file=$1 id fresh script n
  for id in $(grep -Eo "^INSERT INTO (orders|order_payments) \([^)]*\) VALUES \('[0-9a-f]{24}'" "$file" | grep -o "'[0-9a-f]*'$" | tr -d "'"); do
    fresh=$(openssl rand -hex 12)
    sed -i "s/$id/$fresh/g" "$file"
  done
  sed -i "s/'\(SO-[0-9]\{4\}-[0-9]*\)'/'\1-plan'/g" "$file"
  script=$(mktemp)
  for pass in cold warm; do
    echo "BEGIN;"
    [ "$pass" = warm ] && echo '\echo -- warm --'
    n=0
    while IFS= read -r line; do
      n=$((n + 1))
      printf '\\echo @@ %d\nEXPLAIN (ANALYZE, BUFFERS, TIMING OFF) %s;\n' "$n" "$line"
    done < "$file"
    echo "ROLLBACK;"
  done > "$script"
  q -f "$script" | sed '1,/^-- warm --$/d'
  rm -f "$script"
}

kind_of() {  # SQL -> what the statement is
  case "$1" in
    *"FROM customers WHERE business_id = "*"FOR UPDATE"*) echo "the customer, locked" ;;
    *"assign_order_number("*) echo "draw the order's number (sql/013)" ;;
    "INSERT INTO orders"*) echo "insert the order" ;;
    "INSERT INTO order_items"*) echo "insert its items" ;;
    "INSERT INTO order_payments"*) echo "insert the payment" ;;
    "UPDATE customers SET order_count"*) echo "recompute the customer's figures" ;;
    "UPDATE orders"*) echo "update the order" ;;
    *"FROM order_payments"*) echo "the order's payment span" ;;
    *"FROM order_items"*) echo "the order's items" ;;
    *"FROM orders WHERE business_id = "*"AND id = "*"FOR UPDATE"*) echo "the order, locked" ;;
    *"FROM orders WHERE business_id = "*"AND id = "*) echo "the order" ;;
    *"FROM business_customer_figures"*) echo "stats: the business's customers (kept figures)" ;;
    *"sum(new_customers)"*) echo "stats: new customers of the period" ;;
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
request=$(mktemp)
for scenario in order_create order_pay analytics analytics_top stats get_orders list_ltv; do
  [ -f "$capture/$scenario.rec" ] || continue
  awk -F'\037' -v choice=first -f bench/lib/rec_statements.awk "$capture/$scenario.rec" |
    awk -F'\037' '$3 !~ /^(EXPLAIN|BEGIN|COMMIT|ROLLBACK)/ { print $2 "\037" $3 }' > "$request.list"
  cut -d$'\037' -f2 "$request.list" > "$request"
  plans=$(explain_request "$request")
  n=0
  while IFS=$'\037' read -r position sql; do
    n=$((n + 1))
    sql=$(sed -n "${n}p" "$request")
    kind=$(kind_of "$sql")
    plan=$(awk -v n="$n" '/^@@ / { on = ($2 == n); next } on' <<< "$plans")
    ms=$(sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' <<< "$plan")
    rows+=("| $scenario | $position | $kind | $ms |")
    {
      printf '#### %s, statement %s: %s (%s ms)\n\n' "$scenario" "$position" "$kind" "$ms"
      printf '```sql\n%s\n```\n\n```\n%s\n```\n\n' "$(fold -s -w 100 <<< "$sql")" "$plan"
    } >> "$body"
  done < "$request.list"
done
rm -f "$request" "$request.list"

# The recompute of an order write for the customer with the most orders (order_refresh_figures:
# captured from creates and payments before commit 7cc15c2; since then only a PATCH runs it).
business=$(q -c "SELECT business_id FROM orders GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
top=$(q -c "SELECT id FROM customers WHERE business_id = '$business' ORDER BY order_count DESC LIMIT 1")
top_orders=$(q -c "SELECT count(*) FROM orders WHERE customer_id = '$top'")
refresh=$(cat "$capture"/order_*.rec | awk -F'\037' '$1 == "S" && $4 == "order_refresh_figures" { print $5; exit }' |
  sed "s/\$1/'$business'/g; s/\$2/'$top'/g")
refresh_plan="(order_refresh_figures was not captured: creates and payments no longer run it)"
refresh_ms="-"
if [ -n "$refresh" ]; then
  refresh_plan=$(explain "$refresh")
  refresh_ms=$(sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' <<< "$refresh_plan")
fi
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

A PATCH of an order (and, before commit 7cc15c2, every create and payment) runs
\`order_refresh_figures\` for the order's customer. For \`$top\` ($top_orders orders): **$refresh_ms ms**.

\`\`\`sql
$(fold -s -w 100 <<< "$refresh")
\`\`\`

\`\`\`
$refresh_plan
\`\`\`

### Plans

EOF2
cat "$body"
