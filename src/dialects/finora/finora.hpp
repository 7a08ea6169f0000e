// Finora Business's customers reference (docs/migrating-from-finora.md), under
// /compat/finora: the same requests with Bearer keys, answered in Finora's shapes: a
// customer as {id, name, email, phone, address, tin, companyName, accountBalanceKobo,
// accountBalance, isActive, createdAt}, lists and searches as {customers, count}. Each route
// is one core route; errors are the core's envelope, which is Finora's {success: false}.
#pragma once

#include "api/context.hpp"
#include "api/endpoint.hpp"
#include "dialects/core.hpp"

namespace capi::dialects {

class Finora final {
 public:
  explicit Finora(const Core& core) : core_(core) {}

  api::Reply list(const api::RequestContext& context) const;
  api::Reply search(const api::RequestContext& context) const;
  api::Reply get(const api::RequestContext& context) const;
  api::Reply create(const api::RequestContext& context) const;
  api::Reply find_or_create(const api::RequestContext& context) const;
  api::Reply update(const api::RequestContext& context) const;  // PUT
  api::Reply remove(const api::RequestContext& context) const;  // soft delete

  static void add_routes(api::Routes& routes, const Finora& finora);

 private:
  const Core& core_;
};

}  // namespace capi::dialects
