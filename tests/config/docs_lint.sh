#!/usr/bin/env bash
# Lints docs/openapi.yaml with Redocly's recommended ruleset (docs/redocly.yaml): any error
# fails; warnings are printed. Installs the pinned tools (npm ci in docs/) when needed.
#
# Usage: bash docs_lint.sh SOURCE_DIR BINARY_DIR
set -uo pipefail
src=${1:?usage: docs_lint.sh SOURCE_DIR BINARY_DIR}

if "$src/scripts/build-docs" --lint-only; then
    echo "docs_lint: docs/openapi.yaml has no lint errors"
else
    echo "FAIL: docs_lint: Redocly lint found errors in docs/openapi.yaml (see above)"
    exit 1
fi
