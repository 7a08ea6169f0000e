// Request bodies: JSON parsed with the API's limits (nesting depth <= 32, valid UTF-8 with no
// surrogate code points, lone "\ud800" escapes included). Numbers keep their exact text, so
// that money is read from its digits and never through a double.
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace capi::http {

constexpr int kMaxJsonDepth = 32;

struct JsonBody {
  rapidjson::Document document;
  // The source text of every number, by its dotted path ("creditLimit", "items[2].unitPrice").
  std::map<std::string, std::string, std::less<>> number_texts;

  // The exact text of the number at `path`, if one was there.
  std::optional<std::string_view> number_text(std::string_view path) const;
};

struct JsonError {
  std::string message;  // e.g. "Invalid value at offset 12"
};

// Parses `text`; returns the error when the body is not acceptable JSON.
std::optional<JsonError> parse_json_body(std::string_view text, JsonBody& out);

}  // namespace capi::http
