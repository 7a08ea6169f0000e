// Fields of a binary-format result (ResultFormat::kBinary), as PostgreSQL's send functions
// write them: integers big-endian, timestamptz as microseconds since 2000-01-01 UTC, text and
// bytea as their bytes, text[] with its dimensions header, jsonb as a version byte and the
// text. Each reader checks the field's length and throws DbError on a field of another shape.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace capi::store {

std::int32_t binary_int4(std::string_view field);
std::int64_t binary_int8(std::string_view field);
// Unix milliseconds, rounded half away from zero: the value the text readers get from
// `(extract(epoch FROM ts) * 1000)::bigint` (TimeMs in columns.hpp).
std::int64_t binary_timestamp_ms(std::string_view field);
// A one-dimensional text[] (or an empty one) into `out`, whose strings are reused.
void binary_text_array(std::string_view field, std::vector<std::string>& out);
// The JSON text of a jsonb value.
std::string_view binary_jsonb(std::string_view field);

}  // namespace capi::store
