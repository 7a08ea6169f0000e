// Reads the typed fields of one JSON object of a write body. Every problem becomes a field
// error with its dotted path, and every key that no rule read is listed as ignored, so the
// customer and contact parsers only say which field follows which rule.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/field.hpp"
#include "domain/text.hpp"

namespace capi::domain {

// Messages shared by the parsers, so that the same problem always reads the same.
inline constexpr std::string_view kRequired = "is required";
inline constexpr std::string_view kMustBeString = "must be a string";
inline constexpr std::string_view kMustBeNumber = "must be a number";
inline constexpr std::string_view kMustBeBoolean = "must be a boolean";
inline constexpr std::string_view kMustBeObject = "must be an object";
inline constexpr std::string_view kMustBeArray = "must be an array";
inline constexpr std::string_view kNoControlChars = "must not contain control characters";
inline constexpr std::string_view kInvalidEmail = "must be a valid email address";
inline constexpr std::string_view kInvalidCountry =
    "must be an ISO 3166-1 country code or an English country name";
inline constexpr std::string_view kInvalidTime = "must be an RFC 3339 date-time or a date";

// "must be at most 200 characters"
std::string at_most_characters(std::size_t limit);

// "must be one of: individual, business"
std::string one_of_message(std::span<const std::string_view> allowed);

class ObjectReader {
 public:
  // `object` must be a JSON object and outlive the reader; `path_prefix` is the object's
  // own path ("" at the top, "contacts[1]", "billingAddress").
  ObjectReader(const rapidjson::Value& object, std::string path_prefix, FieldErrors& errors,
               std::vector<std::string>& ignored_fields);

  // The dotted path of a member: "email", "contacts[1].email".
  std::string path(std::string_view key) const;

  // The member `key`, now counted as read; nullptr when the body does not have it.
  const rapidjson::Value* take(std::string_view key);

  // Records a problem at `path`, unless that path has one already or kMaxFieldErrors are
  // recorded (`failed` then looks through a bounded list).
  void fail(const std::string& path, std::string_view message);
  bool failed(std::string_view path) const;

  // A string, trimmed; an empty one is read as null. Refused: other JSON types, control
  // characters (see LineMode), more than `max_chars` characters.
  Field<std::string> text(std::string_view key, std::size_t max_chars,
                          LineMode mode = LineMode::kSingleLine);

  // text(), then the value must be one of `allowed` (exactly; they are lower case).
  Field<std::string> one_of(std::string_view key, std::span<const std::string_view> allowed);

  // text(), then normalize_email.
  Field<std::string> email(std::string_view key);

  // text(), then normalize_phone, national notation read in `region`.
  Field<std::string> phone(std::string_view key, std::string_view region);

  // text(), then normalize_country.
  Field<std::string> country(std::string_view key);

  // true or false.
  Field<bool> boolean(std::string_view key);

  // An RFC 3339 date-time or a plain date (its 00:00Z), as Unix milliseconds.
  Field<std::int64_t> instant(std::string_view key);

  // A reader of a nested object (`object` at `path`) reporting to the same lists.
  ObjectReader nested(const rapidjson::Value& object, std::string path) const;

  // Lists every member nobody took in the ignored fields, by path, in body order.
  void ignore_the_rest();

 private:
  const rapidjson::Value& object_;
  const std::string path_prefix_;
  FieldErrors& errors_;
  std::vector<std::string>& ignored_fields_;
  std::set<std::string, std::less<>> taken_;
};

}  // namespace capi::domain
