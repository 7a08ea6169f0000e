#!/usr/bin/env bash
# The typed client of docs/openapi.yaml, end to end: generates the types from the document
# with openapi-typescript, type-checks e2e.ts against them (tsc --noEmit, strict), then runs
# it with tsx against a live server.
#
# Usage: BASE_URL=http://127.0.0.1:8080 API_KEY=$(cat var/demo-key) clients/typescript/e2e.sh [WORK_DIR]
#        clients/typescript/e2e.sh --typecheck-only [WORK_DIR]
# WORK_DIR (default build-docs/typescript-client/) receives a copy of e2e.ts, tsconfig.json and
# package.json, generated/openapi.d.ts, and a node_modules link to docs/node_modules (the
# pinned tools of docs/package-lock.json, installed by scripts/build-docs --deps-only).
# Then `node docs/node_modules/tsx/dist/cli.mjs WORK_DIR/e2e.ts` runs it again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

mode=run
if [ "${1:-}" = --typecheck-only ]; then mode=typecheck; shift; fi
work=${1:-$root/build-docs/typescript-client}

"$root/scripts/build-docs" --deps-only
modules=$root/docs/node_modules

mkdir -p "$work"
rm -rf "$work/generated"
mkdir "$work/generated"
cp "$here/e2e.ts" "$here/tsconfig.json" "$here/package.json" "$work/"
ln -sfn "$modules" "$work/node_modules"

echo "== openapi-typescript docs/openapi.yaml -> $work/generated/openapi.d.ts"
node "$modules/openapi-typescript/bin/cli.js" "$root/docs/openapi.yaml" \
  --output "$work/generated/openapi.d.ts" >"$work/generate.log" 2>&1 ||
  { cat "$work/generate.log"; echo "e2e.sh: openapi-typescript failed on docs/openapi.yaml"; exit 1; }

echo "== tsc --noEmit (strict) e2e.ts"
node "$modules/typescript/bin/tsc" -p "$work/tsconfig.json" ||
  { echo "e2e.sh: e2e.ts does not type-check against the types of docs/openapi.yaml"; exit 1; }
[ "$mode" = typecheck ] && exit 0

: "${BASE_URL:?e2e.sh: set BASE_URL}" "${API_KEY:?e2e.sh: set API_KEY}"
echo "== tsx e2e.ts against $BASE_URL"
exec node "$modules/tsx/dist/cli.mjs" "$work/e2e.ts"
