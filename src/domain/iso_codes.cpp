#include "domain/iso_codes.hpp"

#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>

namespace capi::domain {
namespace {

bool all_upper(std::string_view code, std::size_t length) {
  return code.size() == length &&
         std::all_of(code.begin(), code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

// ICU looks a currency up in its resource bundles on every call, and a customer's answer asks
// for the digits of each amount it writes (3 % of a worker's time under get-by-id). The
// answers cannot change while the process runs: each upper-case code's is kept the first
// time it is asked, as the answer plus one (an answer is 0 to 4), 0 meaning not asked yet. Atomic
// so that threads (none in a worker) could share the table without a race; relaxed, since every
// writer stores the same value.
class CodeMemo {
 public:
  template <class Compute>
  int get(std::string_view code, const Compute& compute) {
    auto& slot = slots_[index(code)];
    const int kept = slot.load(std::memory_order_relaxed);
    if (kept != 0) return kept - 1;
    const int value = compute();
    slot.store(static_cast<std::uint8_t>(value + 1), std::memory_order_relaxed);
    return value;
  }

 private:
  static std::size_t index(std::string_view code) {
    return (static_cast<std::size_t>(code[0] - 'A') * 26 +
            static_cast<std::size_t>(code[1] - 'A')) *
               26 +
           static_cast<std::size_t>(code[2] - 'A');
  }
  static constexpr std::size_t kCodes = std::size_t{26} * 26 * 26;  // AAA to ZZZ
  std::array<std::atomic<std::uint8_t>, kCodes> slots_{};
};

bool icu_is_current_currency(std::string_view code) {
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

int icu_currency_digits(std::string_view code) {
  UChar iso[4] = {static_cast<UChar>(code[0]), static_cast<UChar>(code[1]),
                  static_cast<UChar>(code[2]), 0};
  UErrorCode status = U_ZERO_ERROR;
  const int32_t digits = ucurr_getDefaultFractionDigits(iso, &status);
  return U_FAILURE(status) ? 2 : digits;
}

CodeMemo& current_currencies() {
  static CodeMemo memo;
  return memo;
}

CodeMemo& currencies_digits() {
  static CodeMemo memo;
  return memo;
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
  return current_currencies().get(code, [&] { return icu_is_current_currency(code) ? 1 : 0; }) == 1;
}

int currency_digits(std::string_view code) {
  if (code.size() != 3) return 2;
  // Stored codes are upper case; anything else asks ICU each time, as before.
  if (!all_upper(code, 3)) return icu_currency_digits(code);
  return currencies_digits().get(code, [&] { return icu_currency_digits(code); });
}

}  // namespace capi::domain
