#include "records/address_json.hpp"

#include <rapidjson/document.h>

#include "json/writer.hpp"

namespace capi::records {

std::string address_to_json(const domain::Address& address) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::field(writer, "line1", address.line1);
  json::field(writer, "line2", address.line2);
  json::field(writer, "city", address.city);
  json::field(writer, "state", address.state);
  json::field(writer, "postalCode", address.postal_code);
  json::field(writer, "country", address.country);
  writer.EndObject();
  return json::text(buffer);
}

std::optional<domain::Address> address_from_json(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  auto part = [&](const char* name) {
    if (!document.HasMember(name)) return std::string();
    const auto& value = document[name];
    return value.IsString() ? std::string(value.GetString(), value.GetStringLength())
                            : std::string();
  };
  return domain::Address{part("line1"), part("line2"),      part("city"),
                         part("state"), part("postalCode"), part("country")};
}

}  // namespace capi::records
