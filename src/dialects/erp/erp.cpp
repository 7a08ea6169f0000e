#include "dialects/erp/erp.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dialects/core_data.hpp"
#include "dialects/names.hpp"

namespace capi::dialects {
namespace {

const std::string kPrefix = "/compat/erp";

std::string snake_name(std::string_view name) {
  return snake_case(name);
}

std::string camel_name(std::string_view name) {
  return camel_case(name);
}

// A core object's members in snake_case, those named in `renamed` under the page's own
// name instead; metadata's keys as they are. The caller closes the object.
void write_members(json::Writer& writer, const rapidjson::Value& object,
                   std::initializer_list<std::pair<std::string_view, std::string_view>> renamed) {
  writer.StartObject();
  for (const auto& member : object.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    const auto* rename = std::find_if(renamed.begin(), renamed.end(),
                                      [&](const auto& pair) { return pair.first == name; });
    if (rename != renamed.end()) {
      json::key(writer, rename->second);
    } else {
      json::key(writer, snake_case(name));
    }
    if (name == "metadata") {
      member.value.Accept(writer);
    } else {
      write_renamed(writer, member.value, snake_name);
    }
  }
}

// The page's customer: its balance is `current_balance`, and its lifetime figures are at the
// top (`lifetime_value`, `total_orders`) as well as in `metrics`.
void write_customer(json::Writer& writer, const rapidjson::Value& customer) {
  write_members(
      writer, customer,
      {{"accountBalance", "current_balance"}, {"accountBalanceMinor", "current_balance_minor"}});
  const auto& metrics = CoreData::member(customer, "metrics");
  copy_field(writer, "lifetime_value", metrics, "lifetimeValue");
  copy_field(writer, "lifetime_value_minor", metrics, "lifetimeValueMinor");
  copy_field(writer, "total_orders", metrics, "orderCount");
  writer.EndObject();
}

// An order of a customer's list: its `total` is the page's `total_amount`.
void write_order(json::Writer& writer, const rapidjson::Value& order) {
  write_members(writer, order, {{"total", "total_amount"}, {"totalMinor", "total_amount_minor"}});
  writer.EndObject();
}

using WriteItem = void (*)(json::Writer&, const rapidjson::Value&);

void write_snake(json::Writer& writer, const rapidjson::Value& value) {
  write_renamed(writer, value, snake_name);
}

// {data: ITEM}.
api::Reply data_reply(const api::Reply& core, WriteItem write_item) {
  const CoreData data(core);
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "data");
  write_item(writer, data.root());
  writer.EndObject();
  return vendor_reply(core, buffer);
}

// {data: [ITEM...], meta: {total, page, limit, hasMore}}.
api::Reply list_reply(const api::Reply& core, WriteItem write_item) {
  const CoreData data(core);
  const CoreData meta(core, CoreData::Part::kMeta);
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "data");
  writer.StartArray();
  for (const auto& item : data.root().GetArray()) write_item(writer, item);
  writer.EndArray();
  json::key(writer, "meta");
  writer.StartObject();
  for (const char* name : {"total", "page", "limit", "hasMore"}) {
    copy_field(writer, name, meta.root(), name);
  }
  writer.EndObject();
  writer.EndObject();
  return vendor_reply(core, buffer);
}

// The vendor body in the core's camelCase (metadata's keys left as sent), less `skip`.
void core_body(const api::RequestContext& context, http::JsonBody& out,
               std::string_view skip = {}) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  for (const auto& member : context.body->document.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (name == skip) continue;
    json::key(writer, camel_case(name));
    write_value(writer, *context.body, member.value, name == "metadata" ? nullptr : camel_name);
  }
  writer.EndObject();
  parse_translated({buffer.GetString(), buffer.GetSize()}, out);
}

// The query in the core's names (is_active -> isActive, created_from -> createdFrom).
http::QueryParams core_query(const api::RequestContext& context) {
  std::vector<http::QueryParams::Pair> pairs;
  for (const auto& [name, value] : context.query.pairs())
    pairs.emplace_back(camel_case(name), value);
  return http::QueryParams(std::move(pairs));
}

std::string contact_path(const api::RequestContext& context) {
  return customer_path(context) + "/contacts/" + std::string(context.path.get("contactId"));
}

}  // namespace

api::Reply Erp::list(const api::RequestContext& context) const {
  return list_reply(core_.call(context, "GET", "/v1/customers", core_query(context), nullptr),
                    write_customer);
}

api::Reply Erp::get(const api::RequestContext& context) const {
  return data_reply(core_.call(context, "GET", customer_path(context), {}, nullptr),
                    write_customer);
}

