#include <boost/test/unit_test.hpp>

#include <chrono>

#include "server/respawn_throttle.hpp"

namespace {

using namespace std::chrono_literals;
using capi::server::RespawnPolicy;
using capi::server::RespawnThrottle;
using capi::server::WorkerFault;
using Clock = RespawnThrottle::Clock;

const Clock::time_point kStart = Clock::time_point{} + 1000h;

RespawnPolicy policy() {
  RespawnPolicy result;
  result.crash_loop_faults = 3;
  result.crash_loop_window = 10s;
  result.first_delay = 100ms;
  result.max_delay = 1000ms;
  result.calm_after = 30s;
  return result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_respawn_throttle)

BOOST_AUTO_TEST_CASE(no_fault_no_delay) {
  const RespawnThrottle throttle(policy());
  BOOST_TEST(throttle.delay().count() == 0);
  BOOST_TEST(throttle.may_respawn(kStart));
}

BOOST_AUTO_TEST_CASE(an_occasional_crash_is_replaced_at_once) {
  RespawnThrottle throttle(policy());
  BOOST_TEST(throttle.record_fault(kStart, WorkerFault::kCrash).count() == 0);
  BOOST_TEST(throttle.record_fault(kStart + 20s, WorkerFault::kCrash).count() == 0);
  BOOST_TEST(throttle.record_fault(kStart + 40s, WorkerFault::kCrash).count() == 0);
  BOOST_TEST(throttle.may_respawn(kStart + 40s));
}

BOOST_AUTO_TEST_CASE(a_crash_loop_backs_off_exponentially_up_to_the_cap) {
  RespawnThrottle throttle(policy());
  BOOST_TEST(throttle.record_fault(kStart, WorkerFault::kCrash).count() == 0);
  BOOST_TEST(throttle.record_fault(kStart + 1s, WorkerFault::kCrash).count() == 0);
  // The third fault within the window makes it a loop.
  BOOST_TEST(throttle.record_fault(kStart + 2s, WorkerFault::kCrash).count() == 100);
  BOOST_TEST(!throttle.may_respawn(kStart + 2s + 99ms));
  BOOST_TEST(throttle.may_respawn(kStart + 2s + 100ms));
  BOOST_TEST(throttle.record_fault(kStart + 3s, WorkerFault::kCrash).count() == 200);
  BOOST_TEST(throttle.record_fault(kStart + 4s, WorkerFault::kCrash).count() == 400);
  BOOST_TEST(throttle.record_fault(kStart + 5s, WorkerFault::kCrash).count() == 800);
  BOOST_TEST(throttle.record_fault(kStart + 6s, WorkerFault::kCrash).count() == 1000);
  BOOST_TEST(throttle.record_fault(kStart + 7s, WorkerFault::kCrash).count() == 1000);
  BOOST_TEST(!throttle.may_respawn(kStart + 7s + 999ms));
  BOOST_TEST(throttle.may_respawn(kStart + 8s));
}

BOOST_AUTO_TEST_CASE(faults_spread_wider_than_the_window_are_no_loop) {
  RespawnThrottle throttle(policy());
  for (int i = 0; i < 10; ++i) {
    BOOST_TEST(throttle.record_fault(kStart + i * 6s, WorkerFault::kCrash).count() == 0);
  }
}

BOOST_AUTO_TEST_CASE(a_startup_failure_backs_off_from_the_first) {
  RespawnThrottle throttle(policy());
  BOOST_TEST(throttle.record_fault(kStart, WorkerFault::kStartupFailure).count() == 100);
  BOOST_TEST(!throttle.may_respawn(kStart + 50ms));
  BOOST_TEST(throttle.record_fault(kStart + 100ms, WorkerFault::kStartupFailure).count() == 200);
  BOOST_TEST(throttle.record_fault(kStart + 300ms, WorkerFault::kStartupFailure).count() == 400);
}

BOOST_AUTO_TEST_CASE(a_calm_stretch_resets_the_backoff) {
  RespawnThrottle throttle(policy());
  throttle.record_fault(kStart, WorkerFault::kStartupFailure);
  throttle.record_fault(kStart + 1s, WorkerFault::kStartupFailure);
  BOOST_TEST(throttle.delay().count() == 200);
  // A lone crash long after: replaced at once, and the ring starts over.
  BOOST_TEST(throttle.record_fault(kStart + 40s, WorkerFault::kCrash).count() == 0);
  BOOST_TEST(throttle.record_fault(kStart + 41s, WorkerFault::kCrash).count() == 0);
  BOOST_TEST(throttle.record_fault(kStart + 42s, WorkerFault::kCrash).count() == 100);
}

BOOST_AUTO_TEST_CASE(the_delay_stays_while_faults_keep_coming) {
  RespawnThrottle throttle(policy());
  for (int i = 0; i < 6; ++i) throttle.record_fault(kStart + i * 100ms, WorkerFault::kCrash);
  const auto reached = throttle.delay();
  BOOST_TEST(reached.count() > 0);
  // Still failing every 20 s (less than calm_after): no reset, the level only grows.
  BOOST_TEST(throttle.record_fault(kStart + 20s, WorkerFault::kStartupFailure) >= reached);
}

BOOST_AUTO_TEST_SUITE_END()
