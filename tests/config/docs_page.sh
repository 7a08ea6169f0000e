#!/usr/bin/env bash
# The API reference as a person sees it. Builds the page with scripts/build-docs into
# BINARY_DIR/docs-page/docs/, serves it through nginx/local.conf.in (the production includes)
# on a free loopback port (no FastCGI app: /docs/ is static), and checks:
#   - /docs/ is the built page (text/html), /docs/openapi.yaml is the document byte for byte
#     (application/yaml), /docs redirects to /docs/;
#   - headless Chromium renders it: the title is info.title, Redoc's DOM is there and its
#     script ran in the page (under the page's real Content-Security-Policy), no script error
#     and nothing blocked but Redoc's remote footer logo, and every operation of
#     docs/openapi.yaml (its operationId anchor and its summary) is on the page;
#   - a screenshot (BINARY_DIR/docs-page/docs.png, 1280x2000) is a real picture.
# The rendered DOM and Chromium's log are kept beside the screenshot.
#
# Usage: bash docs_page.sh SOURCE_DIR BINARY_DIR
set -uo pipefail

src=${1:?usage: docs_page.sh SOURCE_DIR BINARY_DIR}
bin=${2:?usage: docs_page.sh SOURCE_DIR BINARY_DIR}
out=$bin/docs-page

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for tool in node nginx curl chromium; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (scripts/install-deps installs it)"; exit 1; }
done

