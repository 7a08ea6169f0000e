#include "domain/object_id.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>

#include "crypto/random.hpp"

namespace capi::domain {
namespace {

struct ProcessState {
  pid_t pid = 0;
  std::string random5;
  std::uint32_t counter = 0;
};

ProcessState& state() {
  static ProcessState process;
  const pid_t pid = getpid();
  if (process.pid != pid) {
    const std::string seed = crypto::random_bytes(8);
    process.pid = pid;
    process.random5 = seed.substr(0, 5);
    process.counter = (static_cast<std::uint32_t>(static_cast<unsigned char>(seed[5])) << 16) |
                      (static_cast<std::uint32_t>(static_cast<unsigned char>(seed[6])) << 8) |
                      static_cast<unsigned char>(seed[7]);
  }
  return process;
}

}  // namespace

bool is_object_id(std::string_view text) {
  return text.size() == kObjectIdLength && std::all_of(text.begin(), text.end(), [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
         });
}

std::string new_object_id(std::uint32_t unix_seconds) {
  auto& process = state();
  const std::uint32_t count = process.counter++ & 0xffffff;
  std::string raw;
  raw.reserve(12);
  for (int shift = 24; shift >= 0; shift -= 8)
    raw += static_cast<char>((unix_seconds >> shift) & 0xff);
  raw += process.random5;
  for (int shift = 16; shift >= 0; shift -= 8) raw += static_cast<char>((count >> shift) & 0xff);
  return crypto::to_hex(raw);
}

std::string new_object_id() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return new_object_id(
      static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(now).count()));
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
