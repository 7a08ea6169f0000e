#include "domain/insight_rules.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/order_rules.hpp"
#include "domain/time.hpp"

namespace capi::domain {
namespace {

// Points of the first band whose bound `value` does not exceed (bands ordered by bound).
struct Band {
  std::int64_t at_most;
  int points;
};

std::string effect_of(int points, int neutral) {
  if (points > neutral) return "positive";
  if (points < neutral) return "negative";
  return "neutral";
}

CreditFactor timeliness(const CreditInput& input) {
  CreditFactor factor{"paymentTimeliness", 100, 200, 100, "", ""};
  if (input.paid_orders > 0) {
    factor.points = static_cast<int>(
        divide_half_even(static_cast<WideInt>(200) * input.paid_on_time, input.paid_orders));
    factor.description = std::to_string(input.paid_on_time) + " of " +
                         std::to_string(input.paid_orders) +
                         " fully paid orders paid by their due date";
  } else {
    factor.description = "no fully paid orders yet";
  }
  return factor;
}

CreditFactor utilization(const CreditInput& input) {
  CreditFactor factor{"creditUtilization", 75, 150, 75, "", ""};
  if (!input.utilization_hundredths) {
    factor.description = "no credit limit";
    return factor;
  }
  const std::int64_t used = *input.utilization_hundredths;
  constexpr Band kBands[] = {{3000, 150}, {5000, 120}, {7500, 75}, {10000, 30}};
  factor.points = 0;
  for (const auto& band : kBands) {
    if (used <= band.at_most) {
      factor.points = band.points;
      break;
    }
  }
  factor.description = "balance uses " + std::to_string(used / 100) + "." +
                       (used % 100 < 10 ? "0" : "") + std::to_string(used % 100) +
                       "% of the credit limit";
  return factor;
}

// Bands ordered by their lower bound, highest first.
struct Floor {
  std::int64_t at_least;
  int points;
};

int floor_points(std::int64_t value, const Floor* begin, const Floor* end) {
  for (const Floor* floor = begin; floor != end; ++floor) {
    if (value >= floor->at_least) return floor->points;
  }
  return 0;
}

CreditFactor tenure(const CreditInput& input) {
  constexpr Floor kFloors[] = {{730, 75}, {365, 50}, {180, 35}, {90, 20}};
  const int points = floor_points(input.tenure_days, std::begin(kFloors), std::end(kFloors));
  return {"tenure", points, 75,
          0,        "",     "customer for " + std::to_string(input.tenure_days) + " days"};
}

CreditFactor volume(const CreditInput& input) {
  constexpr Floor kFloors[] = {{50, 75}, {20, 55}, {10, 40}, {3, 20}};
  const int points = floor_points(input.order_count, std::begin(kFloors), std::end(kFloors));
  return {"orderVolume", points, 75, 0, "", std::to_string(input.order_count) + " orders"};
}

CreditFactor overdue(const CreditInput& input) {
  CreditFactor factor{"overdueAmount", 50, 50, 0, "", ""};
  if (input.overdue_minor <= 0) {
    factor.description = "nothing overdue";
    return factor;
  }
  const std::int64_t days = input.max_days_overdue;
  factor.points = days <= 30 ? 0 : days <= 60 ? -50 : -100;
  factor.description = "overdue balance, oldest " + std::to_string(days) + " days past due";
  return factor;
}

}  // namespace

std::int64_t whole_days(std::int64_t from_ms, std::int64_t to_ms) {
  return from_ms >= to_ms ? 0 : (to_ms - from_ms) / kMillisPerDay;
}

std::string segment(const SegmentInput& input) {
  if (input.order_count <= 0 || !input.last_order_ms) return "prospect";
  const std::int64_t recency = whole_days(*input.last_order_ms, input.now_ms);
  if (recency > 180) return "lost";
  if (recency > 90) return "at_risk";
  if (input.order_count >= 10 && recency <= 30) return "champion";
  if (input.order_count >= 5) return "loyal";
  const std::int64_t since_first =
      whole_days(input.first_order_ms.value_or(*input.last_order_ms), input.now_ms);
  if (since_first <= 90) return "new";
  return "regular";
}

std::optional<std::int64_t> utilization_hundredths(std::int64_t balance_minor,
                                                   const std::optional<std::int64_t>& limit_minor) {
  if (!limit_minor || *limit_minor <= 0) return std::nullopt;
  const std::int64_t used = std::max<std::int64_t>(balance_minor, 0);
  return divide_half_even(static_cast<WideInt>(used) * 10000, *limit_minor);
}

std::string risk_score(const RiskInput& input) {
  const std::int64_t used = input.utilization_hundredths.value_or(0);
  const bool overdue = input.overdue_minor > 0;
  if ((overdue && input.max_days_overdue > 60) || used > 9000) return "high";
  if (overdue || used > 7000) return "medium";
  return "low";
}

CreditScore credit_score(const CreditInput& input) {
  CreditScore result;
  result.factors = {timeliness(input), utilization(input), tenure(input), volume(input),
                    overdue(input)};
  int score = 300;
  for (auto& factor : result.factors) {
    factor.effect = effect_of(factor.points, factor.neutral_points);
    score += factor.points;
  }
  result.score = std::clamp(score, 300, 850);
  return result;
}

std::string credit_rating(int score) {
  if (score >= 750) return "excellent";
  if (score >= 700) return "good";
  if (score >= 650) return "fair";
  return "poor";
}

std::string credit_risk(std::string_view rating) {
  if (rating == "excellent" || rating == "good") return "low";
  if (rating == "fair") return "medium";
  return "high";
}

std::int64_t recommended_credit_limit(std::string_view rating, std::int64_t revenue_365d_minor) {
  const int months = rating == "excellent" ? 3 : rating == "good" ? 2 : rating == "fair" ? 1 : 0;
  const std::int64_t revenue = std::max<std::int64_t>(revenue_365d_minor, 0);
  return divide_half_even(static_cast<WideInt>(revenue) * months, 12);
}

std::int64_t month_start(std::int64_t ms) {
  const std::int64_t days =
      ms >= 0 ? ms / kMillisPerDay : -((-ms + kMillisPerDay - 1) / kMillisPerDay);
  const CivilDate date = civil_from_days(days);
  return days_from_civil(date.year, date.month, 1) * kMillisPerDay;
}

std::int64_t next_month_start(std::int64_t ms) {
  const CivilDate date = civil_from_days(month_start(ms) / kMillisPerDay);
  const std::int64_t year = date.month == 12 ? date.year + 1 : date.year;
  const int month = date.month == 12 ? 1 : date.month + 1;
  return days_from_civil(year, month, 1) * kMillisPerDay;
}

Midnights midnights_within(std::int64_t start_ms, std::int64_t end_ms) {
  const auto floor_day = [](std::int64_t ms) {
    const std::int64_t days =
        ms >= 0 ? ms / kMillisPerDay : -((-ms + kMillisPerDay - 1) / kMillisPerDay);
    return days * kMillisPerDay;
  };
  const std::int64_t first =
      floor_day(start_ms) == start_ms ? start_ms : floor_day(start_ms) + kMillisPerDay;
  const std::int64_t last = floor_day(end_ms);
  if (first >= last) return {end_ms, end_ms};
  return {first, last};
}

std::vector<std::string> months_newest_first(std::int64_t start_ms, std::int64_t end_ms) {
  std::vector<std::string> months;
  if (start_ms > end_ms) return months;
  const std::int64_t first = month_start(start_ms);
  for (std::int64_t month = month_start(end_ms); month >= first;) {
    const CivilDate date = civil_from_days(month / kMillisPerDay);
    char text[16];
    std::snprintf(text, sizeof text, "%04lld-%02d", static_cast<long long>(date.year), date.month);
    months.emplace_back(text);
    // The month before: the start of the month of its last millisecond.
    month = month_start(month - 1);
  }
  return months;
}

PeriodSplit split_period(std::int64_t since_ms, std::int64_t now_ms, bool orders_before,
                         bool orders_after) {
  PeriodSplit split;
  split.since_ms = since_ms;
  split.now_ms = now_ms;
  if (since_ms > now_ms) {  // empty: no raw range, no month
    split.head_end_ms = since_ms;
    split.first_month_ms = next_month_start(now_ms);
    split.last_month_ms = month_start(now_ms);
    split.tail_start_ms = now_ms + 1;
    return split;
  }
  const std::int64_t since_month = month_start(since_ms);
  const std::int64_t now_month = month_start(now_ms);
  // The first month is whole in the rollups when nothing that counts is dated before since in
  // it: the customer has no orders before since, or the period starts with the month.
  split.first_month_ms =
      (!orders_before || since_ms == since_month) ? since_month : next_month_start(since_ms);
  split.head_end_ms = split.first_month_ms == since_month ? since_ms : split.first_month_ms;
  // The current month's rollup would count orders dated after now: read it from the orders.
  split.last_month_ms = orders_after ? month_start(now_month - 1) : now_month;
  split.tail_start_ms = orders_after ? now_month : now_ms + 1;
  // A period within the current month with orders after now: the tail reads all of it.
  split.head_end_ms = std::min(split.head_end_ms, split.tail_start_ms);
  split.all_months = !orders_before && !orders_after;
  return split;
}

}  // namespace capi::domain
