#include "dialects/cashfin/cashfin.hpp"

#include <array>
#include <utility>
#include <vector>

#include "dialects/core_data.hpp"

namespace capi::dialects {
namespace {

const std::string kPrefix = "/compat/cashfin";

// Cashfin writes field names in lower case without separators (`customeremail`,
// `categoryid`); the core's names for the same fields. A name the core already uses passes
// as it is.
std::string core_name(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kNames = {{
      {"customeremail", "customerEmail"},
      {"customerid", "customerId"},
      {"ordernumber", "orderNumber"},
      {"orderdate", "orderDate"},
      {"duedate", "dueDate"},
      {"shipdate", "shipDate"},
      {"deliverydate", "deliveryDate"},
      {"shippingaddress", "shippingAddress"},
      {"billingaddress", "billingAddress"},
      {"productid", "productId"},
      {"productname", "productName"},
      {"unitprice", "unitPrice"},
      {"postalcode", "postalCode"},
      {"companyname", "companyName"},
      {"taxid", "taxId"},
      {"paymentterms", "paymentTerms"},
      {"creditlimit", "creditLimit"},
      {"discountrate", "discountRate"},
      {"preferredshipping", "preferredShipping"},
      {"customersince", "customerSince"},
  }};
  for (const auto& [vendor, core] : kNames) {
    if (name == vendor) return std::string(core);
  }
  return std::string(name);
}

// In an order, also an item's `price` and `title` (a product's, in Cashfin's catalogue).
std::string core_order_name(std::string_view name) {
  if (name == "price") return "unitPrice";
  if (name == "title") return "productName";
  return core_name(name);
}

// The vendor body with Cashfin's names made the core's.
void translate_body(const api::RequestContext& context, RenameKey rename, http::JsonBody& out) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  write_value(writer, *context.body, context.body->document, rename);
  parse_translated({buffer.GetString(), buffer.GetSize()}, out);
}

// Every `id` named `_id`, as Cashfin's MongoDB ids are.
std::string underscore_id(std::string_view name) {
  return name == "id" ? std::string("_id") : std::string(name);
}

// {success: true, message, data, meta?}: the core's answer with Cashfin's ids.
api::Reply cashfin_reply(const api::Reply& core, std::string_view message) {
  const CoreData data(core);
  json::Buffer buffer;
  json::Writer writer(buffer);
  start_success(writer);
  json::field(writer, "message", core.message.empty() ? message : std::string_view(core.message));
  json::key(writer, "data");
  write_renamed(writer, data.root(), underscore_id);
  if (!core.meta.empty()) {
    json::key(writer, "meta");
    writer.RawValue(core.meta.data(), core.meta.size(), rapidjson::kObjectType);
  }
  writer.EndObject();
  return vendor_reply(core, buffer);
}

}  // namespace

api::Reply Cashfin::create_customer(const api::RequestContext& context) const {
  http::JsonBody body;
  translate_body(context, core_name, body);
  return cashfin_reply(core_.call(context, "POST", "/v1/customers", {}, &body),
                       "Customer created successfully");
}

api::Reply Cashfin::list_customers(const api::RequestContext& context) const {
  // The guide's GET conventions: filters and paging in the query, as the core names them.
  return cashfin_reply(core_.call(context, "GET", "/v1/customers", context.query, nullptr),
                       "Customers retrieved successfully");
}

api::Reply Cashfin::checkout(const api::RequestContext& context) const {
  http::JsonBody body;
  translate_body(context, core_order_name, body);
  return cashfin_reply(core_.call(context, "POST", "/v1/orders", {}, &body),
                       "Order created successfully");
}

std::string Cashfin::error_body(const api::ApiError& error, const std::string& request_id) {
  const bool validation = error.code() == "validation_error";
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "success");
  writer.Bool(false);
  json::field(writer, "error",
              validation ? std::string_view("There are problems with your submission")
                         : std::string_view(error.message()));
  if (!error.details().empty()) {
    // The guide's per-field map for a validation error; other facts (existingId) as details.
    json::key(writer, validation ? "errors" : "details");
    writer.StartObject();
    for (const auto& [name, value] : error.details()) json::field(writer, name, value);
    writer.EndObject();
  }
  json::field(writer, "code", error.code());
  json::field(writer, "requestId", request_id);
  writer.EndObject();
  return json::text(buffer);
}

void Cashfin::add_routes(api::Routes& routes, const Cashfin& cashfin) {
  using enum api::Access;
  using enum api::BodyKind;
  using api::bind;
  const auto shaped = [](api::Endpoint endpoint) {
    endpoint.error_body = &Cashfin::error_body;
    return endpoint;
  };
  routes.add("POST", kPrefix + "/business/customer/create",
             shaped({kWrite, kJsonObject, bind(cashfin, &Cashfin::create_customer)}));
  routes.add("GET", kPrefix + "/business/customer/list",
             shaped({kRead, kNone, bind(cashfin, &Cashfin::list_customers)}));
  routes.add("POST", kPrefix + "/business/order/checkout",
             shaped({kWrite, kJsonObject, bind(cashfin, &Cashfin::checkout)}));
}

}  // namespace capi::dialects
