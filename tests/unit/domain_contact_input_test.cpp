#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "domain/contact_input.hpp"
#include "domain/customer_input.hpp"
#include "http/json_body.hpp"

using namespace capi::domain;

namespace {

capi::http::JsonBody json(std::string_view text) {
  capi::http::JsonBody body;
  BOOST_REQUIRE(!capi::http::parse_json_body(text, body));
  return body;
}

ContactInput contact(std::string_view text, Mode mode = Mode::kCreate,
                     std::string_view region = "KE") {
  const capi::http::JsonBody body = json(text);
  return parse_contact(body.document, mode, region);
}

CustomerInput customer(std::string_view text, Mode mode = Mode::kCreate) {
  const capi::http::JsonBody body = json(text);
  return parse_customer(
      body.document, mode, InputContext{"KE", "KES", std::nullopt, std::nullopt},
      [&body](const rapidjson::Value& number) { return body.number_text(number); });
}

template <class Input>
std::string error_at(const Input& input, std::string_view path) {
  const auto found = std::find_if(input.errors.begin(), input.errors.end(),
                                  [&](const auto& error) { return error.first == path; });
  return found == input.errors.end() ? std::string() : found->second;
}

template <class Input>
bool ignored(const Input& input, std::string_view path) {
  return std::find(input.ignored_fields.begin(), input.ignored_fields.end(), path) !=
         input.ignored_fields.end();
}

std::string contacts_json(int count) {
  std::string out = "[";
  for (int i = 0; i < count; ++i)
    out += (i ? "," : "") + std::string(R"({"name":"P)") + std::to_string(i) + "\"}";
  return out + "]";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(domain_contact_input)

BOOST_AUTO_TEST_CASE(a_full_contact) {
  const ContactInput input = contact(
      R"({"name":" Jane Doe ","title":"CFO","email":"Jane@Acme.com","phone":"0712 345 678","isPrimary":true,"id":"x"})");
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(input.draft.name.value == "Jane Doe");
  BOOST_TEST(input.draft.title.value == "CFO");
  BOOST_TEST(input.draft.email.value == "jane@acme.com");
  BOOST_TEST(input.draft.phone.value == "+254712345678");
  BOOST_TEST(input.draft.is_primary.value == true);
  BOOST_TEST(input.ignored_fields == std::vector<std::string>{"id"});
}

BOOST_AUTO_TEST_CASE(create_rules_and_defaults) {
  const ContactInput minimal = contact(R"({"name":"Jane"})");
  BOOST_TEST(minimal.errors.empty());
  BOOST_TEST(minimal.draft.is_primary.has_value());
  BOOST_TEST(minimal.draft.is_primary.value == false);
  BOOST_TEST(!minimal.draft.email.given());
  BOOST_TEST(error_at(contact(R"({"title":"CFO"})"), "name") == "is required");
  BOOST_TEST(error_at(contact(R"({"name":"  "})"), "name") == "is required");
  BOOST_TEST(error_at(contact(R"({"name":")" + std::string(201, 'n') + "\"}"), "name") ==
             "must be at most 200 characters");
  BOOST_TEST(error_at(contact(R"({"name":"J","title":")" + std::string(101, 't') + "\"}"),
                      "title") == "must be at most 100 characters");
  BOOST_TEST(contact(R"({"name":"J","title":")" + std::string(100, 't') + "\"}").errors.empty());
  const ContactInput bad =
      contact(R"({"name":"J","email":"jane@","phone":"12","isPrimary":"yes"})");
  BOOST_TEST(error_at(bad, "email") == "must be a valid email address");
  BOOST_TEST(error_at(bad, "phone") == "must be a valid phone number");
  BOOST_TEST(error_at(bad, "isPrimary") == "must be a boolean");
}

BOOST_AUTO_TEST_CASE(update_rules) {
  const ContactInput input = contact(R"({"title":null,"isPrimary":null})", Mode::kUpdate);
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(!input.draft.name.given());
  BOOST_TEST(input.draft.title.state == Field<std::string>::kNull);
  BOOST_TEST(input.draft.is_primary.value == false);
  BOOST_TEST(!contact(R"({"title":"CEO"})", Mode::kUpdate).draft.is_primary.given());
  BOOST_TEST(error_at(contact(R"({"name":null})", Mode::kUpdate), "name") == "is required");
}

