// TalkingShops' mobile numbers: WhatsApp's notation, the international number in digits
// without '+' ("919876543210" is +91 98765 43210), read and written as such so that its
// examples work as printed in a business of any country.
#pragma once

#include <string>
#include <string_view>

namespace capi::dialects::talkingshops {

// The number as the core reads it: digits alone, not starting with a trunk 0, are an
// international number ('+' added); anything else (a '+', spaces, a national 0712 345 678)
// is passed on as written, read by the core in the business's country.
std::string core_mobile(std::string_view vendor);

// The core's E.164 number in WhatsApp's notation: without the '+'.
std::string vendor_mobile(std::string_view e164);

}  // namespace capi::dialects::talkingshops
