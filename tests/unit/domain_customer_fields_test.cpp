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
  return parse_customer(body.document, mode, context, [&body](const rapidjson::Value& number) {
    return body.number_text(number);
  });
}

// A create body with the required fields and `fields` ("\"tags\":[...]").
CustomerInput create_with(const std::string& fields,
                          const InputContext& context = kenyan_business()) {
  return parse(R"({"name":"Acme","email":"a@acme.com",)" + fields + "}", Mode::kCreate, context);
}

std::string error_at(const CustomerInput& input, std::string_view path) {
  const auto found = std::find_if(input.errors.begin(), input.errors.end(),
                                  [&](const auto& error) { return error.first == path; });
  return found == input.errors.end() ? std::string() : found->second;
}

bool ignored(const CustomerInput& input, std::string_view path) {
  return std::find(input.ignored_fields.begin(), input.ignored_fields.end(), path) !=
         input.ignored_fields.end();
}

std::string tags_json(int count, const std::string& prefix = "t") {
  std::string json = "\"tags\":[";
  for (int i = 0; i < count; ++i) json += (i ? ",\"" : "\"") + prefix + std::to_string(i) + "\"";
  return json + "]";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(domain_customer_fields)

BOOST_AUTO_TEST_CASE(email_or_phone_is_required_on_create) {
  BOOST_TEST(error_at(parse(R"({"name":"A"})"), "email") == "email or phone is required");
  BOOST_TEST(error_at(parse(R"({"name":"A","email":"","phone":null})"), "email") ==
             "email or phone is required");
  BOOST_TEST(parse(R"({"name":"A","phone":"0712345678"})").errors.empty());
  BOOST_TEST(parse(R"({"name":"A","mobile":"0712345678"})").errors.empty());
  BOOST_TEST(parse(R"({"name":"A"})", Mode::kUpdate).errors.empty());
  // An invalid email is reported as such, once.
  const CustomerInput bad = parse(R"({"name":"A","email":"not-an-email"})");
  BOOST_TEST(error_at(bad, "email") == "must be a valid email address");
  BOOST_TEST(bad.errors.size() == 1u);
  BOOST_TEST(error_at(parse(R"({"name":"A","phone":"12"})"), "phone") ==
             "must be a valid phone number");
  BOOST_TEST(error_at(parse(R"({"name":"A","phone":"12"})"), "email") == "");
}

BOOST_AUTO_TEST_CASE(email_length) {
  const std::string local(64, 'a');
  const std::string domain =
      std::string(63, 'b') + "." + std::string(63, 'c') + "." + std::string(58, 'd') + ".com";
  BOOST_TEST(error_at(parse(R"({"name":"A","email":")" + local + "@" + domain + "\"}"), "email") ==
             "must be at most 254 characters");
}

BOOST_AUTO_TEST_CASE(national_phones_are_read_in_the_right_country) {
  // The business's country by default.
  BOOST_TEST(create_with(R"("phone":"0712345678")").draft.phone.value == "+254712345678");
  // The body's country first.
  BOOST_TEST(
      create_with(R"("phone":"(212) 736-5000","country":"United States")").draft.phone.value ==
      "+12127365000");
  // On update, the stored customer's country, unless the body gives or clears one.
  const InputContext us_customer{"KE", "KES", std::string("US"), std::string("USD")};
  BOOST_TEST(parse(R"({"phone":"(212) 736-5000"})", Mode::kUpdate, us_customer).draft.phone.value ==
             "+12127365000");
  BOOST_TEST(parse(R"({"phone":"0712345678","country":"KE"})", Mode::kUpdate, us_customer)
                 .draft.phone.value == "+254712345678");
  BOOST_TEST(parse(R"({"phone":"0712345678","country":null})", Mode::kUpdate, us_customer)
                 .draft.phone.value == "+254712345678");
  // International notation is the same everywhere.
  BOOST_TEST(create_with(R"("phone":"+44 20 7946 0958")").draft.phone.value == "+442079460958");
  BOOST_TEST(error_at(create_with(R"("phone":"+1 212 736 5000 ext. 12")"), "phone") ==
             "must not have an extension");
}

