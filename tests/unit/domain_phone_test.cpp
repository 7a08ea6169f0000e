#include <boost/test/unit_test.hpp>

#include <string>

#include "domain/phone.hpp"

using namespace capi::domain;

namespace {

std::string e164(std::string_view input, std::string_view region) {
  const PhoneResult result = normalize_phone(input, region);
  BOOST_TEST(result.error.empty(), input << " in " << region << ": " << result.error);
  return result.e164.value_or("");
}

std::string error_of(std::string_view input, std::string_view region) {
  const PhoneResult result = normalize_phone(input, region);
  BOOST_TEST(!result.e164.has_value(),
             input << " in " << region << " gave " << result.e164.value_or(""));
  return result.error;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(domain_phone)

BOOST_AUTO_TEST_CASE(the_issue_examples) {
  BOOST_TEST(e164("+254 712 345 678", "") == "+254712345678");
  BOOST_TEST(e164("0712345678", "KE") == "+254712345678");
  BOOST_TEST(e164("919876543210", "IN") == "+919876543210");
  BOOST_TEST(e164("+1 (212) 736-5000", "") == "+12127365000");
}

BOOST_AUTO_TEST_CASE(international_notation_ignores_the_default_region) {
  BOOST_TEST(e164("+254 712 345 678", "US") == "+254712345678");
  BOOST_TEST(e164("+254712345678", "KE") == "+254712345678");
  BOOST_TEST(e164("+44 20 7946 0958", "KE") == "+442079460958");
  BOOST_TEST(e164("  +49 30 901820  ", "") == "+4930901820");
}

BOOST_AUTO_TEST_CASE(common_national_notations) {
  BOOST_TEST(e164("0712 345 678", "KE") == "+254712345678");
  BOOST_TEST(e164("0712-345-678", "KE") == "+254712345678");
  BOOST_TEST(e164("(212) 736-5000", "US") == "+12127365000");
  BOOST_TEST(e164("212.736.5000", "US") == "+12127365000");
  BOOST_TEST(e164("1-212-736-5000", "US") == "+12127365000");
  BOOST_TEST(e164("020 7946 0958", "GB") == "+442079460958");
  BOOST_TEST(e164("98765 43210", "IN") == "+919876543210");
  BOOST_TEST(e164("00254712345678", "DE") == "+254712345678");  // international prefix of DE
  BOOST_TEST(e164("011 254 712 345 678", "US") == "+254712345678");
}

BOOST_AUTO_TEST_CASE(region_is_case_insensitive) {
  BOOST_TEST(e164("0712345678", "ke") == "+254712345678");
  BOOST_TEST(e164("0712345678", "Ke") == "+254712345678");
}

BOOST_AUTO_TEST_CASE(national_notation_needs_a_region) {
  BOOST_TEST(error_of("0712345678", "") == "must be a valid phone number");
  BOOST_TEST(error_of("0712345678", "XX") == "must be a valid phone number");
}

BOOST_AUTO_TEST_CASE(impossible_numbers_are_refused) {
  BOOST_TEST(error_of("12", "KE") == "must be a valid phone number");  // too short
  BOOST_TEST(error_of("+254 7", "") == "must be a valid phone number");
  BOOST_TEST(error_of("07123456789012345", "KE") == "must be a valid phone number");  // too long
  BOOST_TEST(error_of("+999 1234567", "") == "must be a valid phone number");  // no such code
  BOOST_TEST(error_of("not a number", "KE") == "must be a valid phone number");
  BOOST_TEST(error_of("", "KE") == "must be a valid phone number");
  BOOST_TEST(error_of("   ", "KE") == "must be a valid phone number");
  BOOST_TEST(error_of("+", "KE") == "must be a valid phone number");
  BOOST_TEST(error_of("0712\n345678", "KE") == "must be a valid phone number");
}

BOOST_AUTO_TEST_CASE(local_only_numbers_are_refused) {
  // Dialable locally, but without the area code their E.164 form would be wrong.
  BOOST_TEST(error_of("736-5000", "US") == "must be a valid phone number");
}

BOOST_AUTO_TEST_CASE(possible_but_not_valid_numbers_are_kept) {
  // +1 555 01xx is a fictional range: the right length, never assigned.
  BOOST_TEST(e164("+1 212 555 0100", "") == "+12125550100");
  // Kenya: right length for the plan, in a range not (yet) assigned.
  BOOST_TEST(e164("+254 912 345 678", "") == "+254912345678");
}

BOOST_AUTO_TEST_CASE(extensions_are_refused) {
  BOOST_TEST(error_of("+1 212 736 5000 ext. 12", "") == "must not have an extension");
  BOOST_TEST(error_of("(212) 736-5000 x12", "US") == "must not have an extension");
}

BOOST_AUTO_TEST_CASE(the_result_is_stable_under_renormalisation) {
  for (const char* input : {"+254 712 345 678", "+1 (212) 736-5000", "+44 20 7946 0958"}) {
    const std::string once = e164(input, "");
    BOOST_TEST(e164(once, "") == once);
    BOOST_TEST(e164(once, "JP") == once);
  }
}

BOOST_AUTO_TEST_SUITE_END()
