#!/usr/bin/env bash
# Serves requests through nginx/local.conf.in (and so through the shared
# customer-api-http.conf and customer-api-locations.conf that production uses) in front of a
# stand-in FastCGI app (fcgi_echo.c, which echoes the params it receives), and checks
# nginx's side of the contract: the FastCGI params, the request id, the body limits,
# nginx's own JSON errors, the security headers, /docs/ and /metrics.
# As root it runs twice: nginx started as root (workers become nobody), then as nobody.
#
# Usage: bash nginx_local.sh SOURCE_DIR BINARY_DIR
set -uo pipefail

src=${1:?usage: nginx_local.sh SOURCE_DIR BINARY_DIR}
nginx_dir=$src/nginx

# Short path: a unix socket path must stay under 108 bytes.
tmp=$(mktemp -d /tmp/capi-nginx-local.XXXXXX) || exit 1
chmod 0755 "$tmp"
nginx_pid=
echo_pid=
cleanup() {
    [ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    [ -n "$echo_pid" ] && kill -TERM "$echo_pid" 2>/dev/null && wait "$echo_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

failures=0
pass_name=
fail() { echo "FAIL [$pass_name]: $*"; failures=$((failures + 1)); }

for tool in nginx curl cc; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not found"; exit 1; }
done

if ! cc -O1 -o "$tmp/fcgi_echo" "$src/tests/config/fcgi_echo.c" -lfcgi 2>"$tmp/cc.log"; then
    echo "FAIL: cannot build the stand-in app (libfcgi-dev missing?):"; cat "$tmp/cc.log"; exit 1
fi

# Documentation root, readable by anyone (workers run as nobody when started as root).
mkdir -p "$tmp/root/docs"
# A token in the page tells our nginx from anything else that may answer on a port.
token=$RANDOM$RANDOM$RANDOM
printf '<!doctype html><title>docs %s</title>\n' "$token" >"$tmp/root/docs/index.html"
printf 'openapi: 3.1.0\n' >"$tmp/root/docs/openapi.yaml"
chmod -R a+rX "$tmp/root"

# Big bodies, made once.
head -c $((1536 * 1024)) /dev/zero | tr '\0' 'a' >"$tmp/body-1.5m"
head -c $((2 * 1024 * 1024 + 1)) /dev/zero | tr '\0' 'a' >"$tmp/body-2m+1"
head -c $((3 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$tmp/body-3m"
head -c $((17 * 1024 * 1024 + 1)) /dev/zero | tr '\0' 'a' >"$tmp/body-17m+1"

render() { # prefix port socket
    sed -e "s#@PORT@#$2#g" -e "s#@SOCKET@#$3#g" -e "s#@PREFIX@#$1#g" \
        -e "s#@NGINX_DIR@#$nginx_dir#g" -e "s#@DOCS_ROOT@#$tmp/root#g" \
        "$nginx_dir/local.conf.in" >"$1/nginx.conf"
    if grep -n '@[A-Z_]*@' "$1/nginx.conf"; then
        fail "local.conf.in has placeholders beyond @PORT@ @SOCKET@ @PREFIX@ @NGINX_DIR@ @DOCS_ROOT@"
    fi
}

# start_nginx PREFIX [RUN_AS...]: picks a free port, sets $port and $nginx_pid.
start_nginx() {
    local prefix=$1; shift
    local attempt
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        render "$prefix" "$port" "$tmp/fcgi.sock"
        "$@" nginx -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off;' 2>>"$prefix/stderr" &
        nginx_pid=$!
        local i
        for i in $(seq 50); do
            if ! kill -0 "$nginx_pid" 2>/dev/null; then break; fi
            if curl -s "http://127.0.0.1:$port/docs/" 2>/dev/null | grep -q "docs $token"; then return 0; fi
            sleep 0.1
        done
        wait "$nginx_pid" 2>/dev/null; nginx_pid=
        grep -q 'Address already in use' "$prefix/stderr" "$prefix/error.log" 2>/dev/null && continue
        break
    done
    fail "nginx did not start:"; cat "$prefix/stderr" "$prefix/error.log" 2>/dev/null
    return 1
}

stop_nginx() {
    kill -QUIT "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; nginx_pid=
}

start_echo() {
    "$tmp/fcgi_echo" "$tmp/fcgi.sock" &
    echo_pid=$!
    local i
    for i in $(seq 50); do [ -S "$tmp/fcgi.sock" ] && return 0; sleep 0.1; done
    fail "stand-in app did not start"; return 1
}

# req NAME CURL_ARGS... (path last): response in $tmp/NAME.headers / .body, status in $status.
req() {
    local name=$1; shift
    local n=$(($# - 1))
    local args=("${@:1:$n}") path=${!#}
    status=$(curl -s -o "$tmp/$name.body" -D "$tmp/$name.headers" -w '%{http_code}' \
        "${args[@]}" "http://127.0.0.1:$port$path")
    last=$name
}
header() { # NAME HEADER: the value(s), without CR
    grep -i "^$2:" "$tmp/$1.headers" | sed -e 's/^[^:]*: *//' -e 's/\r$//'
}
header_count() { grep -ci "^$2:" "$tmp/$1.headers"; }
param() { grep "^$2=" "$tmp/$1.body" | head -n1 | cut -d= -f2-; }
has_param() { grep -q "^$2=" "$tmp/$1.body"; }

expect_status() {
    [ "$status" = "$1" ] || fail "$last: status $status, expected $1 ($(head -c 300 "$tmp/$last.body"))"
}
expect_param() { # NAME PARAM VALUE
    local got
    got=$(param "$1" "$2")
    has_param "$1" "$2" || { fail "$1: app did not receive $2"; return; }
    [ "$got" = "$3" ] || fail "$1: $2='$got', expected '$3'"
}
expect_no_param() { has_param "$1" "$2" && fail "$1: app received $2='$(param "$1" "$2")', expected none"; }
expect_header() { # NAME HEADER VALUE
    local got
    got=$(header "$1" "$2")
    [ "$got" = "$3" ] || fail "$1: header $2 '$got', expected '$3'"
}

# Headers every response must carry.
expect_common_headers() { # NAME
    local name=$1
    [ "$(header_count "$name" X-Request-ID)" = 1 ] ||
        fail "$name: $(header_count "$name" X-Request-ID) X-Request-ID headers, expected exactly 1"
    expect_header "$name" X-Content-Type-Options nosniff
    expect_header "$name" X-Frame-Options DENY
    expect_header "$name" Referrer-Policy no-referrer
    header "$name" Content-Security-Policy | grep -q "frame-ancestors 'none'" ||
        fail "$name: Content-Security-Policy missing or without frame-ancestors 'none'"
    [ "$(header_count "$name" Content-Security-Policy)" = 1 ] || fail "$name: Content-Security-Policy not exactly once"
    [ "$(header_count "$name" Strict-Transport-Security)" = 0 ] || fail "$name: HSTS sent over plain HTTP"
    expect_header "$name" Server nginx
}

# nginx's own error answers: the API envelope. REQUEST_ID: what requestId must be ("" means
# the same as the X-Request-ID header).
expect_json_error() { # NAME STATUS CODE [REQUEST_ID]
    local name=$1 want_status=$2 code=$3 rid=${4:-}
    expect_status "$want_status"
    expect_common_headers "$name"
    expect_header "$name" Content-Type "application/json; charset=utf-8"
    [ -n "$rid" ] || rid=$(header "$name" X-Request-ID)
    local body re
    body=$(cat "$tmp/$name.body")
    re='^\{"success":false,"error":\{"code":"'"$code"'","message":"[^"\\]+"\},"requestId":"([^"\\]+)"\}$'
    if [[ ! $body =~ $re ]]; then
        fail "$name: body is not the $code envelope: $body"
    elif [ "${BASH_REMATCH[1]}" != "$rid" ]; then
        fail "$name: requestId '${BASH_REMATCH[1]}', expected '$rid'"
    fi
}

run_suite() { # PREFIX [RUN_AS...]
    local prefix=$1
    start_nginx "$@" || return

    # --- No app listening: 502 becomes the JSON 503 ---------------------------------------
    rm -f "$tmp/fcgi.sock"
    req down -H 'X-Request-ID: down-1' /v1/customers
    expect_json_error down 503 unavailable down-1
    expect_header down X-Request-ID down-1
    expect_header down Retry-After 1
    req down_ext /v1/customers/report.html      # the extension must not make it text/html
    expect_json_error down_ext 503 unavailable
    # An id that is sane but cannot be written in JSON by nginx: header kept, body falls back.
    req down_quote -H 'X-Request-ID: a"b\c' /v1/customers
    expect_header down_quote X-Request-ID 'a"b\c'
    [[ $(cat "$tmp/down_quote.body") =~ \"requestId\":\"[0-9a-f]{32}\"\}$ ]] ||
        fail "down_quote: body requestId is not nginx's own id: $(cat "$tmp/down_quote.body")"

    start_echo || { stop_nginx; return; }

    # --- The FastCGI params -----------------------------------------------------------------
    req params -H 'X-Request-ID: rid-42' -H 'Authorization: Bearer k1' -H 'X-Tenant-Api-Key: t1' \
        -H 'Proxy: http://evil.example' -H 'If-Match: "3"' '/v1/customers?status=all&q=a%20b'
    expect_status 200
    expect_common_headers params
    expect_header params X-Request-ID rid-42
    expect_param params REQUEST_METHOD GET
    expect_param params REQUEST_URI '/v1/customers?status=all&q=a%20b'
    expect_param params DOCUMENT_URI /v1/customers
    expect_param params QUERY_STRING 'status=all&q=a%20b'
    expect_param params CONTENT_TYPE ''
    expect_param params CONTENT_LENGTH ''
    expect_param params SERVER_PROTOCOL HTTP/1.1
    expect_param params REQUEST_SCHEME http
    expect_param params REMOTE_ADDR 127.0.0.1
    expect_param params SERVER_NAME localhost
    expect_param params SERVER_PORT "$port"
    expect_param params REQUEST_ID rid-42
    expect_param params HTTP_AUTHORIZATION 'Bearer k1'
    expect_param params HTTP_X_TENANT_API_KEY t1
    expect_param params HTTP_IF_MATCH '"3"'
    expect_param params HTTP_X_REQUEST_ID rid-42
    [[ $(param params REMOTE_PORT) =~ ^[0-9]+$ ]] || fail "params: REMOTE_PORT '$(param params REMOTE_PORT)'"
    expect_no_param params HTTPS
    expect_no_param params HTTP_PROXY
    [ "$(grep -c '^HTTP_AUTHORIZATION=' "$tmp/params.body")" = 1 ] || fail "params: HTTP_AUTHORIZATION not exactly once"
    [ "$(grep -c '^HTTP_X_TENANT_API_KEY=' "$tmp/params.body")" = 1 ] || fail "params: HTTP_X_TENANT_API_KEY not exactly once"

    req noauth /healthz
    expect_status 200
    expect_no_param noauth HTTP_AUTHORIZATION
    expect_no_param noauth HTTP_X_TENANT_API_KEY
    expect_param noauth DOCUMENT_URI /healthz

    req post -H 'Content-Type: application/json' --data-binary '{"name":"x"}' /v1/customers
    expect_status 200
    expect_param post REQUEST_METHOD POST
    expect_param post CONTENT_TYPE application/json
    expect_param post CONTENT_LENGTH 12
    expect_param post BODY_LENGTH 12

    # --- Request id ----------------------------------------------------------------------------
    local id128 id129
    id128=$(printf 'r%.0s' $(seq 128)); id129=${id128}r
    req rid128 -H "X-Request-ID: $id128" /v1/x
    expect_param rid128 REQUEST_ID "$id128"
    expect_header rid128 X-Request-ID "$id128"
    req rid_printable -H 'X-Request-ID: a b~!{}<>"\' /v1/x
    expect_param rid_printable REQUEST_ID 'a b~!{}<>"\'
    local name value
    for name in rid129 rid_tab rid_utf8 rid_empty rid_none; do
        case $name in
            rid129) value=(-H "X-Request-ID: $id129") ;;
            rid_tab) value=(-H "X-Request-ID: a$(printf '\t')b") ;;
            rid_utf8) value=(-H 'X-Request-ID: café') ;;
            rid_empty) value=(-H 'X-Request-ID;') ;;
            rid_none) value=() ;;
        esac
        req "$name" "${value[@]}" /v1/x
        [[ $(param "$name" REQUEST_ID) =~ ^[0-9a-f]{32}$ ]] ||
            fail "$name: REQUEST_ID '$(param "$name" REQUEST_ID)' is not a generated id"
        expect_header "$name" X-Request-ID "$(param "$name" REQUEST_ID)"
    done
    # The app's own X-Request-ID wins and is not doubled.
    req app_rid -H 'X-Request-ID: r2' /echo-with-request-id
    expect_common_headers app_rid
    expect_header app_rid X-Request-ID app-r2

    # --- The app's errors pass through untouched ------------------------------------------
    req app404 /status/404
    expect_status 404
    [ "$(cat "$tmp/app404.body")" = "app 404" ] || fail "app404: nginx replaced the app's answer"
    expect_common_headers app404

    # --- Body limits ---------------------------------------------------------------------------
    req body_ok --data-binary @"$tmp/body-1.5m" /v1/customers
    expect_status 200
    expect_param body_ok BODY_LENGTH $((1536 * 1024))
    req body_chunked -H 'Transfer-Encoding: chunked' --data-binary @"$tmp/body-1.5m" /v1/customers
    expect_status 200
    expect_param body_chunked BODY_LENGTH $((1536 * 1024))
    expect_param body_chunked CONTENT_LENGTH $((1536 * 1024))   # nginx counts a chunked body
    req body_big -H 'X-Request-ID: big-1' --data-binary @"$tmp/body-2m+1" /v1/customers
    expect_json_error body_big 413 payload_too_large big-1
    req body_big_chunked -H 'Transfer-Encoding: chunked' --data-binary @"$tmp/body-2m+1" /v1/customers
    expect_json_error body_big_chunked 413 payload_too_large
    req import_ok --data-binary @"$tmp/body-3m" '/v1/customers/import?mode=upsert'
    expect_status 200
    expect_param import_ok BODY_LENGTH $((3 * 1024 * 1024))
    req import_big --data-binary @"$tmp/body-17m+1" /v1/customers/import
    expect_json_error import_big 413 payload_too_large
    expect_no_param import_ok CAPI_AUTHORIZE_ONLY   # only the authorization subrequest has it
    req import_header -H 'CAPI-Authorize-Only: 1' /v1/customers/import
    expect_no_param import_header CAPI_AUTHORIZE_ONLY   # a client's header is HTTP_* only
    # The authorization subrequest's refusals, each the JSON envelope.
    for refusal in "deny 401 authentication_error" "throttled 429 rate_limited" \
                   "down 503 unavailable"; do
        read -r key want code <<<"$refusal"
        req "import_$key" -H "Authorization: Bearer $key" --data-binary @"$tmp/body-3m" \
            /v1/customers/import
        expect_json_error "import_$key" "$want" "$code"
    done
    # The key is checked before the body is read: an unknown caller that announces 16 MiB
    # and sends none of it is answered at once (else nginx would wait for the body).
    if exec 3<>"/dev/tcp/127.0.0.1/$port"; then
        printf 'POST /v1/customers/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer deny\r\nContent-Type: application/json\r\nContent-Length: 16777216\r\n\r\n' >&3
        if IFS= read -r -t 5 line <&3; then
            [[ $line == "HTTP/1.1 401 "* ]] || fail "import without its body: answered '$line', expected 401"
        else
            fail "import with an unknown key: no answer before the body was sent"
        fi
        exec 3<&-
    else
        fail "cannot connect to 127.0.0.1:$port"
    fi
    [ "$(header import_deny WWW-Authenticate)" = Bearer ] || fail "import 401 without WWW-Authenticate: Bearer"
    [ -n "$(header import_throttled Retry-After)" ] || fail "import 429 without Retry-After"

    # --- /metrics: loopback only -------------------------------------------------------------
    req metrics /metrics
    expect_status 200
    expect_param metrics DOCUMENT_URI /metrics
    if status=$(curl -s --interface 127.0.0.2 -o "$tmp/metrics_remote.body" -D "$tmp/metrics_remote.headers" \
        -w '%{http_code}' "http://127.0.0.1:$port/metrics"); then
        last=metrics_remote
        expect_json_error metrics_remote 404 not_found
    else
        fail "metrics_remote: cannot connect from 127.0.0.2"
    fi

    # --- /docs/ ---------------------------------------------------------------------------------
    req docs /docs/
    expect_status 200
    expect_common_headers docs
    expect_header docs Content-Type 'text/html; charset=utf-8'
    header docs Content-Security-Policy | grep -q "script-src 'self' 'unsafe-inline'" ||
        fail "docs: CSP does not let the docs page run its scripts"
    req openapi /docs/openapi.yaml
    expect_status 200
    expect_common_headers openapi
    header openapi Content-Type | grep -q '^application/yaml' || fail "openapi: Content-Type '$(header openapi Content-Type)'"
    req docs_redirect /docs
    expect_status 301
    expect_common_headers docs_redirect
    expect_header docs_redirect Location /docs/
    req docs_missing /docs/nope.html
    expect_json_error docs_missing 404 not_found
    req docs_post -X POST -d x /docs/
    expect_json_error docs_post 405 method_not_allowed
    expect_header docs_post Allow 'GET, HEAD'
    header params Content-Security-Policy | grep -q "unsafe-inline" && fail "params: the API's CSP allows inline code"

    # --- Malformed requests ---------------------------------------------------------------
    req uri_too_long "/v1/$(printf 'a%.0s' $(seq 10000))"
    expect_json_error uri_too_long 400 bad_request
    req header_too_large -H 'X-Request-ID: hdr-1' -H "X-Big: $(printf 'b%.0s' $(seq 10000))" /v1/x
    expect_json_error header_too_large 400 bad_request hdr-1
    req internal_uri /.customer-api/bad-request
    expect_json_error internal_uri 404 not_found
    if exec 3<>"/dev/tcp/127.0.0.1/$port"; then
        printf 'GET /v1/x HTTP/1.1\r\nHost: localhost\r\nX-Request-ID: bad-1\r\nBad Header\r\n\r\n' >&3
        timeout 5 cat <&3 >"$tmp/bad.raw"
        exec 3<&-
        sed -n '1,/^\r$/p' "$tmp/bad.raw" >"$tmp/bad.headers"
        sed '1,/^\r$/d' "$tmp/bad.raw" >"$tmp/bad.body"
        status=$(head -n1 "$tmp/bad.raw" | cut -d' ' -f2); last=bad
        expect_json_error bad 400 bad_request
    else
        fail "bad: cannot connect"
    fi

    # --- A worker dies mid-request: the JSON 503 -------------------------------------------
    req crash -H 'X-Request-ID: crash-1' /crash
    expect_json_error crash 503 unavailable crash-1
    expect_header crash Retry-After 1
    wait "$echo_pid" 2>/dev/null; echo_pid=

    stop_nginx

    # --- The access log: request ids, never query strings ---------------------------------
    grep -q '"GET /v1/customers HTTP/1.1" 200 .* rid="rid-42"' "$prefix/access.log" ||
        fail "access.log has no line with the path and the request id"
    grep -q 'status=all' "$prefix/access.log" && fail "access.log holds query strings (PII)"
    [ -d "$prefix/client_body_temp" ] || fail "client_body_temp_path is not under the prefix"
}

prefix=$tmp/prefix-self
mkdir -p "$prefix"; chmod 0755 "$prefix"
if [ "$(id -u)" = 0 ]; then
    pass_name="nginx as root, workers as nobody"
    run_suite "$prefix"
    prefix=$tmp/prefix-nobody
    mkdir -p "$prefix"; chown nobody "$prefix"
    pass_name="nginx as nobody"
    run_suite "$prefix" setpriv --reuid=nobody --regid=nogroup --clear-groups
else
    pass_name="nginx as $(id -un)"
    run_suite "$prefix"
fi

if [ "$failures" -ne 0 ]; then
    echo "nginx_local: $failures check(s) failed"
    exit 1
fi
echo "nginx_local: all checks passed"
