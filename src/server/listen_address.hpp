// The `listen` setting, parsed: where the master opens the socket the workers accept on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace capi::server {

struct ListenAddress {
  enum class Kind {
    kUnix,     // "unix:/run/customer-api/fcgi.sock"
    kTcp,      // "127.0.0.1:9000", "[::1]:9000", "localhost:9000"
    kSystemd,  // "systemd": the socket systemd passes through socket activation (LISTEN_FDS)
  };
  Kind kind = Kind::kSystemd;
  std::string path;        // kUnix: the socket file
  std::string host;        // kTcp: an IPv4 or IPv6 literal (no brackets) or a host name
  std::uint16_t port = 0;  // kTcp

  bool operator==(const ListenAddress&) const = default;
};

struct ListenAddressError {
  std::string message;  // what is wrong with the text, and what would be right
};

// Parses a `listen` setting. Only syntax is checked here: whether a host name resolves or a
// path is writable is found out when the socket is opened.
std::variant<ListenAddress, ListenAddressError> parse_listen_address(std::string_view text);

}  // namespace capi::server
