#include "store/migrations.hpp"

#include <map>
#include <regex>

#include "crypto/random.hpp"

namespace capi::store {
namespace {

// pg_advisory_lock key: "capi-mig" as an integer, so that two `migrate` runs queue up.
constexpr Statement kLock{"migrations_lock", "SELECT pg_advisory_lock(4120923458123401)"};
constexpr Statement kUnlock{"migrations_unlock", "SELECT pg_advisory_unlock(4120923458123401)"};
constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " name text PRIMARY KEY,"
    " checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";
// Run after the files, on every `migrate`: the service's role may read and write the data
// of every table the migrations made, and nothing else (no DDL, no TRUNCATE, no writing the
// migration log). Granting to a group role keeps the login role's name out of the schema;
// re-granting each time covers a table made by any migration, whoever ran it.
constexpr const char* kGrantServiceRole = R"sql(
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'customer_api_app') THEN
    BEGIN
      CREATE ROLE customer_api_app NOLOGIN;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'role customer_api_app does not exist and this role may not create it: '
        'as a superuser, run CREATE ROLE customer_api_app NOLOGIN (README, "Database roles")';
    END;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO customer_api_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO customer_api_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO customer_api_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON schema_migrations
  FROM customer_api_app;
)sql";
constexpr Statement kApplied{"migrations_applied", "SELECT name, checksum FROM schema_migrations"};
constexpr Statement kRecord{"migrations_record",
                            "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)"};
constexpr Statement kLatest{"migrations_latest",
                            "SELECT count(*) FROM schema_migrations WHERE name = $1"};

std::string checksum(const MigrationFile& file) {
  return crypto::to_hex(crypto::sha256(file.text));
}

void check_names(const std::vector<MigrationFile>& files) {
  static const std::regex pattern(R"(^[0-9]{3}_[a-z0-9_]+\.sql$)");
  for (const auto& file : files) {
    if (!std::regex_match(file.name, pattern)) {
      throw MigrationError("migration file name \"" + file.name + "\" is not NNN_name.sql");
    }
  }
}

// Releases the advisory lock however migrate() leaves.
class LockGuard {
 public:
  explicit LockGuard(Connection& connection) : connection_(connection) {
    connection_.exec(kLock, {});
  }
  LockGuard(const LockGuard&) = delete;
  LockGuard& operator=(const LockGuard&) = delete;
  ~LockGuard() {
    try {
      connection_.exec(kUnlock, {});
    } catch (const DbError&) {
      // The session is gone, and the lock with it.
    }
  }

 private:
  Connection& connection_;
};

}  // namespace

std::vector<std::string> migrate(Connection& connection, const std::vector<MigrationFile>& files) {
  check_names(files);
  const LockGuard lock(connection);
  connection.exec_script(kCreateTable);
  std::map<std::string, std::string> applied;
  const Result rows = connection.exec(kApplied, {});
  for (int row = 0; row < rows.rows(); ++row) applied.emplace(rows.str(row, 0), rows.str(row, 1));

  for (const auto& entry : applied) {
    const std::string& name = entry.first;  // a plain reference: lambdas may not capture bindings
    const bool known = std::any_of(files.begin(), files.end(),
                                   [&](const MigrationFile& f) { return f.name == name; });
    if (!known) {
      throw MigrationError("the database has migration " + name +
                           ", which this binary does not know: is it older than the database?");
    }
  }
  std::vector<std::string> done;
  for (const auto& file : files) {
    const std::string sum = checksum(file);
    const auto it = applied.find(file.name);
    if (it != applied.end()) {
      if (it->second != sum) {
        throw MigrationError("migration " + file.name +
                             " was changed after it was applied (checksum mismatch)");
      }
      continue;
    }
    Connection::Transaction transaction(connection);
    connection.exec_script(file.text.c_str());
    connection.exec(kRecord, {file.name, sum});
    transaction.commit();
    done.push_back(file.name);
  }
  Connection::Transaction grants(connection);
  connection.exec_script(kGrantServiceRole);
  grants.commit();
  return done;
}

bool is_migrated(Connection& connection, const std::vector<MigrationFile>& files) {
  if (files.empty()) return true;
  try {
    const Result result = connection.exec(kLatest, {files.back().name});
    return result.integer(0, 0) == 1;
  } catch (const DbError& error) {
    if (error.kind() == ErrorKind::kUnavailable) throw;
    return false;  // no schema_migrations table yet
  }
}

}  // namespace capi::store
