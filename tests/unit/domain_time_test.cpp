#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <string>

#include "domain/time.hpp"

using namespace capi::domain;

namespace {

// 2026-03-20T09:15:00Z
constexpr std::int64_t kExample = 1'773'998'100'000;

}  // namespace

BOOST_AUTO_TEST_SUITE(domain_time)

BOOST_AUTO_TEST_CASE(utc_with_and_without_fraction) {
  BOOST_TEST(parse_rfc3339("2026-03-20T09:15:00Z").value() == kExample);
  BOOST_TEST(parse_rfc3339("2026-03-20T09:15:00.000Z").value() == kExample);
  BOOST_TEST(parse_rfc3339("2026-03-20T09:15:00.5Z").value() == kExample + 500);
  BOOST_TEST(parse_rfc3339("2026-03-20T09:15:00.12Z").value() == kExample + 120);
  BOOST_TEST(parse_rfc3339("2026-03-20T09:15:00.123Z").value() == kExample + 123);
  BOOST_TEST(parse_rfc3339("2026-03-20T09:15:00.123999999Z").value() ==
             kExample + 123);  // truncated
  BOOST_TEST(parse_rfc3339("2026-03-20t09:15:00z").value() == kExample);
  BOOST_TEST(parse_rfc3339("1970-01-01T00:00:00Z").value() == 0);
}

BOOST_AUTO_TEST_CASE(any_offset) {
  BOOST_TEST(parse_rfc3339("2026-03-20T12:15:00+03:00").value() == kExample);
  BOOST_TEST(parse_rfc3339("2026-03-20T04:15:00-05:00").value() == kExample);
  BOOST_TEST(parse_rfc3339("2026-03-20T14:45:00+05:30").value() == kExample);
  BOOST_TEST(parse_rfc3339("2026-03-20T09:15:00+00:00").value() == kExample);
  BOOST_TEST(parse_rfc3339("2026-03-20T09:15:00-00:00").value() == kExample);
  BOOST_TEST(parse_rfc3339("2026-03-21T00:15:00+15:00").value() == kExample);  // over the date line
  BOOST_TEST(parse_rfc3339("2026-03-20T12:15:00.250+03:00").value() == kExample + 250);
}

BOOST_AUTO_TEST_CASE(calendar_ranges) {
  BOOST_TEST(parse_rfc3339("2024-02-29T00:00:00Z").has_value());  // leap year
  BOOST_TEST(!parse_rfc3339("2023-02-29T00:00:00Z").has_value());
  BOOST_TEST(parse_rfc3339("2000-02-29T00:00:00Z").has_value());   // divisible by 400
  BOOST_TEST(!parse_rfc3339("1900-02-29T00:00:00Z").has_value());  // by 100, not 400
  BOOST_TEST(!parse_rfc3339("2026-04-31T00:00:00Z").has_value());
  BOOST_TEST(parse_rfc3339("2026-12-31T23:59:59.999Z").has_value());
  BOOST_TEST(!parse_rfc3339("2026-13-01T00:00:00Z").has_value());
  BOOST_TEST(!parse_rfc3339("2026-00-01T00:00:00Z").has_value());
  BOOST_TEST(!parse_rfc3339("2026-01-00T00:00:00Z").has_value());
  BOOST_TEST(!parse_rfc3339("2026-01-32T00:00:00Z").has_value());
  BOOST_TEST(!parse_rfc3339("2026-01-01T24:00:00Z").has_value());
  BOOST_TEST(!parse_rfc3339("2026-01-01T00:60:00Z").has_value());
  BOOST_TEST(!parse_rfc3339("2026-01-01T00:00:60Z").has_value());  // no leap seconds
  BOOST_TEST(!parse_rfc3339("2026-01-01T00:00:00+24:00").has_value());
  BOOST_TEST(!parse_rfc3339("2026-01-01T00:00:00+03:60").has_value());
}

BOOST_AUTO_TEST_CASE(malformed_text) {
  for (const char* text : {"",
                           "2026-03-20",
                           "2026-03-20T09:15:00",
                           "2026-03-20 09:15:00Z",
                           "2026-03-20T09:15Z",
                           "2026-3-20T09:15:00Z",
                           "26-03-20T09:15:00Z",
                           "2026-03-20T9:15:00Z",
                           "2026-03-20T09:15:00.Z",
                           "2026-03-20T09:15:00.1234567890Z",
                           "2026-03-20T09:15:00+0300",
                           "2026-03-20T09:15:00+03",
                           "2026-03-20T09:15:00 Z",
                           "2026-03-20T09:15:00ZZ",
                           "2026/03/20T09:15:00Z",
                           "+2026-03-20T09:15:00Z",
                           "2026-03-20T09:15:00.12aZ",
                           "2026-03-20T09:15:00GMT",
                           "2026-03-20T09:15:00Z ",
                           "yesterday"}) {
    BOOST_TEST(!parse_rfc3339(text).has_value(), text);
  }
}

BOOST_AUTO_TEST_CASE(plain_dates) {
  BOOST_TEST(parse_date("2026-03-20").value() == kExample - (9 * 3600 + 15 * 60) * 1000);
  BOOST_TEST(parse_date("1970-01-01").value() == 0);
  BOOST_TEST(parse_date("1969-12-31").value() == -kMillisPerDay);
  BOOST_TEST(!parse_date("2026-02-30").has_value());
  BOOST_TEST(!parse_date("2026-03-20T00:00:00Z").has_value());
  BOOST_TEST(!parse_date("20260320").has_value());
  BOOST_TEST(!parse_date("2026-03-2").has_value());
}

