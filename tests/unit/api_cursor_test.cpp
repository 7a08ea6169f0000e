#include <boost/test/unit_test.hpp>

#include <string>

#include "api/customers/customer_query.hpp"

using capi::api::parse_cursor_json;
using capi::store::SortKey;

BOOST_AUTO_TEST_SUITE(api_cursor)

BOOST_AUTO_TEST_CASE(reads_the_sealed_text) {
  const auto cursor =
      parse_cursor_json(R"(["createdAt",true,"1700000000000","65f1a2b3c4d5e6f708192a3b"])");
  BOOST_REQUIRE(cursor.has_value());
  BOOST_TEST((cursor->key == SortKey::kCreatedAt));
  BOOST_TEST(cursor->descending);
  BOOST_TEST(cursor->value == "1700000000000");
  BOOST_TEST(cursor->id == "65f1a2b3c4d5e6f708192a3b");
}

BOOST_AUTO_TEST_CASE(refuses_other_shapes) {
  BOOST_TEST(!parse_cursor_json(R"(["-name",false,"a","b"])"));  // the direction is apart
  BOOST_TEST(!parse_cursor_json(R"(["createdAt",false,"soon","b"])"));
  BOOST_TEST(!parse_cursor_json(R"(["name",1,"a","b"])"));
  BOOST_TEST(!parse_cursor_json(R"(["name",false,"a"])"));
  BOOST_TEST(!parse_cursor_json("not json"));
}

// Strings are read with their lengths: an escaped NUL neither cuts a value short nor makes a
// sort name followed by NUL and more a known sort.
BOOST_AUTO_TEST_CASE(keeps_escaped_nul_characters) {
  const auto cursor = parse_cursor_json(R"(["name",false,"a\u0000b","id"])");
  BOOST_REQUIRE(cursor.has_value());
  BOOST_TEST(cursor->value == std::string("a\0b", 3));
  BOOST_TEST(!parse_cursor_json(R"(["name\u0000x",false,"a","id"])"));
}

BOOST_AUTO_TEST_SUITE_END()
