// GET /healthz, /readyz and /metrics: for load balancers, orchestrators and Prometheus.
#pragma once

#include "api/context.hpp"
#include "api/metrics.hpp"
#include "server/pool.hpp"

namespace capi::api {

// The process is up; touches nothing else.
Reply healthz(RequestContext& context);

// The database answers and every migration is applied; 503 otherwise.
Reply readyz(RequestContext& context);

// Prometheus text: requests by route and status, latency, workers, database errors.
Reply metrics(RequestContext& context, const Metrics* metrics,
              const std::vector<Metrics::RouteLabel>& routes, const server::PoolView& pool);

}  // namespace capi::api
