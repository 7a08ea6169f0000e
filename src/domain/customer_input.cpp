#include "domain/customer_input.hpp"

#include <algorithm>

#include "domain/currency.hpp"
#include "domain/customer_fields.hpp"
#include "domain/input_reader.hpp"
#include "domain/iso_codes.hpp"
#include "domain/url.hpp"

namespace capi::domain {
namespace {

constexpr std::size_t kMaxCompanyNameLength = 200;
constexpr std::size_t kMaxTaxIdLength = 50;
constexpr std::size_t kMaxSegmentLength = 50;
constexpr std::size_t kMaxPreferredShippingLength = 50;
constexpr std::size_t kMaxNotesLength = 5000;

// A field whose null means "back to the default", and whose absence on create means the
// default too: such a field is never stored empty.
template <class T>
void apply_default(Field<T>& field, Mode mode, const T& default_value) {
  if (field.state == Field<T>::kNull || (mode == Mode::kCreate && !field.given())) {
    field = value_field(default_value);
  }
}

// One field with an input alias (phone/mobile, taxId/tin): either may be given; when both
// are, they must say the same (the alias is then redundant), else an error on the alias.
Field<std::string> merge_alias(ObjectReader& reader, Field<std::string> field,
                               const Field<std::string>& alias, std::string_view field_key,
                               std::string_view alias_key) {
  if (!alias.given()) return field;
  if (!field.given()) return alias;
  if (field.state != alias.state || field.value != alias.value) {
    reader.fail(reader.path(alias_key),
                "must be the same as " + std::string(field_key) + " when both are given");
  }
  return field;
}

bool is_segment_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
}

Field<std::string> read_segment(ObjectReader& reader) {
  Field<std::string> segment = reader.text("segment", kMaxSegmentLength);
  if (!segment.has_value()) return segment;
  segment.value = ascii_lower(segment.value);
  if (!std::all_of(segment.value.begin(), segment.value.end(), is_segment_char)) {
    reader.fail(reader.path("segment"), "may only contain a-z, 0-9, '_' and '-'");
    return {};
  }
  return segment;
}

Field<std::string> read_website(ObjectReader& reader) {
  Field<std::string> website = reader.text("website", kMaxUrlLength);
  if (website.has_value() && !is_http_url(website.value)) {
    reader.fail(reader.path("website"), "must be an absolute http or https URL");
    return {};
  }
  return website;
}

Field<std::string> read_currency(ObjectReader& reader) {
  Field<std::string> given = reader.text("currency", 100);
  if (!given.has_value()) return given;
  std::optional<std::string> code = normalize_currency(given.value);
  if (!code) {
    reader.fail(reader.path("currency"), "must be an ISO 4217 currency code");
    return {};
  }
  return value_field(std::move(*code));
}

// The billing address from `billingAddress`, or from the one-line `address` when
// billingAddress is absent (`address` is then left unread, hence listed as ignored).
Field<Address> read_billing_address(ObjectReader& reader) {
  const bool structured_given = reader.take("billingAddress") != nullptr;
  if (structured_given) return read_address(reader, "billingAddress");
  const Field<std::string> one_line = reader.text("address", kMaxAddressPartLength);
  if (one_line.state == Field<std::string>::kNull) return null_field<Address>();
  if (!one_line.has_value()) return {};
  Address address;
  address.line1 = one_line.value;
  return value_field(std::move(address));
}

// The region national phone numbers are read in: the body's country, else the stored
// customer's (unless the body clears it), else the business's.
std::string phone_region(const Field<std::string>& country, const InputContext& context) {
  if (country.has_value()) return country.value;
  const bool cleared = country.state == Field<std::string>::kNull;
  if (!cleared && context.existing_country && !context.existing_country->empty()) {
    return *context.existing_country;
  }
  return context.business_country;
}

// The currency money fields are read in: the body's, else the stored customer's, else
// the business's.
std::string money_currency(const Field<std::string>& currency, const InputContext& context) {
  if (currency.has_value()) return currency.value;
  if (context.existing_currency && !context.existing_currency->empty())
    return *context.existing_currency;
  return context.business_currency;
}

void read_credit_limit(ObjectReader& reader, const NumberTextLookup& number_text,
                       CustomerDraft& draft) {
  const int digits = currency_digits(draft.money_currency);
  const Field<std::int64_t> decimal = read_money(reader, "creditLimit", digits, number_text);
  const Field<std::int64_t> minor = read_minor_units(reader, "creditLimitMinor", number_text);
  if (decimal.given() && minor.given() &&
      (decimal.state != minor.state || decimal.value != minor.value)) {
    reader.fail(reader.path("creditLimitMinor"), "does not match creditLimit");
  }
  draft.credit_limit_minor = decimal.given() ? decimal : minor;
}

}  // namespace