BOOST_AUTO_TEST_CASE(mobile_is_an_alias_of_phone) {
  BOOST_TEST(create_with(R"("mobile":"0712 345 678")").draft.phone.value == "+254712345678");
  const CustomerInput same = create_with(R"("phone":"+254712345678","mobile":"0712-345-678")");
  BOOST_TEST(same.errors.empty());
  BOOST_TEST(same.draft.phone.value == "+254712345678");
  BOOST_TEST(error_at(create_with(R"("phone":"+254712345678","mobile":"0722000000")"), "mobile") ==
             "must be the same as phone when both are given");
  BOOST_TEST(error_at(create_with(R"("phone":"+254712345678","mobile":null)"), "mobile") ==
             "must be the same as phone when both are given");
  BOOST_TEST(error_at(create_with(R"("mobile":"12")"), "mobile") == "must be a valid phone number");
  const CustomerInput cleared = parse(R"({"mobile":null})", Mode::kUpdate);
  BOOST_TEST(cleared.draft.phone.state == Field<std::string>::kNull);
}

BOOST_AUTO_TEST_CASE(tin_is_an_alias_of_tax_id) {
  BOOST_TEST(create_with(R"("tin":" P051234567X ")").draft.tax_id.value == "P051234567X");
  BOOST_TEST(create_with(R"("taxId":"P05","tin":"P05")").errors.empty());
  BOOST_TEST(error_at(create_with(R"("taxId":"P05","tin":"P06")"), "tin") ==
             "must be the same as taxId when both are given");
}

BOOST_AUTO_TEST_CASE(tags_are_trimmed_deduplicated_and_limited) {
  const CustomerInput input = create_with(R"("tags":[" vip ","wholesale","vip","VIP"])");
  BOOST_TEST(input.errors.empty());
  BOOST_TEST(input.draft.tags.value == (std::vector<std::string>{"vip", "wholesale", "VIP"}),
             boost::test_tools::per_element());
  BOOST_TEST(create_with(tags_json(20)).errors.empty());
  BOOST_TEST(error_at(create_with(tags_json(21)), "tags") == "must have at most 20 tags");
  // 25 elements, 20 distinct: fine.
  BOOST_TEST(
      create_with(R"("tags":["t0","t0","t0","t0","t0",)" + tags_json(20).substr(8)).errors.empty());
  const CustomerInput bad =
      create_with(R"("tags":["ok","",1,")" + std::string(51, 'x') + R"(","a\nb"])");
  BOOST_TEST(error_at(bad, "tags[1]") == "must not be empty");
  BOOST_TEST(error_at(bad, "tags[2]") == "must be a string");
  BOOST_TEST(error_at(bad, "tags[3]") == "must be at most 50 characters");
  BOOST_TEST(error_at(bad, "tags[4]") == "must not contain control characters");
  BOOST_TEST(create_with(R"("tags":[])").draft.tags.has_value());
}

BOOST_AUTO_TEST_CASE(addresses) {
  const CustomerInput input = create_with(
      R"("billingAddress":{"line1":" 1 Moi Ave ","city":"Nairobi","postalCode":"00100","country":"kenya","zip":"x"},
         "shippingAddress":{"line1":"Depot 4","line2":"Gate B","state":"Nairobi County","country":"UGA"})");
  BOOST_TEST(input.errors.empty());
  const Address& billing = input.draft.billing_address.value;
  BOOST_TEST(billing.line1 == "1 Moi Ave");
  BOOST_TEST(billing.city == "Nairobi");
  BOOST_TEST(billing.postal_code == "00100");
  BOOST_TEST(billing.country == "KE");
  BOOST_TEST(billing.line2.empty());
  BOOST_TEST(input.draft.shipping_address.value.country == "UG");
  BOOST_TEST(ignored(input, "billingAddress.zip"));
  BOOST_TEST(address_one_line(billing) == "1 Moi Ave, Nairobi, 00100, KE");

  const CustomerInput bad = create_with(R"("billingAddress":{"city":")" + std::string(201, 'x') +
                                        R"(","country":"Atlantis","line1":7})");
  BOOST_TEST(error_at(bad, "billingAddress.city") == "must be at most 200 characters");
  BOOST_TEST(error_at(bad, "billingAddress.country") ==
             "must be an ISO 3166-1 country code or an English country name");
  BOOST_TEST(error_at(bad, "billingAddress.line1") == "must be a string");
  // An object with nothing in it is no address.
  BOOST_TEST(create_with(R"("billingAddress":{"line1":"  "})").draft.billing_address.state ==
             Field<Address>::kNull);
}

