// Moving values of PostgreSQL types through text parameters and results: bytea as "\x..."
// hex, timestamps as Unix milliseconds, arrays and objects as JSON text (converted by the
// SQL), so that no value ever needs quoting into SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace capi::store {

std::string bytea_param(std::string_view raw);
std::string bytea_from_text(std::string_view hex_text);  // "\x0a0b" -> raw bytes
std::optional<std::string> optional_bytea(const std::optional<std::string>& raw);

// ["a","b"] as JSON text, for `ARRAY(SELECT jsonb_array_elements_text($n::jsonb))`.
std::string json_string_array(const std::vector<std::string>& values);
// Parses array_to_json(...)::text back.
std::vector<std::string> string_array_from_json(std::string_view json);

}  // namespace capi::store
