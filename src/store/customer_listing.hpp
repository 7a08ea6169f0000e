// The customer listing: filtered, sorted pages by offset or by keyset cursor, and the count
// of matches (exact up to a cap, the planner's estimate above it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/connection.hpp"
#include "store/customer_filter.hpp"
#include "store/customer_row.hpp"

namespace capi::store {

// How a list is ordered: a column and a direction, ties broken by id.
enum class SortKey { kName, kCreatedAt, kUpdatedAt, kLifetimeValue, kLastOrderAt };

struct ListPage {
  SortKey sort = SortKey::kName;
  bool descending = false;
  int limit = 50;
  int offset = 0;  // page paging
  // Keyset paging: the sort value and id of the last row of the previous page.
  std::optional<std::string> after_value;
  std::optional<std::string> after_id;
};

// The sort value of a row for a keyset cursor (what ListPage::after_value takes back).
std::string sort_value(const CustomerRow& row, SortKey key);
// Whether `value` can be a sort value of `key` (a cursor from outside is checked with it).
bool is_sort_value(SortKey key, const std::string& value);

class CustomerListing {
 public:
  explicit CustomerListing(Connection& connection) : connection_(connection) {}

  std::vector<CustomerRow> list(const std::string& business_id, const ListFilter& filter,
                                const ListPage& page) const;
  // The number of matches, counted up to `cap` (a count of cap + 1 means "more than cap").
  std::int64_t count(const std::string& business_id, const ListFilter& filter, int cap) const;
  // The planner's estimate of the number of matches (cheap; used above the count's cap).
  std::int64_t estimate(const std::string& business_id, const ListFilter& filter) const;

 private:
  Connection& connection_;
};

}  // namespace capi::store
