// A throwaway PostgreSQL cluster in a temporary folder, reached over a unix socket only.
// initdb refuses root: as root, the server runs as the `postgres` user.
#pragma once

#include <string>
#include <vector>

#include "process.hpp"

namespace capi::test {

class PostgresCluster {
 public:
  explicit PostgresCluster(const std::string& base_dir);
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // libpq URIs of the test database: as the service's data-only role, and as its owner
  // (migrations). psql() below runs as the superuser.
  std::string url() const;
  std::string owner_url() const;
  std::string url_as(const std::string& role) const;
  std::string service_role() const;
  void stop();  // fast shutdown: connections are cut
  void start();
  // Runs SQL through psql as the superuser; throws when psql fails. Returns its output
  // (unaligned, tuples only).
  std::string psql(const std::string& sql) const;
  // Runs SQL through psql as `role`; the result, failed or not (stderr in its output).
  CommandResult psql_as(const std::string& role, const std::string& sql) const;
  // The command line that runs `sql` through psql, for a ChildProcess in the background.
  std::vector<std::string> psql_argv(const std::string& sql) const;

 private:
  CommandResult as_postgres(std::vector<std::string> argv) const;

  std::string dir_;
  std::string data_;
  std::string socket_dir_;
  std::string bin_;
  bool running_ = false;
};

}  // namespace capi::test
