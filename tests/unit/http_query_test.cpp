#include <boost/test/unit_test.hpp>

#include "http/query.hpp"

using capi::http::parse_query;
using capi::http::percent_decode;

BOOST_AUTO_TEST_SUITE(http_query)

BOOST_AUTO_TEST_CASE(parses_pairs_in_order_with_repeats) {
  const auto query = parse_query("a=1&b=two%20words&a=3&flag&c=x+y");
  BOOST_TEST_REQUIRE(query.has_value());
  BOOST_TEST(*query->get("a") == "1");
  BOOST_TEST(query->all("a").size() == 2u);
  BOOST_TEST(query->all("a")[1] == "3");
  BOOST_TEST(*query->get("b") == "two words");
  BOOST_TEST(*query->get("flag") == "");
  BOOST_TEST(*query->get("c") == "x y");
  BOOST_TEST(!query->get("missing").has_value());
}

BOOST_AUTO_TEST_CASE(empty_parts_are_skipped) {
  const auto query = parse_query("&&a=1&");
  BOOST_TEST_REQUIRE(query.has_value());
  BOOST_TEST(query->pairs().size() == 1u);
  BOOST_TEST(parse_query("")->pairs().empty());
}

BOOST_AUTO_TEST_CASE(decodes_utf8_escapes) {
  const auto query = parse_query("q=M%C3%BCller");
  BOOST_TEST_REQUIRE(query.has_value());
  BOOST_TEST(*query->get("q") == "M\xc3\xbcller");
}

BOOST_AUTO_TEST_CASE(rejects_bad_syntax) {
  for (const char* bad :
       {"a=%zz", "a=%", "a=%4", "=x", "a=%ff", "a=%00", "a=%0a", "%c3=1", "a=%ed%a0%80"}) {
    BOOST_TEST(!parse_query(bad).has_value(), bad);
  }
}

// Decoded keys and values must be well-formed UTF-8 (domain::is_valid_utf8 holds the rules).
BOOST_AUTO_TEST_CASE(rejects_invalid_utf8) {
  for (const char* bad : {"a=%ff", "%c3=1", "a=%e2%82", "a=%e2%82x", "a=%c0%af", "a=%ed%a0%80",
                          "a=%f4%90%80%80", "a=%80"}) {
    BOOST_TEST(!parse_query(bad).has_value(), bad);
  }
  const auto query = parse_query("e=%F0%9F%98%80&last=%F4%8F%BF%BF");
  BOOST_TEST_REQUIRE(query.has_value());
  BOOST_TEST(*query->get("e") == "\xf0\x9f\x98\x80");
  BOOST_TEST(*query->get("last") == "\xf4\x8f\xbf\xbf");
}

BOOST_AUTO_TEST_CASE(percent_decode_plus_handling) {
  BOOST_TEST(*percent_decode("a+b", true) == "a b");
  BOOST_TEST(*percent_decode("a+b", false) == "a+b");
  BOOST_TEST(*percent_decode("%2B", true) == "+");
}

BOOST_AUTO_TEST_SUITE_END()
