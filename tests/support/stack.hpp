// The whole product on loopback, as it runs in production: a throwaway PostgreSQL cluster,
// migrated; a business with keys made through the real CLI; `customer-api serve` (the real
// pool) on a unix socket; and nginx from the project's nginx/local.conf.in on a free port.
// nginx serves /docs/ from $CAPI_DOCS_ROOT/docs/ when that is set (scripts/build-docs DIR/docs
// makes one), else from an empty directory.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "postgres_cluster.hpp"
#include "process.hpp"

namespace capi::test {

struct StackOptions {
  int workers = 3;
  long max_requests = 100000;
  std::string request_timeout = "30s";
  std::string shutdown_timeout = "20s";
  std::string extra_config;  // more `key = value` lines
};

class Stack {
 public:
  explicit Stack(StackOptions options = {});
  ~Stack();
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  HttpClient client() const { return HttpClient(base_url()); }

  // A business with a read-write and a read-only key; a second business for isolation tests.
  const std::string& business_id() const { return business_id_; }
  const std::string& key() const { return key_; }
  const std::string& read_only_key() const { return read_only_key_; }
  const std::string& other_business_id() const { return other_business_id_; }
  const std::string& other_key() const { return other_key_; }

  PostgresCluster& postgres() { return *postgres_; }
  pid_t master_pid() const { return service_->pid(); }
  ChildProcess& service() { return *service_; }
  std::vector<pid_t> worker_pids() const { return child_pids(service_->pid()); }
  std::string service_log() const { return read_file(dir_.path() + "/service.log"); }
  const std::string& dir() const { return dir_.path(); }
  const std::string& config_path() const { return config_path_; }
  int workers() const { return options_.workers; }

  // Runs the customer-api binary with this stack's configuration.
  CommandResult cli(const std::vector<std::string>& args) const;
  // The first line of a CLI command that must succeed.
  std::string cli_line(const std::vector<std::string>& args) const;

  // Waits until /readyz answers 200 (true) or `timeout_ms` passes.
  bool wait_ready(int timeout_ms) const;
  // Starts the service again after it exited.
  void start_service();

 private:
  void start_nginx();

  StackOptions options_;
  TempDir dir_;
  std::unique_ptr<PostgresCluster> postgres_;
  std::string config_path_;
  std::string socket_path_;
  int port_ = 0;
  std::string business_id_, key_, read_only_key_, other_business_id_, other_key_;
  std::unique_ptr<ChildProcess> service_;
  std::unique_ptr<ChildProcess> nginx_;
};

// One line of `customer-api routes`: the router's own table, from which the tests that must
// cover every route (tenant isolation, idempotency) take their list.
struct Route {
  std::string method, pattern, access, body, idempotency;
};
// Every route of the stack's binary (a test fails when there are none).
std::vector<Route> route_table(const Stack& stack);

// Every row a business owns that a request can write (customers, contacts, orders, payments,
// credit checks), as digests: a request with an effect changes it, one without leaves it.
std::string business_rows_fingerprint(Stack& stack, const std::string& business_id);

// A free TCP port on 127.0.0.1 (bound and released: good enough for tests).
int free_port();

}  // namespace capi::test
