#include "dialects/talkingshops/mobile.hpp"

#include <algorithm>

namespace capi::dialects::talkingshops {
namespace {

std::string_view trimmed(std::string_view text) {
  // A '+' sent unencoded in a query string arrives as a space: "+91..." becomes " 91...".
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string core_mobile(std::string_view vendor) {
  const std::string_view text = trimmed(vendor);
  const bool digits_only = !text.empty() && std::all_of(text.begin(), text.end(), [](char ch) {
    return ch >= '0' && ch <= '9';
  });
  if (digits_only && text.front() != '0') return "+" + std::string(text);
  return std::string(vendor);
}

std::string vendor_mobile(std::string_view e164) {
  if (!e164.empty() && e164.front() == '+') e164.remove_prefix(1);
  return std::string(e164);
}

}  // namespace capi::dialects::talkingshops
