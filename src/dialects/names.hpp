// Field-name conventions between vendors and the core: the core writes camelCase
// (`postalCode`), the ERP page snake_case (`postal_code`).
#pragma once

#include <string>
#include <string_view>

namespace capi::dialects {

// "postalCode" -> "postal_code", "accountBalanceMinor" -> "account_balance_minor".
std::string snake_case(std::string_view camel);
// "postal_code" -> "postalCode"; a name without '_' is returned as it is.
std::string camel_case(std::string_view snake);

}  // namespace capi::dialects
