// The Insights rules at each threshold (domain/insight_rules.hpp), as docs/openapi.yaml
// writes them down.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "domain/insight_rules.hpp"
#include "domain/time.hpp"

using namespace capi::domain;

namespace {

constexpr std::int64_t kDay = kMillisPerDay;
const std::int64_t kNow = days_from_civil(2026, 6, 15) * kDay + 12 * 3600 * 1000;

std::string segment_of(std::int64_t orders, std::int64_t first_days_ago,
                       std::int64_t last_days_ago) {
  return segment({orders, kNow - first_days_ago * kDay, kNow - last_days_ago * kDay, kNow});
}

CreditInput neutral_credit() {
  return {};  // no paid orders, no limit, new, no orders, nothing overdue
}

int points_of(const CreditScore& score, const std::string& name) {
  for (const auto& factor : score.factors) {
    if (factor.name == name) return factor.points;
  }
  BOOST_FAIL("no factor " + name);
  return 0;
}

std::string effect_of(const CreditScore& score, const std::string& name) {
  for (const auto& factor : score.factors) {
    if (factor.name == name) return factor.effect;
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(domain_insight_rules)

BOOST_AUTO_TEST_CASE(whole_days_round_down_and_never_go_negative) {
  BOOST_TEST(whole_days(0, kDay - 1) == 0);
  BOOST_TEST(whole_days(0, kDay) == 1);
  BOOST_TEST(whole_days(0, 3 * kDay + 5) == 3);
  BOOST_TEST(whole_days(kDay, 0) == 0);
}

BOOST_AUTO_TEST_CASE(segment_rules_at_their_thresholds) {
  BOOST_TEST(segment({0, std::nullopt, std::nullopt, kNow}) == "prospect");
  // Recency: lost above 180 days, at_risk above 90.
  BOOST_TEST(segment_of(20, 400, 181) == "lost");
  BOOST_TEST(segment_of(20, 400, 180) == "at_risk");
  BOOST_TEST(segment_of(20, 400, 91) == "at_risk");
  BOOST_TEST(segment_of(20, 400, 90) == "loyal");
  // Champion: 10+ orders and the last within 30 days.
  BOOST_TEST(segment_of(10, 400, 30) == "champion");
  BOOST_TEST(segment_of(10, 400, 31) == "loyal");
  BOOST_TEST(segment_of(9, 400, 0) == "loyal");
  // Loyal: 5+ orders, even when new.
  BOOST_TEST(segment_of(5, 10, 1) == "loyal");
  // New: first order within 90 days.
  BOOST_TEST(segment_of(4, 90, 1) == "new");
  BOOST_TEST(segment_of(4, 91, 1) == "regular");
  BOOST_TEST(segment_of(1, 0, 0) == "new");
}

BOOST_AUTO_TEST_CASE(utilization_is_a_half_even_share_or_null) {
  BOOST_TEST(!utilization_hundredths(100, std::nullopt).has_value());
  BOOST_TEST(!utilization_hundredths(100, 0).has_value());
  BOOST_TEST(*utilization_hundredths(0, 1000) == 0);
  BOOST_TEST(*utilization_hundredths(455, 1000) == 4550);
  BOOST_TEST(*utilization_hundredths(1, 3) == 3333);
  BOOST_TEST(*utilization_hundredths(2, 3) == 6667);
  BOOST_TEST(*utilization_hundredths(1, 20000) == 0);        // 0.5 hundredth -> 0 (even)
  BOOST_TEST(*utilization_hundredths(3, 20000) == 2);        // 1.5 -> 2
  BOOST_TEST(*utilization_hundredths(1500, 1000) == 15000);  // over the limit
  BOOST_TEST(*utilization_hundredths(-500, 1000) == 0);      // a credit balance
}

BOOST_AUTO_TEST_CASE(risk_rules_at_their_thresholds) {
  BOOST_TEST(risk_score({0, 0, std::nullopt}) == "low");
  BOOST_TEST(risk_score({0, 0, 7000}) == "low");
  BOOST_TEST(risk_score({0, 0, 7001}) == "medium");
  BOOST_TEST(risk_score({0, 0, 9000}) == "medium");
  BOOST_TEST(risk_score({0, 0, 9001}) == "high");
  BOOST_TEST(risk_score({1, 0, std::nullopt}) == "medium");
  BOOST_TEST(risk_score({1, 60, std::nullopt}) == "medium");
  BOOST_TEST(risk_score({1, 61, std::nullopt}) == "high");
  // Days past due without an amount overdue mean nothing.
  BOOST_TEST(risk_score({0, 61, std::nullopt}) == "low");
}

BOOST_AUTO_TEST_CASE(a_customer_with_nothing_to_judge_scores_the_neutral_points) {
  const auto score = credit_score(neutral_credit());
  // 300 + 100 (timeliness) + 75 (no limit) + 0 + 0 + 50 (nothing overdue).
  BOOST_TEST(score.score == 525);
  BOOST_TEST(score.factors.size() == 5u);
  BOOST_TEST(effect_of(score, "paymentTimeliness") == "neutral");
  BOOST_TEST(effect_of(score, "creditUtilization") == "neutral");
  BOOST_TEST(effect_of(score, "tenure") == "neutral");
  BOOST_TEST(effect_of(score, "orderVolume") == "neutral");
  BOOST_TEST(effect_of(score, "overdueAmount") == "positive");
}

BOOST_AUTO_TEST_CASE(payment_timeliness_alone) {
  auto input = neutral_credit();
  input.paid_orders = 4;
  input.paid_on_time = 4;
  BOOST_TEST(points_of(credit_score(input), "paymentTimeliness") == 200);
  BOOST_TEST(credit_score(input).score == 625);
  input.paid_on_time = 0;
  BOOST_TEST(points_of(credit_score(input), "paymentTimeliness") == 0);
  BOOST_TEST(effect_of(credit_score(input), "paymentTimeliness") == "negative");
  input.paid_orders = 3;
  input.paid_on_time = 1;
  BOOST_TEST(points_of(credit_score(input), "paymentTimeliness") == 67);  // 66.67
  input.paid_orders = 8;
  input.paid_on_time = 3;
  BOOST_TEST(points_of(credit_score(input), "paymentTimeliness") == 75);
  input.paid_orders = 400;
  input.paid_on_time = 1;
  BOOST_TEST(points_of(credit_score(input), "paymentTimeliness") == 0);  // 0.5 -> 0 (even)
}

BOOST_AUTO_TEST_CASE(utilization_bands) {
  auto input = neutral_credit();
  const std::vector<std::pair<std::int64_t, int>> cases = {
      {0, 150},   {3000, 150}, {3001, 120}, {5000, 120}, {5001, 75},
      {7500, 75}, {7501, 30},  {10000, 30}, {10001, 0},  {25000, 0}};
  for (const auto& [used, points] : cases) {
    input.utilization_hundredths = used;
    BOOST_TEST(points_of(credit_score(input), "creditUtilization") == points, used);
    BOOST_TEST(credit_score(input).score == 450 + points, used);
  }
}

BOOST_AUTO_TEST_CASE(tenure_bands) {
  auto input = neutral_credit();
  const std::vector<std::pair<std::int64_t, int>> cases = {
      {0, 0},    {89, 0},   {90, 20},  {179, 20}, {180, 35},
      {364, 35}, {365, 50}, {729, 50}, {730, 75}, {5000, 75}};
  for (const auto& [days, points] : cases) {
    input.tenure_days = days;
    BOOST_TEST(points_of(credit_score(input), "tenure") == points, days);
    BOOST_TEST(credit_score(input).score == 525 + points, days);
  }
}

BOOST_AUTO_TEST_CASE(order_volume_bands) {
  auto input = neutral_credit();
  const std::vector<std::pair<std::int64_t, int>> cases = {
      {0, 0}, {2, 0}, {3, 20}, {9, 20}, {10, 40}, {19, 40}, {20, 55}, {49, 55}, {50, 75}};
  for (const auto& [orders, points] : cases) {
    input.order_count = orders;
    BOOST_TEST(points_of(credit_score(input), "orderVolume") == points, orders);
  }
}

BOOST_AUTO_TEST_CASE(overdue_amount_bands) {
  auto input = neutral_credit();
  input.overdue_minor = 1;
  const std::vector<std::pair<std::int64_t, int>> cases = {{0, 0},    {30, 0},    {31, -50},
                                                           {60, -50}, {61, -100}, {400, -100}};
  for (const auto& [days, points] : cases) {
    input.max_days_overdue = days;
    BOOST_TEST(points_of(credit_score(input), "overdueAmount") == points, days);
    BOOST_TEST(credit_score(input).score == 475 + points, days);
  }
  input.max_days_overdue = 61;
  BOOST_TEST(effect_of(credit_score(input), "overdueAmount") == "negative");
}

BOOST_AUTO_TEST_CASE(score_is_clamped_to_300_850) {
  CreditInput best;
  best.paid_orders = best.paid_on_time = 10;
  best.utilization_hundredths = 0;
  best.tenure_days = 1000;
  best.order_count = 100;
  BOOST_TEST(credit_score(best).score == 850);
  CreditInput worst;
  worst.paid_orders = 10;
  worst.utilization_hundredths = 20000;
  worst.overdue_minor = 100;
  worst.max_days_overdue = 100;
  BOOST_TEST(credit_score(worst).score == 300);  // 300 - 100, clamped
}

BOOST_AUTO_TEST_CASE(rating_risk_and_recommended_limit) {
  BOOST_TEST(credit_rating(850) == "excellent");
  BOOST_TEST(credit_rating(750) == "excellent");
  BOOST_TEST(credit_rating(749) == "good");
  BOOST_TEST(credit_rating(700) == "good");
  BOOST_TEST(credit_rating(699) == "fair");
  BOOST_TEST(credit_rating(650) == "fair");
  BOOST_TEST(credit_rating(649) == "poor");
  BOOST_TEST(credit_rating(300) == "poor");
  BOOST_TEST(credit_risk("excellent") == "low");
  BOOST_TEST(credit_risk("good") == "low");
  BOOST_TEST(credit_risk("fair") == "medium");
  BOOST_TEST(credit_risk("poor") == "high");
  BOOST_TEST(recommended_credit_limit("excellent", 120000) == 30000);
  BOOST_TEST(recommended_credit_limit("good", 120000) == 20000);
  BOOST_TEST(recommended_credit_limit("fair", 120000) == 10000);
  BOOST_TEST(recommended_credit_limit("poor", 120000) == 0);
  BOOST_TEST(recommended_credit_limit("fair", 18) == 2);  // 1.5 -> 2
  BOOST_TEST(recommended_credit_limit("fair", 30) == 2);  // 2.5 -> 2
  BOOST_TEST(recommended_credit_limit("good", -5) == 0);
}

BOOST_AUTO_TEST_CASE(months_of_a_range_newest_first) {
  const auto at = [](int year, int month, int day) {
    return days_from_civil(year, month, day) * kDay;
  };
  BOOST_TEST(months_newest_first(at(2024, 1, 15), at(2024, 1, 20)) ==
             std::vector<std::string>{"2024-01"});
  BOOST_TEST(months_newest_first(at(2023, 11, 30), at(2024, 2, 1)) ==
                 (std::vector<std::string>{"2024-02", "2024-01", "2023-12", "2023-11"}),
             boost::test_tools::per_element());
  BOOST_TEST(months_newest_first(at(2024, 3, 1) - 1, at(2024, 3, 1)) ==
                 (std::vector<std::string>{"2024-03", "2024-02"}),
             boost::test_tools::per_element());
  BOOST_TEST(months_newest_first(at(2024, 3, 1), at(2024, 2, 1)).empty());
  BOOST_TEST(months_newest_first(at(2023, 1, 1), at(2023, 12, 31)).size() == 12u);
  BOOST_TEST(month_start(at(2024, 2, 29) + 5) == at(2024, 2, 1));
  BOOST_TEST(next_month_start(at(2024, 12, 31)) == at(2025, 1, 1));
  BOOST_TEST(month_start(-1) == at(1969, 12, 1));
}

// Stats read whole days from the figures kept by day and count the parts at either end.
BOOST_AUTO_TEST_CASE(whole_days_inside_a_period) {
  const auto at = [](int year, int month, int day) {
    return days_from_civil(year, month, day) * kDay;
  };
  // Whole days only: a month of dates.
  auto span = midnights_within(at(2025, 3, 1), at(2025, 4, 1));
  BOOST_TEST(span.first_ms == at(2025, 3, 1));
  BOOST_TEST(span.last_ms == at(2025, 4, 1));
  // Parts of a day at both ends: 5 March 10:00 to 20 March 00:00:00.001.
  span = midnights_within(at(2025, 3, 5) + 36'000'000, at(2025, 3, 20) + 1);
  BOOST_TEST(span.first_ms == at(2025, 3, 6));
  BOOST_TEST(span.last_ms == at(2025, 3, 20));
  // No whole day inside: the rest is the whole period.
  span = midnights_within(at(2025, 3, 5) + 1, at(2025, 3, 6) + 5);
  BOOST_TEST(span.first_ms == at(2025, 3, 6) + 5);
  BOOST_TEST(span.last_ms == at(2025, 3, 6) + 5);
  span = midnights_within(at(2025, 3, 5) + 1, at(2025, 3, 5) + 9);
  BOOST_TEST(span.first_ms == at(2025, 3, 5) + 9);
  // Before 1970 the days are floored, not truncated toward zero.
  span = midnights_within(-kDay - 5, 3);
  BOOST_TEST(span.first_ms == -kDay);
  BOOST_TEST(span.last_ms == 0);
}

// Each split covers [since, now] once: the orders of [since, head_end), the rollup months
// [first_month, last_month], the orders of [tail_start, now].
BOOST_AUTO_TEST_CASE(a_period_is_read_from_whole_months_and_at_most_its_edges) {
  const auto at = [](int year, int month, int day) {
    return days_from_civil(year, month, day) * kDay;
  };
  constexpr std::int64_t kHour = 3'600'000;
  const std::int64_t now = at(2024, 6, 12) + 10 * kHour;
  const std::int64_t since = at(2024, 3, 14) + 5 * kHour;  // 90 days before, mid-month

  // Orders before the period: March's rest from the orders, April-June from the rollups.
  const PeriodSplit mid = split_period(since, now, true, false);
  BOOST_TEST(mid.since_ms == since);
  BOOST_TEST(mid.now_ms == now);
  BOOST_TEST(mid.head_end_ms == at(2024, 4, 1));
  BOOST_TEST(mid.first_month_ms == at(2024, 4, 1));
  BOOST_TEST(mid.last_month_ms == at(2024, 6, 1));
  BOOST_TEST(mid.tail_start_ms == now + 1);  // nothing after the months
  BOOST_TEST(!mid.all_months);

  // Nothing before since (period "all" starts at the first order): March whole from its rollup,
  // and the products from every month.
  const PeriodSplit all = split_period(since, now, false, false);
  BOOST_TEST(all.head_end_ms == since);
  BOOST_TEST(all.first_month_ms == at(2024, 3, 1));
  BOOST_TEST(all.last_month_ms == at(2024, 6, 1));
  BOOST_TEST(all.all_months);

  // A period starting on a month's first instant needs no orders read at its start.
  const PeriodSplit whole = split_period(at(2024, 3, 1), now, true, false);
  BOOST_TEST(whole.head_end_ms == at(2024, 3, 1));
  BOOST_TEST(whole.first_month_ms == at(2024, 3, 1));
  BOOST_TEST(!whole.all_months);

  // Orders dated after now: June up to now from the orders, the rollups end with May.
  const PeriodSplit future = split_period(since, now, true, true);
  BOOST_TEST(future.head_end_ms == at(2024, 4, 1));
  BOOST_TEST(future.first_month_ms == at(2024, 4, 1));
  BOOST_TEST(future.last_month_ms == at(2024, 5, 1));
  BOOST_TEST(future.tail_start_ms == at(2024, 6, 1));
  BOOST_TEST(!future.all_months);
  BOOST_TEST(!split_period(since, now, false, true).all_months);

  // A period within one month: all of it from the orders (no rollup month)...
  const PeriodSplit inside = split_period(at(2024, 6, 2), now, true, false);
  BOOST_TEST(inside.head_end_ms == now + 1);
  BOOST_TEST(inside.first_month_ms > inside.last_month_ms);
  // ... with orders after now too: the tail reads the month up to now, the head nothing
  // (the two never overlap).
  const PeriodSplit both = split_period(at(2024, 6, 2), now, true, true);
  BOOST_TEST(both.first_month_ms > both.last_month_ms);
  BOOST_TEST(both.tail_start_ms == at(2024, 6, 1));
  BOOST_TEST(both.head_end_ms == at(2024, 6, 1));
  // ... or its month from the rollup when nothing is dated outside the period.
  const PeriodSplit alone = split_period(at(2024, 6, 2), now, false, false);
  BOOST_TEST(alone.first_month_ms == at(2024, 6, 1));
  BOOST_TEST(alone.last_month_ms == at(2024, 6, 1));
  BOOST_TEST(alone.head_end_ms == at(2024, 6, 2));

  // A period after now is empty.
  const PeriodSplit empty = split_period(now + 1, now, false, false);
  BOOST_TEST(empty.head_end_ms == now + 1);
  BOOST_TEST(empty.first_month_ms > empty.last_month_ms);
  BOOST_TEST(empty.tail_start_ms == now + 1);
  BOOST_TEST(!empty.all_months);
}

BOOST_AUTO_TEST_SUITE_END()
