// Request bodies: JSON parsed with the API's limits (nesting depth <= 32, valid UTF-8 with no
// surrogate code points, lone "\ud800" escapes included). Numbers that a double cannot hold
// exactly keep their source text, so that money is read from its digits.
//
// What a body may cost is bounded by its size: the document (16 bytes a value), and for each
// decimal number its text and 16 bytes more. Nothing is kept per key path.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace capi::http {

constexpr int kMaxJsonDepth = 32;

struct JsonBody {
  rapidjson::Document document;

  // The exact source text of `number`, a number value of `document` that is a double there
  // (a decimal, an exponent, or an integer beyond 64 bits); nullopt for any other value (an
  // integer of 64 bits is exact as it is).
  std::optional<std::string_view> number_text(const rapidjson::Value& number) const;

  // Filled by parse_json_body: the texts back to back, and where each number's is.
  struct NumberText {
    const rapidjson::Value* value;
    std::uint32_t offset;
    std::uint32_t length;
  };
  std::string number_chars;
  std::vector<NumberText> numbers;  // sorted by value address
};

struct JsonError {
  std::string message;  // e.g. "Invalid value at offset 12"
};

// Parses `text`; returns the error when the body is not acceptable JSON.
std::optional<JsonError> parse_json_body(std::string_view text, JsonBody& out);

}  // namespace capi::http
