// Postal addresses of a customer (billing and shipping).
#pragma once

#include <string>
#include <string_view>

#include "domain/field.hpp"
#include "domain/input_reader.hpp"

namespace capi::domain {

constexpr std::size_t kMaxAddressPartLength = 200;

// Every part trimmed, at most 200 characters, single-line; an empty string is a part not
// given. `country` is an alpha-2 code (normalised like the customer's country).
struct Address {
  std::string line1;
  std::string line2;
  std::string city;
  std::string state;
  std::string postal_code;
  std::string country;
};

bool is_empty(const Address& address);

// The address on one line, as the output's `address` field shows it: the parts given,
// in order line1, line2, city, state, postalCode, country, joined with ", ".
// {"1 Main St", "", "Nairobi", "", "00100", "KE"} -> "1 Main St, Nairobi, 00100, KE".
std::string address_one_line(const Address& address);

// Reads the member `key` of `reader`'s object as an address object
// {line1, line2, city, state, postalCode, country}. null, or an object with no part
// given, is kNull (the address is cleared). A given address replaces the stored one as a
// whole: parts it leaves out are cleared, so that what was sent is what is stored.
// Unknown keys inside it are listed as ignored ("billingAddress.zip").
Field<Address> read_address(ObjectReader& reader, std::string_view key);

}  // namespace capi::domain
