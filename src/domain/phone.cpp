#include "domain/phone.hpp"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "domain/text.hpp"

namespace capi::domain {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::string_view kInvalid = "must be a valid phone number";
constexpr std::string_view kHasExtension = "must not have an extension";

// libphonenumber's name for "no region: the number must carry its country code".
constexpr std::string_view kUnknownRegion = "ZZ";

PhoneResult failure(std::string_view message) {
  return PhoneResult{std::nullopt, std::string(message)};
}

}  // namespace

void preload_phone_metadata() {
  static_cast<void>(PhoneNumberUtil::GetInstance());
}

PhoneResult normalize_phone(std::string_view input, std::string_view default_region) {
  const std::string_view text = trim(input);
  if (text.empty() || has_control_chars(text, LineMode::kSingleLine)) return failure(kInvalid);
  const std::string region =
      default_region.empty() ? std::string(kUnknownRegion) : ascii_upper(default_region);

  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(text), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return failure(kInvalid);
  }
  if (number.has_extension()) return failure(kHasExtension);
  if (util.IsPossibleNumberWithReason(number) != PhoneNumberUtil::IS_POSSIBLE) {
    return failure(kInvalid);
  }
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return PhoneResult{std::move(e164), {}};
}

}  // namespace capi::domain
