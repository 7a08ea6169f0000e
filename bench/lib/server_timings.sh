#!/usr/bin/env bash
# The service's own timings per route from its request log lines (one JSON line each, with
# method, route and durationMs) on stdin: a JSON array of
#   {"route": "GET /v1/customers/{id}", "requests": N, "p50_ms": .., "p95_ms": .., "p99_ms": ..}
# (nearest-rank percentiles).
set -euo pipefail
awk '/"msg":"request"/ {
       if (!match($0, /"method":"[A-Z]+"/)) next
       method = substr($0, RSTART + 10, RLENGTH - 11)
       if (!match($0, /"route":"[^"]*"/)) next
       route = substr($0, RSTART + 9, RLENGTH - 10)
       if (!match($0, /"durationMs":[0-9.eE+-]+/)) next
       print method " " route "\t" substr($0, RSTART + 13, RLENGTH - 13)
     }' | LC_ALL=C sort -t $'\t' -k1,1 -k2,2g | awk -F '\t' '
  function rank(p,    i) {
    i = int(p / 100 * n); if (i < p / 100 * n) i++; if (i < 1) i = 1
    return value[i]
  }
  function flush() {
    if (n == 0) return
    printf "%s{\"route\":\"%s\",\"requests\":%d,\"p50_ms\":%s,\"p95_ms\":%s,\"p99_ms\":%s}",
           (printed++ ? "," : ""), key, n, rank(50), rank(95), rank(99)
  }
  BEGIN { printf "[" }
  $1 != key { flush(); key = $1; n = 0 }
  { value[++n] = $2 }
  END { flush(); print "]" }'
