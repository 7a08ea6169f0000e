#include "api/json_fields.hpp"

#include "domain/money.hpp"
#include "domain/time.hpp"

namespace capi::api {

void time_field(json::Writer& writer, const char* name, const std::optional<std::int64_t>& ms) {
  json::key(writer, name);
  if (ms) {
    json::string(writer, domain::format_rfc3339_ms(*ms));
  } else {
    writer.Null();
  }
}

void money_fields(json::Writer& writer, const std::string& name, std::int64_t minor, int digits) {
  const std::string decimal = domain::format_money(minor, digits);
  json::key(writer, name);
  writer.RawValue(decimal.data(), decimal.size(), rapidjson::kNumberType);
  json::key(writer, name + "Minor");
  writer.Int64(minor);
}

void money_fields(json::Writer& writer, const std::string& name,
                  const std::optional<std::int64_t>& minor, int digits) {
  if (minor) {
    money_fields(writer, name, *minor, digits);
    return;
  }
  json::key(writer, name);
  writer.Null();
  json::key(writer, name + "Minor");
  writer.Null();
}

}  // namespace capi::api
