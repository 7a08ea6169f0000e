# bench/run's PostgreSQL (bench/var/pg) for the scripts that read its database after a run
# (plans.sh, order_plans.sh): bench_pg_start starts it when it is not running and remembers
# that it did; bench_pg_stop stops it again only then. Sourced; needs $pg and $pg_bin.
bench_pg_as_postgres=()
[ "$(id -u)" -eq 0 ] && bench_pg_as_postgres=(runuser -u postgres --)
bench_pg_started=0

bench_pg_start() {
  if ! "${bench_pg_as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg/data" status >/dev/null 2>&1; then
    "${bench_pg_as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w \
      -o "-k $PWD/$pg/socket -p 5499" start >/dev/null
    bench_pg_started=1
  fi
}

bench_pg_stop() {
  [ "$bench_pg_started" -eq 0 ] ||
    "${bench_pg_as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null
}
