#include "domain/time.hpp"

#include <cstdio>

namespace capi::domain {
namespace {

// Reads exactly `count` ASCII digits at `position`.
std::optional<int> digits_at(std::string_view text, std::size_t position, std::size_t count) {
  if (position + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = position; i < position + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool is_leap_year(std::int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(std::int64_t year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// "YYYY-MM-DD" at the start of `text`, as days since the epoch.
std::optional<std::int64_t> date_prefix(std::string_view text) {
  const auto year = digits_at(text, 0, 4);
  const auto month = digits_at(text, 5, 2);
  const auto day = digits_at(text, 8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month)) {
    return std::nullopt;
  }
  return days_from_civil(*year, *month, *day);
}

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  return value / divisor - (value % divisor < 0 ? 1 : 0);
}

}  // namespace

// Howard Hinnant's days_from_civil: eras of 400 years, March-based years.
std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = floor_div(year, 400);
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = floor_div(days, 146097);
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_index = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  const int month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  return CivilDate{year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

std::optional<std::int64_t> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  const auto days = date_prefix(text);
  if (!days) return std::nullopt;
  return *days * kMillisPerDay;
}

std::optional<std::int64_t> parse_rfc3339(std::string_view text) {
  // The shortest form is "YYYY-MM-DDTHH:MM:SSZ".
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return std::nullopt;
  const auto days = date_prefix(text);
  const auto hour = digits_at(text, 11, 2);
  const auto minute = digits_at(text, 14, 2);
  const auto second = digits_at(text, 17, 2);
  if (!days || !hour || !minute || !second || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  if (*hour > 23 || *minute > 59 || *second > 59) return std::nullopt;

  std::size_t position = 19;
  std::int64_t millis = 0;
  if (text[position] == '.') {
    const std::size_t start = ++position;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
      // Digits past the third are below a millisecond: truncated.
      if (position - start < 3) millis = millis * 10 + (text[position] - '0');
      ++position;
    }
    const std::size_t count = position - start;
    if (count == 0 || count > 9) return std::nullopt;
    for (std::size_t i = count; i < 3; ++i) millis *= 10;
  }

  std::int64_t offset_minutes = 0;
  const std::string_view zone = text.substr(position);
  if (zone == "Z" || zone == "z") {
    offset_minutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const auto offset_hour = digits_at(zone, 1, 2);
    const auto offset_minute = digits_at(zone, 4, 2);
    if (!offset_hour || !offset_minute || *offset_hour > 23 || *offset_minute > 59) {
      return std::nullopt;
    }
    offset_minutes = (std::int64_t{*offset_hour} * 60 + *offset_minute) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }

  const std::int64_t local_seconds =
      *days * 86'400 + std::int64_t{*hour} * 3600 + std::int64_t{*minute} * 60 + *second;
  return (local_seconds - offset_minutes * 60) * 1000 + millis;
}

std::optional<std::int64_t> parse_date_or_time(std::string_view text, Bound bound) {
  if (const auto day_start = parse_date(text)) {
    return bound == Bound::kUpper ? *day_start + kMillisPerDay : *day_start;
  }
  const auto instant = parse_rfc3339(text);
  if (!instant) return std::nullopt;
  return bound == Bound::kUpper ? *instant + 1 : *instant;
}

std::int64_t utc_year(std::int64_t unix_ms) {
  return civil_from_days(floor_div(unix_ms, kMillisPerDay)).year;
}

namespace {

// `value` as `width` decimal digits at `out` (value < 10^width).
char* put_digits(char* out, std::int64_t value, int width) {
  for (int at = width - 1; at >= 0; --at) {
    out[at] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

}  // namespace

std::string_view format_rfc3339_ms(std::int64_t unix_ms, Rfc3339Buffer& buffer) {
  const std::int64_t days = floor_div(unix_ms, kMillisPerDay);
  const std::int64_t in_day = unix_ms - days * kMillisPerDay;
  const CivilDate date = civil_from_days(days);
  if (date.year < 0 || date.year > 9999) {  // outside what the API stores: printf's form
    const int size = std::snprintf(
        buffer.data(), buffer.size(), "%04lld-%02d-%02dT%02lld:%02lld:%02lld.%03lldZ",
        static_cast<long long>(date.year), date.month, date.day,
        static_cast<long long>(in_day / 3'600'000), static_cast<long long>(in_day / 60'000 % 60),
        static_cast<long long>(in_day / 1000 % 60), static_cast<long long>(in_day % 1000));
    return {buffer.data(), static_cast<std::size_t>(size)};
  }
  char* out = put_digits(buffer.data(), date.year, 4);
  *out++ = '-';
  out = put_digits(out, date.month, 2);
  *out++ = '-';
  out = put_digits(out, date.day, 2);
  *out++ = 'T';
  out = put_digits(out, in_day / 3'600'000, 2);
  *out++ = ':';
  out = put_digits(out, in_day / 60'000 % 60, 2);
  *out++ = ':';
  out = put_digits(out, in_day / 1000 % 60, 2);
  *out++ = '.';
  out = put_digits(out, in_day % 1000, 3);
  *out++ = 'Z';
  return {buffer.data(), static_cast<std::size_t>(out - buffer.data())};
}

std::string format_rfc3339_ms(std::int64_t unix_ms) {
  Rfc3339Buffer buffer;
  return std::string(format_rfc3339_ms(unix_ms, buffer));
}

std::string format_rfc3339_ms(std::chrono::system_clock::time_point time) {
  // floor, not duration_cast (which truncates toward zero): before 1970 too, the millisecond
  // shown is the one the reading falls in.
  return format_rfc3339_ms(
      std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch()).count());
}

std::string format_date(std::int64_t unix_ms) {
  const CivilDate date = civil_from_days(floor_div(unix_ms, kMillisPerDay));
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02d", static_cast<long long>(date.year),
                date.month, date.day);
  return buffer;
}

}  // namespace capi::domain
