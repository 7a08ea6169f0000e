#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include "domain/time.hpp"
#include "log/log.hpp"

BOOST_AUTO_TEST_SUITE(log_time)

// Log lines are stamped by domain::format_rfc3339_ms (tested in domain_time) with the clock.
BOOST_AUTO_TEST_CASE(now_is_the_clock_in_rfc3339_with_milliseconds) {
  const std::string before = capi::domain::format_rfc3339_ms(std::chrono::system_clock::now());
  const std::string now = capi::log::now_rfc3339();
  const std::string after = capi::domain::format_rfc3339_ms(std::chrono::system_clock::now());
  BOOST_TEST(now.size() == std::string("2026-03-20T09:15:00.123Z").size());
  // Same width, most significant field first: text order is time order.
  BOOST_TEST(before <= now);
  BOOST_TEST(now <= after);
}

BOOST_AUTO_TEST_SUITE_END()