tmp=$(mktemp -d /tmp/capi-docs-page.XXXXXX) || exit 1
chmod 0755 "$tmp"
nginx_pid=
cleanup() {
    [ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

rm -rf "$out"
mkdir -p "$out"
"$src/scripts/build-docs" "$out/docs" || { echo "FAIL: scripts/build-docs failed"; exit 1; }

# The docs root, readable by anyone (as root, nginx's workers run as nobody).
mkdir -p "$tmp/root" "$tmp/prefix"
cp -r "$out/docs" "$tmp/root/docs"
chmod -R a+rX "$tmp/root"
chmod 0755 "$tmp/prefix"

# nginx on a free port; the document coming back byte for byte tells our nginx from any
# other server that may answer on that port.
started=
for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    sed -e "s#@PORT@#$port#g" -e "s#@SOCKET@#$tmp/no-app.sock#g" -e "s#@PREFIX@#$tmp/prefix#g" \
        -e "s#@NGINX_DIR@#$src/nginx#g" -e "s#@DOCS_ROOT@#$tmp/root#g" \
        "$src/nginx/local.conf.in" >"$tmp/prefix/nginx.conf"
    nginx -p "$tmp/prefix" -c "$tmp/prefix/nginx.conf" -g 'daemon off;' 2>>"$tmp/prefix/stderr" &
    nginx_pid=$!
    for _ in $(seq 50); do
        kill -0 "$nginx_pid" 2>/dev/null || break
        if curl -s -o "$tmp/probe" "http://127.0.0.1:$port/docs/openapi.yaml" 2>/dev/null &&
            cmp -s "$tmp/probe" "$src/docs/openapi.yaml"; then
            started=1
            break
        fi
        sleep 0.1
    done
    [ -n "$started" ] && break
    kill -TERM "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; nginx_pid=
    grep -q 'Address already in use' "$tmp/prefix/stderr" "$tmp/prefix/error.log" 2>/dev/null && continue
    break
done
if [ -z "$started" ]; then
    echo "FAIL: nginx did not start:"; cat "$tmp/prefix/stderr" "$tmp/prefix/error.log" 2>/dev/null
    exit 1
fi
url=http://127.0.0.1:$port

# --- What nginx serves -------------------------------------------------------------------
# req NAME PATH: body in $tmp/NAME.body, headers in $tmp/NAME.headers, status in $status.
req() {
    status=$(curl -s -o "$tmp/$1.body" -D "$tmp/$1.headers" -w '%{http_code}' "$url$2")
}
header() { grep -i "^$2:" "$tmp/$1.headers" | head -n1 | sed -e 's/^[^:]*: *//' -e 's/\r$//'; }

req page /docs/
[ "$status" = 200 ] || fail "/docs/: status $status, expected 200"
[ "$(header page Content-Type)" = "text/html; charset=utf-8" ] ||
    fail "/docs/: Content-Type '$(header page Content-Type)'"
cmp -s "$tmp/page.body" "$out/docs/index.html" || fail "/docs/ is not the page scripts/build-docs built"
# Self-contained: no script from a CDN (or from anywhere: Redoc's bundle is inline).
grep -Eio '<script[^>]*src=[^>]*>' "$tmp/page.body" >"$tmp/scripts" &&
    fail "/docs/ loads scripts: $(tr '\n' ' ' <"$tmp/scripts")"
grep -Eio '<(script|link)[^>]*(https?:)?//[^>]*(cdn|unpkg|jsdelivr)[^>]*>' "$tmp/page.body" >"$tmp/cdn" &&
    fail "/docs/ loads from a CDN: $(tr '\n' ' ' <"$tmp/cdn")"

req spec /docs/openapi.yaml
[ "$status" = 200 ] || fail "/docs/openapi.yaml: status $status, expected 200"
header spec Content-Type | grep -q '^application/yaml' ||
    fail "/docs/openapi.yaml: Content-Type '$(header spec Content-Type)'"
cmp -s "$tmp/spec.body" "$src/docs/openapi.yaml" || fail "/docs/openapi.yaml is not docs/openapi.yaml"

req redirect /docs
[ "$status" = 301 ] || fail "/docs: status $status, expected 301"
[ "$(header redirect Location)" = /docs/ ] || fail "/docs: Location '$(header redirect Location)', expected /docs/"

# --- What a browser shows --------------------------------------------------------------------
# A throwaway profile, no background traffic; the virtual time budget lets the page's
# scripts run to completion before the DOM is dumped or the picture taken.
chrome() {
    timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --user-data-dir="$tmp/profile" --no-first-run --no-default-browser-check \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-default-apps --disable-extensions --hide-scrollbars \
        --enable-logging=stderr --v=0 --virtual-time-budget=15000 "$@"
}

chrome --dump-dom "$url/docs/" >"$out/dom.html" 2>"$out/chromium-dom.log" ||
    fail "chromium --dump-dom failed: $(tail -n 5 "$out/chromium-dom.log")"

# Problems the page reported in the browser console: script errors, and anything the page's
# Content-Security-Policy blocked, but for Redoc's footer logo (an <img> from Redoc's own
# site, hidden when it does not load).
grep 'CONSOLE' "$out/chromium-dom.log" | grep -v 'cdn.redoc.ly/redoc/logo-mini.svg' |
    grep -E 'Uncaught|Error|violates' >"$tmp/console" &&
    fail "the page reported problems in the browser console:"$'\n'"$(cat "$tmp/console")"

# Redoc's own warnings about the document (not failures; worth a look).
grep 'CONSOLE' "$out/chromium-dom.log" | grep -v -E 'Uncaught|Error|violates' |
    sed -e 's/^[^"]*"/note: the page says: "/' -e 's/", source: .*$/"/'

# The DOM against the document: node reads the YAML with the pinned js-yaml.
NODE_PATH=$src/docs/node_modules node - "$src/docs/openapi.yaml" "$out/dom.html" <<'NODE' || failures=$((failures + 1))
const fs = require('fs');
const yaml = require('js-yaml');
const [specPath, domPath] = process.argv.slice(2);
const spec = yaml.load(fs.readFileSync(specPath, 'utf8'));
const dom = fs.readFileSync(domPath, 'utf8');
const problems = [];
const escapeHtml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const title = spec.info && spec.info.title;
if (!dom.includes(`<title>${escapeHtml(title)}</title>`)) problems.push(`the page's title is not info.title "${title}"`);
if (!/<div id="redoc"[^>]*>\s*<div class=/.test(dom)) problems.push("Redoc's DOM (#redoc) is missing or empty");
// Redoc's own bundle inserts this style element when its script runs in the page.
if (!dom.includes('data-styled="active"')) problems.push("Redoc's script did not run in the page");

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
let count = 0;
for (const [path, item] of Object.entries(spec.paths || {})) {
  for (const method of methods) {
    const op = item && item[method];
    if (!op) continue;
    count++;
    const name = `${method.toUpperCase()} ${path}`;
    if (!op.operationId && !op.summary) { problems.push(`${name}: neither operationId nor summary to find it by`); continue; }
    if (op.operationId && !new RegExp(`id="(tag/[^"]*/)?operation/${escapeRe(op.operationId)}"`).test(dom)) {
      problems.push(`${name}: no section for operationId ${op.operationId}`);
    }
    if (op.summary && !dom.includes(escapeHtml(op.summary))) problems.push(`${name}: summary "${op.summary}" not on the page`);
  }
}
if (count === 0) problems.push('docs/openapi.yaml has no operations');
for (const p of problems) console.log(`FAIL: ${p}`);
if (problems.length === 0) console.log(`docs_page: all ${count} operations are on the rendered page`);
process.exit(problems.length === 0 ? 0 : 1);
NODE

rm -f "$out/docs.png"
chrome --window-size=1280,2000 --screenshot="$out/docs.png" "$url/docs/" >"$out/chromium-screenshot.log" 2>&1 ||
    fail "chromium --screenshot failed: $(tail -n 5 "$out/chromium-screenshot.log")"
if [ -f "$out/docs.png" ]; then
    # A PNG of 1280x2000 (IHDR) with enough in it to be a page, not a blank.
    node -e '
        const b = require("fs").readFileSync(process.argv[1]);
        const png = b.subarray(1, 4).toString() === "PNG";
        const w = b.readUInt32BE(16), h = b.readUInt32BE(20);
        if (!png || w !== 1280 || h !== 2000 || b.length < 40000) {
          console.log(`FAIL: screenshot: png=${png} ${w}x${h}, ${b.length} bytes`); process.exit(1);
        }
        console.log(`docs_page: screenshot ${process.argv[1]} (${w}x${h}, ${b.length} bytes)`);
    ' "$out/docs.png" || failures=$((failures + 1))
else
    fail "no screenshot at $out/docs.png"
fi

if [ "$failures" -ne 0 ]; then
    echo "docs_page: $failures check(s) failed (DOM and logs in $out)"
    exit 1
fi
echo "docs_page: all checks passed"
