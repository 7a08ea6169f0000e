// The query parameters of the customer listing and search: filters, sort, paging, cursors.
// Bad values are field errors (422) named by parameter; a cursor that does not decode is 400.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/error.hpp"
#include "http/query.hpp"
#include "records/customer_records.hpp"
#include "store/customer_listing.hpp"

namespace capi::api {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 100;
constexpr int kExactTotalCap = 10000;
constexpr int kMaxPagedMatches = 10000;  // a page (page + limit) must start within these
// The longest search text (q), in characters: the longest email. Bounded before any work:
// a POST search body could otherwise bring a 1 MiB pattern to the database.
constexpr std::size_t kMaxSearchTextLength = 254;

struct ListRequest {
  store::ListFilter filter;
  store::ListPage page;
  int page_number = 1;
  bool by_cursor = false;
};

// Adds an error on `name` when the search text `q` is longer than kMaxSearchTextLength.
void check_search_text(const std::string& q, const char* name, ApiError::Details& errors);

// The text search part (q, search, searchTerm): substring, exact email/phone, email words.
void apply_search_text(const std::string& q, const std::string& business_id,
                       const std::string& business_country, const records::CustomerRecords& records,
                       store::ListFilter& filter);

// Opaque cursors: the sort, its direction, and the last row's sort value and id, sealed
// (AEAD) for the business that asked. Nothing in one can be read (a sort value may be a
// customer's name, and URLs are logged by proxies) or changed, and another business's
// cursor does not open.
struct Cursor {
  store::SortKey key;
  bool descending;
  std::string value;
  std::string id;
};
std::string encode_cursor(const records::Sealer& sealer, const std::string& business_id,
                          const Cursor& cursor);
// nullopt for anything the server did not make for this business (answered 400).
std::optional<Cursor> decode_cursor(const records::Sealer& sealer, const std::string& business_id,
                                    const std::string& text);
// The opened cursor's own text, JSON [sort, descending, value, id]; nullopt when it is not that.
std::optional<Cursor> parse_cursor_json(std::string_view text);

// Who asks, and what reading the parameters needs.
struct QueryContext {
  const std::string& business_id;
  const std::string& business_country;
  const records::CustomerRecords& records;  // blind indexes of the search text
  const records::Sealer& cursors;
};

// Reads the listing parameters; throws ApiError 422 (with every bad parameter) or 400.
ListRequest parse_list_request(const http::QueryParams& query, const QueryContext& context);

// "name", "-createdAt", ...: nullopt for an unknown sort.
std::optional<std::pair<store::SortKey, bool>> parse_sort(const std::string& text);

// The `limit` parameter (1..100, default 50 when absent); adds an error when out of range.
int parse_limit(const std::optional<std::string>& text, int default_limit,
                ApiError::Details& errors);

}  // namespace capi::api
