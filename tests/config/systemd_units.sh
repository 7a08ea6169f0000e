#!/usr/bin/env bash
# Checks systemd/:
#   - `systemd-analyze verify` of the three units: any message at all is a failure (it
#     reports unknown keys and bad values as warnings with exit status 0);
#   - `systemd-analyze security --offline` of the services stays at "OK" exposure;
#   - the directives the design asks for are there, with their values (last assignment
#     wins, as in systemd), so that dropping or weakening one fails;
#   - the units agree with each other, with nginx/ and with the sample configuration;
#   - the sysusers file parses; the sample configuration documents every key.
# Needs no running systemd (PID 1 may be anything): unit files are verified offline.
#
# Usage: bash systemd_units.sh SOURCE_DIR BINARY_DIR
set -uo pipefail

src=${1:?usage: systemd_units.sh SOURCE_DIR BINARY_DIR}
bin=${2:-}
sd=$src/systemd

tmp=$(mktemp -d /tmp/capi-systemd.XXXXXX) || exit 1
chmod 0755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

command -v systemd-analyze >/dev/null || { echo "FAIL: systemd-analyze not found"; exit 1; }
# Messages to the terminal, whatever this process's stderr is (else they may go to the
# journal or kmsg and the test would see nothing).
export SYSTEMD_LOG_TARGET=console SYSTEMD_LOG_LEVEL=info SYSTEMD_LOG_COLOR=0

units=(customer-api.socket customer-api.service customer-api-migrate.service)
services=(customer-api.service customer-api-migrate.service)
for u in "${units[@]}"; do
    [ -f "$sd/$u" ] || { echo "FAIL: $sd/$u is missing"; exit 1; }
done

# --- systemd-analyze verify ------------------------------------------------------------
# /usr/bin/customer-api is not installed here: point ExecStart at the built binary if there
# is one, else at /bin/true (verify checks that the program exists and is executable).
exe=/bin/true
[ -n "$bin" ] && [ -x "$bin/customer-api" ] && exe=$bin/customer-api
mkdir "$tmp/units"
for u in "${units[@]}"; do
    sed "s#^ExecStart=/usr/bin/customer-api #ExecStart=$exe #" "$sd/$u" >"$tmp/units/$u"
done
chmod -R a+rX "$tmp/units"
for u in "${services[@]}"; do
    grep -q "^ExecStart=$exe " "$tmp/units/$u" ||
        fail "$u: ExecStart is not /usr/bin/customer-api ...; update this test"
done

# Messages that are not about our units and may appear on some hosts.
expected_re='^$'
verify_out=$(cd "$tmp/units" && systemd-analyze --man=no verify "${units[@]/#/./}" 2>&1)
verify_rc=$?
unexpected=$(grep -vE "$expected_re" <<<"$verify_out")
if [ $verify_rc -ne 0 ] || [ -n "$unexpected" ]; then
    fail "systemd-analyze verify (exit $verify_rc):"
    echo "$verify_out"
fi

# --- systemd-analyze security (offline): overall exposure at most 2.0 ("OK") ------------------
for u in "${services[@]}"; do
    if ! out=$(systemd-analyze security --offline=yes --threshold=20 "$tmp/units/$u" 2>&1); then
        fail "$u: exposure above 2.0 in systemd-analyze security:"
        grep -E '^✗|Overall' <<<"$out"
    fi
done

# --- Directives ---------------------------------------------------------------------------
# last_value FILE KEY: the value of the last assignment of KEY (systemd's rule for most
# settings), or "<unset>".
last_value() {
    local v
    v=$(grep -E "^[[:space:]]*$2[[:space:]]*=" "$1" | tail -n1)
    [ -n "$v" ] && sed -E "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*//; s/[[:space:]]+$//" <<<"$v" || echo '<unset>'
}
expect() { # UNIT KEY VALUE
    local got
    got=$(last_value "$sd/$1" "$2")
    [ "$got" = "$3" ] || fail "$1: $2 is '$got', expected '$3'"
}
expect_line() { # UNIT LINE: present verbatim (for list-valued settings)
    grep -qxF -- "$2" "$sd/$1" || fail "$1: missing '$2'"
}

sandbox=(
    NoNewPrivileges=yes
    CapabilityBoundingSet=
    AmbientCapabilities=
    ProtectSystem=strict
    ProtectHome=yes
    PrivateTmp=yes
    PrivateDevices=yes
    ProtectKernelTunables=yes
    ProtectKernelModules=yes
    ProtectKernelLogs=yes
    ProtectControlGroups=yes
    ProtectClock=yes
    ProtectHostname=yes
    "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"
    RestrictNamespaces=yes
    RestrictRealtime=yes
    RestrictSUIDSGID=yes
    LockPersonality=yes
    MemoryDenyWriteExecute=yes
    SystemCallArchitectures=native
    UMask=0077
    User=customer-api
    Group=customer-api
)
for u in "${services[@]}"; do
    for kv in "${sandbox[@]}"; do expect "$u" "${kv%%=*}" "${kv#*=}"; done
    expect_line "$u" SystemCallFilter=@system-service
    expect_line "$u" EnvironmentFile=-/etc/customer-api/customer-api.env
    expect "$u" DynamicUser '<unset>'
    for k in "ProtectSystem=(no|false|yes|full)" "NoNewPrivileges=(no|false)" "MemoryDenyWriteExecute=(no|false)"; do
        grep -qE "^$k\$" "$sd/$u" && fail "$u: has $k"
    done
