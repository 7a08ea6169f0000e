#include "api/json_fields.hpp"

#include <algorithm>
#include <array>

#include "domain/money.hpp"
#include "domain/time.hpp"

namespace capi::api {

void time_field(json::Writer& writer, const char* name, const std::optional<std::int64_t>& ms) {
  json::key(writer, name);
  if (ms) {
    domain::Rfc3339Buffer buffer;
    json::string(writer, domain::format_rfc3339_ms(*ms, buffer));
  } else {
    writer.Null();
  }
}

namespace {

// "<name>Minor", the key of an amount's minor units, built without an allocation.
class MinorKey {
 public:
  explicit MinorKey(std::string_view name) {
    if (name.size() + kSuffix.size() > text_.size()) {
      long_ = std::string(name) + std::string(kSuffix);
      view_ = long_;
      return;
    }
    std::copy(name.begin(), name.end(), text_.begin());
    std::copy(kSuffix.begin(), kSuffix.end(), text_.begin() + name.size());
    view_ = std::string_view(text_.data(), name.size() + kSuffix.size());
  }
  std::string_view view() const { return view_; }

 private:
  static constexpr std::string_view kSuffix = "Minor";
  std::array<char, 48> text_{};
  std::string long_;
  std::string_view view_;
};

}  // namespace

void money_fields(json::Writer& writer, std::string_view name, std::int64_t minor, int digits) {
  const std::string decimal = domain::format_money(minor, digits);
  json::key(writer, name);
  writer.RawValue(decimal.data(), decimal.size(), rapidjson::kNumberType);
  json::key(writer, MinorKey(name).view());
  writer.Int64(minor);
}

void money_fields(json::Writer& writer, std::string_view name,
                  const std::optional<std::int64_t>& minor, int digits) {
  if (minor) {
    money_fields(writer, name, *minor, digits);
    return;
  }
  json::key(writer, name);
  writer.Null();
  json::key(writer, MinorKey(name).view());
  writer.Null();
}

}  // namespace capi::api
