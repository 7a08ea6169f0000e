#include "domain/url.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace capi::domain {
namespace {

bool is_ascii_alnum(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

bool is_non_ascii(char ch) {
  return (static_cast<unsigned char>(ch) & 0x80) != 0;
}

bool is_dns_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
    return false;
  return std::all_of(label.begin(), label.end(),
                     [](char ch) { return is_ascii_alnum(ch) || ch == '-' || is_non_ascii(ch); });
}

bool is_dns_name(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);  // the root's dot
  if (host.empty() || host.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = host.find('.', start);
    if (!is_dns_label(host.substr(start, dot == std::string_view::npos ? dot : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_ipv6_literal(std::string_view host) {
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
  const std::string_view inside = host.substr(1, host.size() - 2);
  const bool plausible = std::all_of(inside.begin(), inside.end(), [](char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') ||
           ch == ':' || ch == '.';
  });
  return plausible && inside.find(':') != std::string_view::npos;
}

bool is_port(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  int value = 0;
  for (const char ch : port) {
    if (ch < '0' || ch > '9') return false;
    value = value * 10 + (ch - '0');
  }
  return value >= 1 && value <= 65535;
}

bool has_forbidden_char(std::string_view text) {
  return has_control_chars(text, LineMode::kSingleLine) || has_white_space(text) ||
         text.find('\\') != std::string_view::npos;
}

}  // namespace

bool is_http_url(std::string_view text) {
  if (text.empty() || utf8_length(text) > kMaxUrlLength || has_forbidden_char(text)) return false;
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return false;
  const std::string scheme = ascii_lower(text.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return false;

  const std::string_view rest = text.substr(scheme_end + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) return false;

  // The port follows the last ':' that is not inside an IPv6 literal.
  std::string_view host = authority;
  const std::size_t bracket = authority.rfind(']');
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    if (!is_port(authority.substr(colon + 1))) return false;
    host = authority.substr(0, colon);
  }
  return is_ipv6_literal(host) || is_dns_name(host);
}

}  // namespace capi::domain
