# Reads the PostgreSQL log written while bench/run captures the service's statements
# (log_min_duration_statement = 0, log_line_prefix '%m [%p] ') and prints every statement
# the service executed for one request, with its parameters, one record a line (fields
# separated by \037):
#   S <group> <position> <statement name> <SQL>       (BEGIN/COMMIT/ROLLBACK: the word twice;
#                                                     <unnamed> for a statement planned per execution)
#   P <group> <position> <parameter number> <SQL literal as logged, or NULL>
# A group is one request: bench/run sends GET /readyz between requests, and its ops_ping
# starts the next group. The API key lookup and the migration check are left out.
BEGIN { OFS = "\037"; group = 0; position = 0; take = 0 }

/ LOG:  duration: [0-9.]+ ms  execute [^:]+: / {
  text = $0
  sub(/^.* LOG:  duration: [0-9.]+ ms  execute /, "", text)
  colon = index(text, ": ")
  name = substr(text, 1, colon - 1)
  take = 0
  if (name == "ops_ping") { group++; position = 0; next }
  # Listing and search statements are sent unnamed (planned for their values each time).
  if (group == 0 || (name !~ /^(customer|contact|order|insight|credit_check)_/ && name != "<unnamed>")) next
  position++
  take = 1
  print "S", group, position, name, substr(text, colon + 2)
  next
}

/ LOG:  duration: [0-9.]+ ms  statement: (BEGIN|COMMIT|ROLLBACK)$/ {
  take = 0
  if (group == 0) next
  position++
  print "S", group, position, $NF, $NF
  next
}

/ DETAIL:  parameters: / {
  if (!take) next
  take = 0
  text = $0
  sub(/^.* DETAIL:  parameters: /, "", text)
  while (match(text, /^\$[0-9]+ = /)) {
    number = substr(text, 2, RLENGTH - 4)
    text = substr(text, RLENGTH + 1)
    if (substr(text, 1, 4) == "NULL") {
      literal = "NULL"
      text = substr(text, 5)
    } else {  # '...' with '' for a quote inside
      literal = "'"
      text = substr(text, 2)
      while ((quote = index(text, "'")) > 0) {
        literal = literal substr(text, 1, quote)
        text = substr(text, quote + 1)
        if (substr(text, 1, 1) != "'") break
        literal = literal "'"
        text = substr(text, 2)
      }
    }
    print "P", group, position, number, literal
    if (substr(text, 1, 2) == ", ") text = substr(text, 3)
  }
}
