#include "store/pg_types.hpp"

#include <array>

#include "crypto/random.hpp"
#include "json/small_document.hpp"
#include "json/writer.hpp"

namespace capi::store {
namespace {

// The value of each hex digit (either case); 0 for anything else, as PostgreSQL never sends.
constexpr std::array<unsigned char, 256> kHexValue = [] {
  std::array<unsigned char, 256> table{};
  for (int digit = 0; digit < 10; ++digit) table['0' + digit] = static_cast<unsigned char>(digit);
  for (int digit = 0; digit < 6; ++digit) {
    table['a' + digit] = static_cast<unsigned char>(10 + digit);
    table['A' + digit] = static_cast<unsigned char>(10 + digit);
  }
  return table;
}();

}  // namespace

std::string bytea_param(std::string_view raw) {
  return "\\x" + crypto::to_hex(raw);
}

// Every ciphertext of every row read passes through here: one pass into a buffer of the
// final size (appending byte by byte showed up in profiles of the listing).
std::string bytea_from_text(std::string_view hex_text) {
  if (hex_text.size() >= 2 && hex_text[0] == '\\' && hex_text[1] == 'x') hex_text.remove_prefix(2);
  std::string raw(hex_text.size() / 2, '\0');
  const auto* const in = reinterpret_cast<const unsigned char*>(hex_text.data());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    raw[i] = static_cast<char>((kHexValue[in[2 * i]] << 4) | kHexValue[in[2 * i + 1]]);
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
  json::SmallDocument document;
  if (!document.parse(text) || !document.root().IsArray()) return values;
  for (const auto& value : document.root().GetArray()) {
    if (value.IsString()) values.emplace_back(value.GetString(), value.GetStringLength());
  }
  return values;
}

}  // namespace capi::store
