#include "domain/iso_codes.hpp"

#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cstring>

namespace capi::domain {
namespace {

bool all_upper(std::string_view code, std::size_t length) {
  return code.size() == length &&
         std::all_of(code.begin(), code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

}  // namespace

bool is_country_code(std::string_view code) {
  if (!all_upper(code, 2)) return false;
  for (const char* const* country = uloc_getISOCountries(); *country != nullptr; ++country) {
    if (code == *country) return true;
  }
  return false;
}

bool is_currency_code(std::string_view code) {
  if (!all_upper(code, 3)) return false;
  UChar iso[4] = {static_cast<UChar>(code[0]), static_cast<UChar>(code[1]),
                  static_cast<UChar>(code[2]), 0};
  UErrorCode status = U_ZERO_ERROR;
  // In legal tender use now: from the dawn of time to the far future.
  const UBool available = ucurr_isAvailable(iso, U_DATE_MIN, U_DATE_MAX, &status);
  if (U_FAILURE(status) || !available) return false;
  // Also require it to be listed among the current ("common") ISO currencies.
  UEnumeration* const all = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
  if (U_FAILURE(status)) return false;
  bool found = false;
  const char* name = nullptr;
  while (!found && (name = uenum_next(all, nullptr, &status)) != nullptr && U_SUCCESS(status)) {
    found = code == name;
  }
  uenum_close(all);
  return found;
}

int currency_digits(std::string_view code) {
  if (code.size() != 3) return 2;
  UChar iso[4] = {static_cast<UChar>(code[0]), static_cast<UChar>(code[1]),
                  static_cast<UChar>(code[2]), 0};
  UErrorCode status = U_ZERO_ERROR;
  const int32_t digits = ucurr_getDefaultFractionDigits(iso, &status);
  return U_FAILURE(status) ? 2 : digits;
}

}  // namespace capi::domain
