#include <boost/test/unit_test.hpp>

#include <string>

#include "json/small_document.hpp"

using capi::json::SmallDocument;

BOOST_AUTO_TEST_SUITE(json_small_document)

BOOST_AUTO_TEST_CASE(parses_a_short_object) {
  SmallDocument document;
  BOOST_TEST_REQUIRE(document.parse(R"({"line1":"1 Main Street","city":"Berlin","zip":null})"));
  const auto& root = document.root();
  BOOST_TEST_REQUIRE(root.IsObject());
  BOOST_TEST(std::string(root["line1"].GetString()) == "1 Main Street");
  BOOST_TEST(root["zip"].IsNull());
}

BOOST_AUTO_TEST_CASE(refuses_malformed_text) {
  SmallDocument document;
  BOOST_TEST(!document.parse(R"({"line1":)"));
  BOOST_TEST(!document.parse(""));
  BOOST_TEST(!document.parse("[1,2"));
}

BOOST_AUTO_TEST_CASE(a_text_beyond_its_buffers_goes_on_in_heap_chunks) {
  // 2,000 strings of 40 characters and nesting 200 deep: far past the values' and the
  // parser stack's buffers.
  std::string text = "[";
  for (int i = 0; i < 2000; ++i) {
    if (i != 0) text += ',';
    text += '"' + std::string(40, static_cast<char>('a' + i % 26)) + '"';
  }
  text += ",";
  text += std::string(200, '[') + "7" + std::string(200, ']');
  text += "]";
  SmallDocument document;
  BOOST_TEST_REQUIRE(document.parse(text));
  const auto& root = document.root();
  BOOST_TEST_REQUIRE(root.IsArray());
  BOOST_TEST(root.Size() == 2001u);
  BOOST_TEST(std::string(root[1999].GetString()) == std::string(40, 'a' + 1999 % 26));
  const rapidjson::Value* inner = &root[2000];
  for (int depth = 1; depth < 200; ++depth) inner = &(*inner)[0];
  BOOST_TEST((*inner)[0].GetInt() == 7);
}

BOOST_AUTO_TEST_CASE(parses_again_after_a_failure) {
  SmallDocument document;
  BOOST_TEST(!document.parse("{"));
  BOOST_TEST_REQUIRE(document.parse(R"(["x"])"));
  BOOST_TEST(document.root()[0].GetString() == std::string("x"));
}

BOOST_AUTO_TEST_SUITE_END()
