// The pure parts of the vendor dialects: field names between camelCase and snake_case (the
// ERP's), and TalkingShops' WhatsApp-notation mobiles.
#include <boost/test/unit_test.hpp>

#include <string>

#include "dialects/names.hpp"
#include "dialects/talkingshops/mobile.hpp"

using capi::dialects::camel_case;
using capi::dialects::snake_case;
namespace talkingshops = capi::dialects::talkingshops;

BOOST_AUTO_TEST_SUITE(dialect_names)

BOOST_AUTO_TEST_CASE(camel_case_names_become_snake_case) {
  BOOST_TEST(snake_case("postalCode") == "postal_code");
  BOOST_TEST(snake_case("accountBalanceMinor") == "account_balance_minor");
  BOOST_TEST(snake_case("id") == "id");
  BOOST_TEST(snake_case("") == "");
  BOOST_TEST(snake_case("Leading") == "leading");  // no '_' before the first letter
}

BOOST_AUTO_TEST_CASE(snake_case_names_become_camel_case) {
  BOOST_TEST(camel_case("postal_code") == "postalCode");
  BOOST_TEST(camel_case("is_primary") == "isPrimary");
  BOOST_TEST(camel_case("payment_terms") == "paymentTerms");
  BOOST_TEST(camel_case("isActive") == "isActive");  // already the core's: as it is
  BOOST_TEST(camel_case("_id") == "_id");            // a leading '_' is kept
  BOOST_TEST(camel_case("line1") == "line1");
  BOOST_TEST(camel_case("a__b") == "aB");
}

BOOST_AUTO_TEST_CASE(every_core_name_comes_back_from_its_snake_case) {
  for (const char* name : {"billingAddress", "postalCode", "creditLimit", "discountRate",
                           "preferredShipping", "customerSince", "taxId", "isPrimary"}) {
    BOOST_TEST(camel_case(snake_case(name)) == name);
  }
}

BOOST_AUTO_TEST_CASE(whatsapp_mobiles_are_international_numbers) {
  BOOST_TEST(talkingshops::core_mobile("919876543210") == "+919876543210");
  BOOST_TEST(talkingshops::core_mobile("+254712345678") == "+254712345678");
  BOOST_TEST(talkingshops::core_mobile("0712345678") == "0712345678");  // national: as written
  BOOST_TEST(talkingshops::core_mobile("0712 345 678") == "0712 345 678");
  BOOST_TEST(talkingshops::vendor_mobile("+919876543210") == "919876543210");
  BOOST_TEST(talkingshops::vendor_mobile("919876543210") == "919876543210");
}

BOOST_AUTO_TEST_SUITE_END()
