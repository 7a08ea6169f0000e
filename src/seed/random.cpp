#include "seed/random.hpp"

namespace capi::seed {

std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t hash_text(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char ch : text) {
    hash ^= static_cast<unsigned char>(ch);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

Scramble::Scramble(std::int64_t range, std::uint64_t key) : size(range) {
  std::int64_t a = static_cast<std::int64_t>(mix64(key) % static_cast<std::uint64_t>(size));
  while (a % 2 == 0 || a % 3 == 0 || a % 5 == 0) ++a;
  multiplier = a;  // coprime to size (10^k or 9 * 10^k), so x -> x * a is a bijection
  offset = static_cast<std::int64_t>(mix64(key + 1) % static_cast<std::uint64_t>(size));
}

std::int64_t Scramble::operator()(std::int64_t x) const {
  // Sizes stay below 10^9 (10^7 phone suffixes, email counters of a few digits): the
  // product fits in 64 bits.
  return static_cast<std::int64_t>(
      (static_cast<std::uint64_t>(x) * static_cast<std::uint64_t>(multiplier) +
       static_cast<std::uint64_t>(offset)) %
      static_cast<std::uint64_t>(size));
}

std::int64_t pow10(int digits) {
  std::int64_t value = 1;
  for (int i = 0; i < digits; ++i) value *= 10;
  return value;
}

std::string zero_padded(std::int64_t value, int digits) {
  std::string text = std::to_string(value);
  if (static_cast<int>(text.size()) < digits) text.insert(0, digits - text.size(), '0');
  return text;
}

}  // namespace capi::seed
