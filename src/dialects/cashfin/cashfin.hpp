// Cashfin's CRM API (docs/migrating-from-cashfin.md), under /compat/cashfin: the overview's
// customer routes and first-order flow, with the request-format guide's conventions: the key
// as the whole Authorization header, bodies with Cashfin's lower-case field names
// (`customeremail`), answers {success, message, data} with `_id`, and validation errors as
// {success: false, error: "There are problems with your submission", errors: {field: ...}}.
#pragma once

#include <string>

#include "api/context.hpp"
#include "api/endpoint.hpp"
#include "dialects/core.hpp"

namespace capi::dialects {

class Cashfin final {
 public:
  explicit Cashfin(const Core& core) : core_(core) {}

  api::Reply create_customer(const api::RequestContext& context) const;
  api::Reply list_customers(const api::RequestContext& context) const;
  api::Reply checkout(const api::RequestContext& context) const;  // an order

  // Every Cashfin route's error body.
  static std::string error_body(const api::ApiError& error, const std::string& request_id);
  static void add_routes(api::Routes& routes, const Cashfin& cashfin);

 private:
  const Core& core_;
};

}  // namespace capi::dialects
