#include <boost/test/unit_test.hpp>

#include <unicode/uloc.h>

#include <string>

#include "domain/country.hpp"
#include "domain/currency.hpp"
#include "domain/reference_data.hpp"
#include "domain/text.hpp"

using namespace capi::domain;

BOOST_AUTO_TEST_SUITE(domain_country)

BOOST_AUTO_TEST_CASE(alpha2_in_any_case) {
  BOOST_TEST(normalize_country("KE").value() == "KE");
  BOOST_TEST(normalize_country("ke").value() == "KE");
  BOOST_TEST(normalize_country("kE").value() == "KE");
  BOOST_TEST(normalize_country(" de ").value() == "DE");
  BOOST_TEST(!normalize_country("QQ").has_value());
  BOOST_TEST(!normalize_country("K").has_value());
}

BOOST_AUTO_TEST_CASE(alpha3_in_any_case) {
  BOOST_TEST(normalize_country("KEN").value() == "KE");
  BOOST_TEST(normalize_country("ken").value() == "KE");
  BOOST_TEST(normalize_country("USA").value() == "US");
  BOOST_TEST(normalize_country("deu").value() == "DE");
  BOOST_TEST(normalize_country("GBR").value() == "GB");
  BOOST_TEST(normalize_country("IND").value() == "IN");
  BOOST_TEST(!normalize_country("QQQ").has_value());
}

BOOST_AUTO_TEST_CASE(english_names_in_any_case) {
  BOOST_TEST(normalize_country("Kenya").value() == "KE");
  BOOST_TEST(normalize_country("kenya").value() == "KE");
  BOOST_TEST(normalize_country("KENYA").value() == "KE");
  BOOST_TEST(normalize_country("germany").value() == "DE");
  BOOST_TEST(normalize_country("United States").value() == "US");
  BOOST_TEST(normalize_country("united states").value() == "US");
  BOOST_TEST(normalize_country("United Kingdom").value() == "GB");
  BOOST_TEST(normalize_country("  India  ").value() == "IN");
  BOOST_TEST(normalize_country("South Africa").value() == "ZA");
  BOOST_TEST(normalize_country("Tanzania").value() == "TZ");
}

BOOST_AUTO_TEST_CASE(short_and_variant_forms_from_cldr) {
  BOOST_TEST(normalize_country("US").value() == "US");
  BOOST_TEST(normalize_country("UK").value() == "GB");
  BOOST_TEST(normalize_country("uk").value() == "GB");
  BOOST_TEST(normalize_country("Hong Kong").value() == "HK");
  BOOST_TEST(normalize_country("Ivory Coast").value() == "CI");
  BOOST_TEST(normalize_country("Czech Republic").value() == "CZ");
  BOOST_TEST(normalize_country("Czechia").value() == "CZ");
  BOOST_TEST(normalize_country("Swaziland").value() == "SZ");
  BOOST_TEST(normalize_country("Eswatini").value() == "SZ");
  BOOST_TEST(normalize_country("Congo (DRC)").value() == "CD");
  BOOST_TEST(normalize_country("Congo - Kinshasa").value() == "CD");
  BOOST_TEST(normalize_country("Congo (Republic)").value() == "CG");
  BOOST_TEST(normalize_country("Turkey").value() == "TR");
  BOOST_TEST(normalize_country("Türkiye").value() == "TR");
  BOOST_TEST(normalize_country("Cabo Verde").value() == "CV");
  BOOST_TEST(normalize_country("Cape Verde").value() == "CV");
}

