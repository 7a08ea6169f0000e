// The seeder's randomness: splitmix64 streams derived from the seed, one per row and per
// purpose, so that a seed always makes the same rows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace capi::seed {

// The 64-bit mix (splitmix64's finaliser) used for every derived stream.
std::uint64_t mix64(std::uint64_t value);

// FNV-1a: a stable key for a text (a region, an email address).
std::uint64_t hash_text(std::string_view text);

class Rng {
 public:
  explicit Rng(std::uint64_t state) : state_(state) {}
  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  // Uniform in [0, n) (the modulo bias of a 64-bit draw is negligible here).
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  std::int64_t between(std::int64_t low, std::int64_t high) {  // inclusive
    return low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low + 1)));
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  std::uint64_t state_;
};

// A bijection of [0, size) for size = 10^k or 9 * 10^k: x -> (x * a + b) mod size with a
// coprime to 2, 3 and 5. Numbers drawn through it look random and never repeat.
struct Scramble {
  std::int64_t size = 1;
  std::int64_t multiplier = 1;
  std::int64_t offset = 0;

  Scramble() = default;
  Scramble(std::int64_t range, std::uint64_t key);
  std::int64_t operator()(std::int64_t x) const;
};

std::int64_t pow10(int digits);

// `value` in decimal, with leading zeros up to `digits`.
std::string zero_padded(std::int64_t value, int digits);

}  // namespace capi::seed
