// The arithmetic and the state machine of orders (API.md "Orders"). Pure: no I/O, no
// clock. Money is integer minor units throughout; nothing here goes through a double.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace capi::domain {

// 128-bit integers for products of amounts and rates that may pass int64 before they are
// divided (GCC and clang; __extension__ keeps -Wpedantic quiet about it).
__extension__ typedef __int128 WideInt;  // NOLINT(modernize-use-using)

enum class OrderStatus {
  kPending,
  kConfirmed,
  kShipped,
  kDelivered,
  kCompleted,
  kCancelled,
  kRefunded
};

inline constexpr std::array<std::string_view, 7> kOrderStatuses = {
    "pending", "confirmed", "shipped", "delivered", "completed", "cancelled", "refunded"};
// The statuses a create may start at: the first five.
inline constexpr std::array<std::string_view, 5> kCreateStatuses = {
    "pending", "confirmed", "shipped", "delivered", "completed"};

std::string_view status_name(OrderStatus status);
std::optional<OrderStatus> parse_status(std::string_view name);

// Whether an order in this status counts in the customer's figures (orderCount,
// lifetimeValue, averages, balance): every status but cancelled and refunded.
bool counts(OrderStatus status);

// How a status change is judged.
enum class Move {
  kAllowed,
  kUnchanged,  // the same status: not a move, nothing changes (PATCH is answered 200)
  kIllegal,    // 409
};

// The contract's machine:
//  - forward along pending -> confirmed -> shipped -> delivered -> completed, steps may be
//    skipped; never backwards;
//  - to cancelled: from pending, confirmed, shipped or delivered, with nothing paid;
//  - to refunded: from any status but cancelled and refunded, with something paid;
//  - cancelled and refunded are final;
//  - anything else is illegal.
Move judge_move(OrderStatus from, OrderStatus to, std::int64_t amount_paid_minor);

// a / b rounded to the nearest integer, ties to the even one (banker's rounding), for any
// signs (b != 0). 5/2 -> 2, 7/2 -> 4, -5/2 -> -2, 1/3 -> 0, 2/3 -> 1.
std::int64_t divide_half_even(WideInt numerator, std::int64_t denominator);

// A rate in hundredths of a percent (basis points: 12.5% is 1250) of an amount, rounded
// half-even to the minor unit: (10005, 1000) -> 1000 (1000.5 -> 1000), (10015, 1000) ->
// 1002 (1001.5 -> 1002).
std::int64_t percent_of(std::int64_t amount_minor, std::int32_t rate_hundredths);

// One line's figures as the body gives them.
struct LineAmounts {
  std::int64_t quantity;
  std::int64_t unit_price_minor;
};

// The sum of quantity x unit price over the lines, exactly; nullopt when a line or the sum is
// above kMaxMinorUnits (the caller answers 422 "is too large").
std::optional<std::int64_t> subtotal_of(std::span<const LineAmounts> lines);
// One line's total, with the same bound.
std::optional<std::int64_t> line_total(const LineAmounts& line);

// An order's totals: discount defaults to the customer's rate of the subtotal.
struct Totals {
  std::int64_t subtotal_minor = 0;
  std::int64_t discount_minor = 0;
  std::int64_t total_minor = 0;
};
enum class TotalsError { kNone, kDiscountAboveSubtotal };
struct TotalsResult {
  Totals totals;
  TotalsError error = TotalsError::kNone;
};
TotalsResult compute_totals(std::int64_t subtotal_minor,
                            std::optional<std::int64_t> given_discount_minor,
                            std::int32_t discount_rate_hundredths);

// The days of credit a payment term gives: due_on_receipt 0, net_N N; nullopt for an
// unknown term.
std::optional<int> payment_term_days(std::string_view terms);
// orderDate plus the term's days (24 h each: instants are UTC).
std::optional<std::int64_t> due_date_ms(std::int64_t order_date_ms, std::string_view terms);

// What is left to pay: total - paid, or 0 for a cancelled or refunded order (nothing is owed
// on it, and it counts for nothing in the balance).
std::int64_t balance_due(OrderStatus status, std::int64_t total_minor, std::int64_t paid_minor);

// unpaid (nothing paid of a non-zero total), paid (all of it; a zero total is paid), partial.
std::string_view payment_status(std::int64_t total_minor, std::int64_t paid_minor);

// A payment of `amount` on an order: what is refused, in the order it is checked.
enum class PaymentCheck {
  kOk,
  kOrderClosed,      // cancelled or refunded: 409
  kNotPositive,      // amount <= 0: 422
  kAboveBalance,     // more than balanceDue: 422
  kBeforeOrderDate,  // paidAt before orderDate: 422
};
PaymentCheck check_payment(OrderStatus status, std::int64_t total_minor, std::int64_t paid_minor,
                           std::int64_t order_date_ms, std::int64_t amount_minor,
                           std::int64_t paid_at_ms);

// Whether a new order's balance due takes the customer's balance over its credit limit
// (no limit: never).
bool exceeds_credit_limit(std::int64_t balance_minor, std::int64_t new_balance_due_minor,
                          std::optional<std::int64_t> credit_limit_minor);

// "SO-2026-000042": the generated order number of a year's n-th order (six digits at least,
// more once a business passes 999,999 orders in a year).
std::string generated_order_number(std::int64_t year, std::int64_t sequence);

}  // namespace capi::domain
