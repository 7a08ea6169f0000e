// Customer search: the ranking of API.md (exact email/phone hits, then name prefix, then
// the rest by name) over the blind indexes and customer_search (sql/004), the narrow copy
// of the active customers' searchable columns.
#pragma once

#include <string>
#include <vector>

#include "store/connection.hpp"
#include "store/customer_filter.hpp"
#include "store/customer_row.hpp"
#include "store/estimate_memo.hpp"

namespace capi::store {

class CustomerSearch {
 public:
  explicit CustomerSearch(Connection& connection) : connection_(connection) {}

  // Up to `limit` active customers matching `filter`'s text and blind indexes, ranked.
  std::vector<CustomerRow> search(const std::string& business_id, const ListFilter& filter,
                                  int limit) const;

 private:
  std::vector<CustomerRow> exact(const std::string& business_id, const ListFilter& filter,
                                 int limit) const;
  // The infix and email-word groups, merged in name order.
  std::vector<CustomerRow> by_name(const std::vector<std::optional<std::string>>& values,
                                   const ListFilter& filter, int needed) const;
  std::vector<CustomerRow> rows(const Statement& statement,
                                const std::vector<std::optional<std::string>>& values) const;
  // How many infix matches the planner expects for values' business and text.
  std::int64_t infix_estimate(const std::vector<std::optional<std::string>>& values) const;

  Connection& connection_;
  // The planner's answers kept across this worker's requests: asking again changes nothing
  // but its cost (estimate_memo.hpp).
  mutable EstimateMemo estimates_;
};

}  // namespace capi::store
