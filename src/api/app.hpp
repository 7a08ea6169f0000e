// The worker's application: the route table, the checks every request passes in the order
// API.md fixes (route, authentication, permission, then body and parameters), the envelope,
// the access log line. One instance per worker process, owning its database connection.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "api/auth.hpp"
#include "api/context.hpp"
#include "api/metrics.hpp"
#include "config/config.hpp"
#include "crypto/keyring.hpp"
#include "http/router.hpp"
#include "server/pool.hpp"
#include "store/connection.hpp"

namespace capi::api {

constexpr std::size_t kBodyLimit = std::size_t{1024} * 1024;             // 1 MiB
constexpr std::size_t kImportBodyLimit = std::size_t{16} * 1024 * 1024;  // 16 MiB

enum class Access {
  kPublic,  // no key (health, metrics)
  kRead,    // any valid key
  kWrite,   // a read_write key
};

enum class BodyKind {
  kNone,        // a body, if any, is ignored
  kJsonObject,  // a JSON object is required
};

using Handler = std::function<Reply(RequestContext&)>;

struct Endpoint {
  Access access;
  BodyKind body;
  Handler handler;
  std::size_t body_limit = kBodyLimit;
};

using Routes = http::Router<Endpoint>;

// What the operations routes show about the process.
struct Services {
  const server::PoolView& pool;
  const Metrics* metrics;
  const Routes* routes;  // the table itself, for metric labels
};

// The full route table (routes.cpp).
Routes make_routes(const Services& services);

class App final : public server::WorkerApp {
 public:
  App(const config::Config& config, const server::PoolView& pool, Metrics* metrics,
      std::shared_ptr<const crypto::Keyring> keys);
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  void serve(FCGX_Request& fcgi) override;
  void idle() override;

 private:
  http::Response handle(FCGX_Request& fcgi, http::Request& request, const std::string& request_id,
                        const Routes::Match& match);

  config::Config config_;
  Metrics* metrics_;
  std::shared_ptr<const crypto::Keyring> keys_;
  store::Connection db_;
  Authenticator auth_;
  Routes routes_;
};

// A sane client request id (1-128 printable ASCII), else nginx's, else a new one.
std::string choose_request_id(const http::Request& request);

}  // namespace capi::api
