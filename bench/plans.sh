#!/usr/bin/env bash
# Query plans and server-side timings of the customer routes at scale (issue 3's check).
#
# Runs against the stack of ./scripts/run (var/), after bench/seed_customers.sql has loaded a
# large business into it and a few real customers were created through the API (the seeded
# rows carry undecryptable stand-in ciphertexts; lookups need real blind indexes):
#
#   PORT=8093 ./scripts/run &                       # once it prints URL:
#   set -a; . var/env; set +a
#   psql "$CUSTOMER_API_DATABASE_URL" -v business=$(cat var/demo-business) \
#        -v count=1000000 -f bench/seed_customers.sql
#   bench/plans.sh http://127.0.0.1:8093 > docs/plans-at-scale.md
#
# It turns on auto_explain (ANALYZE, BUFFERS) for new sessions, SIGHUPs the pool so that the
# workers reconnect with it, sends each request REPEAT times, and prints for each route the
# median of the service's own `durationMs` (access log) and the plan of every statement the
# last request ran. auto_explain is switched off again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?usage: bench/plans.sh URL}
repeat=${REPEAT:-11}
key=$(cat var/demo-key)
business=$(cat var/demo-business)
service_log=var/service.log
pg_log=var/pg/server.log
set -a
. var/env
set +a
db=$CUSTOMER_API_DATABASE_URL

sql() { psql "$db" -qAtX -v ON_ERROR_STOP=1 "$@"; }

explain_on() {
  sql -c "LOAD 'auto_explain'" -c "ALTER SYSTEM SET session_preload_libraries = 'auto_explain'" \
    -c "ALTER SYSTEM SET auto_explain.log_min_duration = 0" \
    -c "ALTER SYSTEM SET auto_explain.log_analyze = on" \
    -c "ALTER SYSTEM SET auto_explain.log_buffers = on" -c "SELECT pg_reload_conf()" >/dev/null
}
explain_off() {
  sql -c "ALTER SYSTEM RESET session_preload_libraries" -c "ALTER SYSTEM RESET ALL" \
    -c "SELECT pg_reload_conf()" >/dev/null
  pkill -HUP -f "customer-api serve" || true
}
trap explain_off EXIT
explain_on
pkill -HUP -f "customer-api serve"
sleep 2
# Every worker connects (and prepares its statements) before anything is timed.
for _ in $(seq 1 40); do
  curl -s -o /dev/null -H "Authorization: Bearer $key" "$url/v1/business"
done

# Real customers made through the API (lookups need real blind indexes).
real_id=$(sql -c "SELECT id FROM customers WHERE business_id = '$business' AND name LIKE 'Zawadi%'
                  AND deleted_at IS NULL ORDER BY id LIMIT 1")
[ -n "$real_id" ] || { echo "create a customer named Zawadi… with email zawadi7@example.co.ke first" >&2; exit 1; }
# A cursor half-way down the default order (name, then id): what meta.nextCursor would hold there.
IFS='|' read -r deep_name deep_id < <(sql -F '|' -c "SELECT sort_name, id FROM customers
  WHERE business_id = '$business' AND deleted_at IS NULL ORDER BY sort_name, id OFFSET 500000 LIMIT 1")
cursor=$(printf '[0,false,"%s","%s"]' "$deep_name" "$deep_id" | basenc --base64url -w0 | tr -d '=')
total=$(sql -c "SELECT count(*) FROM customers WHERE business_id = '$business'")

routes=(
  "get by id|/v1/customers/$real_id"
  "lookup by email|/v1/customers/lookup?email=zawadi7@example.co.ke"
  "lookup by phone|/v1/customers/lookup?phone=%2B254722000007"
  "list page 1 (sort=name)|/v1/customers"
  "list page 1 (sort=-createdAt)|/v1/customers?sort=-createdAt"
  "list page 20|/v1/customers?page=20&limit=50"
  "list by cursor at depth 500,000|/v1/customers?cursor=$cursor"
  "list filtered (segment, country)|/v1/customers?segment=vip&country=KE"
  "list with q (3 letters)|/v1/customers?q=wan"
  "search 3 letters, common|/v1/customers/search?q=wan"
  "search 3 letters, rare|/v1/customers/search?q=zaw"
  "search 4 letters|/v1/customers/search?q=ngar"
  "search exact email|/v1/customers/search?q=zawadi7@example.co.ke"
)

echo "# Query plans and server-side timings at scale"
echo
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB;"
echo "one business of $total customers (10% soft-deleted). Produced by \`bench/plans.sh\`."
echo "Server time is the median \`durationMs\` of $repeat requests in the service's access log"
echo "(auth, query, decryption, JSON; auto_explain's own overhead included)."
echo
echo "| route | request | server ms (median) |"
echo "|---|---|---|"
plans=""
for entry in "${routes[@]}"; do
  name=${entry%%|*}
  path=${entry#*|}
  for _ in $(seq 1 "$repeat"); do  # warm-up: caches and each worker's first plan
    curl -s -o /dev/null -H "Authorization: Bearer $key" "$url$path"
  done
  for _ in $(seq 1 "$repeat"); do
    log_mark=$(wc -l < "$pg_log")
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "$url$path")
  done
  sleep 0.3
  median=$(grep -F "\"route\":" "$service_log" | tail -n "$repeat" |
    sed -n 's/.*"durationMs":\([0-9.]*\).*/\1/p' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "| $name | \`GET ${path:0:60}\` → $status | $median |"
  plans+=$'\n'"## $name"$'\n\n'"\`GET $path\`"$'\n\n```\n'
  plans+=$(tail -n +"$((log_mark + 1))" "$pg_log" | awk '
    function flush() { if (block ~ / on customer/) printf "%s", block; block = "" }
    / LOG:  duration: .* plan:$/ { flush(); sub(/^.* LOG:  /, ""); block = $0 "\n"; next }
    / (LOG|ERROR|STATEMENT): / { flush(); next }
    block != "" {
      if ($0 ~ /Query Text:/ && length($0) > 220)
        $0 = substr($0, 1, 100) " … " substr($0, length($0) - 110)
      block = block $0 "\n"
    }
    END { flush() }')
  plans+=$'\n```\n'
done
echo
echo "$plans"
