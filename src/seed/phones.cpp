#include "seed/phones.hpp"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>

namespace capi::seed {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

const PhoneNumberUtil& phone_util() {
  return *PhoneNumberUtil::GetInstance();
}

bool is_valid_mobile(const std::string& region, const std::string& country_code,
                     const std::string& national) {
  const auto& util = phone_util();
  PhoneNumber number;
  if (util.Parse("+" + country_code + national, "ZZ", &number) !=
      PhoneNumberUtil::NO_PARSING_ERROR) {
    return false;
  }
  if (!util.IsValidNumberForRegion(number, region)) return false;
  const auto type = util.GetNumberType(number);
  return type == PhoneNumberUtil::MOBILE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
}

// Every digit in every free position, the extremes and some random fills: a block passes
// when each sample is a valid mobile number of the region.
bool block_is_valid(const std::string& region, const std::string& country_code,
                    const std::string& prefix, int free_digits) {
  Rng rng(hash_text(region + prefix) ^ static_cast<std::uint64_t>(free_digits));
  const auto random_fill = [&] {
    std::string digits;
    for (int i = 0; i < free_digits; ++i) digits += static_cast<char>('0' + rng.below(10));
    return digits;
  };
  std::vector<std::string> samples = {std::string(free_digits, '0'), std::string(free_digits, '9')};
  for (int position = 0; position < free_digits; ++position) {
    for (char digit = '0'; digit <= '9'; ++digit) {
      std::string fill = random_fill();
      fill[position] = digit;
      samples.push_back(std::move(fill));
    }
  }
  for (int i = 0; i < 8; ++i) samples.push_back(random_fill());
  return std::all_of(samples.begin(), samples.end(), [&](const std::string& suffix) {
    return is_valid_mobile(region, country_code, prefix + suffix);
  });
}

// More blocks beside the first (`base`): its prefix with the last digit, then the last two
// digits, changed, until the plan holds `needed` numbers.
void add_neighbour_blocks(PhoneBlocks& plan, const std::string& base, std::int64_t needed) {
  for (int vary = 1; vary <= 2 && plan.capacity() < needed; ++vary) {
    if (static_cast<int>(base.size()) <= vary) break;
    const std::string stem = base.substr(0, base.size() - static_cast<std::size_t>(vary));
    for (std::int64_t v = 0; v < pow10(vary) && plan.capacity() < needed; ++v) {
      const std::string prefix = stem + zero_padded(v, vary);
      if (std::find(plan.prefixes.begin(), plan.prefixes.end(), prefix) != plan.prefixes.end())
        continue;
      if (block_is_valid(plan.region, plan.country_code, prefix, plan.free_digits))
        plan.prefixes.push_back(prefix);
    }
  }
}

}  // namespace

std::int64_t PhoneBlocks::capacity() const {
  return static_cast<std::int64_t>(prefixes.size()) * pow10(free_digits);
}

PhoneBlocks find_phone_blocks(const std::string& region, std::int64_t needed) {
  PhoneBlocks plan;
  plan.region = region;
  const auto& util = phone_util();
  PhoneNumber example;
  if (!util.GetExampleNumberForType(region, PhoneNumberUtil::MOBILE, &example)) return plan;
  std::string national;
  util.GetNationalSignificantNumber(example, &national);
  plan.country_code = std::to_string(example.country_code());
  const int length = static_cast<int>(national.size());
  // As many free digits as the example allows (at most 7): the fewest blocks to check.
  for (int free = std::min(7, length - 2); free >= 2; --free) {
    const std::string base = national.substr(0, static_cast<std::size_t>(length - free));
    if (!block_is_valid(region, plan.country_code, base, free)) continue;
    plan.free_digits = free;
    plan.prefixes.push_back(base);
    add_neighbour_blocks(plan, base, needed);
    break;
  }
  return plan;
}

RegionPhones::RegionPhones(PhoneBlocks blocks, std::uint64_t seed_key)
    : blocks_(std::move(blocks)) {
  if (blocks_.free_digits > 0) {
    scramble_ = Scramble(pow10(blocks_.free_digits), seed_key ^ hash_text(blocks_.region));
  }
}

std::optional<std::string> RegionPhones::next() {
  if (blocks_.prefixes.empty() || used_ >= blocks_.capacity()) return std::nullopt;
  // Round robin over the blocks; within a block, the scrambled order.
  const auto count = static_cast<std::int64_t>(blocks_.prefixes.size());
  const std::int64_t block = used_ % count;
  const std::int64_t within = used_ / count;
  ++used_;
  return "+" + blocks_.country_code + blocks_.prefixes[static_cast<std::size_t>(block)] +
         zero_padded(scramble_(within), blocks_.free_digits);
}

}  // namespace capi::seed
