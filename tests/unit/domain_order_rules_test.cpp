#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <vector>

#include "domain/money.hpp"
#include "domain/order_rules.hpp"
#include "domain/time.hpp"

using namespace capi::domain;

BOOST_AUTO_TEST_SUITE(domain_order_rules)

BOOST_AUTO_TEST_CASE(half_even_division_rounds_ties_to_even) {
  BOOST_TEST(divide_half_even(5, 2) == 2);
  BOOST_TEST(divide_half_even(7, 2) == 4);
  BOOST_TEST(divide_half_even(-5, 2) == -2);
  BOOST_TEST(divide_half_even(-7, 2) == -4);
  BOOST_TEST(divide_half_even(5, -2) == -2);
  BOOST_TEST(divide_half_even(1, 3) == 0);
  BOOST_TEST(divide_half_even(2, 3) == 1);
  BOOST_TEST(divide_half_even(-2, 3) == -1);
  BOOST_TEST(divide_half_even(0, 7) == 0);
  BOOST_TEST(divide_half_even(10, 5) == 2);
  BOOST_TEST(divide_half_even(15, 10) == 2);  // 1.5 -> 2
  BOOST_TEST(divide_half_even(25, 10) == 2);  // 2.5 -> 2
  BOOST_TEST(divide_half_even(26, 10) == 3);
  BOOST_TEST(divide_half_even(24, 10) == 2);
  BOOST_TEST(divide_half_even(35, 10) == 4);
}

BOOST_AUTO_TEST_CASE(a_rate_of_an_amount_is_exact_and_rounded_half_even) {
  BOOST_TEST(percent_of(10005, 1000) == 1000);  // 1000.5 -> 1000
  BOOST_TEST(percent_of(10015, 1000) == 1002);  // 1001.5 -> 1002
  BOOST_TEST(percent_of(10025, 1000) == 1002);  // 1002.5 -> 1002
  BOOST_TEST(percent_of(100, 250) == 2);        // 2.5 -> 2
  BOOST_TEST(percent_of(100, 350) == 4);        // 3.5 -> 4
  BOOST_TEST(percent_of(12345, 0) == 0);
  BOOST_TEST(percent_of(12345, 10000) == 12345);
  BOOST_TEST(percent_of(1, 5000) == 0);  // 0.5 -> 0
  BOOST_TEST(percent_of(3, 5000) == 2);  // 1.5 -> 2
  // The largest amount at the largest rate: beyond int64 before the division, exact.
  BOOST_TEST(percent_of(kMaxMinorUnits, 10000) == kMaxMinorUnits);
  BOOST_TEST(percent_of(kMaxMinorUnits, 9999) == 999'899'999'999'999);  // .0001 -> down
}

BOOST_AUTO_TEST_CASE(subtotals_are_exact_and_bounded) {
  const std::vector<LineAmounts> lines = {{3, 1999}, {1, 1}, {2, 0}};
  BOOST_TEST(subtotal_of(lines).value() == 5998);
  BOOST_TEST(subtotal_of(std::vector<LineAmounts>{}).value() == 0);
  BOOST_TEST(!line_total({1'000'000, kMaxMinorUnits}).has_value());
  BOOST_TEST(line_total({1, kMaxMinorUnits}).value() == kMaxMinorUnits);
  const std::vector<LineAmounts> over = {{1, kMaxMinorUnits}, {1, 1}};
  BOOST_TEST(!subtotal_of(over).has_value());
  BOOST_TEST(!line_total({-1, 5}).has_value());
}

BOOST_AUTO_TEST_CASE(totals_take_the_rate_or_the_given_discount) {
  auto result = compute_totals(10015, std::nullopt, 1000);
  BOOST_TEST(result.totals.discount_minor == 1002);
  BOOST_TEST(result.totals.total_minor == 9013);
  result = compute_totals(10015, 15, 1000);
  BOOST_TEST(result.totals.discount_minor == 15);
  BOOST_TEST(result.totals.total_minor == 10000);
  result = compute_totals(100, 100, 0);
  BOOST_TEST(result.totals.total_minor == 0);
  result = compute_totals(100, 101, 0);
  BOOST_TEST((result.error == TotalsError::kDiscountAboveSubtotal));
  result = compute_totals(0, std::nullopt, 10000);
  BOOST_TEST(result.totals.total_minor == 0);
}

BOOST_AUTO_TEST_CASE(due_dates_follow_the_payment_terms) {
  const std::int64_t day = kMillisPerDay;
  const std::int64_t t = 1'700'000'000'123;
  BOOST_TEST(due_date_ms(t, "due_on_receipt").value() == t);
  BOOST_TEST(due_date_ms(t, "net_7").value() == t + 7 * day);
  BOOST_TEST(due_date_ms(t, "net_15").value() == t + 15 * day);
  BOOST_TEST(due_date_ms(t, "net_30").value() == t + 30 * day);
  BOOST_TEST(due_date_ms(t, "net_45").value() == t + 45 * day);
  BOOST_TEST(due_date_ms(t, "net_60").value() == t + 60 * day);
  BOOST_TEST(due_date_ms(t, "net_90").value() == t + 90 * day);
  BOOST_TEST(!due_date_ms(t, "net_31").has_value());
  // Across a leap day: 2024-02-15 + 30 days is 2024-03-16.
  const std::int64_t feb15 = parse_date("2024-02-15").value();
  BOOST_TEST(format_date(due_date_ms(feb15, "net_30").value()) == "2024-03-16");
}

