#include "domain/money.hpp"

#include <cstdlib>
#include <limits>

namespace capi::domain {
namespace {

// A JSON number as sign, significant digits and a power of ten: value =
// (negative ? -1 : 1) * digits * 10^exponent. Digits carry no leading or trailing zeros;
// zero is an empty digit string.
struct Decimal {
  bool negative = false;
  std::string digits;
  std::int64_t exponent = 0;
};

bool is_digit(char ch) {
  return ch >= '0' && ch <= '9';
}

// Exponents beyond this cannot produce an accepted amount, so larger ones are clamped
// (keeping "1e-99999999999999999999" and friends from overflowing the arithmetic).
constexpr std::int64_t kExponentClamp = 1'000'000;

std::optional<Decimal> parse_decimal(std::string_view text) {
  Decimal out;
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') {
    out.negative = true;
    ++i;
  }
  // Integer part: "0" or a non-zero digit followed by digits.
  const std::size_t integer_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  const std::string_view integer = text.substr(integer_start, i - integer_start);
  if (integer.empty() || (integer.size() > 1 && integer.front() == '0')) return std::nullopt;
  std::string_view fraction;
  if (i < text.size() && text[i] == '.') {
    const std::size_t fraction_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    fraction = text.substr(fraction_start, i - fraction_start);
    if (fraction.empty()) return std::nullopt;
  }
  std::int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exponent_negative = text[i++] == '-';
    const std::size_t exponent_start = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (exponent < kExponentClamp) exponent = exponent * 10 + (text[i] - '0');
    }
    if (i == exponent_start) return std::nullopt;
    if (exponent_negative) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;

  out.digits = std::string(integer) + std::string(fraction);
  out.exponent = exponent - static_cast<std::int64_t>(fraction.size());
  const std::size_t first = out.digits.find_first_not_of('0');
  if (first == std::string::npos) {
    out.digits.clear();
    out.exponent = 0;
    return out;
  }
  out.digits.erase(0, first);
  const std::size_t last = out.digits.find_last_not_of('0');
  out.exponent += static_cast<std::int64_t>(out.digits.size() - 1 - last);
  out.digits.erase(last + 1);
  return out;
}

enum class Scaling { kOk, kTooPrecise, kTooLarge };

// The decimal times 10^places as an integer magnitude, if it is one and not over `limit`.
Scaling scale(const Decimal& decimal, int places, std::int64_t limit, std::int64_t& magnitude) {
  magnitude = 0;
  if (decimal.digits.empty()) return Scaling::kOk;
  const std::int64_t shift = decimal.exponent + places;
  if (shift < 0) return Scaling::kTooPrecise;
  const std::int64_t length = static_cast<std::int64_t>(decimal.digits.size()) + shift;
  if (length > std::numeric_limits<std::int64_t>::digits10) return Scaling::kTooLarge;
  for (const char ch : decimal.digits) magnitude = magnitude * 10 + (ch - '0');
  for (std::int64_t i = 0; i < shift; ++i) magnitude *= 10;
  return magnitude > limit ? Scaling::kTooLarge : Scaling::kOk;
}

std::string too_precise_message(int digits) {
  if (digits == 0) return "must be a whole number";
  if (digits == 1) return "has more than 1 decimal place";
  return "has more than " + std::to_string(digits) + " decimal places";
}

MoneyResult scaled_money(std::string_view text, int digits, Sign sign, std::string imprecise) {
  const std::optional<Decimal> decimal = parse_decimal(text);
  if (!decimal) return {std::nullopt, "must be a number"};
  std::int64_t magnitude = 0;
  switch (scale(*decimal, digits, kMaxMinorUnits, magnitude)) {
    case Scaling::kTooPrecise:
      return {std::nullopt, std::move(imprecise)};
    case Scaling::kTooLarge:
      return {std::nullopt, "is too large"};
    case Scaling::kOk:
      break;
  }
  const bool negative = decimal->negative && magnitude != 0;
  if (negative && sign == Sign::kNonNegative) return {std::nullopt, "must not be negative"};
  return {negative ? -magnitude : magnitude, {}};
}

// `magnitude` written with `digits` decimals.
std::string with_decimals(std::uint64_t magnitude, int digits) {
  std::string text = std::to_string(magnitude);
  if (digits <= 0) return text;
  const auto places = static_cast<std::size_t>(digits);
  if (text.size() <= places) text.insert(0, places + 1 - text.size(), '0');
  text.insert(text.size() - places, 1, '.');
  return text;
}

}  // namespace

MoneyResult parse_money(std::string_view number_text, int digits, Sign sign) {
  return scaled_money(number_text, digits, sign, too_precise_message(digits));
}

MoneyResult parse_minor_units(std::string_view number_text, Sign sign) {
  return scaled_money(number_text, 0, sign, "must be an integer");
}

std::string format_money(std::int64_t minor, int digits) {
  // The magnitude in unsigned arithmetic, so that INT64_MIN has one too.
  const std::uint64_t magnitude =
      minor < 0 ? ~static_cast<std::uint64_t>(minor) + 1 : static_cast<std::uint64_t>(minor);
  std::string text = with_decimals(magnitude, digits);
  if (minor < 0) text.insert(text.begin(), '-');  // not `"-" + text`: GCC 12 -Wrestrict misfires
  return text;
}

PercentResult parse_percent(std::string_view number_text) {
  const std::optional<Decimal> decimal = parse_decimal(number_text);
  if (!decimal) return {std::nullopt, "must be a number"};
  std::int64_t hundredths = 0;
  const Scaling scaling = scale(*decimal, 2, kMaxPercentHundredths, hundredths);
  if (scaling == Scaling::kTooPrecise) return {std::nullopt, too_precise_message(2)};
  if (scaling == Scaling::kTooLarge || (decimal->negative && hundredths != 0)) {
    return {std::nullopt, "must be between 0 and 100"};
  }
  return {static_cast<std::int32_t>(hundredths), {}};
}

std::string format_percent(std::int32_t hundredths) {
  std::string text = format_money(hundredths, 2);
  // Shortest exact form: "12.50" -> "12.5", "100.00" -> "100".
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace capi::domain
