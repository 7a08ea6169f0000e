// Customer write bodies: JSON parsed as the routes parse it (http/json_body), then the
// customer rules (domain/customer_input) as POST, PUT/PATCH and find-or-create apply them,
// in businesses of different currencies (2 and 0 decimals). An accepted body must hold
// only what the rules allow; a refused one at most kMaxFieldErrors errors.
#include <cstdint>
#include <string>

#include "domain/customer_input.hpp"
#include "fuzz_support.hpp"
#include "http/json_body.hpp"

namespace {

using namespace capi::domain;
using capi::fuzz::characters;

void check_text(const Field<std::string>& field, std::size_t max_chars) {
  if (!field.has_value()) return;
  CAPI_FUZZ_CHECK(!field.value.empty());
  CAPI_FUZZ_CHECK(characters(field.value) <= max_chars);
}

void check_accepted(const CustomerInput& input, Mode mode) {
  const auto& draft = input.draft;
  if (mode == Mode::kCreate) {
    CAPI_FUZZ_CHECK(draft.name.has_value());
    CAPI_FUZZ_CHECK(draft.email.has_value() || draft.phone.has_value());
    CAPI_FUZZ_CHECK(draft.type.has_value() && draft.currency.has_value() &&
                    draft.payment_terms.has_value() && draft.discount_rate_hundredths.has_value());
    CAPI_FUZZ_CHECK(draft.contacts.size() <= kMaxContactsPerCustomer);
    std::size_t primaries = 0;
    for (const auto& contact : draft.contacts) {
      if (contact.is_primary.has_value() && contact.is_primary.value) ++primaries;
      check_text(contact.name, kMaxContactNameLength);
      CAPI_FUZZ_CHECK(contact.name.has_value());
      check_text(contact.title, kMaxContactTitleLength);
    }
    CAPI_FUZZ_CHECK(primaries <= 1);
  } else {
    CAPI_FUZZ_CHECK(draft.contacts.empty());
    CAPI_FUZZ_CHECK(draft.name.state != Field<std::string>::kNull);
  }
  check_text(draft.name, kMaxCustomerNameLength);
  check_text(draft.company_name, 200);
  check_text(draft.tax_id, 50);
  check_text(draft.segment, 50);
  check_text(draft.preferred_shipping, 50);
  check_text(draft.notes, 5000);
  if (draft.type.has_value()) {
    CAPI_FUZZ_CHECK(draft.type.value == "individual" || draft.type.value == "business");
  }
  if (draft.phone.has_value()) CAPI_FUZZ_CHECK(draft.phone.value.front() == '+');
  if (draft.country.has_value()) CAPI_FUZZ_CHECK(draft.country.value.size() == 2);
  if (draft.currency.has_value()) CAPI_FUZZ_CHECK(draft.currency.value.size() == 3);
  if (draft.tags.has_value()) {
    CAPI_FUZZ_CHECK(draft.tags.value.size() <= kMaxTags);
    for (const auto& tag : draft.tags.value) {
      CAPI_FUZZ_CHECK(!tag.empty() && characters(tag) <= kMaxTagLength);
    }
  }
  if (draft.metadata.has_value()) {
    CAPI_FUZZ_CHECK(draft.metadata.value.size() <= kMaxMetadataKeys);
    for (const auto& [key, value] : draft.metadata.value) {
      CAPI_FUZZ_CHECK(!key.empty() && characters(key) <= kMaxMetadataKeyLength);
      CAPI_FUZZ_CHECK(characters(value) <= kMaxMetadataValueLength);
    }
  }
  if (draft.credit_limit_minor.has_value()) CAPI_FUZZ_CHECK(draft.credit_limit_minor.value >= 0);
  if (draft.discount_rate_hundredths.has_value()) {
    CAPI_FUZZ_CHECK(draft.discount_rate_hundredths.value >= 0 &&
                    draft.discount_rate_hundredths.value <= 10000);
  }
}

void run(const rapidjson::Value& document, const capi::http::JsonBody& body, Mode mode,
         const InputContext& context) {
  const NumberTextLookup lookup = [&body](const rapidjson::Value& number) {
    return body.number_text(number);
  };
  const auto input = parse_customer(document, mode, context, lookup);
  CAPI_FUZZ_CHECK(input.errors.size() <= kMaxFieldErrors);
  for (const auto& [path, message] : input.errors) {
    CAPI_FUZZ_CHECK(!path.empty() && !message.empty());
  }
  if (input.errors.empty()) check_accepted(input, mode);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  capi::http::JsonBody body;
  if (capi::http::parse_json_body(capi::fuzz::as_text(data, size), body)) return 0;
  if (!body.document.IsObject()) return 0;  // the route answers 400 before the rules

  // POST /v1/customers in a British business.
  run(body.document, body, Mode::kCreate, {.business_country = "GB", .business_currency = "GBP"});
  // PUT/PATCH of a stored Japanese customer (a currency without decimals) in a US business.
  run(body.document, body, Mode::kUpdate,
      {.business_country = "US",
       .business_currency = "USD",
       .existing_country = "JP",
       .existing_currency = "JPY"});
  // find-or-create: the name defaults to the email's local part; no business country.
  run(body.document, body, Mode::kCreate,
      {.business_country = "", .business_currency = "EUR", .default_name = "someone"});
  return 0;
}
