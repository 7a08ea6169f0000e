#include "postgres_cluster.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace capi::test {
namespace {

constexpr const char* kDatabase = "capi_test";
constexpr const char* kSuperuser = "capi";
// As in production (README, "Database roles"): migrations run as the database's owner, the
// service as a login role whose only rights come from the group role the migrations grant.
constexpr const char* kOwner = "capi_owner";
constexpr const char* kService = "capi_service";
constexpr const char* kPort = "5432";

std::string pg_bindir() {
  if (const char* dir = std::getenv("CAPI_PG_BINDIR")) return dir;
  return "/usr/lib/postgresql/15/bin";
}

void hand_to_postgres(const std::string& path) {
  if (!running_as_root()) return;
  const passwd* const user = getpwnam("postgres");
  if (user == nullptr) throw std::runtime_error("running as root but there is no postgres user");
  if (chown(path.c_str(), user->pw_uid, user->pw_gid) != 0) {
    throw std::runtime_error("cannot chown " + path);
  }
}

}  // namespace

PostgresCluster::PostgresCluster(const std::string& base_dir)
    : dir_(base_dir + "/pg"),
      data_(dir_ + "/data"),
      socket_dir_(dir_ + "/socket"),
      bin_(pg_bindir()) {
  mkdir(dir_.c_str(), 0755);
  mkdir(socket_dir_.c_str(), 0755);
  mkdir(data_.c_str(), 0700);
  hand_to_postgres(dir_);
  hand_to_postgres(socket_dir_);
  hand_to_postgres(data_);
  const auto init = as_postgres({bin_ + "/initdb", "-D", data_, "-U", kSuperuser, "--auth=trust",
                                 "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"});
  if (init.exit_code != 0) throw std::runtime_error("initdb failed:\n" + init.output);
  start();
  const auto created = as_postgres(
      {bin_ + "/createdb", "-h", socket_dir_, "-p", kPort, "-U", kSuperuser, kDatabase});
  if (created.exit_code != 0) throw std::runtime_error("createdb failed:\n" + created.output);
  psql(std::string("CREATE ROLE ") + kOwner + " LOGIN; ALTER DATABASE " + kDatabase + " OWNER TO " +
       kOwner + "; CREATE ROLE customer_api_app NOLOGIN; CREATE ROLE " + kService +
       " LOGIN IN ROLE customer_api_app;");
}

PostgresCluster::~PostgresCluster() {
  if (running_) {
    as_postgres({bin_ + "/pg_ctl", "-D", data_, "-m", "immediate", "-w", "stop"});
  }
}

std::string PostgresCluster::url_as(const std::string& role) const {
  return std::string("postgresql:///") + kDatabase + "?host=" + socket_dir_ + "&port=" + kPort +
         "&user=" + role;
}

std::string PostgresCluster::url() const {
  return url_as(kService);
}

std::string PostgresCluster::owner_url() const {
  return url_as(kOwner);
}

std::string PostgresCluster::service_role() const {
  return kService;
}

void PostgresCluster::start() {
  const std::string options = std::string("-c listen_addresses='' -k ") + socket_dir_ + " -p " +
                              kPort +
                              " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                              " -c max_connections=200";
  const auto started = as_postgres(
      {bin_ + "/pg_ctl", "-D", data_, "-l", dir_ + "/server.log", "-o", options, "-w", "start"});
  if (started.exit_code != 0) {
    throw std::runtime_error("pg_ctl start failed:\n" + started.output + "\n" +
                             read_file(dir_ + "/server.log"));
  }
  running_ = true;
}

void PostgresCluster::stop() {
  const auto stopped = as_postgres({bin_ + "/pg_ctl", "-D", data_, "-m", "fast", "-w", "stop"});
  if (stopped.exit_code != 0) throw std::runtime_error("pg_ctl stop failed:\n" + stopped.output);
  running_ = false;
}

std::vector<std::string> PostgresCluster::psql_argv(const std::string& sql) const {
  std::vector<std::string> argv = {
      "psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url_as(kSuperuser), "-c", sql};
  if (running_as_root()) argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
  return argv;
}

CommandResult PostgresCluster::psql_as(const std::string& role, const std::string& sql) const {
  return as_postgres(
      {"psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url_as(role), "-c", sql});
}

std::string PostgresCluster::psql(const std::string& sql) const {
  const auto result = run_command(psql_argv(sql));
  if (result.exit_code != 0) throw std::runtime_error("psql failed:\n" + result.output);
  return result.output;
}

CommandResult PostgresCluster::as_postgres(std::vector<std::string> argv) const {
  if (running_as_root()) argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
  return run_command(argv);
}

}  // namespace capi::test
