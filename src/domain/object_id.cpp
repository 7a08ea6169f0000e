#include "domain/object_id.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "crypto/random.hpp"

namespace capi::domain {
namespace {

// At most this many scopes are remembered; then all start afresh (new random parts).
constexpr std::size_t kMaxScopes = 10000;

struct Scope {
  std::string random5;
  std::uint32_t counter = 0;
};

struct ProcessState {
  pid_t pid = 0;
  std::unordered_map<std::string, Scope> scopes;
};

std::uint32_t counter_from(std::string_view bytes) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[0])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[1])) << 8) |
         static_cast<unsigned char>(bytes[2]);
}

Scope& scope_of(std::string_view name) {
  static ProcessState process;
  const pid_t pid = getpid();
  if (process.pid != pid || process.scopes.size() >= kMaxScopes) {
    process.pid = pid;
    process.scopes.clear();
  }
  auto found = process.scopes.find(std::string(name));
  if (found == process.scopes.end()) {
    const std::string seed = crypto::random_bytes(8);
    found =
        process.scopes.emplace(name, Scope{seed.substr(0, 5), counter_from(seed.substr(5))}).first;
  }
  return found->second;
}

std::string hex_id(std::uint32_t unix_seconds, std::string_view tail) {
  std::string raw;
  raw.reserve(12);
  for (int shift = 24; shift >= 0; shift -= 8)
    raw += static_cast<char>((unix_seconds >> shift) & 0xff);
  raw.append(tail);
  return crypto::to_hex(raw);
}

std::uint32_t now_seconds() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

}  // namespace

bool is_object_id(std::string_view text) {
  return text.size() == kObjectIdLength && std::all_of(text.begin(), text.end(), [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
         });
}

std::string new_object_id(std::string_view scope, std::uint32_t unix_seconds) {
  Scope& state = scope_of(scope);
  const std::uint32_t count = state.counter++ & 0xffffff;
  std::string tail = state.random5;
  for (int shift = 16; shift >= 0; shift -= 8) tail += static_cast<char>((count >> shift) & 0xff);
  return hex_id(unix_seconds, tail);
}

std::string new_object_id(std::string_view scope) {
  return new_object_id(scope, now_seconds());
}

std::string new_random_id() {
  return hex_id(now_seconds(), crypto::random_bytes(8));
}

std::uint32_t object_id_seconds(std::string_view id) {
  std::uint32_t seconds = 0;
  for (std::size_t i = 0; i < 8 && i < id.size(); ++i) {
    const char ch = id[i];
    const std::uint32_t digit = ch <= '9' ? static_cast<std::uint32_t>(ch - '0')
                                          : static_cast<std::uint32_t>(ch - 'a' + 10);
    seconds = (seconds << 4) | digit;
  }
  return seconds;
}

}  // namespace capi::domain
