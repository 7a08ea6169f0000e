// The query parameters of the customer listing and search: filters, sort, paging, cursors.
// Bad values are field errors (422) named by parameter; a cursor that does not decode is 400.
#pragma once

#include <optional>
#include <string>

#include "api/error.hpp"
#include "http/query.hpp"
#include "records/customer_records.hpp"
#include "store/customer_listing.hpp"

namespace capi::api {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 100;
constexpr int kExactTotalCap = 10000;

struct ListRequest {
  store::ListFilter filter;
  store::ListPage page;
  int page_number = 1;
  bool by_cursor = false;
};

// The text search part (q, search, searchTerm): substring, exact email/phone, email words.
void apply_search_text(const std::string& q, const std::string& business_id,
                       const std::string& business_country, const records::CustomerRecords& records,
                       store::ListFilter& filter);

// Reads the listing parameters; throws ApiError 422 (with every bad parameter) or 400.
ListRequest parse_list_request(const http::QueryParams& query, const std::string& business_id,
                               const std::string& business_country,
                               const records::CustomerRecords& records);

// Opaque cursors: the sort, its direction, and the last row's sort value and id.
std::string encode_cursor(store::SortKey key, bool descending, const std::string& value,
                          const std::string& id);
struct Cursor {
  store::SortKey key;
  bool descending;
  std::string value;
  std::string id;
};
std::optional<Cursor> decode_cursor(const std::string& cursor);

// "name", "-createdAt", ...: nullopt for an unknown sort.
std::optional<std::pair<store::SortKey, bool>> parse_sort(const std::string& text);

// The `limit` parameter (1..100, default 50); adds an error when out of range.
int parse_limit(const http::QueryParams& query, int default_limit, ApiError::Details& errors);

}  // namespace capi::api
