// Record ids laid out like a MongoDB ObjectId: 4-byte big-endian Unix seconds, 5 random
// bytes drawn once per process, a 3-byte counter. 24 lowercase hex characters; they sort by
// creation time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace capi::domain {

constexpr std::size_t kObjectIdLength = 24;

// True for exactly 24 lowercase hex characters.
bool is_object_id(std::string_view text);

// A new id for `unix_seconds`. Per process: the random part and the counter start are drawn
// again after fork(), so that two workers never make the same id.
std::string new_object_id(std::uint32_t unix_seconds);
std::string new_object_id();  // now

// The creation second encoded in an id (no validation beyond is_object_id).
std::uint32_t object_id_seconds(std::string_view id);

}  // namespace capi::domain