BOOST_AUTO_TEST_CASE(replacement_rules) {
  const auto replace = [](std::string_view text) {
    const capi::http::JsonBody body = json(text);
    return parse_contact_replacement(body.document, "GB");
  };
  // What the body leaves out is cleared; isPrimary falls back to false; name is required.
  const ContactInput minimal = replace(R"({"name":" Jane "})");
  BOOST_TEST(minimal.errors.empty());
  BOOST_TEST(minimal.draft.name.value == "Jane");
  for (const auto* field : {&minimal.draft.title, &minimal.draft.email, &minimal.draft.phone}) {
    BOOST_TEST((field->state == Field<std::string>::kNull));
  }
  BOOST_TEST(minimal.draft.is_primary.has_value());
  BOOST_TEST(minimal.draft.is_primary.value == false);
  BOOST_TEST(error_at(replace(R"({"title":"CFO"})"), "name") == "is required");
  // What it gives is read as on create, national phones in the region given.
  const ContactInput full =
      replace(R"({"name":"J","title":"CEO","phone":"020 7946 0018","isPrimary":true,"x":1})");
  BOOST_TEST(full.errors.empty());
  BOOST_TEST(full.draft.title.value == "CEO");
  BOOST_TEST(full.draft.phone.value == "+442079460018");
  BOOST_TEST((full.draft.email.state == Field<std::string>::kNull));
  BOOST_TEST(full.draft.is_primary.value == true);
  BOOST_TEST(ignored(full, "x"));
  BOOST_TEST(error_at(replace(R"({"name":"J","email":"nope"})"), "email") ==
             "must be a valid email address");
}

BOOST_AUTO_TEST_CASE(phone_region_is_the_callers) {
  BOOST_TEST(
      contact(R"({"name":"J","phone":"(212) 736-5000"})", Mode::kCreate, "US").draft.phone.value ==
      "+12127365000");
  BOOST_TEST(error_at(contact(R"({"name":"J","phone":"0712345678"})", Mode::kCreate, ""),
                      "phone") == "must be a valid phone number");
}

BOOST_AUTO_TEST_CASE(contacts_of_a_new_customer) {
  const CustomerInput input = customer(
      R"({"name":"Acme","email":"a@acme.com","country":"US","contacts":[
          {"name":"Jane","phone":"(212) 736-5000","isPrimary":true,"nickname":"J"},
          {"name":"Joe","email":"joe@acme.com"}]})");
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(input.draft.contacts.size() == 2u);
  BOOST_TEST(input.draft.contacts[0].phone.value == "+12127365000");  // the customer's country
  BOOST_TEST(input.draft.contacts[0].is_primary.value == true);
  BOOST_TEST(input.draft.contacts[1].is_primary.value == false);
  BOOST_TEST(ignored(input, "contacts[0].nickname"));
}

BOOST_AUTO_TEST_CASE(contact_errors_carry_their_index) {
  const CustomerInput input = customer(
      R"({"name":"Acme","email":"a@acme.com","contacts":[{"name":"Jane"},{"email":"bad"},"Joe",{"name":"Ann","isPrimary":1}]})");
  BOOST_TEST(error_at(input, "contacts[1].name") == "is required");
  BOOST_TEST(error_at(input, "contacts[1].email") == "must be a valid email address");
  BOOST_TEST(error_at(input, "contacts[2]") == "must be an object");
  BOOST_TEST(error_at(input, "contacts[3].isPrimary") == "must be a boolean");
  BOOST_TEST(input.errors.size() == 4u);
}

BOOST_AUTO_TEST_CASE(at_most_one_primary_and_one_hundred_contacts) {
  BOOST_TEST(
      error_at(
          customer(R"({"name":"A","email":"a@acme.com","contacts":[{"name":"J","isPrimary":true},
                                  {"name":"K","isPrimary":false},{"name":"L","isPrimary":true}]})"),
          "contacts") == "must have at most one primary contact");
  BOOST_TEST(customer(R"({"name":"A","email":"a@acme.com","contacts":)" + contacts_json(100) + "}")
                 .errors.empty());
  BOOST_TEST(error_at(customer(R"({"name":"A","email":"a@acme.com","contacts":)" +
                               contacts_json(101) + "}"),
                      "contacts") == "must have at most 100 contacts");
  BOOST_TEST(customer(R"({"name":"A","email":"a@acme.com","contacts":null})").errors.empty());
  BOOST_TEST(customer(R"({"name":"A","email":"a@acme.com","contacts":[]})").errors.empty());
}

BOOST_AUTO_TEST_CASE(contacts_are_ignored_on_update) {
  const CustomerInput input = customer(R"({"contacts":[{"name":""}]})", Mode::kUpdate);
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(input.draft.contacts.empty());
  BOOST_TEST(ignored(input, "contacts"));
}

BOOST_AUTO_TEST_SUITE_END()
