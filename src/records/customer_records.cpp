#include "records/customer_records.hpp"

#include "domain/email.hpp"
#include "json/small_document.hpp"
#include "json/writer.hpp"
#include "records/address_json.hpp"

namespace capi::records {
namespace {

using store::CustomerRow;

// Field names in associated data and blind indexes: stable, never renamed.
constexpr const char* kEmail = "email";
constexpr const char* kPhone = "phone";
constexpr const char* kTaxId = "taxId";
constexpr const char* kBilling = "billingAddress";
constexpr const char* kShipping = "shippingAddress";
constexpr const char* kEmailToken = "emailToken";

constexpr std::array<SealedField<CustomerRow>, 5> kSealed = {{
    {kEmail, &CustomerRow::email_enc},
    {kPhone, &CustomerRow::phone_enc},
    {kTaxId, &CustomerRow::tax_id_enc},
    {kBilling, &CustomerRow::billing_address_enc},
    {kShipping, &CustomerRow::shipping_address_enc},
}};

std::optional<std::string> address_plaintext(const domain::Field<domain::Address>& field) {
  if (!field.has_value()) return std::nullopt;
  return address_to_json(field.value);
}

std::string metadata_json(const domain::Field<std::map<std::string, std::string>>& metadata) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  if (metadata.has_value()) {
    for (const auto& [key, value] : metadata.value) json::field(writer, key, value);
  }
  writer.EndObject();
  return json::text(buffer);
}

// Whether two JSON texts hold the same value (members in any order): the database gives
// jsonb back in its own layout.
bool same_json(const std::string& a, const std::string& b) {
  if (a == b) return true;
  json::SmallDocument first;
  json::SmallDocument second;
  return first.parse(a) && second.parse(b) && first.root() == second.root();
}

// `target` takes the field's value when the body gave one (the defaults of the fields that
// have one are the domain's: parse_customer fills them in).
template <class T>
void take_value(const domain::Field<T>& field, T& target) {
  if (field.has_value()) target = field.value;
}

// `target` takes the field's value or its null when the body gave it.
template <class T>
void take_optional(const domain::Field<T>& field, std::optional<T>& target) {
  if (field.given()) target = field.optional();
}

}  // namespace

std::string CustomerRecords::email_index(const std::string& business_id,
                                         const std::string& email) const {
  return sealer_.blind_index(business_id, kEmail, email);
}

std::string CustomerRecords::phone_index(const std::string& business_id,
                                         const std::string& e164) const {
  return sealer_.blind_index(business_id, kPhone, e164);
}

std::string CustomerRecords::token_index(const std::string& business_id,
                                         const std::string& token) const {
  return sealer_.blind_index(business_id, kEmailToken, token);
}

void CustomerRecords::apply_email(const domain::Field<std::string>& email, CustomerRow& row) const {
  if (!email.given()) return;
  const auto plaintext = email.optional();
  row.email_enc = sealer_.seal(row.business_id, row.id, kEmail, plaintext);
  row.email_index =
      plaintext ? std::optional(email_index(row.business_id, *plaintext)) : std::nullopt;
  row.email_tokens.clear();
  if (!plaintext) return;
  for (const auto& token : domain::email_tokens(*plaintext)) {
    row.email_tokens.push_back(token_index(row.business_id, token));
  }
}

void CustomerRecords::apply_phone(const domain::Field<std::string>& phone, CustomerRow& row) const {
  if (!phone.given()) return;
  const auto plaintext = phone.optional();
  row.phone_enc = sealer_.seal(row.business_id, row.id, kPhone, plaintext);
  row.phone_index =
      plaintext ? std::optional(phone_index(row.business_id, *plaintext)) : std::nullopt;
}

void CustomerRecords::apply_sealed(const domain::CustomerDraft& draft, CustomerRow& row) const {
  apply_email(draft.email, row);
  apply_phone(draft.phone, row);
  const auto seal = [&](const char* field, const std::optional<std::string>& plaintext) {
    return sealer_.seal(row.business_id, row.id, field, plaintext);
  };
  if (draft.tax_id.given()) row.tax_id_enc = seal(kTaxId, draft.tax_id.optional());
  if (draft.billing_address.given()) {
    row.billing_address_enc = seal(kBilling, address_plaintext(draft.billing_address));
  }
  if (draft.shipping_address.given()) {
    row.shipping_address_enc = seal(kShipping, address_plaintext(draft.shipping_address));
  }
}

