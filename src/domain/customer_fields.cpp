#include "domain/customer_fields.hpp"

#include <algorithm>
#include <charconv>

#include "domain/customer_input.hpp"
#include "domain/money.hpp"

namespace capi::domain {
namespace {

std::string element_path(const std::string& array_path, std::size_t index) {
  return array_path + "[" + std::to_string(index) + "]";
}

// The exact source text of the number `value`. An integer is written out exactly; a double
// without kept text (a document built in code) in its shortest round-trip form, the text its
// writer most likely had.
std::string number_text_of(const rapidjson::Value& value, const NumberTextLookup& number_text) {
  if (number_text) {
    if (const std::optional<std::string_view> text = number_text(value)) return std::string(*text);
  }
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  char buffer[64];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value.GetDouble());
  return std::string(buffer, written.ptr);
}

// The number text of member `key`, or nullopt after recording why there is none.
std::optional<std::string> take_number(ObjectReader& reader, std::string_view key,
                                       std::string_view not_a_number,
                                       const NumberTextLookup& number_text, bool& was_null) {
  was_null = false;
  const rapidjson::Value* const value = reader.take(key);
  if (value == nullptr) return std::nullopt;
  if (value->IsNull()) {
    was_null = true;
    return std::nullopt;
  }
  if (!value->IsNumber()) {
    reader.fail(reader.path(key), not_a_number);
    return std::nullopt;
  }
  return number_text_of(*value, number_text);
}

Field<std::int64_t> accept_money(ObjectReader& reader, std::string_view key,
                                 const MoneyResult& result) {
  if (!result.minor) {
    reader.fail(reader.path(key), result.error);
    return {};
  }
  return value_field(*result.minor);
}

// Checks one metadata entry; a problem is recorded under the entry's path (or the
// object's, when the key itself cannot be a path).
bool metadata_entry_ok(ObjectReader& reader, const std::string& object_path,
                       std::string_view entry_key, const rapidjson::Value& value) {
  const std::string entry_path = object_path + "." + std::string(entry_key);
  if (entry_key.empty()) {
    reader.fail(object_path, "keys must not be empty");
  } else if (has_control_chars(entry_key, LineMode::kSingleLine)) {
    reader.fail(object_path, "keys must not contain control characters");
  } else if (utf8_length(entry_key) > kMaxMetadataKeyLength) {
    reader.fail(entry_path,
                "key must be at most " + std::to_string(kMaxMetadataKeyLength) + " characters");
  } else if (!value.IsString()) {
    reader.fail(entry_path, kMustBeString);
  } else {
    const std::string_view text(value.GetString(), value.GetStringLength());
    if (has_control_chars(text, LineMode::kMultiLine)) {
      reader.fail(entry_path, kNoControlChars);
    } else if (utf8_length(text) > kMaxMetadataValueLength) {
      reader.fail(entry_path, at_most_characters(kMaxMetadataValueLength));
    } else {
      return true;
    }
  }
  return false;
}

}  // namespace

Field<std::vector<std::string>> read_tags(ObjectReader& reader, std::string_view key) {
  const rapidjson::Value* const value = reader.take(key);
  if (value == nullptr) return {};
  if (value->IsNull()) return null_field<std::vector<std::string>>();
  const std::string array_path = reader.path(key);
  if (!value->IsArray()) {
    reader.fail(array_path, kMustBeArray);
    return {};
  }
  // Before anything is read: duplicates are dropped, but an array this long is no list of
  // tags, and reading it all would cost time for nothing.
  if (value->Size() > kMaxTagEntries) {
    reader.fail(array_path, "must have at most " + std::to_string(kMaxTags) + " tags");
    return {};
  }
  std::vector<std::string> tags;
  for (rapidjson::SizeType i = 0; i < value->Size(); ++i) {
    const rapidjson::Value& element = (*value)[i];
    const std::string path = element_path(array_path, i);
    if (!element.IsString()) {
      reader.fail(path, kMustBeString);
      continue;
    }
    const std::string_view tag =
        trim(std::string_view(element.GetString(), element.GetStringLength()));
    if (tag.empty()) {
      reader.fail(path, "must not be empty");
    } else if (has_control_chars(tag, LineMode::kSingleLine)) {
      reader.fail(path, kNoControlChars);
    } else if (utf8_length(tag) > kMaxTagLength) {
      reader.fail(path, at_most_characters(kMaxTagLength));
    } else if (std::find(tags.begin(), tags.end(), tag) == tags.end()) {
      tags.emplace_back(tag);
    }
  }
  if (tags.size() > kMaxTags) {
    reader.fail(array_path, "must have at most " + std::to_string(kMaxTags) + " tags");
    return {};
  }
  return value_field(std::move(tags));
}

