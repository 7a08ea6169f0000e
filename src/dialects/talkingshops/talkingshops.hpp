// TalkingShops' customer management reference (docs/migrating-from-talkingshops.md), under
// /compat/talkingshops/v1: its requests with `x-tenant-api-key`, answered in its shapes, its
// errors as {error: {code, message, details}} on every route. Each route is one or two core
// routes; mobiles are WhatsApp's digits without '+' (mobile.hpp).
#pragma once

#include "api/context.hpp"
#include "api/endpoint.hpp"
#include "dialects/core.hpp"

namespace capi::dialects {

class TalkingShops final {
 public:
  explicit TalkingShops(const Core& core) : core_(core) {}

  api::Reply create(const api::RequestContext& context) const;
  api::Reply list(const api::RequestContext& context) const;
  api::Reply get(const api::RequestContext& context) const;
  api::Reply lookup(const api::RequestContext& context) const;  // ?mobile=
  api::Reply update(const api::RequestContext& context) const;  // PUT {updates: {...}}
  api::Reply remove(const api::RequestContext& context) const;  // soft delete
  api::Reply stats(const api::RequestContext& context) const;

  static void add_routes(api::Routes& routes, const TalkingShops& talkingshops);

 private:
  // The customer `id` with its latest orders, as "Get Customer by ID" shows it; a deleted
  // (inactive) customer is not found, as TalkingShops has no inactive customers.
  api::Reply detailed(const api::RequestContext& context, const std::string& id) const;

  const Core& core_;
};

}  // namespace capi::dialects
