#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "domain/customer_input.hpp"
#include "http/json_body.hpp"

using namespace capi::domain;

namespace {

InputContext kenyan_business() {
  return InputContext{"KE", "KES", std::nullopt, std::nullopt};
}

CustomerInput parse(std::string_view json, Mode mode = Mode::kCreate,
                    const InputContext& context = kenyan_business()) {
  capi::http::JsonBody body;
  BOOST_REQUIRE(!capi::http::parse_json_body(json, body));
  BOOST_REQUIRE(body.document.IsObject());
  return parse_customer(body.document, mode, context, [&body](const rapidjson::Value& number) {
    return body.number_text(number);
  });
}

std::string error_at(const CustomerInput& input, std::string_view path) {
  const auto found = std::find_if(input.errors.begin(), input.errors.end(),
                                  [&](const auto& error) { return error.first == path; });
  return found == input.errors.end() ? std::string() : found->second;
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(domain_customer_input)

BOOST_AUTO_TEST_CASE(a_minimal_create_gets_the_defaults) {
  const CustomerInput input = parse(R"({"name":" Acme Ltd ","email":" Finance@ACME.com "})");
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(input.ignored_fields.empty());
  const CustomerDraft& draft = input.draft;
  BOOST_TEST(draft.name.value == "Acme Ltd");
  BOOST_TEST(draft.email.value == "finance@acme.com");
  BOOST_TEST(draft.type.value == "individual");
  BOOST_TEST(draft.currency.value == "KES");
  BOOST_TEST(draft.money_currency == "KES");
  BOOST_TEST(draft.payment_terms.value == "net_30");
  BOOST_TEST(draft.discount_rate_hundredths.has_value());
  BOOST_TEST(draft.discount_rate_hundredths.value == 0);
  BOOST_TEST(!draft.phone.given());
  BOOST_TEST(!draft.credit_limit_minor.given());
  BOOST_TEST(!draft.customer_since_ms.given());
  BOOST_TEST(draft.contacts.empty());
}

BOOST_AUTO_TEST_CASE(an_update_changes_only_the_fields_given) {
  const CustomerInput input = parse(R"({"companyName":"Acme"})", Mode::kUpdate);
  BOOST_TEST(input.errors.empty());
  const CustomerDraft& draft = input.draft;
  BOOST_TEST(draft.company_name.has_value());
  for (const bool given :
       {draft.type.given(), draft.name.given(), draft.email.given(), draft.phone.given(),
        draft.currency.given(), draft.payment_terms.given(), draft.discount_rate_hundredths.given(),
        draft.tags.given(), draft.metadata.given(), draft.billing_address.given()}) {
    BOOST_TEST(!given);
  }
}

BOOST_AUTO_TEST_CASE(null_clears_an_optional_field_and_an_empty_string_is_null) {
  const CustomerInput input =
      parse(R"({"companyName":null,"email":"","phone":"  ","website":null,"tags":null,"notes":"",
                "creditLimit":null,"metadata":null,"shippingAddress":null,"customerSince":null})",
            Mode::kUpdate);
  BOOST_TEST(input.errors.empty());
  const CustomerDraft& draft = input.draft;
  BOOST_TEST(draft.company_name.state == Field<std::string>::kNull);
  BOOST_TEST(draft.email.state == Field<std::string>::kNull);
  BOOST_TEST(draft.phone.state == Field<std::string>::kNull);
  BOOST_TEST(draft.website.state == Field<std::string>::kNull);
  BOOST_TEST(draft.tags.state == Field<std::vector<std::string>>::kNull);
  BOOST_TEST(draft.notes.state == Field<std::string>::kNull);
  BOOST_TEST(draft.credit_limit_minor.state == Field<std::int64_t>::kNull);
  BOOST_TEST(draft.metadata.state == (Field<std::map<std::string, std::string>>::kNull));
  BOOST_TEST(draft.shipping_address.state == Field<Address>::kNull);
  BOOST_TEST(draft.customer_since_ms.state == Field<std::int64_t>::kNull);
}

BOOST_AUTO_TEST_CASE(null_on_a_field_with_a_default_sets_the_default) {
  const CustomerInput input = parse(
      R"({"type":null,"currency":null,"paymentTerms":null,"discountRate":null})", Mode::kUpdate);
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(input.draft.type.value == "individual");
  BOOST_TEST(input.draft.currency.value == "KES");
  BOOST_TEST(input.draft.payment_terms.value == "net_30");
  BOOST_TEST(input.draft.discount_rate_hundredths.has_value());
}

