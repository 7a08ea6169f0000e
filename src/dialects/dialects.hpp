// Vendor dialects (API.md "Vendor dialects"): each reference system's documented routes under
// a prefix that stands in for its base URL, as thin translations onto the core's own routes.
// A dialect has a folder of its own here; the core knows of dialects only through this file.
#pragma once

#include "api/endpoint.hpp"
#include "dialects/cashfin/cashfin.hpp"
#include "dialects/core.hpp"
#include "dialects/erp/erp.hpp"
#include "dialects/finora/finora.hpp"
#include "dialects/talkingshops/talkingshops.hpp"

namespace capi::dialects {

// Every dialect's handler, made once per worker beside the core's handlers.
struct Dialects {
  Dialects(const api::Routes& routes, store::Connection& db)
      : core(routes, db), finora(core), cashfin(core), erp(core), talkingshops(core) {}
  Dialects(const Dialects&) = delete;
  Dialects& operator=(const Dialects&) = delete;

  Core core;
  Finora finora;
  Cashfin cashfin;
  Erp erp;
  TalkingShops talkingshops;
};

// Adds every dialect's routes to `routes` (the core's table), bound to `dialects`.
void add_routes(api::Routes& routes, const Dialects& dialects);

}  // namespace capi::dialects
