#include "records/address_json.hpp"

#include "json/small_document.hpp"
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
  json::SmallDocument document;
  if (!document.parse(text) || !document.root().IsObject()) return std::nullopt;
  const auto& object = document.root();
  auto part = [&](const char* name) {
    const auto found = object.FindMember(name);
    if (found == object.MemberEnd() || !found->value.IsString()) return std::string();
    return std::string(found->value.GetString(), found->value.GetStringLength());
  };
  return domain::Address{part("line1"), part("line2"),      part("city"),
                         part("state"), part("postalCode"), part("country")};
}

}  // namespace capi::records
