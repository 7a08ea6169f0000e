# The statements of chosen requests of a capture (.rec, bench/lib/capture.awk), $n replaced by
# the logged literal (cast kept), one per line: "<group>\037<position>\037<sql>". CHOICE:
# "first" (the first request) or "each-sequence" (the first request of each distinct sequence).
#   awk -F'\037' -v choice=CHOICE -f bench/lib/rec_statements.awk REC
$1 == "S" { sql[$2, $3] = $5; if ($3 > count[$2]) count[$2] = $3; seq[$2] = seq[$2] "," length($5); order[++n] = $2 }
$1 == "P" { value[$2, $3, $4] = $5 }
END {
  for (i = 1; i <= n; i++) {
    g = order[i]
    if (g in done) continue
    done[g] = 1
    if (choice == "first" && picked) break
    if (choice == "each-sequence" && (seq[g] in seen)) continue
    seen[seq[g]] = 1; picked = 1
    for (p = 1; p <= count[g]; p++) {
      text = sql[g, p]; out = ""
      while (match(text, /\$[0-9]+/)) {
        k = substr(text, RSTART + 1, RLENGTH - 1)
        out = out substr(text, 1, RSTART - 1) value[g, p, k]
        text = substr(text, RSTART + RLENGTH)
      }
      printf "%s\037%s\037%s\n", g, p, out text
    }
  }
}
