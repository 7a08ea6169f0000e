#include "store/copy_binary.hpp"

namespace capi::store {
namespace {

constexpr std::uint32_t kTextOid = 25;
constexpr std::int64_t kPostgresEpochMs = 946684800000LL;  // 2000-01-01 in Unix ms

void put_u64(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xff);
}

}  // namespace

void put_u16(std::string& out, std::uint16_t value) {
  out += static_cast<char>(value >> 8);
  out += static_cast<char>(value & 0xff);
}

void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xff);
}

void copy_null(std::string& out) {
  put_u32(out, 0xffffffffU);
}

void copy_bytes(std::string& out, std::string_view bytes) {
  put_u32(out, static_cast<std::uint32_t>(bytes.size()));
  out.append(bytes);
}

void copy_bool(std::string& out, bool value) {
  put_u32(out, 1);
  out += value ? '\1' : '\0';
}

void copy_int4(std::string& out, std::int32_t value) {
  put_u32(out, 4);
  put_u32(out, static_cast<std::uint32_t>(value));
}

void copy_int8(std::string& out, std::int64_t value) {
  put_u32(out, 8);
  put_u64(out, static_cast<std::uint64_t>(value));
}

void copy_timestamp(std::string& out, std::int64_t unix_ms) {
  copy_int8(out, (unix_ms - kPostgresEpochMs) * 1000);
}

void copy_text_array(std::string& out, const std::vector<std::string>& items) {
  std::string array;
  put_u32(array, items.empty() ? 0 : 1);  // dimensions
  put_u32(array, 0);                      // no NULL elements
  put_u32(array, kTextOid);
  if (!items.empty()) {
    put_u32(array, static_cast<std::uint32_t>(items.size()));
    put_u32(array, 1);  // lower bound
    for (const auto& item : items) copy_bytes(array, item);
  }
  copy_bytes(out, array);
}

void copy_jsonb(std::string& out, std::string_view json) {
  put_u32(out, static_cast<std::uint32_t>(json.size() + 1));
  out += '\x01';  // jsonb's binary format version
  out.append(json);
}

void copy_header(std::string& out) {
  out.append("PGCOPY\n\xff\r\n\0", 11);
  put_u32(out, 0);  // flags
  put_u32(out, 0);  // header extension length
}

void copy_trailer(std::string& out) {
  put_u16(out, 0xffff);
}

}  // namespace capi::store
