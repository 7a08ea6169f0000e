#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "domain/customer_input.hpp"
#include "http/json_body.hpp"

using namespace capi::domain;

namespace {

InputContext business(std::string currency) {
  return InputContext{"KE", std::move(currency), std::nullopt, std::nullopt};
}

CustomerInput parse(std::string_view json, Mode mode, const InputContext& context) {
  capi::http::JsonBody body;
  BOOST_REQUIRE(!capi::http::parse_json_body(json, body));
  return parse_customer(body.document, mode, context, [&body](const rapidjson::Value& number) {
    return body.number_text(number);
  });
}

CustomerInput create_with(const std::string& fields,
                          const InputContext& context = business("KES")) {
  return parse(R"({"name":"Acme","email":"a@acme.com",)" + fields + "}", Mode::kCreate, context);
}

std::string error_at(const CustomerInput& input, std::string_view path) {
  const auto found = std::find_if(input.errors.begin(), input.errors.end(),
                                  [&](const auto& error) { return error.first == path; });
  return found == input.errors.end() ? std::string() : found->second;
}

std::int64_t credit_limit(const CustomerInput& input) {
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(input.draft.credit_limit_minor.has_value());
  return input.draft.credit_limit_minor.value;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(domain_customer_money)

BOOST_AUTO_TEST_CASE(credit_limit_is_read_exactly_in_the_customers_currency) {
  BOOST_TEST(credit_limit(create_with(R"("creditLimit":2500.00)")) == 250000);
  BOOST_TEST(credit_limit(create_with(R"("creditLimit":0.1)")) == 10);
  BOOST_TEST(credit_limit(create_with(R"("creditLimit":1e3)")) == 100000);
  BOOST_TEST(credit_limit(create_with(R"("creditLimit":0)")) == 0);
  // The body's currency decides the decimals, else the business's.
  BOOST_TEST(credit_limit(create_with(R"("currency":"JPY","creditLimit":150)")) == 150);
  BOOST_TEST(credit_limit(create_with(R"("creditLimit":150)", business("JPY"))) == 150);
  BOOST_TEST(credit_limit(create_with(R"("currency":"KWD","creditLimit":1.250)")) == 1250);
  BOOST_TEST(error_at(create_with(R"("currency":"JPY","creditLimit":150.5)"), "creditLimit") ==
             "must be a whole number");
  BOOST_TEST(error_at(create_with(R"("creditLimit":2500.001)"), "creditLimit") ==
             "has more than 2 decimal places");
  BOOST_TEST(error_at(create_with(R"("creditLimit":-1)"), "creditLimit") == "must not be negative");
  BOOST_TEST(error_at(create_with(R"("creditLimit":1e30)"), "creditLimit") == "is too large");
  BOOST_TEST(error_at(create_with(R"("creditLimit":"2500.00")"), "creditLimit") ==
             "must be a number");
}

BOOST_AUTO_TEST_CASE(on_update_the_stored_currency_decides_unless_the_body_changes_it) {
  const InputContext jpy_customer{"KE", "KES", std::string("KE"), std::string("JPY")};
  const CustomerInput stored = parse(R"({"creditLimit":5000})", Mode::kUpdate, jpy_customer);
  BOOST_TEST(credit_limit(stored) == 5000);
  BOOST_TEST(stored.draft.money_currency == "JPY");
  BOOST_TEST(!stored.draft.currency.given());
  const CustomerInput changed =
      parse(R"({"currency":"USD","creditLimit":5000})", Mode::kUpdate, jpy_customer);
  BOOST_TEST(credit_limit(changed) == 500000);
  BOOST_TEST(changed.draft.money_currency == "USD");
}

BOOST_AUTO_TEST_CASE(credit_limit_minor_and_agreement) {
  BOOST_TEST(credit_limit(create_with(R"("creditLimitMinor":250000)")) == 250000);
  BOOST_TEST(credit_limit(create_with(R"("creditLimit":2500.00,"creditLimitMinor":250000)")) ==
             250000);
  BOOST_TEST(error_at(create_with(R"("creditLimit":2500.00,"creditLimitMinor":2500)"),
                      "creditLimitMinor") == "does not match creditLimit");
  BOOST_TEST(error_at(create_with(R"("creditLimit":null,"creditLimitMinor":2500)"),
                      "creditLimitMinor") == "does not match creditLimit");
  BOOST_TEST(error_at(create_with(R"("creditLimitMinor":2500.5)"), "creditLimitMinor") ==
             "must be an integer");
  BOOST_TEST(error_at(create_with(R"("creditLimitMinor":-1)"), "creditLimitMinor") ==
             "must not be negative");
  const CustomerInput both_null = create_with(R"("creditLimit":null,"creditLimitMinor":null)");
  BOOST_TEST(both_null.errors.empty());
  BOOST_TEST(both_null.draft.credit_limit_minor.state == Field<std::int64_t>::kNull);
}

BOOST_AUTO_TEST_CASE(discount_rate_in_hundredths_of_a_percent) {
  const auto rate = [](const CustomerInput& input) {
    BOOST_TEST(input.errors.empty());
    return input.draft.discount_rate_hundredths.value;
  };
  BOOST_TEST(rate(create_with(R"("discountRate":12.5)")) == 1250);
  BOOST_TEST(rate(create_with(R"("discountRate":0)")) == 0);
  BOOST_TEST(rate(create_with(R"("discountRate":100)")) == 10000);
  BOOST_TEST(rate(create_with(R"("discountRate":7.25)")) == 725);
  BOOST_TEST(error_at(create_with(R"("discountRate":100.001)"), "discountRate") ==
             "has more than 2 decimal places");
  BOOST_TEST(error_at(create_with(R"("discountRate":100.5)"), "discountRate") ==
             "must be between 0 and 100");
  BOOST_TEST(error_at(create_with(R"("discountRate":-5)"), "discountRate") ==
             "must be between 0 and 100");
}

BOOST_AUTO_TEST_CASE(a_document_without_number_texts_still_reads_exactly_written_numbers) {
  // Documents built in code have no source text: integers are exact, doubles use their
  // shortest round-trip form.
  rapidjson::Document document;
  document.Parse(
      R"({"name":"A","email":"a@acme.com","creditLimit":19.99,"creditLimitMinor":1999,"discountRate":12.5})");
  const CustomerInput input = parse_customer(document, Mode::kCreate, business("KES"), nullptr);
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(input.draft.credit_limit_minor.value == 1999);
  BOOST_TEST(input.draft.discount_rate_hundredths.value == 1250);
}

BOOST_AUTO_TEST_SUITE_END()
