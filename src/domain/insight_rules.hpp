// The rules behind the Insights section (API.md "Insights"): the customer segment, the risk
// score, the credit score with its factors, the rating, the recommended credit limit and the
// calendar months of a period. Pure functions of figures the store computes; the same rules
// are written down for clients in docs/openapi.yaml (x-rules of the analytics and credit
// check schemas) and must change together with them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace capi::domain {

// Whole days from `from_ms` to `to_ms`, rounded down (0 when `from_ms` is later).
std::int64_t whole_days(std::int64_t from_ms, std::int64_t to_ms);

// What the segment is judged on: a customer's orders that count (not cancelled or refunded).
struct SegmentInput {
  std::int64_t order_count = 0;
  std::optional<std::int64_t> first_order_ms;
  std::optional<std::int64_t> last_order_ms;
  std::int64_t now_ms = 0;
};

// Recency/frequency rules, first match wins (days are whole days before now):
//   no orders                              -> "prospect"
//   last order more than 180 days ago      -> "lost"
//   last order more than 90 days ago       -> "at_risk"
//   10+ orders and last order <= 30 days   -> "champion"
//   5+ orders                              -> "loyal"
//   first order at most 90 days ago        -> "new"
//   otherwise                              -> "regular"
// Amounts play no part: they are in the customer's currency and would not compare.
std::string segment(const SegmentInput& input);

// Credit utilisation in hundredths of a percent (4550 is 45.5%), rounded half-even; null
// without a limit or with a limit of 0 (no share of nothing). May exceed 100% (a limit
// lowered below the balance); a credit balance (negative) counts as 0.
std::optional<std::int64_t> utilization_hundredths(std::int64_t balance_minor,
                                                   const std::optional<std::int64_t>& limit_minor);

// What risk is judged on.
struct RiskInput {
  std::int64_t overdue_minor = 0;     // balance due of orders past their due date
  std::int64_t max_days_overdue = 0;  // of the oldest of those orders (0 when none)
  std::optional<std::int64_t> utilization_hundredths;
};

// "high": an order more than 60 days past due, or utilisation above 90%;
// "medium": any overdue amount, or utilisation above 70%;
// "low": otherwise.
std::string risk_score(const RiskInput& input);

// What the credit score is computed from (the customer's own history).
struct CreditInput {
  std::int64_t paid_orders = 0;   // fully paid orders that count
  std::int64_t paid_on_time = 0;  // of those, paid in full by their due date
  std::optional<std::int64_t> utilization_hundredths;
  std::int64_t tenure_days = 0;  // whole days since customerSince
  std::int64_t order_count = 0;  // orders that count
  std::int64_t overdue_minor = 0;
  std::int64_t max_days_overdue = 0;
};

// One factor's part of the score.
struct CreditFactor {
  std::string name;  // paymentTimeliness, creditUtilization, tenure, orderVolume, overdueAmount
  int points = 0;
  int max_points = 0;
  int neutral_points = 0;  // points of a customer with nothing to judge
  std::string effect;      // "positive" above neutral, "negative" below, else "neutral"
  std::string description;
};

struct CreditScore {
  int score = 0;  // 300-850
  std::vector<CreditFactor> factors;
};

// score = 300 + the factors' points, clamped to 300-850:
//   paymentTimeliness 0-200: 200 x (paid on time / fully paid), half-even; 100 without
//     fully paid orders;
//   creditUtilization 0-150: <= 30% 150, <= 50% 120, <= 75% 75, <= 100% 30, above 0;
//     75 without a limit;
//   tenure 0-75: >= 730 days 75, >= 365 50, >= 180 35, >= 90 20, else 0;
//   orderVolume 0-75: >= 50 orders 75, >= 20 55, >= 10 40, >= 3 20, else 0;
//   overdueAmount -100..50: nothing overdue 50, oldest <= 30 days past due 0, <= 60 -50,
//     else -100.
// The best customer reaches 300 + 550 = 850 exactly.
CreditScore credit_score(const CreditInput& input);

// "excellent" >= 750, "good" >= 700, "fair" >= 650, "poor" below.
std::string credit_rating(int score);

// The rating's risk: excellent and good "low", fair "medium", poor "high".
std::string credit_risk(std::string_view rating);

// The limit worth offering: the average month of the last 365 days' revenue (revenue / 12)
// times 3 (excellent), 2 (good), 1 (fair) or 0 (poor), rounded half-even to the minor unit.
std::int64_t recommended_credit_limit(std::string_view rating, std::int64_t revenue_365d_minor);

// The calendar months ("2024-01") that an instant range [start_ms, end_ms] touches, newest
// first. Empty when start_ms > end_ms.
std::vector<std::string> months_newest_first(std::int64_t start_ms, std::int64_t end_ms);

// The first instant of the UTC month of `ms`, and of the month after it.
std::int64_t month_start(std::int64_t ms);
std::int64_t next_month_start(std::int64_t ms);

// The whole UTC days inside [start_ms, end_ms): from the first midnight at or after the
// start to the last midnight at or before the end. Stats read whole days from figures kept
// by day and count the rest of the period, [start, first) and [last, end), row by row.
// Without a whole day inside, both are end_ms, so that the rest is the whole period.
struct Midnights {
  std::int64_t first_ms;
  std::int64_t last_ms;
};
Midnights midnights_within(std::int64_t start_ms, std::int64_t end_ms);

// How a customer's orders dated in a period [since, now] are read (sql/010): whole UTC months
// from the per-customer rollups, and only the part of a month they cannot answer from the
// orders themselves: the orders dated in [since, head_end) (the period's first month, when
// it starts within it and the customer has orders before), the rollup months
// [first_month, last_month] (none when first_month > last_month), and the orders dated in
// [tail_start, now] (the current month, when the customer has orders dated after now, which a
// month's rollup would count). When no order that counts lies outside the period, the
// customer's rollup of every month answers for the products (all_months).
struct PeriodSplit {
  std::int64_t since_ms = 0;
  std::int64_t now_ms = 0;
  std::int64_t head_end_ms = 0;
  std::int64_t first_month_ms = 0;
  std::int64_t last_month_ms = -1;
  std::int64_t tail_start_ms = 0;
  bool all_months = false;
};

// `orders_before`: the customer has orders that count dated before since; `orders_after`:
// dated after now. A period that starts after now is empty (nothing read).
PeriodSplit split_period(std::int64_t since_ms, std::int64_t now_ms, bool orders_before,
                         bool orders_after);

}  // namespace capi::domain