BOOST_AUTO_TEST_CASE(range_bounds) {
  const std::int64_t day_start = parse_date("2026-03-20").value();
  BOOST_TEST(parse_date_or_time("2026-03-20", Bound::kLower).value() == day_start);
  // An upper date includes its whole UTC day: the exclusive end is the next midnight.
  BOOST_TEST(parse_date_or_time("2026-03-20", Bound::kUpper).value() == day_start + kMillisPerDay);
  BOOST_TEST(parse_date_or_time("2026-12-31", Bound::kUpper).value() ==
             parse_date("2027-01-01").value());
  BOOST_TEST(parse_date_or_time("2024-02-28", Bound::kUpper).value() ==
             parse_date("2024-02-29").value());
  // An upper instant is included: the exclusive end is one millisecond later.
  BOOST_TEST(parse_date_or_time("2026-03-20T09:15:00Z", Bound::kLower).value() == kExample);
  BOOST_TEST(parse_date_or_time("2026-03-20T09:15:00Z", Bound::kUpper).value() == kExample + 1);
  BOOST_TEST(parse_date_or_time("2026-03-20T12:15:00+03:00", Bound::kUpper).value() ==
             kExample + 1);
  BOOST_TEST(!parse_date_or_time("2026-03-32", Bound::kLower).has_value());
  BOOST_TEST(!parse_date_or_time("tomorrow", Bound::kUpper).has_value());
}

BOOST_AUTO_TEST_CASE(formatting) {
  BOOST_TEST(format_rfc3339_ms(kExample) == "2026-03-20T09:15:00.000Z");
  BOOST_TEST(format_rfc3339_ms(kExample + 7) == "2026-03-20T09:15:00.007Z");
  BOOST_TEST(format_rfc3339_ms(0) == "1970-01-01T00:00:00.000Z");
  BOOST_TEST(format_rfc3339_ms(-1) == "1969-12-31T23:59:59.999Z");
  BOOST_TEST(format_rfc3339_ms(951'782'400'000) == "2000-02-29T00:00:00.000Z");
  BOOST_TEST(format_rfc3339_ms(253'402'300'799'999) == "9999-12-31T23:59:59.999Z");
  BOOST_TEST(format_rfc3339_ms(-62'167'219'200'000) == "0000-01-01T00:00:00.000Z");
  BOOST_TEST(format_rfc3339_ms(1'234'567'891'011) == "2009-02-13T23:31:31.011Z");
  // Outside the four-digit years the text is printf's (never stored by the API).
  BOOST_TEST(format_rfc3339_ms(253'402'300'800'000) == "10000-01-01T00:00:00.000Z");
  BOOST_TEST(format_date(kExample) == "2026-03-20");
  BOOST_TEST(format_date(-1) == "1969-12-31");
}

// The log lines' clock readings go through the same formatter.
BOOST_AUTO_TEST_CASE(formatting_a_clock_reading_rounds_down_to_the_millisecond) {
  using namespace std::chrono;
  const system_clock::time_point epoch{};
  const system_clock::time_point example = epoch + milliseconds(kExample);
  BOOST_TEST(format_rfc3339_ms(example) == "2026-03-20T09:15:00.000Z");
  BOOST_TEST(format_rfc3339_ms(example + microseconds(7'999)) == "2026-03-20T09:15:00.007Z");
  BOOST_TEST(format_rfc3339_ms(epoch + seconds(1'795'428'000) + milliseconds(123)) ==
             "2026-11-23T10:00:00.123Z");
  // Before 1970 too: floor, where a plain duration_cast would round toward 1970.
  BOOST_TEST(format_rfc3339_ms(epoch - microseconds(1)) == "1969-12-31T23:59:59.999Z");
}

BOOST_AUTO_TEST_CASE(parse_and_format_round_trip) {
  for (const char* text :
       {"2026-03-20T09:15:00.000Z", "2000-02-29T23:59:59.999Z", "1999-12-31T00:00:00.001Z",
        "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "1900-03-01T12:00:00.000Z"}) {
    BOOST_TEST(format_rfc3339_ms(parse_rfc3339(text).value()) == text);
  }
}

BOOST_AUTO_TEST_CASE(civil_days_agree_both_ways_over_four_centuries) {
  // Every day from 1800 to 2200, against a simple day-by-day walk of the calendar.
  std::int64_t days = days_from_civil(1800, 1, 1);
  for (std::int64_t year = 1800; year < 2200; ++year) {
    for (int month = 1; month <= 12; ++month) {
      const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      const int month_days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      for (int day = 1; day <= month_days[month - 1]; ++day, ++days) {
        if (days_from_civil(year, month, day) != days)
          BOOST_FAIL("days_from_civil " << year << "-" << month << "-" << day);
        const CivilDate date = civil_from_days(days);
        if (date.year != year || date.month != month || date.day != day)
          BOOST_FAIL("civil_from_days " << days);
      }
    }
  }
  BOOST_TEST(days_from_civil(1970, 1, 1) == 0);
  BOOST_TEST(days_from_civil(2000, 3, 1) == 11017);
}

BOOST_AUTO_TEST_SUITE_END()
