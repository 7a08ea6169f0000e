// Query strings: application/x-www-form-urlencoded pairs, in order, repeated keys kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace capi::http {

class QueryParams {
 public:
  using Pair = std::pair<std::string, std::string>;

  QueryParams() = default;
  explicit QueryParams(std::vector<Pair> pairs) : pairs_(std::move(pairs)) {}

  // The first value of `key`, if present.
  std::optional<std::string> get(std::string_view key) const;
  // Every value of `key`, in order.
  std::vector<std::string> all(std::string_view key) const;
  bool has(std::string_view key) const { return get(key).has_value(); }
  const std::vector<Pair>& pairs() const { return pairs_; }

 private:
  std::vector<Pair> pairs_;
};

// Parses "a=1&b=two%20words&a=3". Returns nullopt on bad syntax: a malformed percent escape,
// or a decoded key or value that is not valid UTF-8 or holds a control character.
std::optional<QueryParams> parse_query(std::string_view query);

// Decodes %XX escapes and '+' (as space when `plus_is_space`); nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace capi::http