Field<std::map<std::string, std::string>> read_metadata(ObjectReader& reader,
                                                        std::string_view key) {
  using Metadata = std::map<std::string, std::string>;
  const rapidjson::Value* const value = reader.take(key);
  if (value == nullptr) return {};
  if (value->IsNull()) return null_field<Metadata>();
  const std::string object_path = reader.path(key);
  if (!value->IsObject()) {
    reader.fail(object_path, kMustBeObject);
    return {};
  }
  if (value->MemberCount() > kMaxMetadataKeys) {
    reader.fail(object_path, "must have at most " + std::to_string(kMaxMetadataKeys) + " keys");
    return {};
  }
  Metadata metadata;
  for (auto member = value->MemberBegin(); member != value->MemberEnd(); ++member) {
    const std::string entry_key(member->name.GetString(), member->name.GetStringLength());
    if (!metadata_entry_ok(reader, object_path, entry_key, member->value)) continue;
    // A key given twice never gets here: the JSON layer refuses such a body (400).
    metadata.emplace(entry_key,
                     std::string(member->value.GetString(), member->value.GetStringLength()));
  }
  return value_field(std::move(metadata));
}

Field<std::int64_t> read_money(ObjectReader& reader, std::string_view key, int digits,
                               const NumberTextLookup& number_text) {
  bool was_null = false;
  const std::optional<std::string> text =
      take_number(reader, key, kMustBeNumber, number_text, was_null);
  if (was_null) return null_field<std::int64_t>();
  if (!text) return {};
  return accept_money(reader, key, parse_money(*text, digits));
}

Field<std::int64_t> read_minor_units(ObjectReader& reader, std::string_view key,
                                     const NumberTextLookup& number_text) {
  bool was_null = false;
  const std::optional<std::string> text =
      take_number(reader, key, "must be an integer", number_text, was_null);
  if (was_null) return null_field<std::int64_t>();
  if (!text) return {};
  return accept_money(reader, key, parse_minor_units(*text));
}

Field<std::int32_t> read_percent(ObjectReader& reader, std::string_view key,
                                 const NumberTextLookup& number_text) {
  bool was_null = false;
  const std::optional<std::string> text =
      take_number(reader, key, kMustBeNumber, number_text, was_null);
  if (was_null) return null_field<std::int32_t>();
  if (!text) return {};
  const PercentResult result = parse_percent(*text);
  if (!result.hundredths) {
    reader.fail(reader.path(key), result.error);
    return {};
  }
  return value_field(*result.hundredths);
}

std::vector<ContactDraft> read_contacts(ObjectReader& reader, std::string_view key,
                                        std::string_view phone_region) {
  const rapidjson::Value* const value = reader.take(key);
  if (value == nullptr || value->IsNull()) return {};
  const std::string array_path = reader.path(key);
  if (!value->IsArray()) {
    reader.fail(array_path, kMustBeArray);
    return {};
  }
  if (value->Size() > kMaxContactsPerCustomer) {
    reader.fail(array_path,
                "must have at most " + std::to_string(kMaxContactsPerCustomer) + " contacts");
    return {};
  }
  std::vector<ContactDraft> contacts;
  for (rapidjson::SizeType i = 0; i < value->Size(); ++i) {
    const rapidjson::Value& element = (*value)[i];
    if (!element.IsObject()) {
      reader.fail(element_path(array_path, i), kMustBeObject);
      continue;
    }
    contacts.push_back(read_contact(reader.nested(element, element_path(array_path, i)),
                                    Mode::kCreate, phone_region));
  }
  const auto primaries =
      std::count_if(contacts.begin(), contacts.end(), [](const ContactDraft& contact) {
        return contact.is_primary.has_value() && contact.is_primary.value;
      });
  if (primaries > 1) reader.fail(array_path, "must have at most one primary contact");
  return contacts;
}

}  // namespace capi::domain
