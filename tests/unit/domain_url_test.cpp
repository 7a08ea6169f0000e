#include <boost/test/unit_test.hpp>

#include <string>

#include "domain/url.hpp"

using namespace capi::domain;
using namespace std::string_literals;

BOOST_AUTO_TEST_SUITE(domain_url)

BOOST_AUTO_TEST_CASE(absolute_http_and_https_urls) {
  for (const char* url :
       {"http://acme.com", "https://acme.com", "https://www.acme.co.ke/", "HTTPS://ACME.COM/About",
        "https://acme.com:8443/shop?q=1&r=2#top", "http://localhost", "http://localhost:8080/x",
        "https://192.0.2.1/", "http://[2001:db8::1]/", "http://[2001:db8::1]:8080",
        "https://acme.com.", "https://my-shop.example", "https://xn--80ak6aa92e.com",
        "https://пример.рф/путь", "https://acme.com/path%20with%20escapes",
        "https://acme.com?only=query", "https://acme.com#frag"}) {
    BOOST_TEST(is_http_url(url), url);
  }
}

BOOST_AUTO_TEST_CASE(other_schemes_and_relative_references_are_refused) {
  for (const char* url :
       {"", "acme.com", "www.acme.com", "//acme.com", "/about", "ftp://acme.com",
        "mailto:info@acme.com", "javascript:alert(1)", "javascript://acme.com/%0aalert(1)",
        "file:///etc/passwd", "https:acme.com", "https:/acme.com", "httpss://acme.com",
        "data:text/html,hi"}) {
    BOOST_TEST(!is_http_url(url), url);
  }
}

BOOST_AUTO_TEST_CASE(a_host_is_required_and_must_be_well_formed) {
  for (const char* url :
       {"https://", "https:///path", "https://?q", "https://#x", "https://:80", "https://-acme.com",
        "https://acme-.com", "https://acme..com", "https://.acme.com", "https://acme_corp.com",
        "https://acme.com:0", "https://acme.com:65536", "https://acme.com:http",
        "https://acme.com:", "https://[zz::1]/", "https://[]/", "https://acme.com..",
        "https://ac!me.com"}) {
    BOOST_TEST(!is_http_url(url), url);
  }
  BOOST_TEST(is_http_url("https://acme.com:65535"));
  BOOST_TEST(is_http_url("https://acme.com:1"));
}

BOOST_AUTO_TEST_CASE(user_information_is_refused) {
  BOOST_TEST(!is_http_url("https://user:pass@acme.com"));
  BOOST_TEST(!is_http_url("https://bank.com@evil.example/"));
  BOOST_TEST(is_http_url("https://acme.com/team/@jane"));  // '@' in the path is fine
}

BOOST_AUTO_TEST_CASE(no_spaces_controls_or_backslashes) {
  BOOST_TEST(!is_http_url("https://acme.com/a b"));
  BOOST_TEST(!is_http_url(" https://acme.com"));
  BOOST_TEST(!is_http_url("https://acme.com "));
  BOOST_TEST(!is_http_url("https://acme.com/\u00A0"));
  BOOST_TEST(!is_http_url("https://acme.com/\n"));
  BOOST_TEST(!is_http_url("https://acme.com/\t"));
  BOOST_TEST(!is_http_url("https://acme.com/\x7F"));
  BOOST_TEST(!is_http_url("https://acme.com/\0"s));
  BOOST_TEST(!is_http_url("https://acme.com\\@evil.example"));
}

BOOST_AUTO_TEST_CASE(at_most_2048_characters) {
  const std::string prefix = "https://acme.com/";
  const std::string at_limit = prefix + std::string(kMaxUrlLength - prefix.size(), 'a');
  BOOST_TEST(at_limit.size() == 2048u);
  BOOST_TEST(is_http_url(at_limit));
  BOOST_TEST(!is_http_url(at_limit + "a"));
  // Counted in characters: 2048 two-byte characters are within the limit.
  std::string wide = prefix;
  while (wide.size() - prefix.size() < 2 * (kMaxUrlLength - prefix.size())) wide += "é";
  BOOST_TEST(is_http_url(wide));
  BOOST_TEST(!is_http_url(wide + "é"));
}

BOOST_AUTO_TEST_SUITE_END()
