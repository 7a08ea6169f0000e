// Every route of the API in one table that reads like the API.
#include "api/app.hpp"
#include "api/handlers/business.hpp"
#include "api/handlers/operations.hpp"

namespace capi::api {

Routes make_routes(const Services& services) {
  Routes routes;
  // Operations: no key.
  routes.add("GET", "/healthz", {Access::kPublic, BodyKind::kNone, healthz});
  routes.add("GET", "/readyz", {Access::kPublic, BodyKind::kNone, readyz});
  routes.add("GET", "/metrics",
             {Access::kPublic, BodyKind::kNone, [services](RequestContext& context) {
                std::vector<Metrics::RouteLabel> labels;
                for (const auto& route : services.routes->routes()) {
                  labels.push_back({route.method, route.pattern});
                }
                return metrics(context, services.metrics, labels, services.pool);
              }});

  // The caller's business.
  routes.add("GET", "/v1/business", {Access::kRead, BodyKind::kNone, get_business});
  return routes;
}

}  // namespace capi::api
