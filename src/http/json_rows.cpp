#include "http/json_rows.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cctype>

#include "http/json_body.hpp"

namespace capi::http {
namespace {

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return lower;
}

std::string too_many_rows(std::size_t max_rows) {
  return "The body holds more than " + std::to_string(max_rows) +
         " rows; split it into several requests";
}

// Follows a JSON array's SAX events and notes where each top-level element begins and ends
// (the stream's position at its first and after its last character); refuses nesting past
// the API's depth and more rows than allowed.
class RowFinder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RowFinder> {
 public:
  RowFinder(const rapidjson::MemoryStream& stream, std::string_view body, std::size_t max_rows,
            JsonRows& out)
      : stream_(stream), body_(body), max_rows_(max_rows), out_(out) {}

  // Scalars: a top-level one is refused; one inside the array is a row that is no object.
  bool Default() {
    if (depth_ == 0) return fail("the body must be a JSON array");
    if (depth_ == 1) return add_row({});
    return true;
  }
  bool String(const char*, rapidjson::SizeType, bool) { return Default(); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return Default(); }

  bool StartObject() {
    if (depth_ == 0) return fail("the body must be a JSON array");
    if (depth_ == 1) row_start_ = stream_.Tell() - 1;  // the '{' was just read
    return open();
  }
  bool Key(const char*, rapidjson::SizeType, bool) { return true; }
  bool EndObject(rapidjson::SizeType) {
    --depth_;
    if (depth_ == 1) return add_row(body_.substr(row_start_, stream_.Tell() - row_start_));
    return true;
  }
  bool StartArray() {
    if (depth_ == 1 && !add_row({})) return false;  // an array is a row that is no object
    return open();
  }
  bool EndArray(rapidjson::SizeType) {
    --depth_;
    return true;
  }

  const std::optional<JsonRowsError>& failure() const { return failure_; }

 private:
  bool open() {
    if (depth_ >= kMaxJsonDepth) {
      return fail("nesting is deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    ++depth_;
    return true;
  }
  bool add_row(std::string_view text) {
    if (out_.rows.size() == max_rows_) {
      failure_ = JsonRowsError{JsonRowsError::kTooManyRows, too_many_rows(max_rows_)};
      return false;
    }
    out_.rows.push_back(text);
    return true;
  }
  bool fail(const std::string& why) {
    failure_ = JsonRowsError{JsonRowsError::kMalformed, "Body is not acceptable JSON: " + why};
    return false;
  }

  const rapidjson::MemoryStream& stream_;
  std::string_view body_;
  std::size_t max_rows_;
  JsonRows& out_;
  int depth_ = 0;
  std::size_t row_start_ = 0;
  std::optional<JsonRowsError> failure_;
};

std::optional<JsonRowsError> split_array(std::string_view body, std::size_t max_rows,
                                         JsonRows& out) {
  constexpr unsigned kFlags =
      rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag;
  rapidjson::MemoryStream stream(body.data(), body.size());
  RowFinder finder(stream, body, max_rows, out);
  rapidjson::Reader reader;
  const rapidjson::ParseResult result = reader.Parse<kFlags>(stream, finder);
  if (!result.IsError()) return std::nullopt;
  if (finder.failure()) return finder.failure();
  return JsonRowsError{JsonRowsError::kMalformed, std::string("Body is not valid JSON: ") +
                                                      rapidjson::GetParseError_En(result.Code()) +
                                                      " (at offset " +
                                                      std::to_string(result.Offset()) + ")"};
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; });
}

std::optional<JsonRowsError> split_lines(std::string_view body, std::size_t max_rows,
                                         JsonRows& out) {
  while (!body.empty()) {
    const auto end = body.find('\n');
    std::string_view line = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view{} : body.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_blank(line)) continue;
    if (out.rows.size() == max_rows) {
      return JsonRowsError{JsonRowsError::kTooManyRows, too_many_rows(max_rows)};
    }
    out.rows.push_back(line);
  }
  return std::nullopt;
}

}  // namespace

std::optional<RowsFormat> rows_format(std::string_view content_type) {
  const std::string media = lowercase(content_type.substr(0, content_type.find(';')));
  const auto end = media.find_last_not_of(" \t");
  const std::string_view type = std::string_view(media).substr(0, end + 1);
  if (type == "application/json") return RowsFormat::kJsonArray;
  if (type == "application/x-ndjson" || type == "application/ndjson" ||
      type == "application/jsonl" || type == "application/x-jsonlines") {
    return RowsFormat::kNdjson;
  }
  return std::nullopt;
}

std::optional<JsonRowsError> split_json_rows(std::string_view body, RowsFormat format,
                                             std::size_t max_rows, JsonRows& out) {
  out.rows.clear();
  return format == RowsFormat::kJsonArray ? split_array(body, max_rows, out)
                                          : split_lines(body, max_rows, out);
}

}  // namespace capi::http