BOOST_AUTO_TEST_CASE(one_line_address_is_the_billing_address_unless_billing_address_is_given) {
  const CustomerInput one_line = create_with(R"("address":"1 Moi Ave, Nairobi")");
  BOOST_TEST(one_line.errors.empty());
  BOOST_TEST(one_line.draft.billing_address.value.line1 == "1 Moi Ave, Nairobi");
  BOOST_TEST(!ignored(one_line, "address"));
  const CustomerInput both =
      create_with(R"("address":"elsewhere","billingAddress":{"line1":"1 Moi Ave"})");
  BOOST_TEST(both.draft.billing_address.value.line1 == "1 Moi Ave");
  BOOST_TEST(ignored(both, "address"));
  BOOST_TEST(parse(R"({"address":null})", Mode::kUpdate).draft.billing_address.state ==
             Field<Address>::kNull);
  BOOST_TEST(error_at(create_with(R"("address":")" + std::string(201, 'x') + "\""), "address") ==
             "must be at most 200 characters");
}

BOOST_AUTO_TEST_CASE(metadata_is_a_flat_object_of_strings) {
  const CustomerInput input =
      create_with(R"("metadata":{"erpId":"C-1001","note":"  spaced\nkept  ","empty":""})");
  BOOST_TEST(input.errors.empty());
  const auto& metadata = input.draft.metadata.value;
  BOOST_TEST(metadata.size() == 3u);
  BOOST_TEST(metadata.at("erpId") == "C-1001");
  BOOST_TEST(metadata.at("note") == "  spaced\nkept  ");
  BOOST_TEST(metadata.at("empty") == "");

  const CustomerInput bad =
      create_with(R"("metadata":{"n":1,"b":true,"z":null,"o":{},"a":[],")" + std::string(41, 'k') +
                  R"(":"v","long":")" + std::string(501, 'v') + R"(","":"x","ctl":"a\u0001"})");
  for (const char* path : {"metadata.n", "metadata.b", "metadata.z", "metadata.o", "metadata.a"}) {
    BOOST_TEST(error_at(bad, path) == "must be a string", path);
  }
  BOOST_TEST(error_at(bad, "metadata." + std::string(41, 'k')) ==
             "key must be at most 40 characters");
  BOOST_TEST(error_at(bad, "metadata.long") == "must be at most 500 characters");
  BOOST_TEST(error_at(bad, "metadata") == "keys must not be empty");
  BOOST_TEST(error_at(bad, "metadata.ctl") == "must not contain control characters");
  BOOST_TEST(create_with(R"("metadata":{")" + std::string(40, 'k') + R"(":")" +
                         std::string(500, 'v') + "\"}")
                 .errors.empty());

  std::string fifty = "\"metadata\":{";
  for (int i = 0; i < 50; ++i) fifty += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":\"v\"";
  BOOST_TEST(create_with(fifty + "}").errors.empty());
  BOOST_TEST(error_at(create_with(fifty + ",\"k50\":\"v\"}"), "metadata") ==
             "must have at most 50 keys");
}

BOOST_AUTO_TEST_CASE(customer_since) {
  BOOST_TEST(
      create_with(R"("customerSince":"2020-01-15T12:00:00+03:00")").draft.customer_since_ms.value ==
      1'579'078'800'000);
  BOOST_TEST(create_with(R"("customerSince":"2020-01-15")").draft.customer_since_ms.value ==
             1'579'046'400'000);
  BOOST_TEST(parse(R"({"customerSince":"2020-01-15"})", Mode::kUpdate)
                 .draft.customer_since_ms.has_value());
  BOOST_TEST(error_at(create_with(R"("customerSince":"15/01/2020")"), "customerSince") ==
             "must be an RFC 3339 date-time or a date");
  BOOST_TEST(error_at(create_with(R"("customerSince":"2020-02-30")"), "customerSince") ==
             "must be an RFC 3339 date-time or a date");
}

BOOST_AUTO_TEST_SUITE_END()
