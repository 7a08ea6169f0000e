// Record ids laid out like a MongoDB ObjectId: 4-byte big-endian Unix seconds, 5 random
// bytes, a 3-byte counter. 24 lowercase hex characters; they sort by creation time.
//
// The random part and the counter belong to a scope (the business that owns the record) and
// start at random values in each process: an id says nothing of how many records other
// businesses created, and two scopes never share a counter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace capi::domain {

constexpr std::size_t kObjectIdLength = 24;

// True for exactly 24 lowercase hex characters.
bool is_object_id(std::string_view text);

// A new id of `scope` for `unix_seconds`. The random part and the counter start are drawn
// per scope and again after fork(), so that two workers never make the same id.
std::string new_object_id(std::string_view scope, std::uint32_t unix_seconds);
std::string new_object_id(std::string_view scope);  // now

// A new id of the same layout with no counter: the time and 8 random bytes (request ids,
// businesses, keys: nothing to order within a second, nothing to count).
std::string new_random_id();

// The creation second encoded in an id (no validation beyond is_object_id).
std::uint32_t object_id_seconds(std::string_view id);

}  // namespace capi::domain
