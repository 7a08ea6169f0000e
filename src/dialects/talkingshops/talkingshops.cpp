#include "dialects/talkingshops/talkingshops.hpp"

#include <functional>
#include <string>
#include <vector>

#include "api/error.hpp"
#include "dialects/core_data.hpp"
#include "dialects/talkingshops/errors.hpp"
#include "dialects/talkingshops/mobile.hpp"
#include "dialects/talkingshops/requests.hpp"
#include "dialects/talkingshops/shapes.hpp"

namespace capi::dialects {
namespace {

const std::string kCustomers = "/compat/talkingshops/v1/customers";

std::string customer_path(const std::string& id) {
  return "/v1/customers/" + id;
}

std::string path_id(const api::RequestContext& context) {
  return std::string(context.path.get("id"));
}

// The page says 400 for invalid parameters: the core's field problems (422) are answered
// 400 here, by the handler, since an error's status is the core's own.
api::Reply answer(const std::function<api::Reply()>& run) {
  try {
    return run();
  } catch (const api::ApiError& error) {
    if (error.status() == 422) return talkingshops::validation_reply(error);
    throw;
  }
}

}  // namespace

api::Reply TalkingShops::detailed(const api::RequestContext& context, const std::string& id) const {
  const http::QueryParams include(std::vector<http::QueryParams::Pair>{{"include", "orders"}});
  const api::Reply core = core_.call(context, "GET", customer_path(id), include, nullptr);
  const CoreData data(core);
  if (!CoreData::member(data.root(), "isActive").IsTrue()) throw api::ApiError::not_found();
  return talkingshops::customer_reply(core);
}

api::Reply TalkingShops::create(const api::RequestContext& context) const {
  return answer([&] {
    http::JsonBody body;
    talkingshops::create_body(*context.body, body);
    return talkingshops::created_reply(core_.call(context, "POST", "/v1/customers", {}, &body));
  });
}

api::Reply TalkingShops::list(const api::RequestContext& context) const {
  return answer([&] {
    const auto list = talkingshops::list_query(context.query);
    const api::Reply listing = core_.call(context, "GET", "/v1/customers", list.query, nullptr);
    // activeCount, averageLifetimeValue and hasSegmentation: the business's figures.
    const api::Reply stats = core_.call(context, "GET", "/v1/customers/stats", {}, nullptr);
    return talkingshops::list_reply(listing, stats, list.sort);
  });
}

api::Reply TalkingShops::get(const api::RequestContext& context) const {
  return answer([&] { return detailed(context, path_id(context)); });
}

api::Reply TalkingShops::lookup(const api::RequestContext& context) const {
  return answer([&] {
    const auto mobile = context.query.get("mobile");
    if (!mobile || mobile->empty()) throw api::ApiError::validation({{"mobile", "is required"}});
    const http::QueryParams query(
        std::vector<http::QueryParams::Pair>{{"mobile", talkingshops::core_mobile(*mobile)}});
    const api::Reply found = core_.call(context, "GET", "/v1/customers/lookup", query, nullptr);
    const CoreData data(found);
    const auto& id = CoreData::member(data.root(), "id");
    return detailed(context, {id.GetString(), id.GetStringLength()});
  });
}

api::Reply TalkingShops::update(const api::RequestContext& context) const {
  return answer([&] {
    http::JsonBody body;
    talkingshops::update_body(*context.body, body);
    const api::Reply core =
        core_.call(context, "PATCH", customer_path(path_id(context)), {}, &body);
    return talkingshops::done_reply(core, "Customer updated successfully");
  });
}

api::Reply TalkingShops::remove(const api::RequestContext& context) const {
  return answer([&] {
    const api::Reply core =
        core_.call(context, "DELETE", customer_path(path_id(context)), {}, nullptr);
    return talkingshops::done_reply(core, "Customer deleted successfully");
  });
}

api::Reply TalkingShops::stats(const api::RequestContext& context) const {
  return answer([&] {
    return talkingshops::stats_reply(core_.call(context, "GET", "/v1/customers/stats",
                                                talkingshops::stats_query(context.query), nullptr));
  });
}

void TalkingShops::add_routes(api::Routes& routes, const TalkingShops& talkingshops) {
  using enum api::Access;
  using enum api::BodyKind;
  using api::bind;
  const auto route = [&](api::Access access, api::BodyKind body,
                         api::Reply (TalkingShops::*method)(const api::RequestContext&) const) {
    return api::Endpoint{access, body, bind(talkingshops, method), api::kBodyLimit,
                         &talkingshops::error_body};
  };
  routes.add("POST", kCustomers, route(kWrite, kJsonObject, &TalkingShops::create));
  routes.add("GET", kCustomers, route(kRead, kNone, &TalkingShops::list));
  // Literal segments: they win over {id} in the router.
  routes.add("GET", kCustomers + "/lookup", route(kRead, kNone, &TalkingShops::lookup));
  routes.add("GET", kCustomers + "/stats", route(kRead, kNone, &TalkingShops::stats));
  routes.add("GET", kCustomers + "/{id}", route(kRead, kNone, &TalkingShops::get));
  routes.add("PUT", kCustomers + "/{id}", route(kWrite, kJsonObject, &TalkingShops::update));
  routes.add("DELETE", kCustomers + "/{id}", route(kWrite, kNone, &TalkingShops::remove));
}

}  // namespace capi::dialects
