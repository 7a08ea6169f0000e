#include "stack.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace capi::test {
namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

std::vector<Route> route_table(const Stack& stack) {
  const auto listed = stack.cli({"routes"});
  if (listed.exit_code != 0)
    throw std::runtime_error("customer-api routes failed:\n" + listed.output);
  std::vector<Route> routes;
  std::istringstream lines(listed.output);
  Route route;
  while (lines >> route.method >> route.pattern >> route.access >> route.body >>
         route.idempotency) {
    routes.push_back(route);
  }
  if (routes.empty()) throw std::runtime_error("customer-api routes listed no route");
  return routes;
}

std::string business_rows_fingerprint(Stack& stack, const std::string& business_id) {
  const std::string business = "'" + business_id + "'";
  std::string sql;
  for (const char* table :
       {"customers", "customer_contacts", "orders", "order_payments", "credit_checks"}) {
    sql += std::string("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM ") +
           table + " t WHERE business_id = " + business + ";";
  }
  return stack.postgres().psql(sql);
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

Stack::Stack(StackOptions options) : options_(std::move(options)) {
  postgres_ = std::make_unique<PostgresCluster>(dir_.path());
  socket_path_ = dir_.path() + "/fcgi.sock";
  config_path_ = dir_.path() + "/customer-api.conf";
  const std::string key_dir = dir_.path() + "/keys";
  const auto keys = run_command({CAPI_BINARY, "encryption", "init", "--key-dir", key_dir});
  if (keys.exit_code != 0) throw std::runtime_error("encryption init failed:\n" + keys.output);
  write_file(config_path_,
             "# written by the integration harness\n"
             "database_url = " +
                 postgres_->url() +
                 "\n"
                 "owner_database_url = " +
                 postgres_->owner_url() +
                 "\n"
                 "listen = unix:" +
                 socket_path_ +
                 "\n"
                 "listen_mode = 0666\n"
                 "workers = " +
                 std::to_string(options_.workers) +
                 "\n"
                 "max_requests = " +
                 std::to_string(options_.max_requests) +
                 "\n"
                 "request_timeout = " +
                 options_.request_timeout +
                 "\n"
                 "shutdown_timeout = " +
                 options_.shutdown_timeout +
                 "\n"
                 "key_dir = " +
                 key_dir +
                 "\n"
                 "log_level = info\n"
                 // Out of the way of the suite's load; tests of rate limits set their own.
                 "rate_limit_default = 1000000\n"
                 "failed_key_limit = 1000000\n" +
                 options_.extra_config);

  const auto migrated = cli({"migrate"});
  if (migrated.exit_code != 0) throw std::runtime_error("migrate failed:\n" + migrated.output);
  business_id_ = cli_line(
      {"business", "create", "--name", "Acme Ltd", "--currency", "KES", "--country", "KE"});
  key_ = cli_line({"key", "create", "--business", business_id_});
  read_only_key_ = cli_line({"key", "create", "--business", business_id_, "--read-only"});
  other_business_id_ = cli_line(
      {"business", "create", "--name", "Other GmbH", "--currency", "EUR", "--country", "DE"});
  other_key_ = cli_line({"key", "create", "--business", other_business_id_});

  start_service();
  start_nginx();
  if (!wait_ready(15000)) {
    throw std::runtime_error("the stack did not become ready:\n" + service_log() +
                             read_file(dir_.path() + "/nginx/error.log"));
  }
}

Stack::~Stack() {
  nginx_.reset();
  service_.reset();
  postgres_.reset();
}

CommandResult Stack::cli(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {CAPI_BINARY, "--config", config_path_};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

std::string Stack::cli_line(const std::vector<std::string>& args) const {
  const auto result = cli(args);
  if (result.exit_code != 0) {
    std::string command;
    for (const auto& arg : args) command += arg + ' ';
    throw std::runtime_error("customer-api " + command + "failed:\n" + result.output);
  }
  return result.output.substr(0, result.output.find('\n'));
}

void Stack::start_service() {
  service_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{CAPI_BINARY, "--config", config_path_, "serve"},
      dir_.path() + "/service.log");
}

void Stack::start_nginx() {
  port_ = free_port();
  const std::string prefix = dir_.path() + "/nginx";
  run_command({"mkdir", "-p", prefix + "/logs", dir_.path() + "/docs-root/docs"});
  // CAPI_DOCS_ROOT: a directory holding docs/ as scripts/build-docs makes it (index.html,
  // openapi.yaml), served at /docs/; otherwise /docs/ serves an empty directory.
  const char* docs_root_env = std::getenv("CAPI_DOCS_ROOT");
  const std::string docs_root = docs_root_env != nullptr && *docs_root_env != '\0'
                                    ? std::string(docs_root_env)
                                    : dir_.path() + "/docs-root";
  std::string conf = read_file(std::string(CAPI_SOURCE_DIR) + "/nginx/local.conf.in");
  if (conf.empty()) throw std::runtime_error("nginx/local.conf.in is missing");
  conf = replace_all(conf, "@PORT@", std::to_string(port_));
  conf = replace_all(conf, "@SOCKET@", socket_path_);
  conf = replace_all(conf, "@PREFIX@", prefix);
  conf = replace_all(conf, "@NGINX_DIR@", std::string(CAPI_SOURCE_DIR) + "/nginx");
  conf = replace_all(conf, "@DOCS_ROOT@", docs_root);
  write_file(prefix + "/nginx.conf", conf);
  nginx_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{"/usr/sbin/nginx", "-p", prefix, "-c", prefix + "/nginx.conf", "-g",
                               "daemon off;"},
      dir_.path() + "/nginx.log");
}

bool Stack::wait_ready(int timeout_ms) const {
  HttpClient http(base_url());
  return eventually([&] { return http.get("/readyz").status == 200; }, timeout_ms);
}

}  // namespace capi::test
