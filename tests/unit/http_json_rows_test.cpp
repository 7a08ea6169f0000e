#include <boost/test/unit_test.hpp>

#include <string>

#include "http/json_rows.hpp"

using capi::http::JsonRows;
using capi::http::JsonRowsError;
using capi::http::rows_format;
using capi::http::RowsFormat;
using capi::http::split_json_rows;

BOOST_AUTO_TEST_SUITE(http_json_rows)

BOOST_AUTO_TEST_CASE(content_types_name_the_format) {
  BOOST_TEST((rows_format("application/json") == RowsFormat::kJsonArray));
  BOOST_TEST((rows_format("Application/JSON; charset=utf-8") == RowsFormat::kJsonArray));
  BOOST_TEST((rows_format("application/x-ndjson") == RowsFormat::kNdjson));
  BOOST_TEST((rows_format("application/ndjson ;charset=utf-8") == RowsFormat::kNdjson));
  BOOST_TEST((rows_format("application/jsonl") == RowsFormat::kNdjson));
  BOOST_TEST((rows_format("application/x-jsonlines") == RowsFormat::kNdjson));
  BOOST_TEST(!rows_format("text/csv"));
  BOOST_TEST(!rows_format(""));
  BOOST_TEST(!rows_format("application/jsonx"));
}

BOOST_AUTO_TEST_CASE(an_array_is_cut_into_each_element_text) {
  const std::string body = R"( [ {"a":1} ,{"b":[1,{"c":"}"}]}, 7, "x", [1], null,{}] )";
  JsonRows rows;
  BOOST_TEST(!split_json_rows(body, RowsFormat::kJsonArray, 100, rows));
  BOOST_TEST_REQUIRE(rows.rows.size() == 7u);
  BOOST_TEST(rows.rows[0] == R"({"a":1})");
  BOOST_TEST(rows.rows[1] == R"({"b":[1,{"c":"}"}]})");
  for (int i = 2; i <= 5; ++i) BOOST_TEST(rows.rows[i].empty(), i);  // not objects
  BOOST_TEST(rows.rows[6] == "{}");
}

BOOST_AUTO_TEST_CASE(an_array_body_must_be_whole_json) {
  JsonRows rows;
  for (const std::string body :
       {R"({"a":1})", R"([{"a":1})", R"([{"a":1}] [])", "", "7", "[{\"a\":\"\xff\"}]"}) {
    const auto error = split_json_rows(body, RowsFormat::kJsonArray, 100, rows);
    BOOST_TEST_REQUIRE(error.has_value(), body);
    BOOST_TEST(error->kind == JsonRowsError::kMalformed, body);
  }
  std::string deep = "[";
  for (int i = 0; i < 40; ++i) deep += "[";
  deep += std::string(41, ']');
  const auto too_deep = split_json_rows(deep, RowsFormat::kJsonArray, 100, rows);
  BOOST_TEST_REQUIRE(too_deep.has_value());
  BOOST_TEST(too_deep->message.find("nesting") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(more_rows_than_allowed_stop_the_split) {
  JsonRows rows;
  BOOST_TEST(!split_json_rows("[{},{},{}]", RowsFormat::kJsonArray, 3, rows));
  const auto array = split_json_rows("[{},{},{},{}]", RowsFormat::kJsonArray, 3, rows);
  BOOST_TEST_REQUIRE(array.has_value());
  BOOST_TEST(array->kind == JsonRowsError::kTooManyRows);
  BOOST_TEST(!split_json_rows("{}\n{}\n{}\n\n", RowsFormat::kNdjson, 3, rows));
  const auto lines = split_json_rows("{}\n{}\n{}\n{}", RowsFormat::kNdjson, 3, rows);
  BOOST_TEST_REQUIRE(lines.has_value());
  BOOST_TEST(lines->kind == JsonRowsError::kTooManyRows);
}

BOOST_AUTO_TEST_CASE(ndjson_lines_are_rows_and_blank_lines_are_not) {
  JsonRows rows;
  BOOST_TEST(!split_json_rows("{\"a\":1}\r\n\n  \t\r\n{not json\n{\"b\":2}", RowsFormat::kNdjson,
                              100, rows));
  BOOST_TEST_REQUIRE(rows.rows.size() == 3u);
  BOOST_TEST(rows.rows[0] == "{\"a\":1}");
  BOOST_TEST(rows.rows[1] == "{not json");  // its own error, found when it is read
  BOOST_TEST(rows.rows[2] == "{\"b\":2}");
  BOOST_TEST(!split_json_rows("", RowsFormat::kNdjson, 100, rows));
  BOOST_TEST(rows.rows.empty());
}

BOOST_AUTO_TEST_SUITE_END()
