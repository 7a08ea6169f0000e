// COPY's binary format, field by field: per field a length and the bytes (length -1 for
// NULL); integers big-endian; timestamps in microseconds since 2000-01-01 UTC; arrays and
// jsonb in their binary send forms. Used by the tables' COPY encoders (columns.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace capi::store {

void put_u16(std::string& out, std::uint16_t value);
void put_u32(std::string& out, std::uint32_t value);

void copy_null(std::string& out);
void copy_bytes(std::string& out, std::string_view bytes);
void copy_bool(std::string& out, bool value);
void copy_int4(std::string& out, std::int32_t value);
void copy_int8(std::string& out, std::int64_t value);
void copy_timestamp(std::string& out, std::int64_t unix_ms);
void copy_text_array(std::string& out, const std::vector<std::string>& items);
void copy_jsonb(std::string& out, std::string_view json);

// The stream's header and trailer.
void copy_header(std::string& out);
void copy_trailer(std::string& out);

}  // namespace capi::store
