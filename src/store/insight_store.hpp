// The figures of the Insights section, computed by PostgreSQL over the orders that count
// (not cancelled or refunded): grouped and summed there, so that a worker never loads a
// customer's or a business's orders. Values are always parameters; times are Unix
// milliseconds. Every statement names the business beside the ids. A customer's figures of a
// period read the per-customer rollups of sql/010 for its whole months and the orders
// themselves only for the rest of a month at its edges (domain::PeriodSplit), so that their
// cost barely grows with the customer's order count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/insight_rules.hpp"
#include "store/connection.hpp"

namespace capi::store {

// A stats period [start, end), and the whole UTC days inside it, [whole_days_start,
// whole_days_end) (both midnights; equal when there is none): those days are read from the
// figures kept by day, the rest of the period from the rows themselves.
struct StatsPeriod {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::int64_t whole_days_start_ms = 0;
  std::int64_t whole_days_end_ms = 0;
};

// The business-wide figures of GET /v1/customers/stats for a period.
struct BusinessStats {
  std::int64_t total_customers = 0;
  std::int64_t active_customers = 0;
  std::int64_t new_customers = 0;  // created in the period (since deleted or not)
  // Active customers in the business currency and their summed lifetime value.
  std::int64_t home_customers = 0;
  std::int64_t home_lifetime_value_minor = 0;
  struct Count {
    std::string name;
    std::int64_t count = 0;
  };
  std::vector<Count> segments;  // active customers; no segment is "unsegmented"
  std::vector<Count> types;
  struct Revenue {
    std::string currency;
    std::int64_t orders = 0;
    std::int64_t revenue_minor = 0;
  };
  std::vector<Revenue> revenue;  // by currency, in currency order
};

// One calendar month of a customer's orders.
struct MonthFigures {
  std::string month;  // "2024-01"
  std::int64_t orders = 0;
  std::int64_t revenue_minor = 0;
};

struct ProductFigures {
  std::string product_id;
  std::string product_name;  // as on the product's latest order
  std::int64_t quantity = 0;
  std::int64_t revenue_minor = 0;
};

// A customer's payment and overdue figures now, and its revenue in a period.
struct CustomerPaymentFigures {
  std::int64_t paid_orders = 0;   // fully paid
  std::int64_t paid_on_time = 0;  // fully paid by the due date
  std::int64_t overdue_minor = 0;
  std::optional<std::int64_t> oldest_overdue_due_ms;
  std::int64_t revenue_since_minor = 0;
  // Mean days from order date to full payment over fully paid orders dated in the period,
  // as a decimal text with one decimal ("12.5"); null without such orders.
  std::optional<std::string> avg_payment_days;
};

class InsightStore {
 public:
  explicit InsightStore(Connection& connection) : connection_(connection) {}

  BusinessStats business_stats(const std::string& business_id, const std::string& home_currency,
                               const StatsPeriod& period) const;
  // Folds up to `batch` rows of each change log of the stats figures into the figures kept
  // (sql/009_business_figures.sql); returns how many it folded.
  long compact_business_figures(int batch) const;

  // How the customer's orders dated in [since, now] are read: whether orders that count lie
  // outside the period decides which rollups answer (sql/010_customer_order_rollups.sql).
  domain::PeriodSplit split(const std::string& business_id, const std::string& customer_id,
                            std::int64_t since_ms, std::int64_t now_ms) const;
  // Orders dated in the period, by month (only months that have orders), newest first.
  std::vector<MonthFigures> months(const std::string& business_id, const std::string& customer_id,
                                   const domain::PeriodSplit& split) const;
  // The top `limit` products by revenue (line totals) of orders dated in the period.
  std::vector<ProductFigures> top_products(const std::string& business_id,
                                           const std::string& customer_id,
                                           const domain::PeriodSplit& split, int limit) const;
  // The payment and overdue figures now (the split's now), the revenue and the mean days to
  // payment of the period.
  CustomerPaymentFigures payment_figures(const std::string& business_id,
                                         const std::string& customer_id,
                                         const domain::PeriodSplit& split) const;

 private:
  Connection& connection_;
};

}  // namespace capi::store
