// Currencies: ISO 4217 alpha-3 codes in current use, as ICU knows them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace capi::domain {

// The upper-case code of a currency given in any case ("kes" -> "KES"), surrounding white
// space ignored; nullopt unless it is a current ISO 4217 code (is_currency_code): retired
// codes ("DEM") and ICU's non-ISO ones are refused.
std::optional<std::string> normalize_currency(std::string_view input);

}  // namespace capi::domain