CustomerInput parse_customer(const rapidjson::Value& body, Mode mode, const InputContext& context,
                             const NumberTextLookup& number_text) {
  CustomerInput input;
  CustomerDraft& draft = input.draft;
  ObjectReader reader(body, "", input.errors, input.ignored_fields);

  draft.type = reader.one_of("type", kCustomerTypes);
  apply_default(draft.type, mode, std::string(kDefaultCustomerType));
  draft.name = reader.text("name", kMaxCustomerNameLength);
  if (mode == Mode::kCreate && !draft.name.given() && context.default_name) {
    draft.name = value_field(*context.default_name);
  }
  const bool name_missing = mode == Mode::kCreate ? !draft.name.has_value()
                                                  : draft.name.state == Field<std::string>::kNull;
  if (name_missing) reader.fail(reader.path("name"), kRequired);
  draft.company_name = reader.text("companyName", kMaxCompanyNameLength);

  draft.country = reader.country("country");
  const std::string region = phone_region(draft.country, context);
  draft.email = reader.email("email");
  const Field<std::string> phone = reader.phone("phone", region);
  draft.phone = merge_alias(reader, phone, reader.phone("mobile", region), "phone", "mobile");
  const bool email_or_phone_failed =
      reader.failed("email") || reader.failed("phone") || reader.failed("mobile");
  if (mode == Mode::kCreate && !draft.email.has_value() && !draft.phone.has_value() &&
      !email_or_phone_failed) {
    reader.fail(reader.path("email"), "email or phone is required");
  }

  const Field<std::string> tax_id = reader.text("taxId", kMaxTaxIdLength);
  draft.tax_id = merge_alias(reader, tax_id, reader.text("tin", kMaxTaxIdLength), "taxId", "tin");
  draft.website = read_website(reader);
  draft.currency = read_currency(reader);
  apply_default(draft.currency, mode, context.business_currency);
  draft.money_currency = money_currency(draft.currency, context);
  draft.segment = read_segment(reader);
  draft.tags = read_tags(reader, "tags");
  draft.billing_address = read_billing_address(reader);
  draft.shipping_address = read_address(reader, "shippingAddress");

  draft.payment_terms = reader.one_of("paymentTerms", kPaymentTerms);
  apply_default(draft.payment_terms, mode, std::string(kDefaultPaymentTerms));
  read_credit_limit(reader, number_text, draft);
  draft.discount_rate_hundredths = read_percent(reader, "discountRate", number_text);
  apply_default(draft.discount_rate_hundredths, mode, std::int32_t{0});
  draft.preferred_shipping = reader.text("preferredShipping", kMaxPreferredShippingLength);
  draft.notes = reader.text("notes", kMaxNotesLength, LineMode::kMultiLine);
  draft.metadata = read_metadata(reader, "metadata");
  draft.customer_since_ms = reader.instant("customerSince");
  if (mode == Mode::kCreate) draft.contacts = read_contacts(reader, "contacts", region);

  reader.ignore_the_rest();
  return input;
}

}  // namespace capi::domain