done

svc=customer-api.service
expect $svc Type notify
expect $svc ExecStart '/usr/bin/customer-api --config /etc/customer-api/customer-api.conf serve'
expect $svc ExecReload '/bin/kill -HUP $MAINPID'
expect $svc KillMode mixed
expect $svc Restart on-failure
expect_line $svc 'LoadCredential=blind-index.key:/etc/customer-api/keys/blind-index.key'
expect_line $svc 'LoadCredential=encryption-1.key:/etc/customer-api/keys/encryption-1.key'
expect_line $svc 'Environment=CUSTOMER_API_KEY_DIR=%d'
expect_line $svc 'Requires=customer-api.socket'
for dep in customer-api.socket postgresql.service network.target; do
    grep -E '^After=' "$sd/$svc" | grep -qw "$dep" || fail "$svc: not After=$dep"
done

sock=customer-api.socket
expect $sock ListenStream /run/customer-api/fcgi.sock
expect $sock SocketUser customer-api
expect $sock SocketGroup www-data
expect $sock SocketMode 0660
expect $sock Backlog 1024
expect $sock Accept '<unset>'

mig=customer-api-migrate.service
expect $mig Type oneshot
expect $mig ExecStart '/usr/bin/customer-api --config /etc/customer-api/customer-api.conf migrate'
expect $mig Before customer-api.service
expect $mig RequiredBy customer-api.service
expect $mig LoadCredential '<unset>'
# The owner's connection string is the migrate unit's alone: the pool must never read it.
expect_line $mig EnvironmentFile=-/etc/customer-api/migrate.env
grep -qE '^EnvironmentFile=.*migrate\.env' "$sd/$svc" && fail "$svc: reads migrate.env (the schema owner's credentials)"

# --- Agreement between files ---------------------------------------------------------------
seconds() { # 45s, 2min, 1m, 500ms, 30 -> whole seconds (rounded up)
    case $1 in
        *ms) echo $(( (${1%ms} + 999) / 1000 )) ;;
        *min) echo $(( ${1%min} * 60 )) ;;
        *m) echo $(( ${1%m} * 60 )) ;;
        *s) echo "${1%s}" ;;
        *) echo "$1" ;;
    esac
}
conf=$sd/customer-api.conf.sample
conf_value() { sed -nE "s/^$1[[:space:]]*=[[:space:]]*(.*[^[:space:]])?[[:space:]]*$/\1/p" "$conf" | tail -n1; }

stop=$(seconds "$(last_value "$sd/$svc" TimeoutStopSec)")
shutdown=$(seconds "$(conf_value shutdown_timeout)")
[[ $stop =~ ^[0-9]+$ && $shutdown =~ ^[0-9]+$ ]] && [ "$stop" -gt "$shutdown" ] ||
    fail "$svc: TimeoutStopSec ($stop s) must exceed shutdown_timeout ($shutdown s) of the sample configuration"

read_timeout=$(sed -nE 's/^[[:space:]]*fastcgi_read_timeout[[:space:]]+([0-9]+[a-z]*);.*/\1/p' "$src/nginx/customer-api-locations.conf" | head -n1)
request=$(seconds "$(conf_value request_timeout)")
[[ -n $read_timeout && $request =~ ^[0-9]+$ ]] && [ "$(seconds "$read_timeout")" -gt "$request" ] ||
    fail "nginx's fastcgi_read_timeout ($read_timeout) must exceed request_timeout ($request s)"

grep -qE "server unix:$(last_value "$sd/$sock" ListenStream);" "$src/nginx/customer-api.conf" ||
    fail "nginx/customer-api.conf's upstream is not the socket unit's ListenStream"
[ "$(conf_value listen)" = systemd ] || fail "customer-api.conf.sample: listen is not 'systemd' (the socket unit hands the socket over)"

# --- The sample configuration documents every key -----------------------------------------
keys=(database_url owner_database_url listen listen_mode workers max_requests request_timeout
      shutdown_timeout queue_timeout key_dir rate_limits rate_limit_default rate_limit_window rate_limit_hosts
      log_level db_statement_timeout
      db_lock_timeout db_idle_in_transaction_timeout db_peer_timeout)
for k in "${keys[@]}"; do
    n=$(grep -nE "^$k[[:space:]]*=" "$conf" | head -n1 | cut -d: -f1)
    if [ -z "$n" ]; then fail "customer-api.conf.sample: no '$k = ...'"; continue; fi
    [ "$n" -gt 1 ] && sed -n "$((n - 1))p" "$conf" | grep -q '^#' ||
        fail "customer-api.conf.sample: '$k' has no comment above it"
