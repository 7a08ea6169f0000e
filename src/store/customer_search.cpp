#include "store/customer_search.hpp"

#include <algorithm>
#include <iterator>
#include <tuple>

#include "store/built_statement.hpp"
#include "store/customer_columns.hpp"
#include "store/explain.hpp"

namespace capi::store {
namespace {

// From this many expected matches on, the walk is tried first. Gathering costs about 0.5-1 us
// a match (more when the matches are spread over the table, as company names are), walking
// about 0.25 us a name; a walk that finds its page among kWalkNames names beats gathering a
// few thousand matches. The planner's estimate runs low (pg_trgm gives LIKE no statistics:
// it is the share of a sample of names that match), often by several times, so the bar is
// set low and a walk that fails teaches the memo (by_name).
constexpr std::int64_t kWalkFrom = 2000;
// How many names the walk may read before the gather takes over: about 5 ms at most.
constexpr int kWalkNames = 20000;

// The statements on customer_search take $1 the business, $2 the text (LIKE-escaped), $3 the
// ids already on the page, $4 how many rows the page still needs; the walk also $5, how many
// names to walk at most, and the email-word group $5, the words' blind indexes. Each gives
// the hits' ids and names, joined here to their customers rows in the same order.
std::string page_of(const std::string& hits) {
  return "SELECT " + customer_table().select_list() + " FROM customers JOIN (" + hits +
         ") AS hit ON customers.id = hit.hit_id WHERE customers.business_id = $1"
         " ORDER BY hit.hit_name, hit.hit_id";
}

#define CAPI_SEARCH_NOT_YET \
  " AND NOT sort_name LIKE lower($2::text) || '%' AND customer_id <> ALL ($3::text[])"
#define CAPI_SEARCH_INFIX                          \
  " (sort_name LIKE '%' || lower($2::text) || '%'" \
  "  OR company_lower LIKE '%' || lower($2::text) || '%')" CAPI_SEARCH_NOT_YET

struct Statements {
  // Exact email/phone hits, from the blind indexes: $1..$8 the base filter (active), $9 and
  // $10 the indexes, $11 the limit.
  BuiltStatement exact{"customer_search_exact",
                       "SELECT " + customer_table().select_list() + " FROM customers WHERE" +
                           kFilterBase +
                           " AND (email_index = $9::text OR phone_index = $10::text)"
                           " ORDER BY sort_name, id LIMIT $11::int",
                       Planning::kPerExecution};
  // The name-prefix group: a range of the name index.
  BuiltStatement prefix{
      "customer_search_prefix",
      page_of("SELECT customer_id AS hit_id, sort_name AS hit_name FROM customer_search"
              " WHERE business_id = $1 AND sort_name LIKE lower($2::text) || '%'"
              " AND customer_id <> ALL ($3::text[])"
              " ORDER BY sort_name, customer_id LIMIT $4::int"),
      Planning::kPerExecution};
  // The rest of the matches (by name) are the infix matches of name or company and the
  // email-word matches, found apart and merged. The email-word group reads customers (their
  // GIN index on the words' blind indexes): exact values, so the planner's estimate from the
  // GIN statistics is good and it chooses well between walking the name index (a common
  // word) and gathering the few.
  BuiltStatement words{
      "customer_search_words",
      page_of("SELECT id AS hit_id, sort_name AS hit_name FROM customers"
              " WHERE business_id = $1 AND deleted_at IS NULL AND email_tokens @> $5::text[]"
              " AND NOT sort_name LIKE lower($2::text) || '%' AND id <> ALL ($3::text[])"
              " ORDER BY sort_name, id LIMIT $4::int"),
      Planning::kPerExecution};
  // The infix group, two ways. A common fragment fills the page within the first names:
  // walk the name index (only what it holds: no table access), at most $5 names (cheap, and
  // bounded whatever the fragment). When that does not fill the page, the matches are few or
  // sit late in the name order: gather every match through the trigram indexes and sort them
  // (a cost that grows with the number of matches, not with the business). The walk's page
  // is trusted only when it is full; the gather is always complete.
  BuiltStatement infix_walk{
      "customer_search_infix_walk",
      page_of("SELECT customer_id AS hit_id, sort_name AS hit_name FROM"
              " (SELECT customer_id, sort_name, company_lower"
              "  FROM customer_search WHERE business_id = $1"
              "  ORDER BY sort_name, customer_id LIMIT $5::int) AS walked"
              " WHERE" CAPI_SEARCH_INFIX " ORDER BY sort_name, customer_id LIMIT $4::int"),
      Planning::kPerExecution};
  // OFFSET 0 keeps the page's ORDER BY ... LIMIT from turning this back into a walk: the
  // matches are planned on their own. (A MATERIALIZED CTE does the same but copies every
  // match into a tuplestore first: 25-40 % more database time for a few thousand matches.)
  BuiltStatement infix_gather{
      "customer_search_infix_gather",
      page_of("SELECT customer_id AS hit_id, sort_name AS hit_name FROM"
              " (SELECT customer_id, sort_name FROM customer_search"
              "  WHERE business_id = $1 AND" CAPI_SEARCH_INFIX " OFFSET 0) AS matches"
              " ORDER BY sort_name, customer_id LIMIT $4::int"),
      Planning::kPerExecution};
  // The planner's estimate of the number of infix matches (from pg_trgm's statistics: good
  // at telling a rare fragment from a common one, blind to where in the name order they
  // sit).
  BuiltStatement infix_estimate{"customer_search_infix_estimate",
                                "EXPLAIN (FORMAT JSON) SELECT 1 FROM customer_search"
                                " WHERE business_id = $1 AND" CAPI_SEARCH_INFIX,
                                Planning::kPerExecution};
};

#undef CAPI_SEARCH_INFIX
#undef CAPI_SEARCH_NOT_YET

const Statements& statements() {
  static const Statements built;
  return built;
}

}  // namespace

std::vector<CustomerRow> CustomerSearch::rows(
    const Statement& statement, const std::vector<std::optional<std::string>>& values) const {
  return customer_table().read_all(connection_.exec(statement, as_params(values)));
}

std::vector<CustomerRow> CustomerSearch::exact(const std::string& business_id,
                                               const ListFilter& filter, int limit) const {
  auto values = filter_values(business_id, ListFilter{});  // active, no filters
  values.resize(kFilterBaseParams);
  values.insert(values.end(), {filter.email_index, filter.phone_index, std::to_string(limit)});
  return rows(statements().exact, values);
}

std::vector<CustomerRow> CustomerSearch::search(const std::string& business_id,
                                                const ListFilter& filter, int limit) const {
  std::vector<CustomerRow> found;
  if (filter.email_index || filter.phone_index) found = exact(business_id, filter, limit);
  if (!filter.text) return found;

  // Each group excludes what is already on the page; a row renamed between two of the
  // queries could still be in two groups, so the ids are checked again.
  const auto needed = [&] { return limit - static_cast<int>(found.size()); };
  // $1 business, $2 text, $3 the ids on the page, $4 the rows it still needs.
  const auto values = [&] {
    std::vector<std::string> ids;
    ids.reserve(found.size());
    for (const auto& row : found) ids.push_back(row.id);
    return std::vector<std::optional<std::string>>{business_id, filter.text, text_array(ids),
                                                   std::to_string(needed())};
  };
  for (auto& row : rows(statements().prefix, values())) found.push_back(std::move(row));
  if (needed() <= 0) return found;

  for (auto& row : by_name(values(), filter, needed())) {
    if (needed() <= 0) break;
    const auto same = [&](const CustomerRow& other) { return other.id == row.id; };
    if (std::none_of(found.begin(), found.end(), same)) found.push_back(std::move(row));
  }
  return found;
}

std::int64_t CustomerSearch::infix_estimate(
    const std::vector<std::optional<std::string>>& values) const {
  // Keyed by business and text: the ids already on the page ($3) move the estimate by at
  // most a page's worth.
  const std::string& business_id = *values[0];
  const std::string& text = *values[1];
  const auto now = EstimateMemo::Clock::now();
  if (const auto kept = estimates_.find(business_id, text, now)) return *kept;
  const std::vector<std::optional<std::string>> matching(values.begin(), values.begin() + 3);
  const std::int64_t expected =
      plan_rows(connection_.exec(statements().infix_estimate, as_params(matching)));
  estimates_.keep(business_id, text, expected, now);
  return expected;
}

std::vector<CustomerRow> CustomerSearch::by_name(
    const std::vector<std::optional<std::string>>& values, const ListFilter& filter,
    int needed) const {
  std::vector<CustomerRow> infix;
  if (infix_estimate(values) >= kWalkFrom) {
    auto walk = values;
    walk.emplace_back(std::to_string(kWalkNames));
    infix = rows(statements().infix_walk, walk);
    if (static_cast<int>(infix.size()) < needed) {
      // The matches sit late in the name order, or are fewer than the planner thought: the
      // gather then, and at once for this text while the memo keeps what the walk found.
      estimates_.keep(*values[0], *values[1], static_cast<std::int64_t>(infix.size()),
                      EstimateMemo::Clock::now());
      infix.clear();
    }
  }
  if (infix.empty()) infix = rows(statements().infix_gather, values);
  std::vector<CustomerRow> words;
  if (!filter.token_indexes.empty()) {
    auto with_words = values;
    with_words.emplace_back(text_array(filter.token_indexes));
    words = rows(statements().words, with_words);
  }
  // Both lists are in name order; a customer can be in both.
  const auto before = [](const CustomerRow& a, const CustomerRow& b) {
    return std::tie(a.sort_name, a.id) < std::tie(b.sort_name, b.id);
  };
  std::vector<CustomerRow> merged;
  merged.reserve(infix.size() + words.size());
  std::merge(std::make_move_iterator(infix.begin()), std::make_move_iterator(infix.end()),
             std::make_move_iterator(words.begin()), std::make_move_iterator(words.end()),
             std::back_inserter(merged), before);
  return merged;
}

}  // namespace capi::store
