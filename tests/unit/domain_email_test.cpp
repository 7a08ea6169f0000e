#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "domain/email.hpp"

using namespace capi::domain;

BOOST_AUTO_TEST_SUITE(domain_email)

BOOST_AUTO_TEST_CASE(normalises_by_trimming_and_lowercasing) {
  BOOST_TEST(normalize_email("finance@acme.com").value() == "finance@acme.com");
  BOOST_TEST(normalize_email("  Finance@ACME.Com \n").value() == "finance@acme.com");
  BOOST_TEST(normalize_email("John.Doe+Invoices@Mail.Example.CO.KE").value() ==
             "john.doe+invoices@mail.example.co.ke");
}

BOOST_AUTO_TEST_CASE(accepts_rfc5322_atext_and_dots_in_the_local_part) {
  for (const char* email : {"a@b.co", "x.y.z@acme.com", "o'brien@acme.ie", "user+tag@acme.com",
                            "a!#$%&'*+-/=?^_`{|}~b@acme.com", "1234@acme.com", "_@acme.com"}) {
    BOOST_TEST(normalize_email(email).has_value(), email);
  }
}

BOOST_AUTO_TEST_CASE(refuses_bad_local_parts) {
  for (const char* email :
       {"@acme.com", ".john@acme.com", "john.@acme.com", "jo..hn@acme.com", "jo hn@acme.com",
        "\"john\"@acme.com", "jo(hn)@acme.com", "jo,hn@acme.com", "jo;hn@acme.com",
        "jo<hn>@acme.com", "jo[hn]@acme.com", "jo\\hn@acme.com", "zoë@acme.com"}) {
    BOOST_TEST(!normalize_email(email).has_value(), email);
  }
  const std::string sixty_four(64, 'a');
  BOOST_TEST(normalize_email(sixty_four + "@acme.com").has_value());
  BOOST_TEST(!normalize_email(sixty_four + "a@acme.com").has_value());
}

BOOST_AUTO_TEST_CASE(refuses_bad_domains) {
  for (const char* email :
       {"john@", "john@acme", "john@.acme.com", "john@acme..com", "john@acme.com.",
        "john@-acme.com", "john@acme-.com", "john@acme.c", "john@acme.c0m", "john@acme.123",
        "john@acme_corp.com", "john@[192.0.2.1]", "john@192.0.2.1", "john@acme .com",
        "john@acmé.com", "john@acme.com@other.com", "john"}) {
    BOOST_TEST(!normalize_email(email).has_value(), email);
  }
  BOOST_TEST(normalize_email("john@my-acme.co.uk").has_value());
  BOOST_TEST(normalize_email("john@1and1.com").has_value());
  const std::string label63(63, 'a');
  BOOST_TEST(normalize_email("john@" + label63 + ".com").has_value());
  BOOST_TEST(!normalize_email("john@" + label63 + "a.com").has_value());
}

BOOST_AUTO_TEST_CASE(accepts_punycode_domains_only) {
  BOOST_TEST(normalize_email("info@xn--80ak6aa92e.com").has_value());
  BOOST_TEST(normalize_email("info@xn--d1acufc.xn--p1ai").value() == "info@xn--d1acufc.xn--p1ai");
  BOOST_TEST(!normalize_email("info@пример.рф").has_value());
  BOOST_TEST(!normalize_email("info@acme.xn--").has_value());
}

BOOST_AUTO_TEST_CASE(at_most_254_characters) {
  // 64 + 1 + 189 = 254: labels of 63 + '.' + 63 + '.' + 59 + ".com" (4) = 189 characters.
  const std::string local(64, 'a');
  const std::string domain =
      std::string(63, 'b') + "." + std::string(63, 'c') + "." + std::string(57, 'd') + ".com";
  BOOST_TEST((local + "@" + domain).size() == 254u);
  BOOST_TEST(normalize_email(local + "@" + domain).has_value());
  const std::string longer = local + "@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                             std::string(58, 'd') + ".com";
  BOOST_TEST(longer.size() == 255u);
  BOOST_TEST(!normalize_email(longer).has_value());
  // White space around does not count.
  BOOST_TEST(normalize_email("  " + local + "@" + domain + "  ").has_value());
}

BOOST_AUTO_TEST_CASE(tokens_are_whole_words) {
  BOOST_TEST(email_tokens("finance@acme.com") ==
             (std::vector<std::string>{"finance", "acme", "com"}));
  BOOST_TEST(email_tokens("jane.doe+invoices@acme-corp.co.ke") ==
             (std::vector<std::string>{"jane", "doe", "invoices", "acme", "corp", "co", "ke"}));
  BOOST_TEST(email_tokens("a_b@b.com") ==
             (std::vector<std::string>{"a", "b", "com"}));  // deduplicated
  BOOST_TEST(email_tokens("x..y@z.com") == (std::vector<std::string>{"x", "y", "z", "com"}));
  BOOST_TEST(email_tokens("Mixed@Case.COM") == (std::vector<std::string>{"mixed", "case", "com"}));
  BOOST_TEST(email_tokens("").empty());
  BOOST_TEST(email_tokens("@.-_+").empty());
}

BOOST_AUTO_TEST_SUITE_END()
