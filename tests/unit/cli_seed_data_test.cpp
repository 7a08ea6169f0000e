#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "domain/email.hpp"
#include "domain/iso_codes.hpp"
#include "domain/object_id.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"
#include "seed/generator.hpp"

using namespace capi::seed;

namespace {

constexpr std::int64_t kNow = 1795000000000;  // 2026-11-17
constexpr int kRows = 20000;

Options options(std::uint64_t seed, const std::string& country = "KE",
                const std::string& currency = "KES", std::int64_t count = kRows) {
  return Options{seed, Business{"65f0c0ffee0123456789abcd", country, currency, 2}, count, kNow};
}

std::vector<Customer> generate(const Options& opts, int rows = kRows) {
  Generator generator(opts);
  std::vector<Customer> customers;
  customers.reserve(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) customers.push_back(generator.next());
  return customers;
}

const std::vector<Customer>& ke_rows() {
  static const std::vector<Customer> rows = generate(options(42));
  return rows;
}

bool is_valid_number(const std::string& e164) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const auto& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  return util.Parse(e164, "ZZ", &number) == PhoneNumberUtil::NO_PARSING_ERROR &&
         util.IsValidNumber(number);
}

bool contains_bytes(const std::vector<Customer>& rows, unsigned char lead_low,
                    unsigned char lead_high) {
  return std::any_of(rows.begin(), rows.end(), [&](const Customer& customer) {
    return std::any_of(customer.name.begin(), customer.name.end(), [&](char ch) {
      const auto byte = static_cast<unsigned char>(ch);
      return byte >= lead_low && byte <= lead_high;
    });
  });
}

bool contains(const std::vector<Customer>& rows, const std::string& piece) {
  return std::any_of(rows.begin(), rows.end(), [&](const Customer& customer) {
    return customer.name.find(piece) != std::string::npos;
  });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_seed_data)

BOOST_AUTO_TEST_CASE(the_same_seed_makes_the_same_rows) {
  const auto again = generate(options(42), 3000);
  const auto& first = ke_rows();
  for (std::size_t i = 0; i < again.size(); ++i) {
    BOOST_TEST_REQUIRE(again[i].id == first[i].id);
    BOOST_TEST(again[i].name == first[i].name);
    BOOST_TEST(again[i].email == first[i].email);
    BOOST_TEST(again[i].phone.value_or("") == first[i].phone.value_or(""));
    BOOST_TEST(again[i].created_ms == first[i].created_ms);
    BOOST_TEST(again[i].deleted_ms.value_or(0) == first[i].deleted_ms.value_or(0));
    BOOST_TEST((again[i].billing_address.has_value() == first[i].billing_address.has_value()));
    BOOST_TEST(again[i].metadata == first[i].metadata);
  }
  const auto other = generate(options(43), 200);
  int same_email = 0;
  int same_id = 0;
  for (std::size_t i = 0; i < other.size(); ++i) {
    same_email += other[i].email == first[i].email ? 1 : 0;
    same_id += other[i].id == first[i].id ? 1 : 0;
  }
  BOOST_TEST(same_email < 20);
  BOOST_TEST(same_id == 0);
}

BOOST_AUTO_TEST_CASE(emails_are_normalised_valid_and_unique) {
  std::set<std::string> seen;
  for (const auto& customer : ke_rows()) {
    const auto normalised = capi::domain::normalize_email(customer.email);
    BOOST_TEST_REQUIRE(normalised.has_value(), customer.email);
    BOOST_TEST(*normalised == customer.email);
    BOOST_TEST_REQUIRE(seen.insert(customer.email).second, "duplicate " << customer.email);
  }
}

BOOST_AUTO_TEST_CASE(shared_domains_make_whole_word_searches_find_many) {
  int globex = 0;
  int gmail = 0;
  for (const auto& customer : ke_rows()) {
    const auto tokens = capi::domain::email_tokens(customer.email);
    globex += std::count(tokens.begin(), tokens.end(), "globex") > 0 ? 1 : 0;
    gmail += std::count(tokens.begin(), tokens.end(), "gmail") > 0 ? 1 : 0;
  }
  BOOST_TEST(globex > 20);
  BOOST_TEST(gmail > kRows / 10);
}

