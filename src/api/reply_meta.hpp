// The `meta` object of replies: what a write ignored, what did not decrypt, and where a page
// of a list or search stands. One writer for every resource.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/context.hpp"
#include "json/writer.hpp"

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

// A page of records as the reply's `data` array: each row opened by `records` and written by
// `write(writer, row, opened)`; the fields that did not decrypt are named in the page's meta
// ("<id>.<field>") and logged under `record` ("customerId", "orderId").
template <class Row, class Records, class Write>
Reply page_reply(const RequestContext& context, const std::vector<Row>& rows,
                 const Records& records, const char* record, PageMeta meta, const Write& write) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartArray();
  for (const auto& row : rows) {
    const auto opened = records.open(row);
    for (const auto& field : opened.unreadable) meta.unreadable.push_back(row.id + "." + field);
    if (!opened.unreadable.empty()) log_unreadable(context, record, row.id);
    write(writer, row, opened);
  }
  writer.EndArray();
  Reply answer;
  answer.data = json::text(buffer);
  answer.meta = write_page_meta(meta);
  return answer;
}

}  // namespace capi::api
