#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "domain/iso_codes.hpp"
#include "domain/money.hpp"

using namespace capi::domain;

namespace {

std::int64_t minor(std::string_view text, int digits, Sign sign = Sign::kNonNegative) {
  const MoneyResult result = parse_money(text, digits, sign);
  BOOST_TEST(result.error.empty(), text << ": " << result.error);
  return result.minor.value_or(-999);
}

std::string money_error(std::string_view text, int digits, Sign sign = Sign::kNonNegative) {
  const MoneyResult result = parse_money(text, digits, sign);
  BOOST_TEST(!result.minor.has_value(), text << " gave " << result.minor.value_or(0));
  return result.error;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(domain_money)

BOOST_AUTO_TEST_CASE(decimals_of_the_currency) {
  BOOST_TEST(minor("2500.00", 2) == 250000);
  BOOST_TEST(minor("2500", 2) == 250000);
  BOOST_TEST(minor("2500.5", 2) == 250050);
  BOOST_TEST(minor("0.01", 2) == 1);
  BOOST_TEST(minor("0", 2) == 0);
  BOOST_TEST(minor("0.0", 2) == 0);
  BOOST_TEST(minor("150", 0) == 150);
  BOOST_TEST(minor("1.250", 3) == 1250);
  BOOST_TEST(minor("1.25", 3) == 1250);
  BOOST_TEST(minor("0.001", 3) == 1);
  BOOST_TEST(minor("0.1", 2) == 10);  // 0.1 is not exact as a double; exact here
  BOOST_TEST(minor("19.99", 2) == 1999);
  BOOST_TEST(minor("1234567.89", 2) == 123456789);
}

BOOST_AUTO_TEST_CASE(too_many_decimals_are_refused_not_rounded) {
  BOOST_TEST(money_error("2500.001", 2) == "has more than 2 decimal places");
  BOOST_TEST(money_error("0.005", 2) == "has more than 2 decimal places");
  BOOST_TEST(money_error("150.5", 0) == "must be a whole number");
  BOOST_TEST(money_error("1.2501", 3) == "has more than 3 decimal places");
  BOOST_TEST(money_error("1.25", 1) == "has more than 1 decimal place");
  BOOST_TEST(money_error("0.0000000001", 2) == "has more than 2 decimal places");
}

BOOST_AUTO_TEST_CASE(trailing_zeros_are_not_extra_precision) {
  BOOST_TEST(minor("2500.000", 2) == 250000);
  BOOST_TEST(minor("2500.0000000000", 2) == 250000);
  BOOST_TEST(minor("150.0", 0) == 150);
  BOOST_TEST(minor("1.25000", 3) == 1250);
}

BOOST_AUTO_TEST_CASE(exponents_are_applied_exactly) {
  BOOST_TEST(minor("1e3", 2) == 100000);
  BOOST_TEST(minor("1E3", 2) == 100000);
  BOOST_TEST(minor("1e+3", 2) == 100000);
  BOOST_TEST(minor("25e-2", 2) == 25);
  BOOST_TEST(minor("2.5e1", 2) == 2500);
  BOOST_TEST(minor("1.5e-1", 2) == 15);
  BOOST_TEST(minor("0e999999999999999999999", 2) == 0);
  BOOST_TEST(minor("2500.00e0", 2) == 250000);
  BOOST_TEST(money_error("1e-3", 2) == "has more than 2 decimal places");
  BOOST_TEST(money_error("1e-99999999999999999999", 2) == "has more than 2 decimal places");
  BOOST_TEST(money_error("1e999999999999999999999", 2) == "is too large");
  BOOST_TEST(money_error("1e20", 0) == "is too large");
}

BOOST_AUTO_TEST_CASE(sign) {
  BOOST_TEST(money_error("-0.50", 2) == "must not be negative");
  BOOST_TEST(money_error("-1", 0) == "must not be negative");
  BOOST_TEST(minor("-0.50", 2, Sign::kAny) == -50);
  BOOST_TEST(minor("-2500.00", 2, Sign::kAny) == -250000);
  BOOST_TEST(minor("-0", 2) == 0);  // negative zero is zero
  BOOST_TEST(minor("-0.00", 2) == 0);
}

BOOST_AUTO_TEST_CASE(size_limit) {
  BOOST_TEST(minor("9999999999999.99", 2) == kMaxMinorUnits);
  BOOST_TEST(money_error("10000000000000.00", 2) == "is too large");
  BOOST_TEST(minor("999999999999999", 0) == kMaxMinorUnits);
  BOOST_TEST(money_error("1000000000000000", 0) == "is too large");
  BOOST_TEST(money_error("99999999999999999999999999", 2) == "is too large");
  BOOST_TEST(minor("-9999999999999.99", 2, Sign::kAny) == -kMaxMinorUnits);
  BOOST_TEST(money_error("-10000000000000", 2, Sign::kAny) == "is too large");
}

BOOST_AUTO_TEST_CASE(only_json_number_grammar) {
  for (const char* text :
       {"",   "-",  "+1",  ".5",    "1.",  "01",       "00.5", "1e",    "1e+", "1.e3", "0x10",
        " 1", "1 ", "1,5", "1.5.5", "NaN", "Infinity", "abc",  "1e3.5", "--1", "١٢"}) {
    BOOST_TEST(money_error(text, 2) == "must be a number", "'" << text << "'");
  }
}

BOOST_AUTO_TEST_CASE(minor_units) {
  BOOST_TEST(parse_minor_units("250000").minor.value() == 250000);
  BOOST_TEST(parse_minor_units("0").minor.value() == 0);
  BOOST_TEST(parse_minor_units("1e3").minor.value() == 1000);
  BOOST_TEST(parse_minor_units("5.0").minor.value() == 5);
  BOOST_TEST(parse_minor_units("2500.5").error == "must be an integer");
  BOOST_TEST(parse_minor_units("-5").error == "must not be negative");
  BOOST_TEST(parse_minor_units("-5", Sign::kAny).minor.value() == -5);
  BOOST_TEST(parse_minor_units("1000000000000000").error == "is too large");
  BOOST_TEST(parse_minor_units("\"5\"").error == "must be a number");
}

BOOST_AUTO_TEST_CASE(formatting_shows_exactly_the_currency_decimals) {
  BOOST_TEST(format_money(250000, 2) == "2500.00");
  BOOST_TEST(format_money(150, 0) == "150");
  BOOST_TEST(format_money(1250, 3) == "1.250");
  BOOST_TEST(format_money(-50, 2) == "-0.50");
  BOOST_TEST(format_money(0, 2) == "0.00");
  BOOST_TEST(format_money(0, 0) == "0");
  BOOST_TEST(format_money(1, 2) == "0.01");
  BOOST_TEST(format_money(-1, 3) == "-0.001");
  BOOST_TEST(format_money(5, 0) == "5");
  BOOST_TEST(format_money(-250000, 2) == "-2500.00");
  BOOST_TEST(format_money(kMaxMinorUnits, 2) == "9999999999999.99");
  BOOST_TEST(format_money(std::numeric_limits<std::int64_t>::min(), 2) == "-92233720368547758.08");
}

BOOST_AUTO_TEST_CASE(format_and_parse_round_trip_in_real_currencies) {
  for (const char* currency : {"KES", "USD", "JPY", "KWD", "BHD", "EUR"}) {
    const int digits = currency_digits(currency);
    for (const std::int64_t amount :
         {std::int64_t{0}, std::int64_t{1}, std::int64_t{7}, std::int64_t{250000},
          std::int64_t{123456789}, kMaxMinorUnits}) {
      BOOST_TEST(parse_money(format_money(amount, digits), digits).minor.value_or(-1) == amount,
                 currency);
      BOOST_TEST(
          parse_money(format_money(-amount, digits), digits, Sign::kAny).minor.value_or(-1) ==
          -amount);
    }
  }
}

BOOST_AUTO_TEST_CASE(percent) {
  BOOST_TEST(parse_percent("12.5").hundredths.value() == 1250);
  BOOST_TEST(parse_percent("12.50").hundredths.value() == 1250);
  BOOST_TEST(parse_percent("0").hundredths.value() == 0);
  BOOST_TEST(parse_percent("0.01").hundredths.value() == 1);
  BOOST_TEST(parse_percent("100").hundredths.value() == 10000);
  BOOST_TEST(parse_percent("100.00").hundredths.value() == 10000);
  BOOST_TEST(parse_percent("1e1").hundredths.value() == 1000);
  BOOST_TEST(parse_percent("-0").hundredths.value() == 0);
  BOOST_TEST(parse_percent("100.001").error == "has more than 2 decimal places");
  BOOST_TEST(parse_percent("12.345").error == "has more than 2 decimal places");
  BOOST_TEST(parse_percent("100.01").error == "must be between 0 and 100");
  BOOST_TEST(parse_percent("101").error == "must be between 0 and 100");
  BOOST_TEST(parse_percent("-1").error == "must be between 0 and 100");
  BOOST_TEST(parse_percent("-0.01").error == "must be between 0 and 100");
  BOOST_TEST(parse_percent("1e9999").error == "must be between 0 and 100");
  BOOST_TEST(parse_percent("ten").error == "must be a number");
}

BOOST_AUTO_TEST_CASE(percent_formatting_is_shortest_exact) {
  BOOST_TEST(format_percent(1250) == "12.5");
  BOOST_TEST(format_percent(725) == "7.25");
  BOOST_TEST(format_percent(0) == "0");
  BOOST_TEST(format_percent(10000) == "100");
  BOOST_TEST(format_percent(1) == "0.01");
  BOOST_TEST(format_percent(10) == "0.1");
  BOOST_TEST(format_percent(1000) == "10");
  for (std::int32_t hundredths = 0; hundredths <= kMaxPercentHundredths; ++hundredths) {
    if (parse_percent(format_percent(hundredths)).hundredths != hundredths) {
      BOOST_FAIL("no round trip for " << hundredths);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