done
while IFS= read -r line; do
    k=${line%%[ =]*}
    printf '%s\n' "${keys[@]}" | grep -qxF "$k" || fail "customer-api.conf.sample: unknown key '$k' (add it to this test's list)"
done < <(grep -vE '^[[:space:]]*(#|$)' "$conf")
grep -nE '^[^#].*[[:space:]]#' "$conf" && fail "customer-api.conf.sample: a comment after a value (not a comment for the parser)"

# env_lines FILE: its NAME=value lines, the commented examples too.
env_lines() { grep -vE '^[[:space:]]*$' "$1" | sed -E 's/^#([A-Z])/\1/' | grep -v '^#'; }
env=$sd/customer-api.env.sample
migrate_env=$sd/migrate.env.sample
for file in "$env" "$migrate_env"; do
    base=$(basename "$file")
    [ -f "$file" ] || { fail "$base is missing"; continue; }
    while IFS= read -r line; do
        name=${line%%=*}
        if [[ ! $line =~ ^[A-Z_][A-Z0-9_]*= ]]; then
            fail "$base: not NAME=value: $line"
        elif [[ $name == CUSTOMER_API_* ]]; then
            k=$(tr 'A-Z' 'a-z' <<<"${name#CUSTOMER_API_}")
            printf '%s\n' "${keys[@]}" | grep -qxF "$k" || fail "$base: $name is no configuration key"
        elif [[ $name != PG* ]]; then
            fail "$base: $name is neither CUSTOMER_API_* nor libpq's PG*"
        fi
    done < <(env_lines "$file")
done
env_lines "$migrate_env" | grep -q '^CUSTOMER_API_OWNER_DATABASE_URL=' ||
    fail "migrate.env.sample: no CUSTOMER_API_OWNER_DATABASE_URL"
env_lines "$env" | grep -q '^CUSTOMER_API_OWNER_DATABASE_URL=' &&
    fail "customer-api.env.sample: sets CUSTOMER_API_OWNER_DATABASE_URL (it belongs in migrate.env)"

# --- The built binary accepts the units' command lines, the sample and the environment ----
# For each service: its ExecStart with `check-config` in place of the subcommand, the sample
# configuration, the unit's Environment= (%d: a directory holding the credentials it loads)
# and every variable of the env sample (the commented examples too), in an empty environment.
if [ "$exe" != /bin/true ]; then
    cp "$conf" "$tmp/customer-api.conf"
    for u in "${services[@]}"; do
        env_sample=()
        while IFS= read -r line; do env_sample+=("$line"); done < <(env_lines "$env")
        if [ "$u" = "$mig" ]; then
            while IFS= read -r line; do env_sample+=("$line"); done < <(env_lines "$migrate_env")
        fi
        read -r -a argv <<<"$(last_value "$sd/$u" ExecStart)"
        n=${#argv[@]}
        if [ "$n" -ne 4 ] || [ "${argv[0]}" != /usr/bin/customer-api ] || [ "${argv[1]}" != --config ] ||
            [ "${argv[2]}" != /etc/customer-api/customer-api.conf ]; then
            fail "$u: ExecStart is not '/usr/bin/customer-api --config /etc/customer-api/customer-api.conf <command>'; update this test"
            continue
        fi
        creds=$tmp/credentials-$u
        mkdir -p "$creds"
        while IFS= read -r id; do
            printf '%064d' 0 >"$creds/$id"
        done < <(grep -E '^LoadCredential=' "$sd/$u" | sed -E 's/^LoadCredential=([^:]*).*/\1/')
        unit_env=()
        while IFS= read -r line; do unit_env+=("${line//%d/$creds}"); done \
            < <(grep -E '^Environment=' "$sd/$u" | sed 's/^Environment=//')
        if ! out=$(env -i "${env_sample[@]}" "${unit_env[@]}" \
                "$exe" --config "$tmp/customer-api.conf" check-config 2>&1); then
            fail "$u: the built customer-api refuses its command line, customer-api.conf.sample or the environment:"
            echo "$out"
        fi
        out=$("$exe" --help 2>&1)
        grep -qw -- "${argv[3]}" <<<"$out" || fail "$u: customer-api has no subcommand '${argv[3]}'"
    done
else
    echo "note: no built customer-api in '$bin': the units' command lines were not run"
fi

# --- sysusers -----------------------------------------------------------------------------------
if command -v systemd-sysusers >/dev/null; then
    mkdir -p "$tmp/sysroot/etc"
    if ! out=$(systemd-sysusers --dry-run --root="$tmp/sysroot" "$sd/customer-api.sysusers.conf" 2>&1) ||
        ! grep -q "Creating user 'customer-api'" <<<"$out"; then
        fail "customer-api.sysusers.conf:"; echo "$out"
    fi
fi

if [ "$failures" -ne 0 ]; then
    echo "systemd_units: $failures check(s) failed"
    exit 1
fi
echo "systemd_units: all checks passed"
