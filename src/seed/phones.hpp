// Unique valid mobile numbers for generated customers: drawn from blocks of libphonenumber's
// example mobile number of a region whose last digits are free (every block is checked
// against the region's metadata before use), each block's numbers in a scrambled order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "seed/random.hpp"

namespace capi::seed {

// Numbers of one region: blocks "+<cc><prefix>" followed by `free_digits` free digits.
struct PhoneBlocks {
  std::string region;
  std::string country_code;
  std::vector<std::string> prefixes;
  int free_digits = 0;
  std::int64_t capacity() const;
};

// Blocks of valid mobile numbers of `region` holding at least `needed` numbers when its
// metadata allows (fewer otherwise; none for a region without mobile examples).
PhoneBlocks find_phone_blocks(const std::string& region, std::int64_t needed);

// The numbers of one region handed out one by one, never the same twice.
class RegionPhones {
 public:
  RegionPhones(PhoneBlocks blocks, std::uint64_t seed_key);

  const PhoneBlocks& blocks() const { return blocks_; }
  // The next unused number; none when the region has no blocks or they are used up.
  std::optional<std::string> next();

 private:
  PhoneBlocks blocks_;
  Scramble scramble_;
  std::int64_t used_ = 0;
};

}  // namespace capi::seed
