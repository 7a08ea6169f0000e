#include "dialects/core.hpp"

#include <stdexcept>

#include "api/error.hpp"

namespace capi::dialects {

api::Reply Core::call(const api::RequestContext& vendor, std::string_view method,
                      const std::string& path, const http::QueryParams& query,
                      const http::JsonBody* body) const {
  const auto match = routes_.find(method, path);
  // A vendor id with a character the core's path cannot hold is an id that does not exist.
  if (match.route == nullptr) throw api::ApiError::not_found();
  const api::Endpoint& endpoint = match.route->handler;
  if (endpoint.access == api::Access::kPublic || vendor.caller == nullptr) {
    throw std::logic_error("a dialect route reaches the core only for an authenticated caller");
  }
  const api::RequestContext context{vendor.request,    match.params,  query,
                                    vendor.request_id, vendor.caller, body};
  return endpoint.handler(context);
}

std::string customer_path(const api::RequestContext& vendor) {
  return "/v1/customers/" + std::string(vendor.path.get("id"));
}

void write_value(json::Writer& writer, const http::JsonBody& source, const rapidjson::Value& value,
                 RenameKey rename) {
  if (value.IsObject()) {
    writer.StartObject();
    for (const auto& member : value.GetObject()) {
      const std::string_view name(member.name.GetString(), member.name.GetStringLength());
      if (rename == nullptr) {
        json::key(writer, name);
      } else {
        json::key(writer, rename(name));
      }
      write_value(writer, source, member.value, name == "metadata" ? nullptr : rename);
    }
    writer.EndObject();
  } else if (value.IsArray()) {
    writer.StartArray();
    for (const auto& item : value.GetArray()) write_value(writer, source, item, rename);
    writer.EndArray();
  } else if (const auto digits = value.IsNumber() ? source.number_text(value) : std::nullopt) {
    writer.RawValue(digits->data(), digits->size(), rapidjson::kNumberType);
  } else {
    value.Accept(writer);
  }
}

void parse_translated(std::string_view text, http::JsonBody& out) {
  if (http::parse_json_body(text, out)) {
    throw api::ApiError::bad_request("The body gives a field twice, under two of its names");
  }
}

}  // namespace capi::dialects
