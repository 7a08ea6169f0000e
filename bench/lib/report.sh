#!/usr/bin/env bash
# Prints the tables of one bench/run result file (bench/results/<date>.json):
#   bench/lib/report.sh bench/results/<date>.json [--markdown]
# Throughput and client latency of every run next to its ceilings, the service's own
# per-route timings, worker memory, start-up, and the targets met or missed.
set -euo pipefail
file=$1
markdown=0
[ "${2:-}" = --markdown ] && markdown=1

table() {  # TSV on stdin, first line the header
  if [ "$markdown" -eq 1 ]; then
    awk -F '\t' '{ line = "|"; for (i = 1; i <= NF; i++) line = line " " $i " |"; print line
                   if (NR == 1) { line = "|"; for (i = 1; i <= NF; i++) line = line "---|"; print line } }'
  else
    awk -F '\t' '{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) }
                   if (NF > cols) cols = NF }
                 END { for (r = 1; r <= NR; r++) { line = ""
                         for (i = 1; i <= cols; i++) line = line sprintf("%-" w[i] + 2 "s", cell[r, i])
                         sub(/ +$/, "", line); print line } }'
  fi
}

# Issue #13's scale steps (bench/run --scale): what the bookkeeping costs, as pairs of the
# same scenario with and without it (cost: req/s without less req/s with, as a share of
# without; the mean of the rounds, then each round).
bookkeeping_defs='
  def pairs: [
    {name: "get-by-id, rate-limit bookkeeping", with: ["get", "on"], without: ["get", "off"]},
    {name: "create, rate-limit bookkeeping", with: ["create", "on"], without: ["create", "off"]},
    {name: "create, idempotency bookkeeping (Idempotency-Key, rate limits on)", with: ["create_keyed", "on"], without: ["create", "on"]},
    {name: "create, both (key + rate limits) against neither", with: ["create_keyed", "on"], without: ["create", "off"]}];
  def mean(xs): if (xs | length) > 0 then (xs | add / length) else null end;
  def cost(with; without): if with != null and without != null and without > 0 then (without - with) / without * 100 else null end;
  def pct1: if . == null then "?" else "\(. * 10 | round / 10)%" end;
  def costs: (.bookkeeping.runs // []) as $r
    | def of(side; round; field): mean($r | map(select(.kind == "service" and .scenario == side[0] and .rate_limits == side[1]
                                                  and (round == null or .round == round)) | .[field] // empty));
      def rps(side; round): of(side; round; "rps");
    ($r | map(.round) | unique) as $rounds
    | pairs[] | . as $pair
    | {name, with_rps: rps($pair.with; null), without_rps: rps($pair.without; null),
       with_cpu: of($pair.with; null; "worker_cpu_us_per_request"), without_cpu: of($pair.without; null; "worker_cpu_us_per_request"),
       with_db: of($pair.with; null; "db_cpu_us_per_request"), without_db: of($pair.without; null; "db_cpu_us_per_request"),
       rounds: [$rounds[] as $n | cost(rps($pair.with; $n); rps($pair.without; $n))]}
    | select(.with_rps != null and .without_rps != null)
    | . + {cost: cost(.with_rps; .without_rps)};'

jq -r '"customer-api bench, \(.date): \(.conditions.customers_main_business) customers in the main business (\(.conditions.loader)), \(.conditions.workers) workers, \(.conditions.duration_s) s a run after \(.conditions.warmup_s) s of warm-up; \(.machine.cores) cores (\(.machine.cpu)), \(.machine.memory)"' "$file"
echo
jq -r '
  def pct(a; b): if (a // 0) > 0 and (b // 0) > 0 then "\(a / b * 100 | round)%" else "" end;
  def f1: if . == null then "" else (. * 10 | round / 10 | tostring) end;
  def f2: if . == null then "" else (. * 100 | round / 100 | tostring) end;
  def cpu: [(.worker_cpu_us_per_request // "" | tostring), (.worker_cswitches_per_request // "" | tostring),
             (.db_cpu_us_per_request // "" | tostring)];
  .runs as $runs
  | ["scenario", "conns", "req/s", "p50 ms", "p99 ms", "non-2xx", "worker CPU us/req",
     "worker cs/req", "db CPU us/req", "vs (a) transport", "vs (b) query", "(c) pgbench tps", "vs (c)"],
    ($runs | map(.connections) | unique[] as $c
     | ($runs | map(select(.connections == $c)) | map({key: "\(.kind)/\(.scenario)", value: .}) | from_entries) as $at
     | $at["empty/empty"] as $a | $at["query/empty"] as $b
     | (if $a then ["(a) empty responder", $c, ($a.rps | f1), ($a.p50_ms | f2), ($a.p99_ms | f2), $a.non2xx + $a.socket_errors] + ($a | cpu) + ["", "", "", ""] else empty end),
       (if $b then ["(b) one PK SELECT", $c, ($b.rps | f1), ($b.p50_ms | f2), ($b.p99_ms | f2), $b.non2xx + $b.socket_errors] + ($b | cpu) + [pct($b.rps; $a.rps), "", "", ""] else empty end),
       ($runs[] | select(.connections == $c and .kind == "service")
        | (if .scenario == "create" then $at["pgbench/create_insert"] else $at["pgbench/\(.scenario)"] end) as $pg
        | [.scenario, $c, (.rps | f1), (.p50_ms | f2), (.p99_ms | f2), (.non2xx + .socket_errors)] + cpu
          + [pct(.rps; $a.rps), (if .scenario == "get" then pct(.rps; $b.rps) else "" end),
           ($pg.tps | f1), pct(.rps; $pg.tps)]))
  | map(tostring) | @tsv' "$file" | table
echo
echo "(c) is pgbench -M prepared running the statements the service ran for one such request (create: the INSERT alone), with as many clients as the service has workers. Worker CPU and context switches: the pool's workers (not nginx); db CPU: their PostgreSQL sessions; per request."
echo
echo "Server-side (durationMs of the service's access log) per route:"
jq -r '["scenario", "conns", "route", "requests", "p50 ms", "p95 ms", "p99 ms"],
       (.server_timings[] | .scenario as $s | .connections as $c | .routes[]
        | [$s, $c, .route, .requests, .p50_ms, .p95_ms, .p99_ms]) | map(tostring) | @tsv' "$file" | table
echo
jq -r '(.rss | first) as $first_rss | (.rss | last) as $last_rss
  | "Worker RSS (VmRSS), start of the measured runs -> end (\(.runs | map(select(.kind == "service")) | map(.requests) | add // 0) requests measured): "
    + ([$first_rss.workers[] as $w | ($last_rss.workers[] | select(.pid == $w.pid)) as $e
        | "pid \($w.pid) \($w.kB) -> \($e.kB) kB (\($e.kB - $w.kB | if . >= 0 then "+\(.)" else tostring end))"] | join(", "))
    + (if ($first_rss.workers | map(.pid) | sort) != ($last_rss.workers | map(.pid) | sort) then "; the workers changed during the run" else "" end)' "$file"
jq -r 'select((.soak.requests // 0) > 0 and .soak.result == null) | .soak as $soak | ($soak.rss | first) as $a | ($soak.rss | last) as $z
  | "Soak (get-by-id at 32 connections, \($soak.requests) requests): "
    + ([$a.workers[] as $w | ($z.workers[] | select(.pid == $w.pid)) as $e
        | "pid \($w.pid) \($w.kB) -> \($e.kB) kB (\($e.kB - $w.kB | if . >= 0 then "+\(.)" else tostring end))"] | join(", "))' "$file"
# The mixed soak (--soak MINUTES): its answers, then each worker's RSS at every sample.
jq -r 'select(.soak.result.requests != null) | .soak as $soak | $soak.result as $r
  | "Soak (mixed traffic with hostile requests, 32 connections, \($soak.minutes) min): \($r.requests) requests, \($r.rps | round) req/s, p99 \($r.p99_ms) ms; answers 2xx \($r.status["2xx"]), 4xx \($r.status["4xx"]), 5xx \($r.status["5xx"]), other \($r.status.other + $r.status["3xx"]); socket errors \($r.socket_errors)",
    "Worker RSS over the soak (kB):",
    ($soak.rss[] | "  \(.label | ltrimstr("soak ") | (" " * (6 - length)) + .)  " + ([.workers[] | "\(.pid):\(.kB)"] | join("  ")))' "$file"
# The scale steps: throughput steps one row each; the bookkeeping runs next to their ceilings,
# then what it costs.
if jq -e '(.scale // []) | length > 0' "$file" >/dev/null; then
  echo
  echo "Scale (rows counted as received, against the active customers of the business):"
  jq -r '["step", "what", "rows", "expected", "seconds", "rows/s", "target rows/s", "CPU us/row (db)", "memory kB: before -> peak (growth)", ""],
    (.scale[] | [.step, .what, .rows, .expected_rows, .seconds, .rows_per_s, .target_rows_per_s,
       (if (.worker.workers_gone // []) != [] then ""
        elif .worker_cpu_us_per_row then "\(.worker_cpu_us_per_row) (\(.db_cpu_us_per_row))"
        elif .process_cpu_us_per_row then "\(.process_cpu_us_per_row)" else "" end),
       (if (.worker.workers_gone // []) != [] then "worker \(.worker.workers_gone | map(tostring) | join(", ")) gone during the export"
        elif .worker then "worker \(.worker.pid): \(.worker.rss_before_kB) -> \(.worker.peak_kB) (+\(.worker.growth_kB))"
        elif .process_max_rss_kB then "process peak \(.process_max_rss_kB)" else "" end),
       ([(if .rows != .expected_rows then "INCOMPLETE (http \(.http_status // "-"), curl \(.curl_exit // "-"), exit \(.exit // "-"))" else empty end),
         (if (.unreadable_rows // 0) > 0 then "\(.unreadable_rows) rows with fields that do not decrypt" else empty end)] | join("; "))])
    | map(tostring) | @tsv' "$file" | table
fi
if jq -e '(.bookkeeping.runs // []) | length > 0' "$file" >/dev/null; then
  echo
  echo "Bookkeeping: get-by-id, create and create with an Idempotency-Key, rate limits on and off (each side on a pool started for it):"
  jq -r '
    def pct(a; b): if (a // 0) > 0 and (b // 0) > 0 then "\(a / b * 100 | round)%" else "" end;
    def f1: if . == null then "" else (. * 10 | round / 10 | tostring) end;
    def f2: if . == null then "" else (. * 100 | round / 100 | tostring) end;
    .bookkeeping as $k
    | ["round", "rate limits", "scenario", "conns", "req/s", "p50 ms", "p99 ms", "non-2xx", "worker CPU us/req",
       "db CPU us/req", "server p50 ms", "server p95 ms", "vs (a) transport", "vs (b) query"],
      ($k.runs | map(.round) | unique[] as $round
       | ($k.runs | map(select(.round == $round))) as $in
       | ($in | map(select(.kind == "empty")) | first) as $a | ($in | map(select(.kind == "query")) | first) as $b
       | (if $a then [$round, "", "(a) empty responder", $a.connections, ($a.rps | f1), ($a.p50_ms | f2), ($a.p99_ms | f2),
                      $a.non2xx + $a.socket_errors, $a.worker_cpu_us_per_request, $a.db_cpu_us_per_request, "", "", "", ""] else empty end),
         (if $b then [$round, "", "(b) one PK SELECT", $b.connections, ($b.rps | f1), ($b.p50_ms | f2), ($b.p99_ms | f2),
                      $b.non2xx + $b.socket_errors, $b.worker_cpu_us_per_request, $b.db_cpu_us_per_request, "", "", pct($b.rps; $a.rps), ""] else empty end),
         ($in[] | select(.kind == "service") | . as $run
          | ($k.server_timings | map(select(.round == $round and .rate_limits == $run.rate_limits and .scenario == $run.scenario))
             | first | .routes // [] | max_by(.requests)) as $server
          | [$round, .rate_limits, .scenario, .connections, (.rps | f1), (.p50_ms | f2), (.p99_ms | f2), .non2xx + .socket_errors,
             .worker_cpu_us_per_request, .db_cpu_us_per_request, ($server.p50_ms // ""), ($server.p95_ms // ""),
             pct(.rps; $a.rps), (if .scenario == "get" then pct(.rps; $b.rps) else "" end)]))
    | map(if . == null then "" else tostring end) | @tsv' "$file" | table
  echo
  echo "What the bookkeeping costs (req/s without it less req/s with it, as a share of without; mean of the rounds, then each round):"
  jq -r "$bookkeeping_defs"' costs
    | "  \(.name): \(.with_rps | round) req/s with, \(.without_rps | round) without: \(.cost | pct1) (rounds: \(.rounds | map(pct1) | join(", ")));"
      + " worker CPU \(.with_cpu // 0 | round) vs \(.without_cpu // 0 | round) us/req, db CPU \(.with_db // 0 | round) vs \(.without_db // 0 | round) us/req"' "$file"
fi
jq -r '"Start-up (customer-api serve to /readyz 200): \(.startup_ms | map("\(.) ms") | join(", "))"' "$file"
echo
echo "Targets:"
jq -r '
  def at32: (.runs | map(.connections) | unique) as $l | if ($l | index(32)) then 32 else $l[(($l | length) / 2 | floor)] end;
  at32 as $c | .runs as $runs
  | def run(k; s): $runs | map(select(.kind == k and .scenario == s and .connections == $c)) | first;
  def verdict(ok; text): (if ok then "  met     " else "  MISSED  " end) + text;
  def r(x): x * 100 | round;
  run("service"; "get") as $get | run("query"; "empty") as $b
  | run("service"; "create") as $create | run("pgbench"; "create_insert") as $insert
  | run("service"; "search") as $search | run("pgbench"; "search_ilike") as $ilike
  | (if $get and $b then
       verdict($get.rps >= 0.9 * $b.rps; "get-by-id \($get.rps | round) req/s = \(r($get.rps / $b.rps))% of (b) \($b.rps | round) at \($c) connections (target >= 90%)"),
       verdict($get.p99_ms <= 1.5 * $b.p99_ms; "get-by-id p99 \($get.p99_ms) ms = \($get.p99_ms / $b.p99_ms * 100 | round / 100)x (b)'"'"'s \($b.p99_ms) ms (target <= 1.5x)")
     else empty end),
    (if $create and $insert then
       verdict($create.rps >= 0.7 * $insert.tps; "create \($create.rps | round) req/s = \(r($create.rps / $insert.tps))% of pgbench INSERT \($insert.tps | round) tps at \($c) connections (target >= 70%)")
     else empty end),
    (if $search and $ilike then
       verdict($search.rps >= $ilike.tps; "search \($search.rps | round) req/s = \(r($search.rps / $ilike.tps))% of a plain ILIKE '"'"'%q%'"'"' LIMIT 50 on the same fragments (pgbench, \($ilike.tps | round) tps) at \($c) connections (target >= 100%)")
     else empty end),
    (.server_timings[] | select(.connections == $c and (.scenario | IN("list", "cursor", "lookup", "search")))
     | .scenario as $s | (if $s == "search" then 10 else 20 end) as $limit | .routes | max_by(.requests)
     | verdict(.p95_ms <= $limit; "\($s): server-side p95 \(.p95_ms) ms for \(.route) at \($c) connections (target <= \($limit) ms)")),
    ((.rss | first) as $first_rss | (.rss | last) as $last_rss
     | [$first_rss.workers[] as $w | ($last_rss.workers[] | select(.pid == $w.pid)) | .kB - $w.kB] | max as $growth
     | if $growth == null then "  ?       worker RSS: no worker lived through the run"
       else verdict($growth < 1024; "worker RSS growth at most \($growth) kB over the run (target < 1 MB)") end),
    (select((.soak.requests // 0) > 0 and .soak.result == null) | .soak as $soak | ($soak.rss | first) as $a | ($soak.rss | last) as $z
     | [$a.workers[] as $w | ($z.workers[] | select(.pid == $w.pid)) | .kB - $w.kB] | max as $growth
     | if $growth == null then "  ?       worker RSS: no worker lived through the soak"
       else verdict($growth < 1024; "worker RSS growth at most \($growth) kB over \($soak.requests) requests of the soak (target < 1 MB over 1,000,000)") end),
    (select(.soak.result.requests != null) | .soak as $soak | $soak.result as $r
     | verdict($r.socket_errors == 0; "soak: \($r.socket_errors) socket errors (target 0)"),
       verdict($r.status["5xx"] == 0; "soak: \($r.status["5xx"]) answers 5xx among \($r.requests) (target 0)"),
       # Flat after the first minute: each worker from its first sample at 60 s or later to
       # the last sample.
       (($soak.rss | map(select(.label | ltrimstr("soak ") | rtrimstr("s") | tonumber >= 60)) | first) as $a
        | ($soak.rss | last) as $z
        | [$a.workers[]? as $w | ($z.workers[] | select(.pid == $w.pid)) | .kB - $w.kB] | max as $growth
        | if $growth == null then "  ?       soak: no worker lived from the first minute to the end"
          else verdict($growth < 1024; "soak: worker RSS growth at most \($growth) kB from \($a.label | ltrimstr("soak ")) to the end (target: flat, < 1 MB)") end)),
    (.startup_ms | max as $m | verdict($m < 1000; "start-up at most \($m) ms (target < 1 s)"))' "$file"
# The scale targets of issue #13 (reported, not asserted: bench/run never fails on them).
jq -r "$bookkeeping_defs"'
  def verdict(ok; text): (if ok then "  met     " else "  MISSED  " end) + text;
  (.scale // [])[] as $s
  | if $s.step == "export" then
      verdict($s.rows_per_s >= $s.target_rows_per_s and $s.rows == $s.expected_rows;
              "\($s.what): \($s.rows_per_s) rows/s, \($s.rows) of \($s.expected_rows) rows (target >= \($s.target_rows_per_s) rows/s)"),
      (if $s.worker and ($s.worker.workers_gone // []) == [] then verdict($s.worker.growth_kB < $s.target_rss_growth_kB;
              "\($s.what): serving worker RSS +\($s.worker.growth_kB) kB at its peak (target < \($s.target_rss_growth_kB / 1024) MB)") else empty end)
    elif $s.target_rows_per_s then
      verdict($s.rows_per_s >= $s.target_rows_per_s and $s.rows == $s.expected_rows;
              "\($s.what): \($s.rows_per_s) rows/s, \($s.rows) of \($s.expected_rows) rows (target >= \($s.target_rows_per_s) rows/s)")
    else empty end' "$file"
jq -r "$bookkeeping_defs"'
  def verdict(ok; text): (if ok then "  met     " else "  MISSED  " end) + text;
  costs | verdict(.cost < 5; "\(.name) costs \(.cost | pct1) of throughput (target < 5%; rounds: \(.rounds | map(pct1) | join(", ")))")' "$file"
# Issue #12's orders at scale (bench/run --scale orders): each order route's server-side p95
# next to its target, and order create against pgbench running its statements.
if jq -e '(.orders.runs // []) | length > 0' "$file" >/dev/null; then
  echo
  jq -r '.orders as $o | "Orders at scale: \($o.data.orders // "?") orders of \($o.data.customers_with_orders // "?") customers in the main business, the top customer \($o.data.top_customer_orders // "?") (seeded \($o.seeded) in \($o.seed_seconds // "?") s with the customers):"' "$file"
  jq -r '
    def f1: if . == null then "" else (. * 10 | round / 10 | tostring) end;
    .orders as $o
    | ["route", "conns", "req/s", "p99 ms (client)", "non-2xx", "server route", "server p50 ms", "server p95 ms", "target p95 ms"],
      ($o.runs[] | select(.kind == "service") | . as $run
       | ($o.server_timings | map(select(.scenario == $run.scenario and .connections == $run.connections)) | first | .routes // []
          | max_by(.requests)) as $server
       | [.what, .connections, (.rps | f1), .p99_ms, .non2xx + .socket_errors, ($server.route // ""), ($server.p50_ms // ""),
          ($server.p95_ms // ""), (.target_p95_ms // "")])
    | map(if . == null then "" else tostring end) | @tsv' "$file" | table
  echo
  echo "Orders targets (reported, never asserted):"
  jq -r '
    def verdict(ok; text): (if ok then "  met     " else "  MISSED  " end) + text;
    .orders as $o
    | def p95(s): $o.server_timings | map(select(.scenario == s)) | first | .routes // [] | max_by(.requests) | .p95_ms;
      def run(s): $o.runs | map(select(.kind == "service" and .scenario == s)) | first;
    ($o.runs[] | select(.kind == "service" and .target_p95_ms != null) | . as $r | p95($r.scenario) as $p
     | if $p == null then "  ?       \($r.what): no server timing" else
       verdict($p <= $r.target_p95_ms; "\($r.what): server-side p95 \($p) ms at \($r.connections) connections (target <= \($r.target_p95_ms) ms)") end),
    (if p95("get_orders") and p95("get_buyer") then
       (p95("get_orders") - p95("get_buyer")) as $d
       | verdict($d <= 1; "include=orders adds \($d * 1000 | round / 1000) ms to get-by-id p95 (\(p95("get_buyer")) -> \(p95("get_orders")) ms; target <= 1 ms)")
     else empty end),
    (run("order_create") as $c | ($o.runs | map(select(.kind == "pgbench" and .scenario == "order_create")) | first) as $p
     | if $c and $p and $p.tps > 0 then
         verdict($c.rps >= 0.7 * $p.tps; "order create \($c.rps | round) req/s = \($c.rps / $p.tps * 100 | round)% of pgbench running its statements, \($p.tps | round) tps (\($p.failed) failed) at \($c.connections) connections, \($p.clients) clients (target >= 70%)")
       else "  ?       order create vs pgbench: no pgbench result" end)' "$file"
fi
