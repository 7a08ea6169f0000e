#include "store/customer_listing.hpp"

#include <array>
#include <charconv>
#include <map>

#include "store/built_statement.hpp"
#include "store/customer_columns.hpp"
#include "store/explain.hpp"

namespace capi::store {
namespace {

// One row per sort key: everything the store knows about it.
struct SortSpec {
  SortKey key;
  const char* name;        // statement name part
  const char* expression;  // what rows are ordered by
  const char* cursor;      // the cursor's value as a comparable SQL expression of '@'
  std::string (*value)(const CustomerRow& row);
};

std::string number(std::int64_t value) {
  return std::to_string(value);
}

const std::array<SortSpec, 5> kSorts = {{
    {SortKey::kName, "name", "sort_name", "@::text",
     [](const CustomerRow& row) { return row.sort_name; }},
    {SortKey::kCreatedAt, "created", "created_at",
     "('epoch'::timestamptz + @::bigint * interval '1 microsecond')",
     [](const CustomerRow& row) { return number(row.created_us); }},
    {SortKey::kUpdatedAt, "updated", "updated_at",
     "('epoch'::timestamptz + @::bigint * interval '1 microsecond')",
     [](const CustomerRow& row) { return number(row.updated_us); }},
    {SortKey::kLifetimeValue, "ltv", "lifetime_value_minor", "@::bigint",
     [](const CustomerRow& row) { return number(row.lifetime_value_minor); }},
    {SortKey::kLastOrderAt, "lastorder",
     "COALESCE((extract(epoch FROM last_order_at) * 1000000)::bigint, -1)", "@::bigint",
     [](const CustomerRow& row) { return number(row.last_order_us); }},
}};

const SortSpec& spec_of(SortKey key) {
  for (const auto& spec : kSorts) {
    if (spec.key == key) return spec;
  }
  return kSorts.front();
}

std::string param(int number) {
  return "$" + std::to_string(number);
}

// The SQL of the list statement for a sort, a direction and a paging mode.
std::string list_sql(const SortSpec& spec, bool descending, bool keyset) {
  const char* const direction = descending ? " DESC" : " ASC";
  std::string sql = "SELECT " + customer_table().select_list() + " FROM customers WHERE" + kFilter;
  const int value_param = kFilterParams + 1;
  if (keyset) {
    sql += std::string(" AND (") + spec.expression + ", id) " + (descending ? "<" : ">") + " (" +
           fill_template(spec.cursor, param(value_param)) + ", " + param(value_param + 1) +
           "::text)";
  }
  sql += std::string(" ORDER BY ") + spec.expression + direction + ", id" + direction;
  sql += " LIMIT " + param(value_param + (keyset ? 2 : 0)) + "::int";
  if (!keyset) sql += " OFFSET " + param(value_param + 1) + "::int";
  return sql;
}

// Built once per sort, direction and paging mode; listing statements are planned for their
// values (see Planning).
const Statement& list_statement(SortKey key, bool descending, bool keyset) {
  static std::map<std::tuple<SortKey, bool, bool>, BuiltStatement> built;
  const auto slot = std::make_tuple(key, descending, keyset);
  auto found = built.find(slot);
  if (found == built.end()) {
    const SortSpec& spec = spec_of(key);
    std::string name = std::string("customer_list_") + spec.name + (descending ? "_desc" : "_asc") +
                       (keyset ? "_keyset" : "_offset");
    found = built
                .emplace(std::piecewise_construct, std::forward_as_tuple(slot),
                         std::forward_as_tuple(std::move(name), list_sql(spec, descending, keyset),
                                               Planning::kPerExecution))
                .first;
  }
  return found->second;
}

struct Statements {
  // Counts up to the cap. The name order lets the planner count along the name index (the
  // cheapest way for a large business: it stops at the cap) instead of scanning the table.
  BuiltStatement count{"customer_count",
                       std::string("SELECT count(*) FROM (SELECT 1 FROM customers WHERE") +
                           kFilter + " ORDER BY sort_name, id LIMIT $13::int + 1) AS matches",
                       Planning::kPerExecution};
  // The planner's estimate of the number of matches, planned with the real values.
  BuiltStatement estimate{
      "customer_count_estimate",
      std::string("EXPLAIN (FORMAT JSON) SELECT 1 FROM customers WHERE") + kFilter,
      Planning::kPerExecution};
};

const Statements& statements() {
  static const Statements built;
  return built;
}

}  // namespace

std::string sort_value(const CustomerRow& row, SortKey key) {
  return spec_of(key).value(row);
}

bool is_sort_value(SortKey key, const std::string& value) {
  if (key == SortKey::kName) return true;
  std::int64_t parsed = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  return !value.empty() && error == std::errc{} && end == value.data() + value.size();
}

std::vector<CustomerRow> CustomerListing::list(const std::string& business_id,
                                               const ListFilter& filter,
                                               const ListPage& page) const {
  const bool keyset = page.after_value.has_value() && page.after_id.has_value();
  auto values = filter_values(business_id, filter);
  if (keyset) {
    values.push_back(page.after_value);
    values.push_back(page.after_id);
    values.emplace_back(std::to_string(page.limit));
  } else {
    values.emplace_back(std::to_string(page.limit));
    values.emplace_back(std::to_string(page.offset));
  }
  const Statement& statement = list_statement(page.sort, page.descending, keyset);
  return customer_table().read_all(connection_.exec(statement, as_params(values)));
}

std::int64_t CustomerListing::count(const std::string& business_id, const ListFilter& filter,
                                    int cap) const {
  auto values = filter_values(business_id, filter);
  values.emplace_back(std::to_string(cap));
  return connection_.exec(statements().count, as_params(values)).integer(0, 0);
}

std::int64_t CustomerListing::estimate(const std::string& business_id,
                                       const ListFilter& filter) const {
  const auto values = filter_values(business_id, filter);
  return plan_rows(connection_.exec(statements().estimate, as_params(values)));
}

}  // namespace capi::store
