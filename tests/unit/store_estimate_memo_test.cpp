#include <boost/test/unit_test.hpp>

#include <string>

#include "store/estimate_memo.hpp"

using capi::store::EstimateMemo;

BOOST_AUTO_TEST_SUITE(store_estimate_memo)

namespace {
const EstimateMemo::Clock::time_point kStart{std::chrono::hours(1)};
}

BOOST_AUTO_TEST_CASE(an_estimate_is_kept_per_business_and_text) {
  EstimateMemo memo;
  BOOST_TEST(!memo.find("b1", "ardw", kStart).has_value());
  memo.keep("b1", "ardw", 2185, kStart);
  BOOST_TEST(*memo.find("b1", "ardw", kStart + std::chrono::seconds(10)) == 2185);
  BOOST_TEST(!memo.find("b2", "ardw", kStart).has_value());
  BOOST_TEST(!memo.find("b1", "ard", kStart).has_value());
  BOOST_TEST(!memo.find("b1", "ARDW", kStart).has_value());
  // The join of business and text cannot make two pairs one.
  memo.keep("b", "1ardw", 7, kStart);
  BOOST_TEST(*memo.find("b1", "ardw", kStart) == 2185);
  memo.keep("b1", "ardw", 3000, kStart);  // asked again: the newer answer
  BOOST_TEST(*memo.find("b1", "ardw", kStart) == 3000);
}

BOOST_AUTO_TEST_CASE(an_estimate_goes_stale) {
  EstimateMemo memo;
  memo.keep("b1", "ardw", 2185, kStart);
  BOOST_TEST(
      memo.find("b1", "ardw", kStart + EstimateMemo::kFresh - std::chrono::seconds(1)).has_value());
  BOOST_TEST(!memo.find("b1", "ardw", kStart + EstimateMemo::kFresh).has_value());
}

BOOST_AUTO_TEST_CASE(the_memo_stays_within_its_bound) {
  EstimateMemo memo;
  for (std::size_t i = 0; i < 3 * EstimateMemo::kEntries; ++i) {
    memo.keep("b1", "text " + std::to_string(i), static_cast<std::int64_t>(i), kStart);
    BOOST_TEST_REQUIRE(memo.size() <= EstimateMemo::kEntries);
  }
  // The last one kept is there whatever was dropped to make room.
  const std::string last = "text " + std::to_string(3 * EstimateMemo::kEntries - 1);
  BOOST_TEST(*memo.find("b1", last, kStart) ==
             static_cast<std::int64_t>(3 * EstimateMemo::kEntries - 1));
  // Stale entries go first: a full memo of stale ones keeps the fresh one it is given.
  EstimateMemo aged;
  for (std::size_t i = 0; i < EstimateMemo::kEntries; ++i) {
    aged.keep("b1", "old " + std::to_string(i), 1, kStart);
  }
  const auto later = kStart + EstimateMemo::kFresh;
  aged.keep("b1", "new", 5, later);
  BOOST_TEST(aged.size() == 1u);
  BOOST_TEST(*aged.find("b1", "new", later) == 5);
}

BOOST_AUTO_TEST_SUITE_END()
