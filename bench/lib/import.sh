# Bulk import through nginx (issue 13's scale figure): ROWS customers as NDJSON requests of
# BATCH rows each into a business of their own, made for the run. Sourced by bench/run.
#
# bench_import BIN URL ROWS BATCH DIR: writes the request bodies under DIR, sends them one
# after another with curl, checks that every row was created, and prints one JSON line:
#   {"kind":"import","rows":R,"requests":N,"seconds":S,"rowsPerSecond":X,"bodyBytes":B,
#    "slowestRequestSeconds":T}
# Time is wall time at the client (curl's time_total, upload included), body generation not
# counted.

bench_import_rows() {  # FIRST COUNT SALT: NDJSON customers, unique by SALT and row number
  awk -v first="$1" -v count="$2" -v salt="$3" 'BEGIN {
    split("Wanjiru Otieno Achieng Kamau Njeri Mwangi Akinyi Odhiambo Wambui Kiprop", given, " ")
    split("Traders Hardware Pharmacy Foods Textiles Motors Supplies Electronics", trade, " ")
    split("Nairobi Mombasa Kisumu Nakuru Eldoret Thika", city, " ")
    for (i = first; i < first + count; i++) {
      name = given[i % 10 + 1] " " given[int(i / 10) % 10 + 1] " " i
      row = sprintf("{\"name\":\"%s\",\"email\":\"imp%d.%d@bench-import.example\",", name, salt, i)
      row = row sprintf("\"phone\":\"+25471%07d\"", i)
      if (i % 3 == 0) {
        row = row sprintf(",\"type\":\"business\",\"companyName\":\"%s %s %d\"", given[i % 10 + 1],
                          trade[i % 8 + 1], i)
      }
      if (i % 2 == 0) {
        row = row sprintf(",\"billingAddress\":{\"line1\":\"%d Moi Avenue\",\"city\":\"%s\",\"country\":\"KE\"}",
                          i % 900 + 1, city[i % 6 + 1])
      }
      if (i % 4 == 0) row = row sprintf(",\"tags\":[\"wholesale\",\"t%d\"]", i % 7)
      if (i % 5 == 0) row = row ",\"notes\":\"Imported from the shop\",\"creditLimit\":50000"
      if (i % 7 == 0) row = row sprintf(",\"metadata\":{\"source\":\"shop\",\"ref\":\"R%d\"}", i)
      print row ",\"segment\":\"imported\",\"paymentTerms\":\"net_15\"}"
    }
  }'
}

bench_import() {  # BIN URL ROWS BATCH DIR
  local bin=$1 url=$2 rows=$3 batch=$4 dir=$5
  local business key salt requests=0 total=0 bytes=0 slowest=0 file answer seconds created
  mkdir -p "$dir"
  salt=$(date +%s)
  business=$("$bin" business create --name "Bench Import Shop $salt" --currency KES --country KE)
  key=$("$bin" key create --business "$business" --rate-limit 1000000000 | tail -n1)
  for ((first = 0; first < rows; first += batch)); do
    file="$dir/import-$first.ndjson"
    bench_import_rows "$first" "$(( rows - first < batch ? rows - first : batch ))" "$salt" > "$file"
  done
  for ((first = 0; first < rows; first += batch)); do
    file="$dir/import-$first.ndjson"
    seconds=$(curl -s -o "$dir/answer.json" -w '%{time_total}' \
      -H "Authorization: Bearer $key" -H 'Content-Type: application/x-ndjson' \
      --data-binary @"$file" "$url/v1/customers/import")
    created=$(jq -r '.data.totals.created // 0' "$dir/answer.json" 2>/dev/null || echo 0)
    if [ "$created" != "$(wc -l < "$file")" ]; then
      echo "bench_import: a request created $created of $(wc -l < "$file") rows:" >&2
      head -c 600 "$dir/answer.json" >&2
      echo >&2
      return 1
    fi
    requests=$((requests + 1))
    bytes=$((bytes + $(stat -c %s "$file")))
    total=$(awk -v a="$total" -v b="$seconds" 'BEGIN { printf "%.6f", a + b }')
    slowest=$(awk -v a="$slowest" -v b="$seconds" 'BEGIN { print (b > a ? b : a) }')
  done
  jq -nc --argjson rows "$rows" --argjson requests "$requests" --argjson seconds "$total" \
    --argjson bytes "$bytes" --argjson slowest "$slowest" \
    '{kind: "import", rows: $rows, requests: $requests, seconds: $seconds,
      rowsPerSecond: (if $seconds > 0 then ($rows / $seconds | floor) else 0 end),
      bodyBytes: $bytes, slowestRequestSeconds: $slowest}'
}