api::Reply Erp::create(const api::RequestContext& context) const {
  http::JsonBody body;
  core_body(context, body);
  return data_reply(core_.call(context, "POST", "/v1/customers", {}, &body), write_customer);
}

api::Reply Erp::update(const api::RequestContext& context) const {
  // `is_active` is not a field of the core's update: true restores a soft-deleted customer
  // before the update, false soft-deletes it after; one transaction for all of it.
  const auto& document = context.body->document;
  std::optional<bool> active;
  if (document.HasMember("is_active")) {
    const auto& value = document["is_active"];
    if (!value.IsBool()) throw api::ApiError::validation({{"is_active", "must be true or false"}});
    active = value.GetBool();
  }
  http::JsonBody body;
  core_body(context, body, "is_active");
  const std::string path = customer_path(context);
  return data_reply(core_.atomically([&] {
    bool was_active = true;
    if (active) {
      const CoreData current(core_.call(context, "GET", path, {}, nullptr));
      was_active = CoreData::member(current.root(), "isActive").IsTrue();
    }
    if (active == true && !was_active) core_.call(context, "POST", path + "/restore", {}, nullptr);
    api::Reply reply = body.document.ObjectEmpty() ? core_.call(context, "GET", path, {}, nullptr)
                                                   : core_.call(context, "PATCH", path, {}, &body);
    if (active == false && was_active) reply = core_.call(context, "DELETE", path, {}, nullptr);
    return reply;
  }),
                    write_customer);
}

api::Reply Erp::orders(const api::RequestContext& context) const {
  // status, date_from, date_to, page and limit are the core's names already.
  return list_reply(
      core_.call(context, "GET", customer_path(context) + "/orders", context.query, nullptr),
      write_order);
}

api::Reply Erp::analytics(const api::RequestContext& context) const {
  return data_reply(
      core_.call(context, "GET", customer_path(context) + "/analytics", context.query, nullptr),
      write_snake);
}

api::Reply Erp::add_contact(const api::RequestContext& context) const {
  http::JsonBody body;
  core_body(context, body);
  return data_reply(core_.call(context, "POST", customer_path(context) + "/contacts", {}, &body),
                    write_snake);
}

api::Reply Erp::update_contact(const api::RequestContext& context) const {
  // The page's PUT sends some fields (no name): the core's PATCH, which changes those given.
  http::JsonBody body;
  core_body(context, body);
  return data_reply(core_.call(context, "PATCH", contact_path(context), {}, &body), write_snake);
}

api::Reply Erp::remove_contact(const api::RequestContext& context) const {
  const api::Reply core = core_.call(context, "DELETE", contact_path(context), {}, nullptr);
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "data");
  writer.StartObject();
  json::field(writer, "message", "Contact successfully removed");
  writer.EndObject();
  writer.EndObject();
  return vendor_reply(core, buffer);
}

api::Reply Erp::credit_check(const api::RequestContext& context) const {
  return data_reply(
      core_.call(context, "POST", customer_path(context) + "/credit-check", {}, nullptr),
      write_snake);
}

void Erp::add_routes(api::Routes& routes, const Erp& erp) {
  using enum api::Access;
  using enum api::BodyKind;
  using api::bind;
  const std::string customers = kPrefix + "/api/customers";
  const std::string customer = customers + "/{id}";
  routes.add("GET", customers, {kRead, kNone, bind(erp, &Erp::list)});
  routes.add("POST", customers, {kWrite, kJsonObject, bind(erp, &Erp::create)});
  routes.add("GET", customer, {kRead, kNone, bind(erp, &Erp::get)});
  routes.add("PUT", customer, {kWrite, kJsonObject, bind(erp, &Erp::update)});
  routes.add("GET", customer + "/orders", {kRead, kNone, bind(erp, &Erp::orders)});
  routes.add("GET", customer + "/analytics", {kRead, kNone, bind(erp, &Erp::analytics)});
  routes.add("POST", customer + "/contacts", {kWrite, kJsonObject, bind(erp, &Erp::add_contact)});
  routes.add("PUT", customer + "/contacts/{contactId}",
             {kWrite, kJsonObject, bind(erp, &Erp::update_contact)});
  routes.add("DELETE", customer + "/contacts/{contactId}",
             {kWrite, kNone, bind(erp, &Erp::remove_contact)});
  routes.add("POST", customer + "/credit-check", {kWrite, kNone, bind(erp, &Erp::credit_check)});
}

}  // namespace capi::dialects
