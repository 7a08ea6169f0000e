# Turns the statements that capture.awk recorded for one scenario into pgbench scripts that
# run the same statements with the same parameters as the service did:
#
#   awk -v name=NAME -v dir=DIR [-v only=REGEX] -f pgbench_script.awk REC REC
#
# The captured requests are grouped by their sequence of statements and NULL parameters (a
# search that fills its page with name-prefix matches runs one statement, others two; a
# customer without a company sends NULL for it). Each group, up to the 20 largest, gets a
# script DIR/NAME.<j>.pgbench and a table bench_NAME_<j> (SQL in DIR/NAME.setup.sql): one
# row per captured request, one text column per parameter. The script picks a row at random,
# reads it into pgbench variables (one small SELECT ... \gset: the only statement the
# service did not run) and runs the service's statements with them bound, under -M prepared:
# prepared once per connection and executed with new values each time, as the service does.
# In an INSERT, a value that every captured request sent differently and that is hex, not a
# decimal number, nor sent by an earlier locking read of the request (the id, the blind
# indexes: unique columns; not the order's customer, locked first) is a fresh random hex
# string of the same length, and a parameter of a later statement that always sent that same
# value (an order's id in its items' INSERT and in the read of its items) takes the same fresh
# value; a generated order number (SO-YYYY-NNNNNN) that every captured request sent
# differently gets a random suffix. pgbench cannot bind a NULL: a NULL parameter is written
# NULL. Prints one "SCRIPT WEIGHT" line per script, the weight its share of the captured
# requests in percent. -v only keeps the statements whose name matches (e.g.
# ^customer_insert$).
BEGIN { FS = "\037"; max_scripts = 20 }
FNR == 1 { pass++ }
pass == 1 {
  # Unnamed statements all have the same name: their SQL's length tells them apart.
  if ($1 == "S") signature[$2] = signature[$2] "," $4 ($4 == "<unnamed>" ? ":" length($5) : "")
  if ($1 == "P" && $5 == "NULL") signature[$2] = signature[$2] "/" $4
  next
}
!chosen { classify(); chosen = 1 }
$1 == "S" && ($2 in class_of) {
  if ($2 == first[class_of[$2]]) {
    statement[class_of[$2], $3] = $4
    sql[class_of[$2], $3] = $5
    if ($3 > positions[class_of[$2]]) positions[class_of[$2]] = $3
  }
  next
}
$1 == "P" && ($2 in class_of) {
  value[$2, $3, $4] = $5
  if ($4 + 0 > params[class_of[$2], $3]) params[class_of[$2], $3] = $4 + 0
  next
}

# classes 1..classes: the distinct signatures, largest first; members[j, 1..size[j]].
function classify(    group, s, j, best, taken, total) {
  for (group in signature) count_of[signature[group]]++
  classes = 0
  while (classes < max_scripts) {
    best = ""
    for (s in count_of) if (!(s in taken) && (best == "" || count_of[s] > count_of[best])) best = s
    if (best == "") break
    taken[best] = 1
    signature_class[best] = ++classes
  }
  for (group in signature) {
    if (!(signature[group] in signature_class)) continue
    j = signature_class[signature[group]]
    class_of[group] = j
    members[j, ++size[j]] = group
    if (first[j] == "" || group + 0 < first[j] + 0) first[j] = group
    captured++
  }
}

function simple(j, pos) { return statement[j, pos] ~ /^(BEGIN|COMMIT|ROLLBACK)$/ }
function selected(j, pos) { return only == "" || statement[j, pos] ~ only }

# $N of statement `pos` as NULL or :v<pos>_<N>.
function substitute(j, pos,    text, out, at, n) {
  text = sql[j, pos]
  out = ""
  while ((at = index(text, "$")) > 0) {
    out = out substr(text, 1, at - 1)
    text = substr(text, at + 1)
    match(text, /^[0-9]+/)
    n = substr(text, 1, RLENGTH) + 0
    text = substr(text, RLENGTH + 1)
    out = out (value[first[j], pos, n] == "NULL" ? "NULL" : ":" ((j, pos, n) in alias ? alias[j, pos, n] : "v" pos "_" n))
  }
  return out text
}

