#!/usr/bin/env bash
# Checks the production nginx site (nginx/customer-api.conf with the shared
# customer-api-http.conf and customer-api-locations.conf) with `nginx -t`, inside a minimal
# top-level nginx.conf and with a throwaway self-signed certificate; then serves a few
# requests with it on loopback ports (TLS 1.2/1.3, HTTP/2, HSTS, the HTTP->HTTPS redirect,
# ACME). Also `nginx -t`s nginx/local.conf.in rendered with dummy values.
#
# Usage: bash nginx_production.sh SOURCE_DIR BINARY_DIR
set -uo pipefail

src=${1:?usage: nginx_production.sh SOURCE_DIR BINARY_DIR}
nginx_dir=$src/nginx

tmp=$(mktemp -d /tmp/capi-nginx-prod.XXXXXX) || exit 1
chmod 0755 "$tmp"     # as root, nginx's workers (nobody) read the docs under it
nginx_pid=
cleanup() {
    [ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for tool in nginx openssl curl; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not found"; exit 1; }
done

# nginx_test CONF: `nginx -t`, failing on any error and on any warning.
nginx_test() {
    local conf=$1 out rc
    out=$(nginx -t -p "$(dirname "$conf")" -c "$conf" 2>&1); rc=$?
    if [ $rc -ne 0 ] || grep -qE '\[(warn|error|crit|alert|emerg)\]' <<<"$out"; then
        fail "nginx -t $conf (exit $rc):"
        echo "$out"
        return 1
    fi
    return 0
}

# --- A throwaway certificate -------------------------------------------------------------
if ! openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
        -subj /CN=localhost -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
        -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>"$tmp/openssl.log"; then
    echo "FAIL: openssl could not make a certificate:"; cat "$tmp/openssl.log"; exit 1
fi

mkdir -p "$tmp/root/docs" "$tmp/acme/.well-known/acme-challenge"
# A token in the page tells our nginx from anything else that may answer on a port.
token=$RANDOM$RANDOM$RANDOM
printf '<!doctype html><title>docs %s</title>\n' "$token" >"$tmp/root/docs/index.html"
printf 'token-123' >"$tmp/acme/.well-known/acme-challenge/token-123"
chmod -R a+rX "$tmp/root" "$tmp/acme"

# --- The production site, rendered for the sandbox ------------------------------------------
# render_production HTTP_PORT HTTPS_PORT: only paths, listen addresses and the upstream socket
# change; every other line is production's.
render_production() {
    local p80=$1 p443=$2 ipv6=()
    if grep -qs '^0\{31\}1 .* lo$' /proc/net/if_inet6; then
        ipv6=(-e "s#listen \[::\]:80;#listen [::1]:$p80;#" -e "s#listen \[::\]:443 #listen [::1]:$p443 #")
    else
        ipv6=(-e '/listen \[::\]:\(80;\|443 \)/d')   # no IPv6 in this sandbox
    fi
    sed -e "s#/etc/ssl/certs/customer-api.crt#$tmp/cert.pem#" \
        -e "s#/etc/ssl/private/customer-api.key#$tmp/key.pem#" \
        -e "s#include snippets/customer-api-locations.conf;#include $nginx_dir/customer-api-locations.conf;#" \
        -e "s#/var/log/nginx/#$tmp/#" \
        -e "s#root /usr/share/customer-api;#root $tmp/root;#" \
        -e "s#root /var/www/acme;#root $tmp/acme;#" \
        -e "s#unix:/run/customer-api/fcgi.sock#unix:$tmp/no-app.sock#" \
        -e "s#listen 80;#listen 127.0.0.1:$p80;#" \
        -e "s#listen 443 #listen 127.0.0.1:$p443 #" \
        "${ipv6[@]}" \
        "$nginx_dir/customer-api.conf" >"$tmp/customer-api.conf"

    # Every rewrite above must have happened: a line that changed shape in the site would
    # otherwise be tested against the real system (or not at all).
    local leftover
    leftover=$(grep -nE '/etc/ssl|snippets/|/var/log/nginx|/usr/share/customer-api|/var/www/acme|/run/customer-api|listen +(\[::\]:)?(80|443)\b' "$tmp/customer-api.conf" | grep -v '^[0-9]*: *#')
    if [ -n "$leftover" ]; then
        fail "customer-api.conf has lines this test does not know how to rewrite; update the test:"
        echo "$leftover"
    fi
    grep -qE "listen 127\.0\.0\.1:$p443 ssl http2;" "$tmp/customer-api.conf" || fail "no 'listen 443 ssl http2' in customer-api.conf"
    grep -qE '^ *ssl_protocols TLSv1\.2 TLSv1\.3;' "$tmp/customer-api.conf" || fail "ssl_protocols is not 'TLSv1.2 TLSv1.3'"
    grep -qE '^ *ssl_session_tickets off;' "$tmp/customer-api.conf" || fail "ssl_session_tickets is not off"

    cat >"$tmp/nginx.conf" <<EOF
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events {}
http {
    client_body_temp_path $tmp/client_body_temp;
    fastcgi_temp_path $tmp/fastcgi_temp;
    proxy_temp_path $tmp/proxy_temp;
    uwsgi_temp_path $tmp/uwsgi_temp;
    scgi_temp_path $tmp/scgi_temp;
    include $nginx_dir/customer-api-http.conf;
    include $tmp/customer-api.conf;
}
EOF
}

# --- nginx -t, then start it on free ports ---------------------------------------------
started=
for attempt in 1 2 3 4 5 6 7 8; do
    p80=$((20000 + RANDOM % 40000)); p443=$((p80 + 1))
    render_production "$p80" "$p443"
    out=$(nginx -t -p "$tmp" -c "$tmp/nginx.conf" 2>&1)
    grep -q 'Address already in use' <<<"$out" && continue
    nginx_test "$tmp/nginx.conf" || break
    : >"$tmp/stderr"
    nginx -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off;' 2>>"$tmp/stderr" &
    nginx_pid=$!
    for i in $(seq 50); do
        kill -0 "$nginx_pid" 2>/dev/null || break
        if curl -sk "https://127.0.0.1:$p443/docs/" 2>/dev/null | grep -q "docs $token"; then started=yes; break; fi
        sleep 0.1
    done
    [ -n "$started" ] && break
    kill -TERM "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; nginx_pid=
    grep -q 'Address already in use' "$tmp/stderr" && continue
    fail "nginx with the production site did not start or did not answer HTTPS:"; cat "$tmp/stderr" "$tmp/error.log" 2>/dev/null
    break
done

if [ -n "$started" ]; then
    # HTTPS, HTTP/2, HSTS, the JSON 503 when no worker answers.
    h=$tmp/h2.headers
    out=$(curl -sk --http2 -H 'X-Request-ID: prod-1' -D "$h" -o "$tmp/h2.body" \
        -w '%{http_code} %{http_version}' "https://127.0.0.1:$p443/v1/customers")
    [ "$out" = "503 2" ] || fail "https /v1/customers: '$out', expected '503 2' (a JSON 503 over HTTP/2)"
    grep -qi '^strict-transport-security: max-age=[0-9]\{8,\}' "$h" || fail "https: no Strict-Transport-Security"
    grep -qi '^x-request-id: prod-1' "$h" || fail "https: X-Request-ID not echoed"
    grep -qi '^retry-after: 1' "$h" || fail "https: no Retry-After on the 503"
    grep -q '"code":"unavailable"' "$tmp/h2.body" || fail "https: 503 body is not the JSON envelope: $(cat "$tmp/h2.body")"
    grep -qi '^server: nginx.[0-9]' "$h" && fail "https: Server header shows nginx's version"
    out=$(curl -sk -o /dev/null -D "$tmp/docs.headers" -w '%{http_code}' "https://127.0.0.1:$p443/docs/")
    [ "$out" = 200 ] || fail "https /docs/: $out"
    grep -qi '^strict-transport-security:' "$tmp/docs.headers" || fail "https /docs/: no Strict-Transport-Security"
    out=$(curl -sk -o /dev/null -D "$tmp/405.headers" -w '%{http_code}' -X POST -d x "https://127.0.0.1:$p443/docs/")
    [ "$out" = 405 ] && grep -qi '^strict-transport-security:' "$tmp/405.headers" ||
        fail "https POST /docs/: '$out', expected 405 with Strict-Transport-Security"
    # Both TLS versions. (Nothing older: Debian's OpenSSL refuses TLS 1.1 on its own, so
    # that is checked on the configuration below, not on the wire.)
    curl -sk -o /dev/null --tlsv1.2 --tls-max 1.2 "https://127.0.0.1:$p443/docs/" || fail "TLS 1.2 refused"
    curl -sk -o /dev/null --tlsv1.3 "https://127.0.0.1:$p443/docs/" || fail "TLS 1.3 refused"
    # Plain HTTP: redirect, except ACME.
    out=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$p80/v1/customers?x=1")
    [ "$out" = "301 https://127.0.0.1/v1/customers?x=1" ] || fail "http: '$out', expected a 301 to https"
    out=$(curl -s "http://127.0.0.1:$p80/.well-known/acme-challenge/token-123")
    [ "$out" = token-123 ] || fail "http: ACME challenge not served: '$out'"
    kill -QUIT "$nginx_pid"; wait "$nginx_pid" 2>/dev/null; nginx_pid=
    grep -E '\[(error|crit|alert|emerg)\]' "$tmp/error.log" | grep -v 'no-app.sock' | grep -q . &&
        { fail "unexpected errors in nginx's error log:"; grep -E '\[(error|crit|alert|emerg)\]' "$tmp/error.log"; }
fi

# --- local.conf.in with dummy values ------------------------------------------------------
mkdir -p "$tmp/local"
sed -e "s#@PORT@#$((20000 + RANDOM % 40000))#g" -e "s#@SOCKET@#$tmp/local/app.sock#g" \
    -e "s#@PREFIX@#$tmp/local#g" -e "s#@NGINX_DIR@#$nginx_dir#g" -e "s#@DOCS_ROOT@#$tmp/root#g" \
    "$nginx_dir/local.conf.in" >"$tmp/local/nginx.conf"
if grep -n '@[A-Z_]*@' "$tmp/local/nginx.conf"; then
    fail "local.conf.in has placeholders beyond @PORT@ @SOCKET@ @PREFIX@ @NGINX_DIR@ @DOCS_ROOT@"
fi
grep -q '^[[:space:]]*daemon' "$tmp/local/nginx.conf" && fail "local.conf.in sets daemon (it is run with -g 'daemon off;')"
nginx_test "$tmp/local/nginx.conf"

if [ "$failures" -ne 0 ]; then
    echo "nginx_production: $failures check(s) failed"
    exit 1
fi
echo "nginx_production: all checks passed"
