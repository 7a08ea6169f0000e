#include <boost/test/unit_test.hpp>

#include <string>

#include "http/json_body.hpp"

using capi::http::JsonBody;
using capi::http::parse_json_body;

BOOST_AUTO_TEST_SUITE(http_json_body)

namespace {

std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

}  // namespace

BOOST_AUTO_TEST_CASE(parses_objects) {
  JsonBody body;
  BOOST_TEST(!parse_json_body(R"({"name":"Ann","n":3,"ok":true,"x":null})", body));
  BOOST_TEST(body.document.IsObject());
  BOOST_TEST(body.document["name"].GetString() == std::string("Ann"));
  BOOST_TEST(body.document["n"].GetInt64() == 3);
  BOOST_TEST(body.document["ok"].IsTrue());
}

BOOST_AUTO_TEST_CASE(depth_limit_is_32_counting_the_top_level) {
  JsonBody body;
  BOOST_TEST(!parse_json_body(nested(32), body));
  const auto error = parse_json_body(nested(33), body);
  BOOST_TEST_REQUIRE(error.has_value());
  BOOST_TEST(error->message.find("deeper than 32") != std::string::npos);
  std::string objects;
  for (int i = 0; i < 33; ++i) objects += "{\"a\":";
  objects += "1" + std::string(33, '}');
  BOOST_TEST(parse_json_body(objects, body).has_value());
}

BOOST_AUTO_TEST_CASE(rejects_invalid_utf8_and_lone_surrogates) {
  JsonBody body;
  BOOST_TEST(parse_json_body("{\"a\":\"\xff\"}", body).has_value());
  BOOST_TEST(parse_json_body("{\"a\":\"\xc3\"}", body).has_value());
  BOOST_TEST(parse_json_body(R"({"a":"\ud800"})", body).has_value());
  BOOST_TEST(parse_json_body(R"({"a":"\udc00"})", body).has_value());
  BOOST_TEST(parse_json_body(R"({"\udc00":1})", body).has_value());
  BOOST_TEST(!parse_json_body(R"({"a":"\ud83d\ude00"})", body).has_value());  // a pair is fine
}

BOOST_AUTO_TEST_CASE(refuses_a_key_given_twice_at_any_depth) {
  JsonBody body;
  const auto twice = parse_json_body(R"({"email":"a@b.co","name":"A","email":"c@d.co"})", body);
  BOOST_TEST_REQUIRE(twice.has_value());
  BOOST_TEST(twice->message.find("\"email\" is given twice") != std::string::npos);
  BOOST_TEST(parse_json_body(R"({"a":[{"x":1,"x":2}]})", body).has_value());
  BOOST_TEST(parse_json_body(R"({"a":{"b":{"c":1,"c":1}}})", body).has_value());
  // The same name in different objects is fine.
  BOOST_TEST(!parse_json_body(R"({"a":{"x":1},"b":{"x":1},"x":[{"x":1},{"x":2}]})", body));
}

BOOST_AUTO_TEST_CASE(rejects_non_json) {
  JsonBody body;
  for (const char* bad : {"", "{", "{\"a\":1,}", "[1 2]", "{} {}", "nul", "{'a':1}"}) {
    BOOST_TEST(parse_json_body(bad, body).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(keeps_the_text_of_numbers_a_double_holds) {
  JsonBody body;
  BOOST_TEST_REQUIRE(!parse_json_body(
      R"({"creditLimit":2500.10,"items":[{"unitPrice":1e3},{"unitPrice":0.125}],"n":7})", body));
  const auto& document = body.document;
  BOOST_TEST(*body.number_text(document["creditLimit"]) == "2500.10");
  BOOST_TEST(*body.number_text(document["items"][0]["unitPrice"]) == "1e3");
  BOOST_TEST(*body.number_text(document["items"][1]["unitPrice"]) == "0.125");
  BOOST_TEST(document["creditLimit"].IsDouble());
  // An integer is exact as the document holds it: no text kept.
  BOOST_TEST(document["n"].GetInt64() == 7);
  BOOST_TEST(!body.number_text(document["n"]).has_value());
  BOOST_TEST(!body.number_text(document["items"]).has_value());
  BOOST_TEST(body.numbers.size() == 3u);
}

BOOST_AUTO_TEST_CASE(large_integers_keep_exact_text) {
  JsonBody body;
  BOOST_TEST_REQUIRE(!parse_json_body(R"({"big":123456789012345678901234567890,"s":1})", body));
  BOOST_TEST(*body.number_text(body.document["big"]) == "123456789012345678901234567890");
}

BOOST_AUTO_TEST_CASE(a_long_key_over_many_numbers_costs_nothing_per_number) {
  // Each number's path used to be kept: a long key times many numbers asked for gigabytes.
  std::string text = "{\"" + std::string(500'000, 'k') + "\":[";
  for (int i = 0; i < 100'000; ++i) text += i == 0 ? "1.5" : ",1.5";
  text += "]}";
  JsonBody body;
  BOOST_TEST_REQUIRE(!parse_json_body(text, body));
  BOOST_TEST(body.numbers.size() == 100'000u);
  BOOST_TEST(body.number_chars.size() == 300'000u);
  const auto& numbers = body.document.MemberBegin()->value;
  BOOST_TEST(*body.number_text(numbers[99'999]) == "1.5");
}

BOOST_AUTO_TEST_SUITE_END()
