// Every route of the API in one table that reads like the API.
#include "api/app.hpp"
#include "api/handlers/business.hpp"
#include "api/handlers/customers.hpp"
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

  // Customers.
  routes.add("POST", "/v1/customers", {Access::kWrite, BodyKind::kJsonObject, create_customer});
  routes.add("GET", "/v1/customers", {Access::kRead, BodyKind::kNone, list_customers});
  routes.add("GET", "/v1/customers/search", {Access::kRead, BodyKind::kNone, search_customers});
  routes.add("GET", "/v1/customers/lookup", {Access::kRead, BodyKind::kNone, lookup_customer});
  routes.add("POST", "/v1/customers/find-or-create",
             {Access::kWrite, BodyKind::kJsonObject, find_or_create_customer});
  routes.add("GET", "/v1/customers/{id}", {Access::kRead, BodyKind::kNone, get_customer});
  routes.add("PUT", "/v1/customers/{id}", {Access::kWrite, BodyKind::kJsonObject, update_customer});
  routes.add("PATCH", "/v1/customers/{id}",
             {Access::kWrite, BodyKind::kJsonObject, update_customer});
  routes.add("DELETE", "/v1/customers/{id}", {Access::kWrite, BodyKind::kNone, delete_customer});
  routes.add("POST", "/v1/customers/{id}/restore",
             {Access::kWrite, BodyKind::kNone, restore_customer});
  return routes;
}

}  // namespace capi::api
