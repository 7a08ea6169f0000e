// Web addresses (a customer's `website`).
#pragma once

#include <cstddef>
#include <string_view>

namespace capi::domain {

constexpr std::size_t kMaxUrlLength = 2048;

// True for an absolute http or https URL with a host, at most 2048 characters:
//  - scheme "http" or "https" in any case, then "://";
//  - no user information ("https://user:pass@host" is refused: it hides the real host
//    from a reader, the classic phishing trick, and a website needs no password);
//  - a host: a DNS name of dot-separated labels (letters, digits, hyphens, not starting
//    or ending with a hyphen; non-ASCII letters allowed for internationalised names; one
//    trailing dot allowed), an IPv4 address, or an IPv6 literal in brackets;
//  - an optional port 1-65535;
//  - then optionally a path, query or fragment ('/', '?' or '#' onwards);
//  - nowhere white space (Unicode included), a control character or a backslash.
// The text is checked as given; callers trim it first.
bool is_http_url(std::string_view text);

}  // namespace capi::domain
