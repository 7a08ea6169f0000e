// Schema migrations: the numbered plain-SQL files of sql/, compiled into the binary, applied
// in order, each once and in its own transaction, under an advisory lock, with a checksum so
// that a file edited after it was applied is refused.
#pragma once

#include <string>
#include <vector>

#include "store/connection.hpp"

namespace capi::store {

struct MigrationFile {
  std::string name;  // "001_businesses_and_keys.sql"
  std::string text;
};

// The files of sql/ at build time, sorted by name (generated source).
const std::vector<MigrationFile>& embedded_migrations();

class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Applies what is missing; returns the names applied now. Throws MigrationError when the
// files and the database disagree (an edited or unknown migration), DbError on failure.
std::vector<std::string> migrate(Connection& connection, const std::vector<MigrationFile>& files);

// True when every file is applied (readiness). Throws DbError when the database is down.
bool is_migrated(Connection& connection, const std::vector<MigrationFile>& files);

}  // namespace capi::store
