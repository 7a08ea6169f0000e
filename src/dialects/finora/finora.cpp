#include "dialects/finora/finora.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "api/error.hpp"
#include "dialects/core_data.hpp"

namespace capi::dialects {
namespace {

const std::string kPrefix = "/compat/finora";

// Finora's customer fields, from the core's customer.
void write_customer_fields(json::Writer& writer, const rapidjson::Value& customer) {
  copy_field(writer, "id", customer, "id");
  copy_field(writer, "name", customer, "name");
  copy_field(writer, "email", customer, "email");
  copy_field(writer, "phone", customer, "phone");
  copy_field(writer, "address", customer, "address");
  copy_field(writer, "tin", customer, "taxId");
  copy_field(writer, "companyName", customer, "companyName");
  copy_field(writer, "accountBalanceKobo", customer, "accountBalanceMinor");
  copy_field(writer, "accountBalance", customer, "accountBalance");
  copy_field(writer, "isActive", customer, "isActive");
  copy_field(writer, "createdAt", customer, "createdAt");
}

// {success: true, data: CUSTOMER}, with `created` when the core said which.
api::Reply customer_reply(const api::Reply& core) {
  const CoreData data(core);
  json::Buffer buffer;
  json::Writer writer(buffer);
  start_success(writer);
  json::key(writer, "data");
  writer.StartObject();
  write_customer_fields(writer, data.root());
  if (data.root().HasMember("created")) copy_field(writer, "created", data.root(), "created");
  writer.EndObject();
  writer.EndObject();
  return vendor_reply(core, buffer);
}

// {success: true, data: {customers: [...], count}}: count is the number of customers sent.
api::Reply customers_reply(const api::Reply& core) {
  const CoreData data(core);
  json::Buffer buffer;
  json::Writer writer(buffer);
  start_success(writer);
  json::key(writer, "data");
  writer.StartObject();
  json::key(writer, "customers");
  writer.StartArray();
  for (const auto& customer : data.root().GetArray()) {
    writer.StartObject();
    write_customer_fields(writer, customer);
    writer.EndObject();
  }
  writer.EndArray();
  json::key(writer, "count");
  writer.Uint(data.root().Size());
  writer.EndObject();
  writer.EndObject();
  return vendor_reply(core, buffer);
}

// The query parameters Finora documents for a route, as the core names them; businessId was
// checked against the key's business before the dialect ran.
http::QueryParams query_of(const api::RequestContext& context,
                           std::initializer_list<std::string_view> names) {
  std::vector<http::QueryParams::Pair> pairs;
  for (const auto& [name, value] : context.query.pairs()) {
    for (const auto wanted : names) {
      if (name == wanted) pairs.emplace_back(name, value);
    }
  }
  return http::QueryParams(std::move(pairs));
}

}  // namespace

api::Reply Finora::list(const api::RequestContext& context) const {
  return customers_reply(
      core_.call(context, "GET", "/v1/customers", query_of(context, {"limit"}), nullptr));
}

api::Reply Finora::search(const api::RequestContext& context) const {
  return customers_reply(core_.call(context, "GET", "/v1/customers/search",
                                    query_of(context, {"q", "limit"}), nullptr));
}

api::Reply Finora::get(const api::RequestContext& context) const {
  return customer_reply(core_.call(context, "GET", customer_path(context), {}, nullptr));
}

api::Reply Finora::create(const api::RequestContext& context) const {
  // Finora requires the email; the core takes an email or a phone.
  const auto& body = context.body->document;
  if (!body.HasMember("email") || body["email"].IsNull()) {
    throw api::ApiError::validation({{"email", "is required"}});
  }
  return customer_reply(core_.call(context, "POST", "/v1/customers", {}, context.body));
}

api::Reply Finora::find_or_create(const api::RequestContext& context) const {
  return customer_reply(
      core_.call(context, "POST", "/v1/customers/find-or-create", {}, context.body));
}

api::Reply Finora::update(const api::RequestContext& context) const {
  // "Updates any of name, email, phone, address, companyName, tin. Unknown fields are
  // ignored": only those six reach the core, which updates the fields given.
  static constexpr std::array<std::string_view, 6> kFields = {"name",    "email",       "phone",
                                                              "address", "companyName", "tin"};
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  for (const auto& member : context.body->document.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (std::find(kFields.begin(), kFields.end(), name) == kFields.end()) continue;
    json::key(writer, name);
    write_value(writer, *context.body, member.value);
  }
  writer.EndObject();
  http::JsonBody known;
  parse_translated({buffer.GetString(), buffer.GetSize()}, known);
  return customer_reply(core_.call(context, "PATCH", customer_path(context), {}, &known));
}

api::Reply Finora::remove(const api::RequestContext& context) const {
  return customer_reply(core_.call(context, "DELETE", customer_path(context), {}, nullptr));
}

void Finora::add_routes(api::Routes& routes, const Finora& finora) {
  using enum api::Access;
  using enum api::BodyKind;
  using api::bind;
  const std::string customers = kPrefix + "/v1/customers";
  routes.add("GET", customers, {kRead, kNone, bind(finora, &Finora::list)});
  routes.add("POST", customers, {kWrite, kJsonObject, bind(finora, &Finora::create)});
  routes.add("GET", customers + "/search", {kRead, kNone, bind(finora, &Finora::search)});
  routes.add("POST", customers + "/find-or-create",
             {kWrite, kJsonObject, bind(finora, &Finora::find_or_create)});
  routes.add("GET", customers + "/{id}", {kRead, kNone, bind(finora, &Finora::get)});
  routes.add("PUT", customers + "/{id}", {kWrite, kJsonObject, bind(finora, &Finora::update)});
  routes.add("DELETE", customers + "/{id}", {kWrite, kNone, bind(finora, &Finora::remove)});
}

}  // namespace capi::dialects
