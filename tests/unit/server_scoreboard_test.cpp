#include <boost/test/unit_test.hpp>

#include <chrono>

#include "server/scoreboard.hpp"

namespace {

using namespace std::chrono_literals;
using capi::server::Scoreboard;
using capi::server::WorkerStage;
using Clock = Scoreboard::Clock;

const Clock::time_point kStart = Clock::time_point{} + 1000h;

}  // namespace

BOOST_AUTO_TEST_SUITE(server_scoreboard)

BOOST_AUTO_TEST_CASE(slots_are_claimed_and_released) {
  Scoreboard board;
  const auto first = board.claim_slot(1);
  const auto second = board.claim_slot(1);
  BOOST_TEST_REQUIRE(first.has_value());
  BOOST_TEST_REQUIRE(second.has_value());
  BOOST_TEST(*first != *second);
  BOOST_TEST((board.stage(*first) == WorkerStage::kStarting));
  board.release_slot(*first);
  BOOST_TEST((board.stage(*first) == WorkerStage::kFree));
  BOOST_TEST((board.claim_slot(2) == first));  // reused
}

BOOST_AUTO_TEST_CASE(a_full_board_says_so) {
  Scoreboard board;
  for (std::size_t i = 0; i < Scoreboard::kCapacity; ++i)
    BOOST_TEST_REQUIRE(board.claim_slot(1).has_value());
  BOOST_TEST(!board.claim_slot(1).has_value());
}

BOOST_AUTO_TEST_CASE(an_idle_worker_is_never_overdue) {
  Scoreboard board;
  const std::size_t slot = *board.claim_slot(1);
  BOOST_TEST(!board.overdue_request(slot, 1s, kStart));  // still starting
  board.mark_idle(slot);
  BOOST_TEST(!board.overdue_request(slot, 1s, kStart + 1h));
}

BOOST_AUTO_TEST_CASE(a_request_past_its_limit_is_overdue) {
  Scoreboard board;
  const std::size_t slot = *board.claim_slot(1);
  board.mark_busy(slot, kStart);
  BOOST_TEST((board.stage(slot) == WorkerStage::kBusy));
  BOOST_TEST(!board.overdue_request(slot, 30s, kStart + 29s));
  BOOST_TEST(!board.overdue_request(slot, 30s, kStart + 30s));
  const auto overdue = board.overdue_request(slot, 30s, kStart + 31s);
  BOOST_TEST_REQUIRE(overdue.has_value());
  BOOST_TEST((*overdue == std::chrono::nanoseconds(31s)));
}

BOOST_AUTO_TEST_CASE(a_zero_limit_never_expires) {
  Scoreboard board;
  const std::size_t slot = *board.claim_slot(1);
  board.mark_busy(slot, kStart);
  BOOST_TEST(!board.overdue_request(slot, 0s, kStart + 24h));
}

BOOST_AUTO_TEST_CASE(a_finished_request_counts_and_is_no_longer_timed) {
  Scoreboard board;
  const std::size_t slot = *board.claim_slot(1);
  board.mark_busy(slot, kStart);
  board.finish_request(slot);
  BOOST_TEST((board.stage(slot) == WorkerStage::kIdle));
  BOOST_TEST(board.requests_served(slot) == 1u);
  BOOST_TEST(!board.overdue_request(slot, 1s, kStart + 1h));
  // The next request is timed from its own start, not the first one's.
  board.mark_busy(slot, kStart + 1h);
  BOOST_TEST(!board.overdue_request(slot, 1s, kStart + 1h + 500ms));
  BOOST_TEST(board.overdue_request(slot, 1s, kStart + 1h + 2s).has_value());
}

BOOST_AUTO_TEST_CASE(only_the_published_generation_counts_as_alive) {
  Scoreboard board;
  board.publish_generation(1, 2);
  const std::size_t old_a = *board.claim_slot(1);
  const std::size_t old_b = *board.claim_slot(1);
  board.set_pid(old_a, 101);
  BOOST_TEST(board.workers_alive() == 1);  // the other has no pid yet
  board.set_pid(old_b, 102);
  BOOST_TEST(board.workers_alive() == 2);
  BOOST_TEST(board.workers_configured() == 2);

  board.publish_generation(2, 3);
  const std::size_t fresh = *board.claim_slot(2);
  board.set_pid(fresh, 201);
  BOOST_TEST(board.workers_alive() == 1);
  BOOST_TEST(board.workers_configured() == 3);
  board.release_slot(fresh);
  BOOST_TEST(board.workers_alive() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
