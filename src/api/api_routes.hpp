// The API as a worker serves it: one handler object per resource, each owning its stores and
// records, and the route table bound to their methods. routes.cpp is the one place where a
// resource is wired in (its handler and its lines in the table).
#pragma once

#include <memory>
#include <string>

#include "api/endpoint.hpp"
#include "api/metrics.hpp"
#include "crypto/keyring.hpp"
#include "server/pool.hpp"
#include "store/connection.hpp"

namespace capi::api {

// What the handlers are made with, once per worker.
struct HandlerDependencies {
  store::Connection& db;
  const crypto::Keyring& keys;
  const Metrics* metrics;  // null: /metrics has nothing to show
  const server::PoolView& pool;
};

class ApiRoutes {
 public:
  explicit ApiRoutes(const HandlerDependencies& dependencies);
  ~ApiRoutes();
  ApiRoutes(const ApiRoutes&) = delete;
  ApiRoutes& operator=(const ApiRoutes&) = delete;

  const Routes& routes() const { return routes_; }

 private:
  struct Handlers;  // routes.cpp
  std::unique_ptr<Handlers> handlers_;
  Routes routes_;
};

// The route table as text, one route a line: "METHOD PATTERN ACCESS BODY IDEMPOTENCY"
// (public, read or write; none or json; idempotent when it keeps the Idempotency-Key
// promise, else -). For `customer-api routes`, which the tests read so that every route is
// checked (tenant isolation, idempotency) and none can be added unseen.
std::string describe_routes();

}  // namespace capi::api
