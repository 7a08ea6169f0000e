#include <boost/test/unit_test.hpp>

#include "http/router.hpp"

using capi::http::Router;
using capi::http::split_path;

BOOST_AUTO_TEST_SUITE(http_router)

namespace {

Router<int> sample() {
  Router<int> router;
  router.add("GET", "/v1/customers", 1);
  router.add("POST", "/v1/customers", 2);
  router.add("GET", "/v1/customers/{id}", 3);
  router.add("PATCH", "/v1/customers/{id}", 4);
  router.add("GET", "/v1/customers/search", 5);
  router.add("GET", "/v1/customers/{id}/contacts/{contactId}", 6);
  return router;
}

}  // namespace

BOOST_AUTO_TEST_CASE(splits_paths) {
  BOOST_TEST(split_path("/").empty());
  BOOST_TEST(split_path("/a/b").size() == 2u);
  BOOST_TEST(split_path("/a/").size() == 2u);
  BOOST_TEST(split_path("/a/")[1].empty());
}

BOOST_AUTO_TEST_CASE(finds_by_method_and_path) {
  const auto router = sample();
  BOOST_TEST(router.find("GET", "/v1/customers").route->handler == 1);
  BOOST_TEST(router.find("POST", "/v1/customers").route->handler == 2);
  const auto match = router.find("GET", "/v1/customers/abc123");
  BOOST_TEST_REQUIRE(match.route != nullptr);
  BOOST_TEST(match.route->handler == 3);
  BOOST_TEST(match.params.get("id") == "abc123");
}

BOOST_AUTO_TEST_CASE(literal_segment_beats_parameter) {
  const auto router = sample();
  BOOST_TEST(router.find("GET", "/v1/customers/search").route->handler == 5);
  // A method the literal route lacks is 405 even though {id} has it.
  const auto patch = router.find("PATCH", "/v1/customers/search");
  BOOST_TEST(patch.route == nullptr);
  BOOST_TEST(patch.allow.size() == 1u);
  BOOST_TEST(patch.allow[0] == "GET");
}

BOOST_AUTO_TEST_CASE(two_parameters) {
  const auto match = sample().find("GET", "/v1/customers/c1/contacts/k2");
  BOOST_TEST_REQUIRE(match.route != nullptr);
  BOOST_TEST(match.params.get("id") == "c1");
  BOOST_TEST(match.params.get("contactId") == "k2");
}

BOOST_AUTO_TEST_CASE(unknown_path_is_not_found) {
  const auto router = sample();
  for (const char* path : {"/", "/v1", "/v1/customers/", "/v1/customers/a/b", "v1/customers",
                           "/v1/customers//contacts/x", ""}) {
    const auto match = router.find("GET", path);
    BOOST_TEST(match.route == nullptr, path);
    BOOST_TEST(match.allow.empty(), path);
  }
}

BOOST_AUTO_TEST_CASE(wrong_method_lists_allowed_methods) {
  const auto match = sample().find("DELETE", "/v1/customers/abc");
  BOOST_TEST(match.route == nullptr);
  BOOST_TEST(match.allow.size() == 2u);
  BOOST_TEST(match.allow[0] == "GET");
  BOOST_TEST(match.allow[1] == "PATCH");
}

BOOST_AUTO_TEST_CASE(head_uses_get_routes) {
  BOOST_TEST(sample().find("HEAD", "/v1/customers").route->handler == 1);
}

BOOST_AUTO_TEST_SUITE_END()