BOOST_AUTO_TEST_CASE(statuses_read_and_write_by_name) {
  for (const auto name : kOrderStatuses) {
    BOOST_TEST(status_name(parse_status(name).value()) == name);
  }
  BOOST_TEST(!parse_status("Pending").has_value());
  BOOST_TEST(!parse_status("").has_value());
  BOOST_TEST(counts(OrderStatus::kCompleted));
  BOOST_TEST(!counts(OrderStatus::kCancelled));
  BOOST_TEST(!counts(OrderStatus::kRefunded));
}

// The whole 7 x 7 matrix, without and with a payment, written out as the contract says.
BOOST_AUTO_TEST_CASE(the_status_machine_matrix) {
  using S = OrderStatus;
  const S all[] = {S::kPending,   S::kConfirmed, S::kShipped, S::kDelivered,
                   S::kCompleted, S::kCancelled, S::kRefunded};
  // expected[paid][from][to]: 'A' allowed, 'U' unchanged, '-' illegal.
  const char* const unpaid[7] = {
      // to: pe co sh de cm ca re
      "UAAAAA-",  // from pending
      "-UAAAA-",  // confirmed
      "--UAAA-",  // shipped
      "---UAA-",  // delivered
      "----U--",  // completed: cannot be cancelled, nothing to refund
      "-----U-",  // cancelled: final
      "------U",  // refunded: final
  };
  const char* const paid[7] = {
      "UAAAA-A",  // pending with a payment: no cancel, refund allowed
      "-UAAA-A",  // confirmed
      "--UAA-A",  // shipped
      "---UA-A",  // delivered
      "----U-A",  // completed
      "-----U-",  // cancelled
      "------U",  // refunded
  };
  for (int from = 0; from < 7; ++from) {
    for (int to = 0; to < 7; ++to) {
      for (const bool with_payment : {false, true}) {
        const char expected = (with_payment ? paid : unpaid)[from][to];
        const Move move = judge_move(all[from], all[to], with_payment ? 500 : 0);
        const char got = move == Move::kAllowed ? 'A' : move == Move::kUnchanged ? 'U' : '-';
        BOOST_TEST(got == expected, status_name(all[from]) << " -> " << status_name(all[to])
                                                           << (with_payment ? " paid" : " unpaid"));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(balance_due_and_payment_status) {
  BOOST_TEST(balance_due(OrderStatus::kPending, 1000, 300) == 700);
  BOOST_TEST(balance_due(OrderStatus::kCompleted, 1000, 1000) == 0);
  BOOST_TEST(balance_due(OrderStatus::kCancelled, 1000, 0) == 0);
  BOOST_TEST(balance_due(OrderStatus::kRefunded, 1000, 400) == 0);
  BOOST_TEST(payment_status(1000, 0) == "unpaid");
  BOOST_TEST(payment_status(1000, 1) == "partial");
  BOOST_TEST(payment_status(1000, 999) == "partial");
  BOOST_TEST(payment_status(1000, 1000) == "paid");
  BOOST_TEST(payment_status(0, 0) == "paid");
}

BOOST_AUTO_TEST_CASE(payments_are_checked_in_order) {
  const std::int64_t day = 1'700'000'000'000;
  using P = PaymentCheck;
  BOOST_TEST((check_payment(OrderStatus::kPending, 1000, 0, day, 1000, day) == P::kOk));
  BOOST_TEST((check_payment(OrderStatus::kCompleted, 1000, 400, day, 600, day + 1) == P::kOk));
  BOOST_TEST((check_payment(OrderStatus::kCancelled, 1000, 0, day, 10, day) == P::kOrderClosed));
  BOOST_TEST((check_payment(OrderStatus::kRefunded, 1000, 10, day, 10, day) == P::kOrderClosed));
  BOOST_TEST((check_payment(OrderStatus::kPending, 1000, 0, day, 0, day) == P::kNotPositive));
  BOOST_TEST((check_payment(OrderStatus::kPending, 1000, 0, day, -5, day) == P::kNotPositive));
  BOOST_TEST((check_payment(OrderStatus::kPending, 1000, 400, day, 601, day) == P::kAboveBalance));
  BOOST_TEST((check_payment(OrderStatus::kPending, 0, 0, day, 1, day) == P::kAboveBalance));
  BOOST_TEST(
      (check_payment(OrderStatus::kPending, 1000, 0, day, 10, day - 1) == P::kBeforeOrderDate));
}

BOOST_AUTO_TEST_CASE(credit_limits) {
  BOOST_TEST(!exceeds_credit_limit(0, 1'000'000, std::nullopt));
  BOOST_TEST(!exceeds_credit_limit(600, 400, 1000));  // exactly at the limit fits
  BOOST_TEST(exceeds_credit_limit(600, 401, 1000));
  BOOST_TEST(exceeds_credit_limit(0, 1, 0));
  BOOST_TEST(!exceeds_credit_limit(0, 0, 0));
}

BOOST_AUTO_TEST_CASE(the_year_of_an_order_date_is_its_utc_year) {
  BOOST_TEST(utc_year(parse_rfc3339("2026-12-31T23:59:59.999Z").value()) == 2026);
  BOOST_TEST(utc_year(parse_rfc3339("2026-12-31T23:30:00-01:00").value()) == 2027);
  BOOST_TEST(utc_year(parse_rfc3339("2027-01-01T00:30:00+01:00").value()) == 2026);
  BOOST_TEST(utc_year(0) == 1970);
  BOOST_TEST(utc_year(-1) == 1969);
}

BOOST_AUTO_TEST_CASE(generated_order_numbers) {
  BOOST_TEST(generated_order_number(2026, 1) == "SO-2026-000001");
  BOOST_TEST(generated_order_number(2026, 42) == "SO-2026-000042");
  BOOST_TEST(generated_order_number(2026, 999999) == "SO-2026-999999");
  BOOST_TEST(generated_order_number(2026, 1000000) == "SO-2026-1000000");
}

BOOST_AUTO_TEST_SUITE_END()
