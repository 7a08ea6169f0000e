// Randomness and digests from libsodium.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace capi::crypto {

// Initialises libsodium once; throws std::runtime_error if it cannot.
void ensure_initialised();

std::string random_bytes(std::size_t count);
std::string to_hex(std::string_view bytes);
std::string sha256(std::string_view data);      // 32 raw bytes
std::string base64url(std::string_view bytes);  // no padding
// The bytes of base64url text without padding; nullopt when it is not that.
std::optional<std::string> base64url_decode(std::string_view text);

// Compares in time that does not depend on where the inputs differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace capi::crypto
