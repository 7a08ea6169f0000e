// Country and currency codes, from ICU's data rather than tables of our own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace capi::domain {

// True for an ISO 3166-1 alpha-2 code ICU knows ("KE"); upper case only.
bool is_country_code(std::string_view code);

// True for an ISO 4217 alpha-3 code in legal use today ("KES"); upper case only.
bool is_currency_code(std::string_view code);

// The number of decimals of a currency's minor unit (2 for KES, 0 for JPY, 3 for KWD).
int currency_digits(std::string_view code);

}  // namespace capi::domain
