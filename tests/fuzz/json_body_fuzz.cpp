// Request bodies as JSON (http/json_body): any bytes either parse within the limits or give
// an error message. When they parse, every number the document holds as a double has its
// exact source text (and the text reads back as that double), no other value has one, and
// nesting stays within kMaxJsonDepth.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_support.hpp"
#include "http/json_body.hpp"

namespace {

using capi::http::JsonBody;

// Checks `value` and what it holds; returns how many doubles it holds.
std::size_t check(const JsonBody& body, const rapidjson::Value& value, int depth) {
  std::size_t doubles = 0;
  if (value.IsArray() || value.IsObject()) CAPI_FUZZ_CHECK(depth < capi::http::kMaxJsonDepth);
  if (value.IsDouble()) {
    const auto text = body.number_text(value);
    CAPI_FUZZ_CHECK(text.has_value());
    CAPI_FUZZ_CHECK(!text->empty());
    const double read = std::strtod(std::string(*text).c_str(), nullptr);
    CAPI_FUZZ_CHECK(read == value.GetDouble() ||
                    (std::isnan(read) && std::isnan(value.GetDouble())));
    return 1;
  }
  CAPI_FUZZ_CHECK(!body.number_text(value).has_value());
  if (value.IsArray()) {
    for (const auto& element : value.GetArray()) doubles += check(body, element, depth + 1);
  } else if (value.IsObject()) {
    for (const auto& member : value.GetObject()) {
      CAPI_FUZZ_CHECK(!body.number_text(member.name).has_value());
      doubles += check(body, member.value, depth + 1);
    }
  }
  return doubles;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  JsonBody body;
  const auto error = capi::http::parse_json_body(capi::fuzz::as_text(data, size), body);
  if (error) {
    CAPI_FUZZ_CHECK(!error->message.empty());
    return 0;
  }
  CAPI_FUZZ_CHECK(check(body, body.document, 0) == body.numbers.size());
  // The same text parses the same way again.
  JsonBody again;
  CAPI_FUZZ_CHECK(!capi::http::parse_json_body(capi::fuzz::as_text(data, size), again));
  CAPI_FUZZ_CHECK(again.number_chars == body.number_chars);
  return 0;
}
