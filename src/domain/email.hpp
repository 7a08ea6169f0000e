// Email addresses: the one normal form used for storage, uniqueness and the blind index.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace capi::domain {

constexpr std::size_t kMaxEmailLength = 254;  // RFC 5321's path limit, less the brackets
constexpr std::size_t kMaxEmailLocalLength = 64;
constexpr std::size_t kMaxEmailLabelLength = 63;

// The normal form of an address, or nullopt when it is not one we accept.
//  - surrounding white space is trimmed and the whole address is lowercased (ASCII): the
//    contract treats Finance@Acme.com and finance@acme.com as one customer;
//  - at most 254 characters, exactly one '@';
//  - local part: 1-64 characters of RFC 5322 atext (letters, digits and
//    ! # $ % & ' * + - / = ? ^ _ ` { | } ~) and dots, no leading, trailing or double dot.
//    Quoted local parts and comments are not accepted: no mail system people use needs them;
//  - domain: at least two dot-separated labels of 1-63 letters, digits and hyphens, no
//    label starting or ending with a hyphen; the top-level label is alphabetic and at
//    least 2 long, or an IDNA A-label ("xn--p1ai"). Internationalised domains are accepted
//    in that punycode form only; IP-literal domains ("[192.0.2.1]") are not.
std::optional<std::string> normalize_email(std::string_view input);

// The whole words of a normalised address for the blind token index, so that a search for
// "acme" finds finance@acme.com: split on '@', '.', '_', '-' and '+', lowercased, empty
// pieces dropped, each word once, in order of first appearance.
// "finance@acme.com" -> {"finance", "acme", "com"}.
std::vector<std::string> email_tokens(std::string_view normalized_email);

}  // namespace capi::domain
