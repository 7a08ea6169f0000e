// GET /healthz, /readyz and /metrics: for load balancers, orchestrators and Prometheus.
#pragma once

#include "api/endpoint.hpp"
#include "api/metrics.hpp"
#include "server/pool.hpp"
#include "store/connection.hpp"

namespace capi::api {

class OperationsHandler final {
 public:
  // `routes` is the table itself (for metric labels); it may be filled in later.
  OperationsHandler(store::Connection& db, const Metrics* metrics, const server::PoolView& pool,
                    const Routes* routes)
      : db_(db), metrics_(metrics), pool_(pool), routes_(routes) {}

  // The process is up; touches nothing else.
  Reply healthz(const RequestContext& context) const;
  // The database answers and every migration is applied; 503 otherwise.
  Reply readyz(const RequestContext& context) const;
  // Prometheus text: requests by route and status, latency, workers, database errors.
  Reply metrics(const RequestContext& context) const;

 private:
  store::Connection& db_;
  const Metrics* metrics_;
  const server::PoolView& pool_;
  const Routes* routes_;
};

}  // namespace capi::api