BOOST_AUTO_TEST_CASE(names_ignore_accents_punctuation_and_ampersands) {
  BOOST_TEST(normalize_country("Côte d’Ivoire").value() == "CI");
  BOOST_TEST(normalize_country("cote d'ivoire").value() == "CI");
  BOOST_TEST(normalize_country("Curacao").value() == "CW");
  BOOST_TEST(normalize_country("Réunion").value() == "RE");
  BOOST_TEST(normalize_country("Bosnia & Herzegovina").value() == "BA");
  BOOST_TEST(normalize_country("Bosnia and Herzegovina").value() == "BA");
  BOOST_TEST(normalize_country("trinidad and tobago").value() == "TT");
  BOOST_TEST(normalize_country("St. Lucia").value() == "LC");
  BOOST_TEST(normalize_country("St Lucia").value() == "LC");
  BOOST_TEST(normalize_country("Saint Lucia").value() == "LC");
  BOOST_TEST(normalize_country("Guinea-Bissau").value() == "GW");
  BOOST_TEST(normalize_country("guinea bissau").value() == "GW");
  BOOST_TEST(normalize_country("the Bahamas").value() == "BS");
  BOOST_TEST(normalize_country("The Netherlands").value() == "NL");
  BOOST_TEST(normalize_country("U.S. Virgin Islands").value() == "VI");
  BOOST_TEST(normalize_country("US Virgin Islands").value() == "VI");
}

BOOST_AUTO_TEST_CASE(near_names_are_not_guessed) {
  BOOST_TEST(!normalize_country("Kenia").has_value());
  BOOST_TEST(!normalize_country("Congo").has_value());  // two countries: say which
  BOOST_TEST(!normalize_country("Narnia").has_value());
  BOOST_TEST(!normalize_country("").has_value());
  BOOST_TEST(!normalize_country("   ").has_value());
  BOOST_TEST(!normalize_country("the").has_value());
  BOOST_TEST(!normalize_country("&").has_value());
  BOOST_TEST(!normalize_country("World").has_value());  // a region, not a country
  BOOST_TEST(!normalize_country("Europe").has_value());
}

BOOST_AUTO_TEST_CASE(every_icu_country_round_trips_by_code_alpha3_and_name) {
  int count = 0;
  for (const char* const* code = uloc_getISOCountries(); *code != nullptr; ++code, ++count) {
    BOOST_TEST(normalize_country(*code).value_or("") == *code);
    BOOST_TEST(normalize_country(ascii_lower(*code)).value_or("") == *code);
    const std::string alpha3 = uloc_getISO3Country((std::string("und_") + *code).c_str());
    BOOST_TEST(normalize_country(alpha3).value_or("") == *code, alpha3);
    const std::string name = country_english_name(*code);
    BOOST_TEST(!name.empty(), *code);
    BOOST_TEST(normalize_country(name).value_or("") == *code, name);
  }
  BOOST_TEST(count > 240);
}

BOOST_AUTO_TEST_CASE(preloading_changes_nothing_but_timing) {
  preload_reference_data();
  preload_reference_data();
  BOOST_TEST(normalize_country("Kenya").value() == "KE");
}

BOOST_AUTO_TEST_CASE(english_name_of_a_code) {
  BOOST_TEST(country_english_name("KE") == "Kenya");
  BOOST_TEST(country_english_name("US") == "United States");
  BOOST_TEST(country_english_name("QQ") == "");
  BOOST_TEST(country_english_name("ke") == "");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(domain_currency)

BOOST_AUTO_TEST_CASE(current_iso_codes_in_any_case) {
  BOOST_TEST(normalize_currency("KES").value() == "KES");
  BOOST_TEST(normalize_currency("kes").value() == "KES");
  BOOST_TEST(normalize_currency(" usd ").value() == "USD");
  BOOST_TEST(normalize_currency("Jpy").value() == "JPY");
  BOOST_TEST(normalize_currency("kwd").value() == "KWD");
  BOOST_TEST(normalize_currency("EUR").value() == "EUR");
}

BOOST_AUTO_TEST_CASE(other_codes_are_refused) {
  BOOST_TEST(!normalize_currency("").has_value());
  BOOST_TEST(!normalize_currency("US").has_value());
  BOOST_TEST(!normalize_currency("USDD").has_value());
  BOOST_TEST(!normalize_currency("XYZ").has_value());
  BOOST_TEST(!normalize_currency("DEM").has_value());  // retired in 2002
  BOOST_TEST(!normalize_currency("FRF").has_value());
  BOOST_TEST(!normalize_currency("$").has_value());
  BOOST_TEST(!normalize_currency("usd1").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
