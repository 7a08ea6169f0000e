#include <boost/test/unit_test.hpp>

#include "api/app.hpp"
#include "api/auth.hpp"

using capi::api::choose_request_id;
using capi::api::extract_api_key;
using capi::http::Request;

BOOST_AUTO_TEST_SUITE(api_auth)

namespace {

Request with(std::initializer_list<std::pair<std::string_view, std::string_view>> params) {
  Request request;
  request.params = capi::http::Params(params);
  return request;
}

}  // namespace

BOOST_AUTO_TEST_CASE(three_header_forms) {
  BOOST_TEST(*extract_api_key(with({{"HTTP_AUTHORIZATION", "Bearer k1"}})) == "k1");
  BOOST_TEST(*extract_api_key(with({{"HTTP_AUTHORIZATION", "BEARER   k1 "}})) == "k1");
  BOOST_TEST(*extract_api_key(with({{"HTTP_AUTHORIZATION", "k2"}})) == "k2");
  BOOST_TEST(*extract_api_key(with({{"HTTP_X_TENANT_API_KEY", "k3"}})) == "k3");
}

BOOST_AUTO_TEST_CASE(absent_and_unusable_keys) {
  BOOST_TEST(!extract_api_key(with({})).has_value());
  BOOST_TEST(extract_api_key(with({{"HTTP_AUTHORIZATION", "Basic abc"}}))->empty());
  BOOST_TEST(extract_api_key(with({{"HTTP_AUTHORIZATION", "Bearer "}}))->empty());
  BOOST_TEST(extract_api_key(with({{"HTTP_X_TENANT_API_KEY", ""}}))->empty());
}

BOOST_AUTO_TEST_CASE(new_keys_are_random_and_hashed) {
  const auto a = capi::api::new_api_key();
  const auto b = capi::api::new_api_key();
  BOOST_TEST(a.key != b.key);
  BOOST_TEST(a.key.rfind("capi_", 0) == 0u);
  BOOST_TEST(a.key.size() == 5u + 43u);  // 256 bits in base64url
  BOOST_TEST(a.prefix == a.key.substr(0, 12));
  BOOST_TEST(a.hash == capi::api::hash_api_key(a.key));
  BOOST_TEST(a.hash.size() == 64u);
}

BOOST_AUTO_TEST_CASE(request_ids) {
  BOOST_TEST(choose_request_id(with({{"HTTP_X_REQUEST_ID", "abc 1"}})) == "abc 1");
  BOOST_TEST(choose_request_id(with({{"HTTP_X_REQUEST_ID", "bad\x01"}, {"REQUEST_ID", "ngx"}})) ==
             "ngx");
  BOOST_TEST(choose_request_id(with({{"HTTP_X_REQUEST_ID", std::string(129, 'a')}})).size() == 24u);
  BOOST_TEST(choose_request_id(with({})).size() == 24u);
}

BOOST_AUTO_TEST_SUITE_END()