# Whether parameter (pos, n) of class j sent, in every captured request, the value of the
# fresh unique parameter `u` ("pos SUBSEP n").
function same_as(j, pos, n, u,    k, parts) {
  split(u, parts, SUBSEP)
  for (k = 1; k <= size[j]; k++) {
    if (value[members[j, k], pos, n] != value[members[j, k], parts[1], parts[2]]) return 0
  }
  return 1
}

# Whether the value of parameter (pos, n) of class j was a parameter of an earlier locking
# read (FOR UPDATE) of the same request: a reference to an existing row (the order's customer).
function sent_before(j, pos, n,    p, m) {
  for (p = 1; p < pos; p++) {
    if (sql[j, p] !~ /FOR UPDATE/) continue
    for (m = 1; m <= params[j, p]; m++) {
      if (value[first[j], p, m] == value[first[j], pos, n]) return 1
    }
  }
  return 0
}

function emit(j,    table, script, picked, columns, pos, n, k, v, unique, numbered, line, c, column_pos, column_n, seen, fresh, u, shared) {
  table = "bench_" name "_" j
  script = dir "/" name "." j ".pgbench"
  columns = 0
  picked = ""
  for (pos = 1; pos <= positions[j]; pos++) {
    if (!selected(j, pos) || simple(j, pos)) continue
    for (n = 1; n <= params[j, pos]; n++) {
      if (value[first[j], pos, n] == "NULL") continue
      shared = ""
      for (u in fresh) if (size[j] > 1 && same_as(j, pos, n, u)) shared = u
      if (shared != "") {
        split(shared, parts_of_shared, SUBSEP)
        alias[j, pos, n] = "v" parts_of_shared[1] "_" parts_of_shared[2]
        continue
      }
      numbered = size[j] > 1 && sql[j, pos] ~ /^INSERT/
      unique = numbered && !sent_before(j, pos, n)
      delete seen
      for (k = 1; k <= size[j]; k++) {
        v = value[members[j, k], pos, n]
        # Hex, not a decimal number (a time in milliseconds is unique too, and is cast to bigint).
        if ((v in seen) || v !~ /^'[0-9a-f]+'$/ || v ~ /^'[0-9]+'$/) unique = 0
        if ((v in seen) || v !~ /^'[A-Z]+-[0-9][0-9][0-9][0-9]-[0-9]+'$/) numbered = 0
        seen[v] = 1
      }
      picked = picked (picked == "" ? "" : ", ")
      if (unique) {
        fresh[pos, n] = 1
        picked = picked "substr(md5(random()::text) || md5(random()::text), 1, " \
                 (length(value[first[j], pos, n]) - 2) ")"
      } else if (numbered) {
        column_pos[++columns] = pos; column_n[columns] = n
        picked = picked "c" pos "_" n " || '-' || substr(md5(random()::text), 1, 12)"
      } else {
        column_pos[++columns] = pos; column_n[columns] = n
        picked = picked "c" pos "_" n
      }
      picked = picked " AS v" pos "_" n
    }
  }
  print "DROP TABLE IF EXISTS " table ";" > setup
  line = "CREATE TABLE " table " (k integer PRIMARY KEY"
  for (c = 1; c <= columns; c++) line = line ", c" column_pos[c] "_" column_n[c] " text"
  print line ");" > setup
  for (k = 1; k <= size[j]; k++) {
    line = "INSERT INTO " table " VALUES (" k
    for (c = 1; c <= columns; c++) line = line ", " value[members[j, k], column_pos[c], column_n[c]]
    print line ");" > setup
  }
  print "VACUUM ANALYZE " table ";" > setup
  if (picked != "") {
    print "\\set k random(1, " size[j] ")" > script
    print "SELECT " picked " FROM " table " WHERE k = :k \\gset" > script
  }
  for (pos = 1; pos <= positions[j]; pos++) {
    if (selected(j, pos)) print (simple(j, pos) ? statement[j, pos] : substitute(j, pos)) ";" > script
  }
  close(script)
  printf "%s %d\n", script, int(size[j] * 100 / captured + 0.5) < 1 ? 1 : int(size[j] * 100 / captured + 0.5)
}

END {
  if (classes == 0) { print "pgbench_script.awk: no captured request" > "/dev/stderr"; exit 1 }
  setup = dir "/" name ".setup.sql"
  print "SET client_min_messages = warning;" > setup
  for (j = 1; j <= classes; j++) emit(j)
}