BOOST_AUTO_TEST_CASE(name_is_required_on_create_and_cannot_be_cleared) {
  BOOST_TEST(error_at(parse(R"({"email":"a@acme.com"})"), "name") == "is required");
  BOOST_TEST(error_at(parse(R"({"name":"","email":"a@acme.com"})"), "name") == "is required");
  BOOST_TEST(error_at(parse(R"({"name":" \t ","email":"a@acme.com"})"), "name") == "is required");
  BOOST_TEST(error_at(parse(R"({"name":null,"email":"a@acme.com"})"), "name") == "is required");
  BOOST_TEST(error_at(parse(R"({"name":null})", Mode::kUpdate), "name") == "is required");
  BOOST_TEST(error_at(parse(R"({"name":""})", Mode::kUpdate), "name") == "is required");
  BOOST_TEST(parse(R"({"notes":"x"})", Mode::kUpdate).errors.empty());
}

BOOST_AUTO_TEST_CASE(lengths_are_counted_in_characters) {
  const auto body = [](std::string_view field, const std::string& value) {
    const std::string name = field == "name" ? "" : R"("name":"N",)";
    return "{" + name + R"("email":"a@acme.com",")" + std::string(field) + R"(":")" + value +
           R"("})";
  };
  const struct {
    const char* field;
    std::size_t limit;
  } limits[] = {{"name", 200},  {"companyName", 200},      {"taxId", 50},
                {"tin", 50},    {"preferredShipping", 50}, {"notes", 5000},
                {"segment", 50}};
  for (const auto& [field, limit] : limits) {
    const std::string letter = std::string(field) == "segment" ? "a" : "é";
    BOOST_TEST(parse(body(field, repeat(letter, limit))).errors.empty(), field);
    BOOST_TEST(error_at(parse(body(field, repeat(letter, limit + 1))), field) ==
                   "must be at most " + std::to_string(limit) + " characters",
               field);
    // Surrounding white space does not count.
    BOOST_TEST(parse(body(field, "  " + repeat(letter, limit) + "  ")).errors.empty(), field);
  }
}

BOOST_AUTO_TEST_CASE(wrong_json_types_are_field_errors) {
  const CustomerInput input = parse(
      R"({"name":1,"companyName":true,"email":["a@acme.com"],"phone":254712345678,"taxId":{},"website":1,
          "country":254,"currency":1,"segment":false,"tags":"vip","billingAddress":"Nairobi","paymentTerms":30,
          "creditLimit":"2500.00","creditLimitMinor":"250000","discountRate":"12.5","preferredShipping":1,
          "notes":[],"metadata":[],"customerSince":1700000000,"contacts":{},"type":1,"mobile":1,"tin":1,
          "shippingAddress":[]})");
  for (const char* path : {"name", "companyName", "email", "phone", "taxId", "website", "country",
                           "currency", "segment", "paymentTerms", "preferredShipping", "notes",
                           "customerSince", "type", "mobile", "tin"}) {
    BOOST_TEST(error_at(input, path) == "must be a string", path);
  }
  BOOST_TEST(error_at(input, "tags") == "must be an array");
  BOOST_TEST(error_at(input, "contacts") == "must be an array");
  BOOST_TEST(error_at(input, "billingAddress") == "must be an object");
  BOOST_TEST(error_at(input, "shippingAddress") == "must be an object");
  BOOST_TEST(error_at(input, "metadata") == "must be an object");
  BOOST_TEST(error_at(input, "creditLimit") == "must be a number");
  BOOST_TEST(error_at(input, "creditLimitMinor") == "must be an integer");
  BOOST_TEST(error_at(input, "discountRate") == "must be a number");
  // Every problem at once, each path once.
  BOOST_TEST(input.errors.size() == 24u);
}

