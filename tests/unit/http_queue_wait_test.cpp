#include <boost/test/unit_test.hpp>

#include "http/queue_wait.hpp"

using capi::http::queue_wait;
using std::chrono::milliseconds;
using std::chrono::system_clock;

namespace {
const system_clock::time_point kNow{milliseconds(1'733'480'000'500)};
}

BOOST_AUTO_TEST_SUITE(http_queue_wait)

BOOST_AUTO_TEST_CASE(measures_from_nginx_msec_stamp) {
  BOOST_TEST(queue_wait("1733480000.123", kNow)->count() == 377);
  BOOST_TEST(queue_wait("1733479990.500", kNow)->count() == 10'000);
  BOOST_TEST(queue_wait("1733480000.500", kNow)->count() == 0);
}

BOOST_AUTO_TEST_CASE(a_stamp_from_the_future_is_no_wait) {
  BOOST_TEST(queue_wait("1733480003.000", kNow)->count() == 0);
}

BOOST_AUTO_TEST_CASE(absent_or_malformed_stamps_are_ignored) {
  for (const char* bad : {"", "1733480000", "1733480000.12", "1733480000.1234", ".123",
                          "17334x0000.123", "1733480000.-12", "-1733480000.123",
                          "99999999999999999999.000", "1733480000.12a", " 1733480000.123"}) {
    BOOST_TEST(!queue_wait(bad, kNow).has_value(), bad);
  }
}

BOOST_AUTO_TEST_SUITE_END()
