#include "server/listen_address.hpp"

#include <arpa/inet.h>
#include <sys/un.h>

#include <algorithm>
#include <charconv>

namespace capi::server {
namespace {

constexpr std::string_view kUnixPrefix = "unix:";
constexpr std::string_view kExpectedForms =
    "expected unix:/path, host:port, [ipv6]:port or systemd";

ListenAddressError error(std::string message) {
  return ListenAddressError{std::move(message)};
}

bool is_ipv4_literal(const std::string& host) {
  in_addr parsed{};
  return ::inet_pton(AF_INET, host.c_str(), &parsed) == 1;
}

bool is_ipv6_literal(const std::string& host) {
  in6_addr parsed{};
  return ::inet_pton(AF_INET6, host.c_str(), &parsed) == 1;
}

// Letters, digits, '-' and '.', as host names are (RFC 1123); underscores are let through
// because some internal DNS names carry them.
bool is_host_name(std::string_view host) {
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
  });
}

bool looks_like_ipv4(std::string_view host) {
  return std::all_of(host.begin(), host.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::variant<std::uint16_t, ListenAddressError> parse_port(std::string_view text) {
  unsigned value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, problem] = std::from_chars(text.data(), end, value);
  if (text.empty() || problem != std::errc{} || stop != end || value < 1 || value > 65535) {
    return error("port \"" + std::string(text) + "\" is not a number from 1 to 65535");
  }
  return static_cast<std::uint16_t>(value);
}

std::variant<ListenAddress, ListenAddressError> parse_unix(std::string_view path) {
  if (path.empty())
    return error("unix: needs a socket path, e.g. unix:/run/customer-api/fcgi.sock");
  if (path.find('\0') != std::string_view::npos) return error("socket path contains a NUL byte");
  constexpr std::size_t kMaxPath = sizeof(sockaddr_un::sun_path) - 1;
  if (path.size() > kMaxPath) {
    return error("socket path is " + std::to_string(path.size()) + " bytes long; the limit is " +
                 std::to_string(kMaxPath));
  }
  ListenAddress address;
  address.kind = ListenAddress::Kind::kUnix;
  address.path = std::string(path);
  return address;
}

// Splits "[v6]:port" or "host:port" and checks the host part.
std::variant<ListenAddress, ListenAddressError> parse_tcp(std::string_view text) {
  std::string host;
  std::string_view port_text;
  if (text.starts_with('[')) {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) return error("missing ']' after the IPv6 address");
    host = std::string(text.substr(1, close - 1));
    const std::string_view rest = text.substr(close + 1);
    if (!rest.starts_with(':')) return error(R"(expected ":port" after "]")");
    port_text = rest.substr(1);
    if (!is_ipv6_literal(host)) return error("\"" + host + "\" is not an IPv6 address");
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return error(std::string(kExpectedForms));
    host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (host.empty()) {
      return error("missing host before \":port\" (0.0.0.0 or [::] listens on every address)");
    }
    if (host.find(':') != std::string::npos) {
      return error("an IPv6 address needs brackets, e.g. [::1]:9000");
    }
    if (looks_like_ipv4(host) && !is_ipv4_literal(host)) {
      return error("\"" + host + "\" is not an IPv4 address");
    }
    if (!is_host_name(host)) return error("\"" + host + "\" is not a host name");
  }
  auto port = parse_port(port_text);
  if (auto* problem = std::get_if<ListenAddressError>(&port)) return *problem;
  ListenAddress address;
  address.kind = ListenAddress::Kind::kTcp;
  address.host = std::move(host);
  address.port = std::get<std::uint16_t>(port);
  return address;
}

}  // namespace

std::variant<ListenAddress, ListenAddressError> parse_listen_address(std::string_view text) {
  if (text == "systemd") {
    ListenAddress address;
    address.kind = ListenAddress::Kind::kSystemd;
    return address;
  }
  if (text.starts_with(kUnixPrefix)) return parse_unix(text.substr(kUnixPrefix.size()));
  if (text.empty()) return error("listen is empty; " + std::string(kExpectedForms));
  return parse_tcp(text);
}

}  // namespace capi::server