void CustomerRecords::apply_plain(const domain::CustomerDraft& draft, CustomerRow& row) {
  take_value(draft.type, row.type);
  take_value(draft.name, row.name);
  take_optional(draft.company_name, row.company_name);
  take_optional(draft.website, row.website);
  take_optional(draft.country, row.country);
  take_value(draft.currency, row.currency);
  take_optional(draft.segment, row.segment);
  if (draft.tags.given()) row.tags = draft.tags.optional().value_or(std::vector<std::string>{});
  take_value(draft.payment_terms, row.payment_terms);
  take_optional(draft.credit_limit_minor, row.credit_limit_minor);
  take_value(draft.discount_rate_hundredths, row.discount_rate_hundredths);
  take_optional(draft.preferred_shipping, row.preferred_shipping);
  take_optional(draft.notes, row.notes);
  if (draft.metadata.given()) row.metadata_json = metadata_json(draft.metadata);
  take_optional(draft.customer_since_ms, row.customer_since_ms);
}

void CustomerRecords::apply(const domain::CustomerDraft& draft, CustomerRow& row) const {
  apply_plain(draft, row);
  apply_sealed(draft, row);
}

bool CustomerRecords::changes(const domain::CustomerDraft& draft, const CustomerRow& row) const {
  CustomerRow after = row;
  apply_plain(draft, after);
  const auto since = [&](const CustomerRow& r) {
    return r.customer_since_ms.value_or(r.created_ms);
  };
  if (after.type != row.type || after.name != row.name || after.company_name != row.company_name ||
      after.website != row.website || after.country != row.country ||
      after.currency != row.currency || after.segment != row.segment || after.tags != row.tags ||
      after.payment_terms != row.payment_terms ||
      after.credit_limit_minor != row.credit_limit_minor ||
      after.discount_rate_hundredths != row.discount_rate_hundredths ||
      after.preferred_shipping != row.preferred_shipping || after.notes != row.notes ||
      since(after) != since(row) || !same_json(after.metadata_json, row.metadata_json)) {
    return true;
  }
  // Personal data is compared in plaintext: every seal is new, so ciphertexts always differ.
  const OpenedCustomer opened = open(row);
  const auto differs = [](const auto& field, const auto& current) {
    return field.given() && field.optional() != current;
  };
  const auto address_json = [](const std::optional<domain::Address>& address) {
    return address ? std::optional(address_to_json(*address)) : std::nullopt;
  };
  return differs(draft.email, opened.email) || differs(draft.phone, opened.phone) ||
         differs(draft.tax_id, opened.tax_id) ||
         (draft.billing_address.given() &&
          address_plaintext(draft.billing_address) != address_json(opened.billing_address)) ||
         (draft.shipping_address.given() &&
          address_plaintext(draft.shipping_address) != address_json(opened.shipping_address));
}

OpenedCustomer CustomerRecords::open(const CustomerRow& row) const {
  OpenedCustomer opened;
  const auto open_field = [&](const char* field, const std::optional<std::string>& sealed) {
    return sealer_.open(row.business_id, row.id, field, sealed, opened.unreadable);
  };
  opened.email = open_field(kEmail, row.email_enc);
  opened.phone = open_field(kPhone, row.phone_enc);
  opened.tax_id = open_field(kTaxId, row.tax_id_enc);
  if (const auto billing = open_field(kBilling, row.billing_address_enc)) {
    opened.billing_address = address_from_json(*billing);
  }
  if (const auto shipping = open_field(kShipping, row.shipping_address_enc)) {
    opened.shipping_address = address_from_json(*shipping);
  }
  return opened;
}

Resealed CustomerRecords::reseal(CustomerRow& row) const {
  return sealer_.reseal(row, kSealed);
}

}  // namespace capi::records
