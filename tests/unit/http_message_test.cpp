#include <boost/test/unit_test.hpp>

#include <string>

#include "http/message.hpp"

using capi::http::Params;
using capi::http::Request;

BOOST_AUTO_TEST_SUITE(http_message)

BOOST_AUTO_TEST_CASE(params_are_found_by_whole_name) {
  const Params params{{"HTTP_HOST", "api.example.com"},
                      {"HTTP_HOST_X", "other"},
                      {"QUERY_STRING", ""},
                      {"CONTENT_LENGTH", "12"}};
  BOOST_TEST(params.size() == 4u);
  BOOST_TEST(*params.find("HTTP_HOST") == "api.example.com");
  BOOST_TEST(*params.find("HTTP_HOST_X") == "other");
  BOOST_TEST(!params.find("HTTP_HOS").has_value());
  BOOST_TEST(!params.find("http_host").has_value());
  // Present but empty is not absent.
  BOOST_TEST_REQUIRE(params.find("QUERY_STRING").has_value());
  BOOST_TEST(params.find("QUERY_STRING")->empty());
}

BOOST_AUTO_TEST_CASE(the_first_of_a_repeated_param_wins) {
  Params params;
  params.add("HTTP_AUTHORIZATION", "Bearer first");
  params.add("HTTP_AUTHORIZATION", "Bearer second");
  BOOST_TEST(*params.find("HTTP_AUTHORIZATION") == "Bearer first");
  BOOST_TEST(params.size() == 2u);
}

BOOST_AUTO_TEST_CASE(params_survive_their_buffer_growing) {
  // Views into the first params must not dangle once later ones move the text.
  Params params;
  params.reserve(1, 4);
  for (int i = 0; i < 200; ++i) {
    params.add("NAME_" + std::to_string(i), std::string(static_cast<std::size_t>(i), 'v'));
  }
  BOOST_TEST(params.find("NAME_0")->empty());
  BOOST_TEST(*params.find("NAME_7") == "vvvvvvv");
  BOOST_TEST(params.find("NAME_199")->size() == 199u);
}

BOOST_AUTO_TEST_CASE(request_param_and_content_length) {
  Request request;
  request.params = Params{{"CONTENT_LENGTH", "42"}, {"CONTENT_TYPE", "application/json"}};
  BOOST_TEST(request.param("CONTENT_TYPE") == "application/json");
  BOOST_TEST(request.param("HTTP_ACCEPT").empty());
  BOOST_TEST(request.content_length() == 42u);
  request.params = Params{{"CONTENT_LENGTH", "4x"}};
  BOOST_TEST(request.content_length() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
