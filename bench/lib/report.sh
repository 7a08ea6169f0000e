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
  | "Worker RSS (VmRSS), start of the measured runs -> end (\(.runs | map(select(.kind == "service")) | map(.requests) | add) requests measured): "
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
  | (if $get and $b then
       verdict($get.rps >= 0.9 * $b.rps; "get-by-id \($get.rps | round) req/s = \(r($get.rps / $b.rps))% of (b) \($b.rps | round) at \($c) connections (target >= 90%)"),
       verdict($get.p99_ms <= 1.5 * $b.p99_ms; "get-by-id p99 \($get.p99_ms) ms = \($get.p99_ms / $b.p99_ms * 100 | round / 100)x (b)'"'"'s \($b.p99_ms) ms (target <= 1.5x)")
     else empty end),
    (if $create and $insert then
       verdict($create.rps >= 0.7 * $insert.tps; "create \($create.rps | round) req/s = \(r($create.rps / $insert.tps))% of pgbench INSERT \($insert.tps | round) tps at \($c) connections (target >= 70%)")
     else empty end),
    (.server_timings[] | select(.connections == $c and (.scenario | IN("list", "cursor", "lookup", "search")))
     | .scenario as $s | .routes | max_by(.requests)
     | verdict(.p95_ms <= 20; "\($s): server-side p95 \(.p95_ms) ms for \(.route) at \($c) connections (target <= 20 ms)")),
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
