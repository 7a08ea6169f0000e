#include "domain/input_reader.hpp"

#include <algorithm>

#include "domain/country.hpp"
#include "domain/email.hpp"
#include "domain/phone.hpp"
#include "domain/time.hpp"

namespace capi::domain {

std::string at_most_characters(std::size_t limit) {
  return "must be at most " + std::to_string(limit) + " characters";
}

std::string one_of_message(std::span<const std::string_view> allowed) {
  std::string message = "must be one of: ";
  bool first = true;
  for (const std::string_view choice : allowed) {
    if (!first) message += ", ";
    message += choice;
    first = false;
  }
  return message;
}

ObjectReader::ObjectReader(const rapidjson::Value& object, std::string path_prefix,
                           FieldErrors& errors, std::vector<std::string>& ignored_fields)
    : object_(object),
      path_prefix_(std::move(path_prefix)),
      errors_(errors),
      ignored_fields_(ignored_fields) {}

std::string ObjectReader::path(std::string_view key) const {
  if (path_prefix_.empty()) return std::string(key);
  return path_prefix_ + "." + std::string(key);
}

const rapidjson::Value* ObjectReader::take(std::string_view key) {
  taken_.emplace(key);
  const auto member =
      object_.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
  return member == object_.MemberEnd() ? nullptr : &member->value;
}

void ObjectReader::fail(const std::string& path, std::string_view message) {
  if (errors_.size() < kMaxFieldErrors && !failed(path)) {
    errors_.emplace_back(path, std::string(message));
  }
}

bool ObjectReader::failed(std::string_view path) const {
  return std::any_of(errors_.begin(), errors_.end(),
                     [&](const auto& error) { return error.first == path; });
}

Field<std::string> ObjectReader::text(std::string_view key, std::size_t max_chars, LineMode mode) {
  const rapidjson::Value* const value = take(key);
  if (value == nullptr) return {};
  if (value->IsNull()) return null_field<std::string>();
  if (!value->IsString()) {
    fail(path(key), kMustBeString);
    return {};
  }
  const std::string_view trimmed =
      trim(std::string_view(value->GetString(), value->GetStringLength()));
  if (has_control_chars(trimmed, mode)) {
    fail(path(key), kNoControlChars);
    return {};
  }
  if (utf8_length(trimmed) > max_chars) {
    fail(path(key), at_most_characters(max_chars));
    return {};
  }
  if (trimmed.empty()) return null_field<std::string>();
  return value_field(std::string(trimmed));
}

Field<std::string> ObjectReader::one_of(std::string_view key,
                                        std::span<const std::string_view> allowed) {
  Field<std::string> field = text(key, 100);
  if (field.has_value() &&
      std::find(allowed.begin(), allowed.end(), field.value) == allowed.end()) {
    fail(path(key), one_of_message(allowed));
    return {};
  }
  return field;
}

Field<std::string> ObjectReader::email(std::string_view key) {
  Field<std::string> field = text(key, kMaxEmailLength);
  if (!field.has_value()) return field;
  std::optional<std::string> normalized = normalize_email(field.value);
  if (!normalized) {
    fail(path(key), kInvalidEmail);
    return {};
  }
  return value_field(std::move(*normalized));
}

Field<std::string> ObjectReader::phone(std::string_view key, std::string_view region) {
  // 64 characters hold any real number in any notation; libphonenumber's own cap is 250.
  Field<std::string> field = text(key, 64);
  if (!field.has_value()) return field;
  PhoneResult result = normalize_phone(field.value, region);
  if (!result.e164) {
    fail(path(key), result.error);
    return {};
  }
  return value_field(std::move(*result.e164));
}

Field<std::string> ObjectReader::country(std::string_view key) {
  Field<std::string> field = text(key, 100);
  if (!field.has_value()) return field;
  std::optional<std::string> code = normalize_country(field.value);
  if (!code) {
    fail(path(key), kInvalidCountry);
    return {};
  }
  return value_field(std::move(*code));
}

Field<bool> ObjectReader::boolean(std::string_view key) {
  const rapidjson::Value* const value = take(key);
  if (value == nullptr) return {};
  if (value->IsNull()) return null_field<bool>();
  if (!value->IsBool()) {
    fail(path(key), kMustBeBoolean);
    return {};
  }
  return value_field(value->GetBool());
}

Field<std::int64_t> ObjectReader::instant(std::string_view key) {
  const Field<std::string> field = text(key, 64);
  if (field.state == Field<std::string>::kNull) return null_field<std::int64_t>();
  if (!field.has_value()) return {};
  const std::optional<std::int64_t> unix_ms = parse_date_or_time(field.value, Bound::kLower);
  if (!unix_ms) {
    fail(path(key), kInvalidTime);
    return {};
  }
  return value_field(*unix_ms);
}

ObjectReader ObjectReader::nested(const rapidjson::Value& object, std::string path) const {
  return ObjectReader(object, std::move(path), errors_, ignored_fields_);
}

void ObjectReader::ignore_the_rest() {
  for (auto member = object_.MemberBegin(); member != object_.MemberEnd(); ++member) {
    const std::string_view key(member->name.GetString(), member->name.GetStringLength());
    if (taken_.find(key) == taken_.end()) ignored_fields_.push_back(path(key));
  }
}

}  // namespace capi::domain
