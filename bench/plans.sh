#!/usr/bin/env bash
# Query plans at scale (issue 3's check): EXPLAIN (ANALYZE, BUFFERS) of the statements the
# service ran during the last bench/run, with the very parameters it sent, on bench/run's
# database (1,000,000 customers in the main business by default):
#
#   bench/run                                  # or bench/run --reuse ...: loads and captures
#   bench/plans.sh > docs/plans-at-scale.md
#
# bench/run records every statement of 300 requests a scenario with its parameters
# (bench/var/capture/*.rec, see bench/lib/capture.awk). For get, lookup, list and the deep
# cursor this takes the first captured request; for search, one request of each sequence of
# statements the service ran (the ways search can go: prefix only, gather, walk, walk then
# gather), and it prints each statement's plan with the parameters written in as literals (as
# the service's unnamed statements are planned: for their values). Each statement runs twice
# and the second, warm run is shown. Statements that only plan (EXPLAIN) or write are left
# out. The first line of the summary says whether any plan has a sequential scan of
# customers or customer_search. Starts bench/run's PostgreSQL if it is not running, and
# stops it again.
set -euo pipefail
cd "$(dirname "$0")/.."
var=bench/var
capture=$var/capture
pg=$var/pg
pg_bin=/usr/lib/postgresql/15/bin
[ -f "$capture/search.rec" ] || { echo "bench/plans.sh: run bench/run first (no $capture/search.rec)" >&2; exit 1; }

# shellcheck source=bench/lib/bench_pg.sh
. bench/lib/bench_pg.sh
bench_pg_start
stop() { bench_pg_stop; }
trap stop EXIT
db="postgresql:///customer_api?host=$PWD/$pg/socket&port=5499&user=capi"

# The statements of the chosen requests of a .rec file, $n replaced by the logged literal
# (cast kept), one per record: "<group>\037<position>\037<sql>". Groups: "first" (the
# first request) or "each-sequence" (the first request of each distinct sequence).
statements() {  # REC CHOICE
  awk -F'\037' -v choice="$2" -f bench/lib/rec_statements.awk "$1"
}

kind_of() {  # SQL -> what the statement is, for the headings
  case "$1" in
    *"AS walked"*) echo "search: walk of the name index (bounded)" ;;
    *"OFFSET 0) AS matches"*) echo "search: gather of the trigram matches" ;;
    *"FROM customer_search WHERE business_id = "*) echo "search: name prefix" ;;
    *"email_tokens @>"*"hit_id"*) echo "search: email words" ;;
    *"AND (email_index = "*) echo "search: exact email or phone" ;;
    *"count(*)"*) echo "listing: total (counted up to the cap)" ;;
    *"::text = 'all'"*"LIMIT"*) echo "listing: the page" ;;
    *"email_index = "*) echo "lookup by email" ;;
    *"phone_index = "*) echo "lookup by phone" ;;
    *"AND id = "*) echo "get by id (with contacts)" ;;
    *) echo "statement" ;;
  esac
}

# TIMING OFF: timing every row of every node costs a clock read per row, which on this
# virtual machine doubles the time of a statement that reads 20,000 index entries; the
# execution time stays exact, the plan shows rows, loops and buffers.
# Both runs in one session: a new backend's first touches of the shared buffers are page
# faults, which would be timed too (the service's connections live long).
explain() {  # SQL -> the warm plan
  local sql="EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) $1"
  psql "$db" -qAtX -v ON_ERROR_STOP=1 -c "$sql" -c '\echo -- warm --' -c "$sql" |
    sed '1,/^-- warm --$/d'
}

body=$(mktemp)
trap 'rm -f "$body"; stop' EXIT
seq_scans=0
rows=()
for scenario in get lookup list cursor search; do
  choice=first
  [ "$scenario" = search ] && choice=each-sequence
  [ -f "$capture/$scenario.rec" ] || continue
  while IFS=$'\037' read -r group position sql; do
    case "$sql" in EXPLAIN*|INSERT*|UPDATE*|DELETE*|BEGIN|COMMIT|ROLLBACK) continue ;; esac
    kind=$(kind_of "$sql")
    plan=$(explain "$sql")
    ms=$(sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' <<< "$plan")
    if grep -Eq "Seq Scan on (customers|customer_search)" <<< "$plan"; then seq_scans=$((seq_scans + 1)); fi
    rows+=("| $scenario | $kind | $ms |")
    {
      printf '### %s, request %s, statement %s: %s (%s ms)\n\n' "$scenario" "$group" "$position" "$kind" "$ms"
      printf '```sql\n%s\n```\n\n```\n%s\n```\n\n' "$(fold -s -w 100 <<< "$sql")" "$plan"
    } >> "$body"
  done < <(statements "$capture/$scenario.rec" "$choice")
done

customers=$(psql "$db" -qAtX -c "SELECT to_char(count(*), 'FM9,999,999,999') FROM customers
  WHERE business_id = (SELECT business_id FROM customers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)")
active=$(psql "$db" -qAtX -c "SELECT to_char(count(*), 'FM9,999,999,999') FROM customer_search
  WHERE business_id = (SELECT business_id FROM customers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)")
cat <<EOF
# Customers at scale: query plans

Issue 3's check, made by \`bench/plans.sh\` on $(date -u +%Y-%m-%d) from the database of the last
\`bench/run\`: one business of $customers customers ($active active; 1,000,000 loaded by
\`customer-api seed\` with realistic names in many scripts, 10% soft-deleted, the rest created
by the benchmark's runs) beside 9 smaller ones; PostgreSQL 15 with bench/run's settings. Each
plan is the statement the service ran for a captured request, with the parameters it sent
written in, \`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)\`, second (warm) run.

## Summary

- Sequential scans of \`customers\` or \`customer_search\` in the plans below: **$seq_scans**.
- Execution time of each statement (one at a time; the server-side timings under load are in
  bench/README.md):

| route | statement | ms |
|---|---|---|
$(printf '%s\n' "${rows[@]}")

## Plans

EOF
cat "$body"
# The order routes (bench/run --scale orders), when they were captured.
if [ -f "$capture/order_create.rec" ]; then bash bench/order_plans.sh; fi
