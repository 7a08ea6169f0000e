#include "domain/address.hpp"

namespace capi::domain {
namespace {

// Copies a part read from the body; a cleared or refused part stays empty.
void assign(std::string& part, Field<std::string>&& field) {
  if (field.has_value()) part = std::move(field.value);
}

}  // namespace

bool is_empty(const Address& address) {
  return address.line1.empty() && address.line2.empty() && address.city.empty() &&
         address.state.empty() && address.postal_code.empty() && address.country.empty();
}

std::string address_one_line(const Address& address) {
  std::string line;
  for (const std::string* part : {&address.line1, &address.line2, &address.city, &address.state,
                                  &address.postal_code, &address.country}) {
    if (part->empty()) continue;
    if (!line.empty()) line += ", ";
    line += *part;
  }
  return line;
}

Field<Address> read_address(ObjectReader& reader, std::string_view key) {
  const rapidjson::Value* const value = reader.take(key);
  if (value == nullptr) return {};
  if (value->IsNull()) return null_field<Address>();
  if (!value->IsObject()) {
    reader.fail(reader.path(key), kMustBeObject);
    return {};
  }
  ObjectReader parts = reader.nested(*value, reader.path(key));
  Address address;
  assign(address.line1, parts.text("line1", kMaxAddressPartLength));
  assign(address.line2, parts.text("line2", kMaxAddressPartLength));
  assign(address.city, parts.text("city", kMaxAddressPartLength));
  assign(address.state, parts.text("state", kMaxAddressPartLength));
  assign(address.postal_code, parts.text("postalCode", kMaxAddressPartLength));
  assign(address.country, parts.country("country"));
  parts.ignore_the_rest();
  if (is_empty(address)) return null_field<Address>();
  return value_field(std::move(address));
}

}  // namespace capi::domain
