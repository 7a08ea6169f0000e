// Instants as Unix milliseconds, read from RFC 3339 text and written as UTC with
// milliseconds. Pure proleptic-Gregorian arithmetic: no locale, no time zone database
// (offsets in the text are all we need), no leap seconds (like Unix time).
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace capi::domain {

// Reads an RFC 3339 date-time, "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)":
//  - any offset is accepted and applied ("2026-03-20T12:15:00+03:00" is 09:15Z);
//    'T' and 'Z' may be lower case, as RFC 3339 allows;
//  - the fraction has 1 to 9 digits and is truncated to milliseconds;
//  - fields must be a real calendar moment: year 0000-9999, month 1-12, the day within
//    its month (29 February only in leap years), hour < 24, minute < 60, second < 60
//    (leap second 60 is refused: Unix time cannot hold it), offset within 23:59;
//  - a time without an offset is refused: it would not say which instant it is.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

// Reads a plain calendar date "YYYY-MM-DD" as that day's 00:00:00.000Z.
std::optional<std::int64_t> parse_date(std::string_view text);

// Which end of a range a filter value is.
enum class Bound {
  kLower,  // inclusive start: "from"
  kUpper,  // exclusive end: "to" — compare with `<`
};

// A range end for filters (createdFrom/createdTo, from/to): a plain date or an RFC 3339
// date-time.
//  - kLower: a date is that day's 00:00Z; a date-time is itself.
//  - kUpper: the result is an *exclusive* end, so that callers always compare `< end`:
//    a date includes its whole UTC day (the next day's 00:00Z is returned); a date-time
//    is included too (one millisecond after it is returned).
std::optional<std::int64_t> parse_date_or_time(std::string_view text, Bound bound);

// "2026-03-20T09:15:00.000Z" for an instant in the years 0000-9999.
std::string format_rfc3339_ms(std::int64_t unix_ms);
// The same text written into `buffer` and returned as a view of it, with no allocation (every
// timestamp of a response or an export row goes through here).
using Rfc3339Buffer = std::array<char, 40>;
std::string_view format_rfc3339_ms(std::int64_t unix_ms, Rfc3339Buffer& buffer);
// The same for a clock reading (log lines): sub-millisecond digits dropped, rounding down.
std::string format_rfc3339_ms(std::chrono::system_clock::time_point time);

// "2026-03-20": the UTC calendar date of an instant.
std::string format_date(std::int64_t unix_ms);

// The UTC calendar year of an instant (generated order numbers carry it).
std::int64_t utc_year(std::int64_t unix_ms);

constexpr std::int64_t kMillisPerDay = 86'400'000;

// Days since 1970-01-01 of a proleptic Gregorian date (negative before), and back.
std::int64_t days_from_civil(std::int64_t year, int month, int day);

struct CivilDate {
  std::int64_t year;
  int month;  // 1-12
  int day;    // 1-31
};
CivilDate civil_from_days(std::int64_t days);

}  // namespace capi::domain
