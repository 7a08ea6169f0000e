// Stored credit checks (sql/007_credit_checks.sql): written once, listed newest first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace capi::store {

struct CreditCheckRow {
  std::string id;
  std::string business_id;
  std::string customer_id;
  int credit_score = 0;
  std::string credit_rating;
  std::string risk_assessment;
  std::string currency;
  std::int64_t recommended_limit_minor = 0;
  std::optional<std::int64_t> current_limit_minor;
  std::string factors_json;  // a JSON array, rendered by the API as it is
  std::int64_t checked_ms = 0;
};

class CreditCheckStore {
 public:
  explicit CreditCheckStore(Connection& connection) : connection_(connection) {}

  // Inserts the check; its checked_ms is the database's time of the insert.
  CreditCheckRow insert(const CreditCheckRow& check) const;
  // The customer's checks, newest first, and how many there are.
  std::vector<CreditCheckRow> of_customer(const std::string& business_id,
                                          const std::string& customer_id, int limit,
                                          int offset) const;
  std::int64_t count_of_customer(const std::string& business_id,
                                 const std::string& customer_id) const;

 private:
  Connection& connection_;
};

}  // namespace capi::store
