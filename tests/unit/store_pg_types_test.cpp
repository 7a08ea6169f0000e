#include <boost/test/unit_test.hpp>

#include <string>

#include "store/pg_types.hpp"

BOOST_AUTO_TEST_SUITE(store_pg_types)

BOOST_AUTO_TEST_CASE(bytea_round_trips_every_byte_value) {
  std::string raw;
  for (int value = 0; value < 256; ++value) raw += static_cast<char>(value);
  const std::string text = capi::store::bytea_param(raw);
  BOOST_TEST(text.substr(0, 4) == "\\x00");
  BOOST_TEST(capi::store::bytea_from_text(text) == raw);
}

BOOST_AUTO_TEST_CASE(bytea_text_is_read_in_either_case) {
  BOOST_TEST(capi::store::bytea_from_text("\\xDEADbeef") == std::string("\xde\xad\xbe\xef"));
  BOOST_TEST(capi::store::bytea_from_text("\\x").empty());
}

BOOST_AUTO_TEST_SUITE_END()
