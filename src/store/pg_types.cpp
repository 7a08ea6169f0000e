#include "store/pg_types.hpp"

#include <rapidjson/document.h>

#include "crypto/random.hpp"
#include "json/writer.hpp"

namespace capi::store {
namespace {

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return 0;
}

}  // namespace

std::string bytea_param(std::string_view raw) {
  return "\\x" + crypto::to_hex(raw);
}

std::string bytea_from_text(std::string_view hex_text) {
  if (hex_text.size() >= 2 && hex_text[0] == '\\' && hex_text[1] == 'x') hex_text.remove_prefix(2);
  std::string raw;
  raw.reserve(hex_text.size() / 2);
  for (std::size_t i = 0; i + 1 < hex_text.size(); i += 2) {
    raw += static_cast<char>(hex_digit(hex_text[i]) * 16 + hex_digit(hex_text[i + 1]));
  }
  return raw;
}

std::optional<std::string> optional_bytea(const std::optional<std::string>& raw) {
  if (!raw) return std::nullopt;
  return bytea_param(*raw);
}

std::string json_string_array(const std::vector<std::string>& values) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartArray();
  for (const auto& value : values) json::string(writer, value);
  writer.EndArray();
  return json::text(buffer);
}

std::vector<std::string> string_array_from_json(std::string_view text) {
  std::vector<std::string> values;
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  if (document.HasParseError() || !document.IsArray()) return values;
  for (const auto& value : document.GetArray()) {
    if (value.IsString()) values.emplace_back(value.GetString(), value.GetStringLength());
  }
  return values;
}

}  // namespace capi::store
