// Exact money. Amounts are integers of minor units everywhere; the decimal form exists only
// at the JSON edge, where it is read from and written as the number's *text*, never
// through a double (0.1 + 0.2 is not 0.3 in binary floating point).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace capi::domain {

// The largest amount in minor units we accept: 15 digits. It stays exact in the IEEE
// doubles that JavaScript clients read `...Minor` fields into (2^53 is about 9.007e15),
// and sums of many such amounts stay far from int64 overflow.
constexpr std::int64_t kMaxMinorUnits = 999'999'999'999'999;

enum class Sign {
  kNonNegative,  // prices, limits, payments
  kAny,          // adjustments that may go below zero
};

struct MoneyResult {
  std::optional<std::int64_t> minor;  // the amount in minor units when accepted
  std::string error;                  // the field message otherwise
};

// Reads a JSON number's text as a decimal amount with `digits` decimals (the currency's
// minor unit: 2 for KES, 0 for JPY, 3 for KWD) and returns minor units:
//   "2500.00"/2 -> 250000, "150"/0 -> 150, "1.250"/3 -> 1250, "-0.50"/2 -> -50.
// Rules:
//  - the text must follow JSON's number grammar (no "+1", ".5", "1.", hex or spaces);
//  - exponents are applied exactly: "1e3"/2 -> 100000, "25e-2"/2 -> 25;
//  - a value needing more than `digits` decimals is refused, never rounded:
//    "2500.001"/2 -> "has more than 2 decimal places" ("must be a whole number" when
//    digits is 0). Trailing zeros are not extra precision: "2500.000"/2 is 250000;
//  - with Sign::kNonNegative a negative value is "must not be negative" ("-0" is 0);
//  - beyond kMaxMinorUnits in magnitude: "is too large".
// Any other malformed text: "must be a number".
MoneyResult parse_money(std::string_view number_text, int digits, Sign sign = Sign::kNonNegative);

// Reads an integer amount of minor units (the `...Minor` inputs) from a JSON number's text:
// "250000" -> 250000. A value with a fractional part is "must be an integer" ("1e3" and
// "5.0" are integers and accepted); sign and size rules as for parse_money.
MoneyResult parse_minor_units(std::string_view number_text, Sign sign = Sign::kNonNegative);

// The JSON number text of an amount with exactly `digits` decimals, to be written raw:
// (250000, 2) -> "2500.00", (150, 0) -> "150", (1250, 3) -> "1.250", (-50, 2) -> "-0.50".
std::string format_money(std::int64_t minor, int digits);

// Percentages (discountRate) are integers of hundredths of a percent (basis points).
constexpr std::int32_t kMaxPercentHundredths = 10'000;  // 100%

struct PercentResult {
  std::optional<std::int32_t> hundredths;  // "12.5" -> 1250
  std::string error;
};

// Reads a percentage from a JSON number's text: 0 to 100 with at most two decimals,
// exactly. "12.5" -> 1250, "100" -> 10000; "100.001" -> "has more than 2 decimal
// places"; "-1" or "100.01" -> "must be between 0 and 100".
PercentResult parse_percent(std::string_view number_text);

// The JSON number text of a percentage in its shortest exact form:
// 1250 -> "12.5", 725 -> "7.25", 0 -> "0", 10000 -> "100".
std::string format_percent(std::int32_t hundredths);

}  // namespace capi::domain
