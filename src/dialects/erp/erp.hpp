// The ERP "Customers API" (docs/migrating-from-erp.md), under /compat/erp: its /api/customers
// routes with snake_case fields both ways, answers as {data} and lists as
// {data, meta: {total, page, limit, hasMore}}, the customer's `current_balance`,
// `lifetime_value` and `total_orders`, its contacts, orders, analytics and credit check.
// Errors are the core's envelope (the page does not describe any).
#pragma once

#include "api/context.hpp"
#include "api/endpoint.hpp"
#include "dialects/core.hpp"

namespace capi::dialects {

class Erp final {
 public:
  explicit Erp(const Core& core) : core_(core) {}

  api::Reply list(const api::RequestContext& context) const;
  api::Reply get(const api::RequestContext& context) const;
  api::Reply create(const api::RequestContext& context) const;
  api::Reply update(const api::RequestContext& context) const;  // PUT, is_active included
  api::Reply orders(const api::RequestContext& context) const;
  api::Reply analytics(const api::RequestContext& context) const;
  api::Reply add_contact(const api::RequestContext& context) const;
  api::Reply update_contact(const api::RequestContext& context) const;
  api::Reply remove_contact(const api::RequestContext& context) const;
  api::Reply credit_check(const api::RequestContext& context) const;

  static void add_routes(api::Routes& routes, const Erp& erp);

 private:
  const Core& core_;
};

}  // namespace capi::dialects
