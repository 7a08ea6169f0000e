#include <boost/test/unit_test.hpp>

#include <string>
#include <variant>

#include "server/listen_address.hpp"

namespace {

using capi::server::ListenAddress;
using capi::server::ListenAddressError;
using capi::server::parse_listen_address;

ListenAddress parsed(const std::string& text) {
  const auto result = parse_listen_address(text);
  if (const auto* error = std::get_if<ListenAddressError>(&result)) {
    BOOST_FAIL("\"" << text << "\" was refused: " << error->message);
  }
  return std::get<ListenAddress>(result);
}

std::string refusal(const std::string& text) {
  const auto result = parse_listen_address(text);
  const auto* error = std::get_if<ListenAddressError>(&result);
  BOOST_TEST_REQUIRE(error != nullptr, "\"" << text << "\" was accepted");
  return error->message;
}

bool mentions(const std::string& message, const std::string& part) {
  return message.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_listen_address)

BOOST_AUTO_TEST_CASE(systemd_means_socket_activation) {
  BOOST_TEST((parsed("systemd").kind == ListenAddress::Kind::kSystemd));
}

BOOST_AUTO_TEST_CASE(unix_socket_paths) {
  const ListenAddress absolute = parsed("unix:/run/customer-api/fcgi.sock");
  BOOST_TEST((absolute.kind == ListenAddress::Kind::kUnix));
  BOOST_TEST(absolute.path == "/run/customer-api/fcgi.sock");
  BOOST_TEST(parsed("unix:var/fcgi.sock").path == "var/fcgi.sock");
  BOOST_TEST(parsed("unix:" + std::string(107, 'a')).path.size() == 107u);
}

BOOST_AUTO_TEST_CASE(bad_unix_socket_paths) {
  BOOST_TEST(mentions(refusal("unix:"), "needs a socket path"));
  BOOST_TEST(mentions(refusal("unix:" + std::string(108, 'a')), "the limit is 107"));
  BOOST_TEST(mentions(refusal(std::string("unix:/tmp/a\0b", 13)), "NUL"));
}

BOOST_AUTO_TEST_CASE(ipv4_and_host_names) {
  const ListenAddress loopback = parsed("127.0.0.1:9000");
  BOOST_TEST((loopback.kind == ListenAddress::Kind::kTcp));
  BOOST_TEST(loopback.host == "127.0.0.1");
  BOOST_TEST(loopback.port == 9000);
  BOOST_TEST(parsed("0.0.0.0:1").port == 1);
  BOOST_TEST(parsed("localhost:65535").host == "localhost");
  BOOST_TEST(parsed("fcgi-1.internal:9000").host == "fcgi-1.internal");
}

BOOST_AUTO_TEST_CASE(ipv6_in_brackets) {
  const ListenAddress loopback = parsed("[::1]:9000");
  BOOST_TEST((loopback.kind == ListenAddress::Kind::kTcp));
  BOOST_TEST(loopback.host == "::1");
  BOOST_TEST(loopback.port == 9000);
  BOOST_TEST(parsed("[::]:80").host == "::");
  BOOST_TEST(parsed("[2001:db8::7]:9000").host == "2001:db8::7");
}

BOOST_AUTO_TEST_CASE(bad_ports) {
  for (const char* text : {"127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:90a",
                           "127.0.0.1:-1", "127.0.0.1: 90", "[::1]:", "[::1]:99999999999"}) {
    BOOST_TEST(mentions(refusal(text), "from 1 to 65535"), text);
  }
}

BOOST_AUTO_TEST_CASE(bad_hosts) {
  BOOST_TEST(mentions(refusal(""), "empty"));
  BOOST_TEST(mentions(refusal("9000"), "expected unix:/path"));
  BOOST_TEST(mentions(refusal("/run/fcgi.sock"), "expected unix:/path"));
  BOOST_TEST(mentions(refusal(":9000"), "missing host"));
  BOOST_TEST(mentions(refusal("::1:9000"), "brackets"));
  BOOST_TEST(mentions(refusal("[::1:9000"), "missing ']'"));
  BOOST_TEST(mentions(refusal("[::1]9000"), "\":port\""));
  BOOST_TEST(mentions(refusal("[127.0.0.1]:9000"), "not an IPv6 address"));
  BOOST_TEST(mentions(refusal("[nonsense]:9000"), "not an IPv6 address"));
  BOOST_TEST(mentions(refusal("300.1.1.1:9000"), "not an IPv4 address"));
  BOOST_TEST(mentions(refusal("1.2.3:9000"), "not an IPv4 address"));
  BOOST_TEST(mentions(refusal("bad host:9000"), "not a host name"));
  BOOST_TEST(mentions(refusal("unix/x.sock:9000"), "not a host name"));
}

BOOST_AUTO_TEST_SUITE_END()