BOOST_AUTO_TEST_CASE(phones_are_e164_valid_and_unique) {
  std::set<std::string> seen;
  int with_phone = 0;
  int checked = 0;
  std::set<std::string> prefixes;
  for (const auto& customer : ke_rows()) {
    if (!customer.phone) continue;
    ++with_phone;
    const std::string& phone = *customer.phone;
    BOOST_TEST_REQUIRE(seen.insert(phone).second, "duplicate " << phone);
    // What the API makes of it: the same E.164 text, read without a region.
    const auto normalised = capi::domain::normalize_phone(phone, "");
    BOOST_TEST_REQUIRE(normalised.e164.value_or("") == phone, phone << ": " << normalised.error);
    prefixes.insert(phone.substr(0, 4));
    if (customer.index % 5 == 0) {
      ++checked;
      BOOST_TEST(is_valid_number(phone), phone << " of " << customer.country);
    }
  }
  BOOST_TEST(with_phone > kRows * 85 / 100);
  BOOST_TEST(checked > 2000);
  BOOST_TEST(prefixes.size() >= 8u);  // several countries
}

BOOST_AUTO_TEST_CASE(phone_blocks_hold_valid_numbers_in_many_regions) {
  for (const std::string region :
       {"KE", "US", "GB", "DE", "IN", "JP", "CN", "BR", "RU", "NG", "AU", "FR", "EG", "KR", "MX"}) {
    const PhoneBlocks blocks = find_phone_blocks(region, 2'000'000);
    BOOST_TEST_REQUIRE(!blocks.prefixes.empty(), region);
    BOOST_TEST(blocks.capacity() >= 100'000, region << " holds " << blocks.capacity());
    for (std::size_t b = 0; b < blocks.prefixes.size(); b += 3) {
      for (int k = 0; k < 10; ++k) {
        const std::string suffix =
            std::string(static_cast<std::size_t>(blocks.free_digits), static_cast<char>('0' + k));
        const std::string e164 = "+" + blocks.country_code + blocks.prefixes[b] + suffix;
        BOOST_TEST(is_valid_number(e164), region << ": " << e164);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_tenth_is_inactive_and_a_quarter_are_businesses) {
  int inactive = 0;
  int businesses = 0;
  for (const auto& customer : ke_rows()) {
    inactive += customer.active() ? 0 : 1;
    businesses += customer.type == "business" ? 1 : 0;
    BOOST_TEST((customer.type == "business" || customer.type == "individual"));
    if (customer.type == "business")
      BOOST_TEST(customer.company_name.value_or("") == customer.name);
  }
  BOOST_TEST(inactive > kRows * 9 / 100);
  BOOST_TEST(inactive < kRows * 11 / 100);
  BOOST_TEST(businesses > kRows * 23 / 100);
  BOOST_TEST(businesses < kRows * 27 / 100);
}

BOOST_AUTO_TEST_CASE(ids_encode_the_creation_second_and_times_are_ordered) {
  std::set<std::string> ids;
  std::int64_t previous = 0;
  for (const auto& customer : ke_rows()) {
    BOOST_TEST_REQUIRE(capi::domain::is_object_id(customer.id), customer.id);
    BOOST_TEST_REQUIRE(ids.insert(customer.id).second);
    BOOST_TEST(capi::domain::object_id_seconds(customer.id) == customer.created_ms / 1000);
    BOOST_TEST(customer.created_ms >= kNow - kSpanMs);
    BOOST_TEST(customer.created_ms <= kNow);
    BOOST_TEST(customer.created_ms >= previous - kSpanMs / kRows * 2);  // roughly in row order
    previous = customer.created_ms;
    BOOST_TEST(customer.updated_ms >= customer.created_ms);
    BOOST_TEST(customer.customer_since_ms <= customer.created_ms);
    if (customer.deleted_ms) {
      BOOST_TEST(*customer.deleted_ms >= customer.created_ms);
      BOOST_TEST(*customer.deleted_ms <= kNow);
      BOOST_TEST(customer.updated_ms == *customer.deleted_ms);
      BOOST_TEST(customer.version >= 2);
    }
  }
  // Spread over the three years.
  BOOST_TEST(ke_rows().front().created_ms < kNow - kSpanMs + 30 * kDayMs);
  BOOST_TEST(ke_rows().back().created_ms > kNow - 2 * kDayMs);
}

BOOST_AUTO_TEST_CASE(names_come_in_several_scripts) {
  const auto& rows = ke_rows();
  BOOST_TEST(contains_bytes(rows, 0xD0, 0xD1));              // Cyrillic
  BOOST_TEST(contains_bytes(rows, 0xCE, 0xCF));              // Greek
  BOOST_TEST(contains_bytes(rows, 0xD8, 0xDB));              // Arabic
  BOOST_TEST(contains(rows, "शर्मा"));                        // Devanagari
  BOOST_TEST(contains(rows, "佐藤"));                        // Japanese
  BOOST_TEST(contains(rows, "王"));                          // Chinese
  BOOST_TEST(contains(rows, "김"));                          // Korean
  BOOST_TEST((contains(rows, "é") || contains(rows, "ü")));  // Latin with accents
  BOOST_TEST(contains(rows, "Wanjiru"));
  BOOST_TEST(contains(rows, "Ольга"));
  for (const auto& customer : rows) {
    BOOST_TEST_REQUIRE(!customer.name.empty());
    BOOST_TEST(capi::domain::utf8_length(customer.name) <= 200u);
  }
}

BOOST_AUTO_TEST_CASE(countries_and_other_fields_are_valid) {
  int home = 0;
  std::set<std::string> countries;
  std::set<std::string> segments;
  for (const auto& customer : ke_rows()) {
    BOOST_TEST_REQUIRE(capi::domain::is_country_code(customer.country), customer.country);
    countries.insert(customer.country);
    home += customer.country == "KE" ? 1 : 0;
    segments.insert(customer.segment.value_or("(none)"));
    BOOST_TEST(customer.tags.size() <= 3u);
    BOOST_TEST(std::set<std::string>(customer.tags.begin(), customer.tags.end()).size() ==
               customer.tags.size());
    if (customer.billing_address) {
      BOOST_TEST(customer.billing_address->country == customer.country);
      BOOST_TEST(!customer.billing_address->line1.empty());
      BOOST_TEST(!customer.billing_address->city.empty());
    }
    BOOST_TEST(customer.discount_rate_hundredths >= 0);
    BOOST_TEST(customer.discount_rate_hundredths <= 10000);
    BOOST_TEST(customer.metadata.count("source") == 1u);
  }
  BOOST_TEST(home > kRows / 2);
  BOOST_TEST(home < kRows * 7 / 10);
  BOOST_TEST(countries.size() >= 15u);
  BOOST_TEST(segments ==
             (std::set<std::string>{"(none)", "premium", "retail", "vip", "wholesale"}));
}

BOOST_AUTO_TEST_CASE(a_business_elsewhere_gets_its_country_and_numbers) {
  // DE has cultures and addresses of its own; AU has neither (fallbacks).
  for (const auto& [country, code] : {std::pair{"DE", "+49"}, std::pair{"AU", "+61"}}) {
    const auto rows = generate(options(7, country, "EUR", 2000), 2000);
    int home = 0;
    std::set<std::string> phones;
    for (const auto& customer : rows) {
      BOOST_TEST_REQUIRE(capi::domain::normalize_email(customer.email).value_or("") ==
                         customer.email);
      if (customer.phone) {
        BOOST_TEST_REQUIRE(phones.insert(*customer.phone).second);
        BOOST_TEST(is_valid_number(*customer.phone), *customer.phone);
      }
      if (customer.country != country) continue;
      ++home;
      if (customer.phone) BOOST_TEST(customer.phone->rfind(code, 0) == 0u, *customer.phone);
      if (customer.billing_address) BOOST_TEST(customer.billing_address->country == country);
    }
    BOOST_TEST(home > 2000 * 35 / 100, country);
  }
}

BOOST_AUTO_TEST_CASE(name_fragments_occur_in_the_names) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < 2000; ++i) names.push_back(ke_rows()[i].name);
  const auto fragments = name_fragments(names, 40);
  BOOST_TEST(fragments.size() == 40u);
  std::set<std::string> unique(fragments.begin(), fragments.end());
  BOOST_TEST(unique.size() == fragments.size());
  bool non_latin = false;
  for (const auto& fragment : fragments) {
    const auto length = capi::domain::utf8_length(fragment);
    BOOST_TEST((length == 3u || length == 4u), fragment);
    BOOST_TEST(fragment == capi::domain::ascii_lower(fragment));
    non_latin = non_latin || (static_cast<unsigned char>(fragment[0]) & 0x80) != 0;
    const bool found = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
      return capi::domain::ascii_lower(name).find(fragment) != std::string::npos;
    });
    BOOST_TEST(found, fragment);
  }
  BOOST_TEST(non_latin);
  BOOST_TEST(name_fragments({"Wanjiru Kamau"}, 10).size() >= 1u);
  BOOST_TEST(name_fragments({"王伟", "Al Li"}, 10).empty());
}

BOOST_AUTO_TEST_SUITE_END()
