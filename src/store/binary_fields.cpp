#include "store/binary_fields.hpp"

#include "store/connection.hpp"

namespace capi::store {
namespace {

constexpr std::int64_t kPostgresEpochUs = 946684800000000LL;  // 2000-01-01 in Unix µs

[[noreturn]] void malformed(const char* what) {
  throw DbError(ErrorKind::kOther, "XX000", std::string("malformed binary field: ") + what);
}

std::uint64_t big_endian(std::string_view bytes) {
  std::uint64_t value = 0;
  for (const char byte : bytes) value = (value << 8) | static_cast<unsigned char>(byte);
  return value;
}

// Takes the next 4 bytes of `rest` as a big-endian unsigned number.
std::uint32_t take_u32(std::string_view& rest) {
  if (rest.size() < 4) malformed("array header");
  const auto value = static_cast<std::uint32_t>(big_endian(rest.substr(0, 4)));
  rest.remove_prefix(4);
  return value;
}

}  // namespace

std::int32_t binary_int4(std::string_view field) {
  if (field.size() != 4) malformed("int4");
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(big_endian(field)));
}

std::int64_t binary_int8(std::string_view field) {
  if (field.size() != 8) malformed("int8");
  return static_cast<std::int64_t>(big_endian(field));
}

std::int64_t binary_timestamp_ms(std::string_view field) {
  if (field.size() != 8) malformed("timestamptz");
  const std::int64_t unix_us = binary_int8(field) + kPostgresEpochUs;
  return unix_us >= 0 ? (unix_us + 500) / 1000 : -((-unix_us + 500) / 1000);
}

void binary_text_array(std::string_view field, std::vector<std::string>& out) {
  std::string_view rest = field;
  const std::uint32_t dimensions = take_u32(rest);
  take_u32(rest);  // has NULL elements: a text[] column of this schema never holds one
  take_u32(rest);  // element type
  if (dimensions == 0) {
    out.clear();
    return;
  }
  if (dimensions != 1) malformed("text[] of more than one dimension");
  const std::uint32_t count = take_u32(rest);
  take_u32(rest);  // lower bound
  if (count > rest.size() / 4) malformed("text[] length");
  out.resize(count);
  for (auto& item : out) {
    const std::uint32_t length = take_u32(rest);
    if (length == 0xffffffffU || length > rest.size()) malformed("text[] element");
    item.assign(rest.data(), length);
    rest.remove_prefix(length);
  }
}

std::string_view binary_jsonb(std::string_view field) {
  if (field.empty() || field.front() != '\x01') malformed("jsonb");
  return field.substr(1);
}

}  // namespace capi::store
