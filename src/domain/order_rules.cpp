#include "domain/order_rules.hpp"

#include <cstdio>

#include "domain/money.hpp"
#include "domain/time.hpp"

namespace capi::domain {

std::string_view status_name(OrderStatus status) {
  return kOrderStatuses.at(static_cast<std::size_t>(status));
}

std::optional<OrderStatus> parse_status(std::string_view name) {
  for (std::size_t i = 0; i < kOrderStatuses.size(); ++i) {
    if (kOrderStatuses[i] == name) return static_cast<OrderStatus>(i);
  }
  return std::nullopt;
}

bool counts(OrderStatus status) {
  return status != OrderStatus::kCancelled && status != OrderStatus::kRefunded;
}

Move judge_move(OrderStatus from, OrderStatus to, std::int64_t amount_paid_minor) {
  if (from == to) return Move::kUnchanged;
  if (!counts(from)) return Move::kIllegal;  // cancelled and refunded are final
  switch (to) {
    case OrderStatus::kCancelled:
      return from != OrderStatus::kCompleted && amount_paid_minor == 0 ? Move::kAllowed
                                                                       : Move::kIllegal;
    case OrderStatus::kRefunded:
      return amount_paid_minor > 0 ? Move::kAllowed : Move::kIllegal;
    default:
      // Both on the forward line (the enum lists it in order).
      return static_cast<int>(to) > static_cast<int>(from) ? Move::kAllowed : Move::kIllegal;
  }
}

std::int64_t divide_half_even(WideInt numerator, std::int64_t denominator) {
  const WideInt d = denominator;
  WideInt quotient = numerator / d;
  const WideInt remainder = numerator % d;
  const WideInt twice = 2 * (remainder < 0 ? -remainder : remainder);
  const WideInt magnitude = d < 0 ? -d : d;
  const bool negative = (numerator < 0) != (d < 0);
  if (twice > magnitude || (twice == magnitude && quotient % 2 != 0)) {
    quotient += negative ? -1 : 1;
  }
  return static_cast<std::int64_t>(quotient);
}

std::int64_t percent_of(std::int64_t amount_minor, std::int32_t rate_hundredths) {
  // Up to 10^15 x 10^4: beyond int64, exact in 128 bits.
  return divide_half_even(static_cast<WideInt>(amount_minor) * rate_hundredths, 10'000);
}

std::optional<std::int64_t> line_total(const LineAmounts& line) {
  if (line.quantity < 0 || line.unit_price_minor < 0) return std::nullopt;
  const WideInt product = static_cast<WideInt>(line.quantity) * line.unit_price_minor;
  if (product > kMaxMinorUnits) return std::nullopt;
  return static_cast<std::int64_t>(product);
}

std::optional<std::int64_t> subtotal_of(std::span<const LineAmounts> lines) {
  std::int64_t sum = 0;
  for (const auto& line : lines) {
    const auto total = line_total(line);
    if (!total) return std::nullopt;
    sum += *total;  // both at most 10^15: no overflow before the check
    if (sum > kMaxMinorUnits) return std::nullopt;
  }
  return sum;
}

TotalsResult compute_totals(std::int64_t subtotal_minor,
                            std::optional<std::int64_t> given_discount_minor,
                            std::int32_t discount_rate_hundredths) {
  TotalsResult result;
  result.totals.subtotal_minor = subtotal_minor;
  const std::int64_t discount = given_discount_minor
                                    ? *given_discount_minor
                                    : percent_of(subtotal_minor, discount_rate_hundredths);
  if (discount > subtotal_minor) {
    result.error = TotalsError::kDiscountAboveSubtotal;
    return result;
  }
  result.totals.discount_minor = discount;
  result.totals.total_minor = subtotal_minor - discount;
  return result;
}

std::optional<int> payment_term_days(std::string_view terms) {
  static constexpr std::array<std::pair<std::string_view, int>, 7> kDays = {{
      {"due_on_receipt", 0},
      {"net_7", 7},
      {"net_15", 15},
      {"net_30", 30},
      {"net_45", 45},
      {"net_60", 60},
      {"net_90", 90},
  }};
  for (const auto& [name, days] : kDays) {
    if (name == terms) return days;
  }
  return std::nullopt;
}

std::optional<std::int64_t> due_date_ms(std::int64_t order_date_ms, std::string_view terms) {
  const auto days = payment_term_days(terms);
  if (!days) return std::nullopt;
  return order_date_ms + *days * kMillisPerDay;
}

std::int64_t balance_due(OrderStatus status, std::int64_t total_minor, std::int64_t paid_minor) {
  if (!counts(status)) return 0;
  return total_minor - paid_minor;
}

std::string_view payment_status(std::int64_t total_minor, std::int64_t paid_minor) {
  if (paid_minor >= total_minor) return "paid";
  return paid_minor == 0 ? "unpaid" : "partial";
}

PaymentCheck check_payment(OrderStatus status, std::int64_t total_minor, std::int64_t paid_minor,
                           std::int64_t order_date_ms, std::int64_t amount_minor,
                           std::int64_t paid_at_ms) {
  if (!counts(status)) return PaymentCheck::kOrderClosed;
  if (amount_minor <= 0) return PaymentCheck::kNotPositive;
  if (amount_minor > balance_due(status, total_minor, paid_minor)) {
    return PaymentCheck::kAboveBalance;
  }
  if (paid_at_ms < order_date_ms) return PaymentCheck::kBeforeOrderDate;
  return PaymentCheck::kOk;
}

bool exceeds_credit_limit(std::int64_t balance_minor, std::int64_t new_balance_due_minor,
                          std::optional<std::int64_t> credit_limit_minor) {
  if (!credit_limit_minor) return false;
  return balance_minor + new_balance_due_minor > *credit_limit_minor;
}

std::string generated_order_number(std::int64_t year, std::int64_t sequence) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "SO-%04lld-%06lld", static_cast<long long>(year),
                static_cast<long long>(sequence));
  return buffer;
}

}  // namespace capi::domain
