#!/usr/bin/env bash
# The sample file of `customer-api seed --ids-out` (JSON: customers[] with id, email, phone,
# name; nameFragments[]) as the one-value-a-line lists that bench/scenarios.lua reads:
# ids.txt, emails.txt, phones.txt, fragments.txt.
#   bench/lib/ids_from_seed.sh IDS_JSON DIR
set -euo pipefail
json=$1
dir=$2
jq -r '.customers[].id' "$json" > "$dir/ids.txt"
jq -r '.customers[].email' "$json" > "$dir/emails.txt"
jq -r '.customers[].phone | select(. != null)' "$json" > "$dir/phones.txt"
jq -r '.nameFragments[]' "$json" > "$dir/fragments.txt"
