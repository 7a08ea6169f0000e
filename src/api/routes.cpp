// Every route of the API in one table that reads like the API, and the handler objects it
// is bound to. Adding a resource: its handler below, and its lines in the table.
#include "api/api_routes.hpp"
#include "api/contacts/contacts_handler.hpp"
#include "api/customers/customers_handler.hpp"
#include "api/handlers/business.hpp"
#include "api/handlers/operations.hpp"
#include "api/insights/insights_handler.hpp"
#include "api/orders/orders_handler.hpp"
#include "dialects/dialects.hpp"

namespace capi::api {
namespace {

// A pool of nobody, for describing the table without serving it.
class NoPool final : public server::PoolView {
 public:
  int workers_alive() const override { return 0; }
  int workers_configured() const override { return 0; }
};

const char* access_name(Access access) {
  switch (access) {
    case Access::kPublic:
      return "public";
    case Access::kRead:
      return "read";
    case Access::kWrite:
      return "write";
  }
  return "?";
}

const char* body_name(BodyKind body) {
  switch (body) {
    case BodyKind::kNone:
      return "none";
    case BodyKind::kJsonObject:
      return "json";
    case BodyKind::kJsonRows:
      return "rows";
  }
  return "?";
}

// The table, bound to `handlers`.
template <class Handlers>
Routes make_routes(const Handlers& handlers) {
  using enum Access;
  using enum BodyKind;
  Routes routes;
  // Operations: no key.
  const auto& operations = handlers.operations;
  routes.add("GET", "/healthz", {kPublic, kNone, bind(operations, &OperationsHandler::healthz)});
  routes.add("GET", "/readyz", {kPublic, kNone, bind(operations, &OperationsHandler::readyz)});
  routes.add("GET", "/metrics", {kPublic, kNone, bind(operations, &OperationsHandler::metrics)});

  // The caller's business.
  routes.add("GET", "/v1/business", {kRead, kNone, bind(handlers.business, &BusinessHandler::get)});

  // Customers.
  const auto& customers = handlers.customers;
  using Customers = CustomersHandler;
  routes.add("POST", "/v1/customers", {kWrite, kJsonObject, bind(customers, &Customers::create)});
  routes.add("GET", "/v1/customers", {kRead, kNone, bind(customers, &Customers::list)});
  routes.add("GET", "/v1/customers/search", {kRead, kNone, bind(customers, &Customers::search)});
  routes.add("GET", "/v1/customers/lookup", {kRead, kNone, bind(customers, &Customers::lookup)});
  routes.add("GET", "/v1/customers/export",
             {kRead, kNone, bind(customers, &Customers::export_all)});
  routes.add("POST", "/v1/customers/import",
             {kWrite, kJsonRows, bind(customers, &Customers::import_all), kBulkBodyLimit});
  routes.add("GET", "/v1/customers/stats",
             {kRead, kNone, bind(handlers.insights, &InsightsHandler::stats)});
  // The same reads with their parameters in the body, out of URLs (and so out of logs).
  routes.add("POST", "/v1/customers/search",
             {kRead, kJsonObject, bind(customers, &Customers::search)});
  routes.add("POST", "/v1/customers/lookup",
             {kRead, kJsonObject, bind(customers, &Customers::lookup)});
  routes.add("POST", "/v1/customers/find-or-create",
             {kWrite, kJsonObject, bind(customers, &Customers::find_or_create)});
  routes.add("GET", "/v1/customers/{id}", {kRead, kNone, bind(customers, &Customers::get)});
  routes.add("PUT", "/v1/customers/{id}",
             {kWrite, kJsonObject, bind(customers, &Customers::update)});
  routes.add("PATCH", "/v1/customers/{id}",
             {kWrite, kJsonObject, bind(customers, &Customers::update)});
  routes.add("DELETE", "/v1/customers/{id}", {kWrite, kNone, bind(customers, &Customers::remove)});
  routes.add("POST", "/v1/customers/{id}/restore",
             {kWrite, kNone, bind(customers, &Customers::restore)});

  // A customer's contacts.
  const auto& contacts = handlers.contacts;
  using Contacts = ContactsHandler;
  routes.add("GET", "/v1/customers/{id}/contacts", {kRead, kNone, bind(contacts, &Contacts::list)});
  routes.add("POST", "/v1/customers/{id}/contacts",
             {kWrite, kJsonObject, bind(contacts, &Contacts::create)});
  routes.add("GET", "/v1/customers/{id}/contacts/{contactId}",
             {kRead, kNone, bind(contacts, &Contacts::get)});
  routes.add("PUT", "/v1/customers/{id}/contacts/{contactId}",
             {kWrite, kJsonObject, bind(contacts, &Contacts::replace)});
  routes.add("PATCH", "/v1/customers/{id}/contacts/{contactId}",
             {kWrite, kJsonObject, bind(contacts, &Contacts::patch)});
  routes.add("DELETE", "/v1/customers/{id}/contacts/{contactId}",
             {kWrite, kNone, bind(contacts, &Contacts::remove)});

  // Orders and payments; a customer's orders.
  const auto& orders = handlers.orders;
  using Orders = OrdersHandler;
  routes.add("POST", "/v1/orders", {kWrite, kJsonObject, bind(orders, &Orders::create)});
  routes.add("GET", "/v1/orders/{id}", {kRead, kNone, bind(orders, &Orders::get)});
  routes.add("PATCH", "/v1/orders/{id}", {kWrite, kJsonObject, bind(orders, &Orders::patch)});
  routes.add("POST", "/v1/orders/{id}/payments", {kWrite, kJsonObject, bind(orders, &Orders::pay)});
  routes.add("GET", "/v1/customers/{id}/orders",
             {kRead, kNone, bind(orders, &Orders::list_of_customer)});

  // Insights: a customer's analytics and credit checks.
  const auto& insights = handlers.insights;
  using Insights = InsightsHandler;
  routes.add("GET", "/v1/customers/{id}/analytics",
             {kRead, kNone, bind(insights, &Insights::analytics)});
  routes.add("POST", "/v1/customers/{id}/credit-check",
             {kWrite, kNone, bind(insights, &Insights::credit_check)});
  routes.add("GET", "/v1/customers/{id}/credit-checks",
             {kRead, kNone, bind(insights, &Insights::credit_checks)});

  // The vendor dialects, each a translation onto the routes above (src/dialects/).
  dialects::add_routes(routes, handlers.dialects);
  return routes;
}

}  // namespace

struct ApiRoutes::Handlers {
  // `routes`: the table being built, which /metrics and the dialects read once it is.
  Handlers(const HandlerDependencies& dependencies, const Routes* routes)
      : operations(dependencies.db, dependencies.metrics, dependencies.pool, routes),
        business(dependencies.db),
        customers(dependencies.db, dependencies.keys),
        contacts(dependencies.db, dependencies.keys),
        orders(dependencies.db, dependencies.keys),
        insights(dependencies.db),
        dialects(*routes, dependencies.db) {}

  OperationsHandler operations;
  BusinessHandler business;
  CustomersHandler customers;
  ContactsHandler contacts;
  OrdersHandler orders;
  InsightsHandler insights;
  dialects::Dialects dialects;
};

ApiRoutes::ApiRoutes(const HandlerDependencies& dependencies)
    : handlers_(std::make_unique<Handlers>(dependencies, &routes_)),
      routes_(make_routes(*handlers_)) {}

ApiRoutes::~ApiRoutes() = default;

std::string describe_routes() {
  // Nothing here connects or decrypts: handlers only hold their dependencies.
  store::Connection unused("");
  const crypto::Keyring no_keys;
  const NoPool pool;
  const ApiRoutes api({unused, no_keys, nullptr, pool});
  std::string text;
  for (const auto& route : api.routes().routes()) {
    text += route.method + " " + route.pattern + " " + access_name(route.handler.access) + " " +
            body_name(route.handler.body) + " " +
            (keeps_idempotency_key(route.handler) ? "idempotent" : "-") + "\n";
  }
  return text;
}

}  // namespace capi::api