BOOST_AUTO_TEST_CASE(control_characters) {
  BOOST_TEST(error_at(parse(R"({"name":"Ac\u0000me","email":"a@acme.com"})"), "name") ==
             "must not contain control characters");
  BOOST_TEST(error_at(parse(R"({"name":"Ac\nme","email":"a@acme.com"})"), "name") ==
             "must not contain control characters");
  BOOST_TEST(error_at(parse(R"({"name":"A","email":"a@acme.com","companyName":"A\tB"})"),
                      "companyName") == "must not contain control characters");
  // Notes are multi-line.
  const CustomerInput notes =
      parse(R"({"name":"A","email":"a@acme.com","notes":"line 1\r\nline 2\tend"})");
  BOOST_TEST(notes.errors.empty());
  BOOST_TEST(notes.draft.notes.value == "line 1\r\nline 2\tend");
  BOOST_TEST(error_at(parse(R"({"name":"A","email":"a@acme.com","notes":"bell\u0007"})"),
                      "notes") == "must not contain control characters");
}

BOOST_AUTO_TEST_CASE(type_and_payment_terms_are_enumerations) {
  BOOST_TEST(parse(R"({"name":"A","email":"a@acme.com","type":"business"})").draft.type.value ==
             "business");
  BOOST_TEST(error_at(parse(R"({"name":"A","email":"a@acme.com","type":"company"})"), "type") ==
             "must be one of: individual, business");
  BOOST_TEST(error_at(parse(R"({"name":"A","email":"a@acme.com","type":"Business"})"), "type") ==
             "must be one of: individual, business");
  for (const char* terms :
       {"due_on_receipt", "net_7", "net_15", "net_30", "net_45", "net_60", "net_90"}) {
    const CustomerInput input =
        parse(R"({"name":"A","email":"a@acme.com","paymentTerms":")" + std::string(terms) + "\"}");
    BOOST_TEST(input.draft.payment_terms.value == terms);
  }
  BOOST_TEST(error_at(parse(R"({"name":"A","email":"a@acme.com","paymentTerms":"net_20"})"),
                      "paymentTerms") ==
             "must be one of: due_on_receipt, net_7, net_15, net_30, net_45, net_60, net_90");
}

BOOST_AUTO_TEST_CASE(segment_is_lowercased_and_restricted) {
  BOOST_TEST(
      parse(R"({"name":"A","email":"a@acme.com","segment":" VIP_Gold-2 "})").draft.segment.value ==
      "vip_gold-2");
  for (const char* segment : {"gold tier", "gold.tier", "gøld", "gold/tier"}) {
    BOOST_TEST(error_at(parse(R"({"name":"A","email":"a@acme.com","segment":")" +
                              std::string(segment) + "\"}"),
                        "segment") == "may only contain a-z, 0-9, '_' and '-'",
               segment);
  }
}

BOOST_AUTO_TEST_CASE(website_country_and_currency) {
  const CustomerInput input = parse(
      R"({"name":"A","email":"a@acme.com","website":" https://acme.co.ke/ ","country":"Kenya","currency":"usd"})");
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(input.draft.website.value == "https://acme.co.ke/");
  BOOST_TEST(input.draft.country.value == "KE");
  BOOST_TEST(input.draft.currency.value == "USD");
  BOOST_TEST(input.draft.money_currency == "USD");
  BOOST_TEST(parse(R"({"name":"A","email":"a@acme.com","country":"deu"})").draft.country.value ==
             "DE");
  const CustomerInput bad = parse(
      R"({"name":"A","email":"a@acme.com","website":"acme.com","country":"Narnia","currency":"DEM"})");
  BOOST_TEST(error_at(bad, "website") == "must be an absolute http or https URL");
  BOOST_TEST(error_at(bad, "country") ==
             "must be an ISO 3166-1 country code or an English country name");
  BOOST_TEST(error_at(bad, "currency") == "must be an ISO 4217 currency code");
}

BOOST_AUTO_TEST_CASE(read_only_and_unknown_fields_are_listed_as_ignored_in_body_order) {
  const CustomerInput input = parse(
      R"({"id":"65f1a2b3c4d5e6f708192a3b","name":"A","emial":"typo@acme.com","email":"a@acme.com","version":3,
          "createdAt":"x","updatedAt":"x","deletedAt":null,"isActive":true,"accountBalance":1,
          "accountBalanceMinor":100,"metrics":{},"orders":[]})");
  BOOST_TEST(input.errors.empty());
  const std::vector<std::string> expected{"id",        "emial",          "version",
                                          "createdAt", "updatedAt",      "deletedAt",
                                          "isActive",  "accountBalance", "accountBalanceMinor",
                                          "metrics",   "orders"};
  BOOST_TEST(input.ignored_fields == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
