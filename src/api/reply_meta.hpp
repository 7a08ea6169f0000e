// The `meta` object of replies: what a write ignored, what did not decrypt, and where a page
// of a list or search stands. One writer for every resource.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/context.hpp"

namespace capi::api {

// {"ignoredFields": [...], "unreadableFields": [...]} or empty when there is nothing to say.
std::string write_meta(const std::vector<std::string>& ignored_fields,
                       const std::vector<std::string>& unreadable_fields);

// Where a page of a list stands among all the matches.
struct PageTotals {
  std::int64_t total = 0;
  bool exact = true;
  std::optional<int> page;  // null when paging by cursor
  bool has_more = false;
  std::optional<std::string> next_cursor;
};

// A page of a list (with totals) or of a search (with its count).
struct PageMeta {
  int limit = 0;
  std::optional<int> count;          // search: the rows on the page
  std::optional<PageTotals> totals;  // listing
  std::vector<std::string> unreadable;
};
std::string write_page_meta(const PageMeta& meta);

// Logs (as an error, with the request and record ids; never the data) that a record has a
// ciphertext that failed authentication.
void log_unreadable(const RequestContext& context, const char* record, const std::string& id);

}  // namespace capi::api
