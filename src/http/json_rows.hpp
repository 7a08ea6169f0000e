// Bulk bodies: a JSON array of objects, or NDJSON (one JSON value a line), cut into the text
// of each row without building a document of the whole body, so that a 16 MiB import costs
// one row's document at a time. Each row's text is then read with parse_json_body, which
// applies the API's limits to it.
//
// A JSON array is checked whole first (valid JSON, nesting <= kMaxJsonDepth): a body that is
// not JSON is the request's error. NDJSON rows stand alone: a line that is not JSON is that
// row's error, found when the row is read. Blank lines (spaces, tabs, a CR) are not rows.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace capi::http {

enum class RowsFormat { kJsonArray, kNdjson };

// The format a Content-Type names: application/json is an array; application/x-ndjson,
// application/ndjson, application/jsonl and application/x-jsonlines are NDJSON.
std::optional<RowsFormat> rows_format(std::string_view content_type);

struct JsonRows {
  // Each row's text in the body; for an array element that is not an object, empty (the
  // row's error: "must be a JSON object").
  std::vector<std::string_view> rows;
};

struct JsonRowsError {
  enum Kind { kMalformed, kTooManyRows } kind;
  std::string message;
};

// Cuts `body` into rows; stops with kTooManyRows as soon as it has seen more than
// `max_rows`. `rows` views `body`, which must outlive it.
std::optional<JsonRowsError> split_json_rows(std::string_view body, RowsFormat format,
                                             std::size_t max_rows, JsonRows& out);

}  // namespace capi::http
