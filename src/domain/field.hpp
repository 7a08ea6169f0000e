// The shape of a parsed write body: for each field, whether it was given, given as null,
// or given with a value; and the problems found, by dotted path.
#pragma once

#include <rapidjson/fwd.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace capi::domain {

// Create (POST) or update (PUT and PATCH: both change only the fields given).
enum class Mode { kCreate, kUpdate };

// One field of a write body.
template <class T>
struct Field {
  enum State {
    kAbsent,  // not in the body: an update leaves the stored value alone
    kNull,    // explicitly null (or an empty string): an update clears the stored value
    kValue,   // `value` holds the validated, normalised value
  };
  State state = kAbsent;
  T value{};

  bool given() const { return state != kAbsent; }
  bool has_value() const { return state == kValue; }
  // The value, or nullopt when absent or null (for an optional column).
  std::optional<T> optional() const {
    if (has_value()) return value;
    return std::nullopt;
  }
};

template <class T>
Field<T> null_field() {
  return Field<T>{Field<T>::kNull, T{}};
}

template <class T>
Field<T> value_field(T value) {
  return Field<T>{Field<T>::kValue, std::move(value)};
}

// Field-level problems, each a dotted path ("billingAddress.city", "tags[3]",
// "contacts[1].email") and its message ("is required"); one message per path, in the
// order found. They become the 422 answer's `error.details`.
using FieldErrors = std::vector<std::pair<std::string, std::string>>;
// At most this many are collected; a body with more problems gets the first ones. Keeps what
// a hostile body can cost linear.
constexpr std::size_t kMaxFieldErrors = 50;

// The exact source text of a JSON number of the body, as the JSON layer kept it
// (http::JsonBody::number_text), so that money never goes through a double; nullopt for a
// number whose value is exact as the document holds it (an integer).
using NumberTextLookup =
    std::function<std::optional<std::string_view>(const rapidjson::Value& number)>;

}  // namespace capi::domain
