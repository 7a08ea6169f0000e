#include "api/customer_record.hpp"

#include <rapidjson/document.h>

#include "domain/email.hpp"
#include "json/writer.hpp"

namespace capi::api {
namespace {

// Field names in associated data and blind indexes: stable, never renamed.
constexpr const char* kEmail = "email";
constexpr const char* kPhone = "phone";
constexpr const char* kTaxId = "taxId";
constexpr const char* kBilling = "billingAddress";
constexpr const char* kShipping = "shippingAddress";
constexpr const char* kEmailToken = "emailToken";

template <typename T>
std::optional<T> given_value(const domain::Field<T>& field) {
  if (field.has_value()) return field.value;
  return std::nullopt;
}

std::optional<std::string> address_plaintext(const domain::Field<domain::Address>& field) {
  if (!field.has_value()) return std::nullopt;
  return address_to_json(field.value);
}

}  // namespace

std::string address_to_json(const domain::Address& address) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::field(writer, "line1", address.line1);
  json::field(writer, "line2", address.line2);
  json::field(writer, "city", address.city);
  json::field(writer, "state", address.state);
  json::field(writer, "postalCode", address.postal_code);
  json::field(writer, "country", address.country);
  writer.EndObject();
  return json::text(buffer);
}

std::optional<domain::Address> address_from_json(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  auto part = [&](const char* name) {
    if (!document.HasMember(name)) return std::string();
    const auto& value = document[name];
    return value.IsString() ? std::string(value.GetString(), value.GetStringLength())
                            : std::string();
  };
  return domain::Address{part("line1"), part("line2"),      part("city"),
                         part("state"), part("postalCode"), part("country")};
}

std::optional<std::string> CustomerRecords::seal(
    const std::string& business_id, const std::string& record_id, const char* field,
    const std::optional<std::string>& plaintext) const {
  if (!plaintext) return std::nullopt;
  return keys_.encrypt(*plaintext, crypto::associated_data(business_id, record_id, field));
}

std::optional<std::string> CustomerRecords::unseal(const std::string& business_id,
                                                   const std::string& record_id, const char* field,
                                                   const std::optional<std::string>& sealed,
                                                   std::vector<std::string>& unreadable) const {
  if (!sealed) return std::nullopt;
  auto plaintext = keys_.decrypt(*sealed, crypto::associated_data(business_id, record_id, field));
  if (!plaintext) unreadable.emplace_back(field);
  return plaintext;
}

std::string CustomerRecords::email_index(const std::string& business_id,
                                         const std::string& email) const {
  return keys_.blind_index(business_id, kEmail, email);
}

std::string CustomerRecords::phone_index(const std::string& business_id,
                                         const std::string& e164) const {
  return keys_.blind_index(business_id, kPhone, e164);
}

std::string CustomerRecords::token_index(const std::string& business_id,
                                         const std::string& token) const {
  return keys_.blind_index(business_id, kEmailToken, token);
}

void CustomerRecords::apply(const domain::CustomerDraft& draft, store::CustomerRow& row) const {
  const std::string& business = row.business_id;
  const std::string& id = row.id;
  if (draft.type.given()) row.type = draft.type.has_value() ? draft.type.value : "individual";
  if (draft.name.has_value()) row.name = draft.name.value;
  if (draft.company_name.given()) row.company_name = given_value(draft.company_name);
  if (draft.email.given()) {
    const auto email = given_value(draft.email);
    row.email_enc = seal(business, id, kEmail, email);
    row.email_index = email ? std::optional(email_index(business, *email)) : std::nullopt;
    row.email_tokens.clear();
    if (email) {
      for (const auto& token : domain::email_tokens(*email)) {
        row.email_tokens.push_back(token_index(business, token));
      }
    }
  }
  if (draft.phone.given()) {
    const auto phone = given_value(draft.phone);
    row.phone_enc = seal(business, id, kPhone, phone);
    row.phone_index = phone ? std::optional(phone_index(business, *phone)) : std::nullopt;
  }
  if (draft.tax_id.given()) row.tax_id_enc = seal(business, id, kTaxId, given_value(draft.tax_id));
  if (draft.billing_address.given()) {
    row.billing_address_enc =
        seal(business, id, kBilling, address_plaintext(draft.billing_address));
  }
  if (draft.shipping_address.given()) {
    row.shipping_address_enc =
        seal(business, id, kShipping, address_plaintext(draft.shipping_address));
  }
  if (draft.website.given()) row.website = given_value(draft.website);
  if (draft.country.given()) row.country = given_value(draft.country);
  if (draft.currency.has_value()) row.currency = draft.currency.value;
  if (draft.segment.given()) row.segment = given_value(draft.segment);
  if (draft.tags.given())
    row.tags = draft.tags.has_value() ? draft.tags.value : std::vector<std::string>{};
  if (draft.payment_terms.given()) {
    row.payment_terms = draft.payment_terms.has_value() ? draft.payment_terms.value : "net_30";
  }
  if (draft.credit_limit_minor.given())
    row.credit_limit_minor = given_value(draft.credit_limit_minor);
  if (draft.discount_rate_hundredths.given()) {
    row.discount_rate_hundredths =
        draft.discount_rate_hundredths.has_value() ? draft.discount_rate_hundredths.value : 0;
  }
  if (draft.preferred_shipping.given())
    row.preferred_shipping = given_value(draft.preferred_shipping);
  if (draft.notes.given()) row.notes = given_value(draft.notes);
  if (draft.metadata.given()) {
    json::Buffer buffer;
    json::Writer writer(buffer);
    writer.StartObject();
    if (draft.metadata.has_value()) {
      for (const auto& [key, value] : draft.metadata.value) json::field(writer, key, value);
    }
    writer.EndObject();
    row.metadata_json = json::text(buffer);
  }
  if (draft.customer_since_ms.given()) row.customer_since_ms = given_value(draft.customer_since_ms);
}

OpenedCustomer CustomerRecords::open(const store::CustomerRow& row) const {
  OpenedCustomer opened;
  const std::string& business = row.business_id;
  opened.email = unseal(business, row.id, kEmail, row.email_enc, opened.unreadable);
  opened.phone = unseal(business, row.id, kPhone, row.phone_enc, opened.unreadable);
  opened.tax_id = unseal(business, row.id, kTaxId, row.tax_id_enc, opened.unreadable);
  if (const auto billing =
          unseal(business, row.id, kBilling, row.billing_address_enc, opened.unreadable)) {
    opened.billing_address = address_from_json(*billing);
  }
  if (const auto shipping =
          unseal(business, row.id, kShipping, row.shipping_address_enc, opened.unreadable)) {
    opened.shipping_address = address_from_json(*shipping);
  }
  return opened;
}

void CustomerRecords::apply(const domain::ContactDraft& draft, store::ContactRow& row) const {
  if (draft.name.has_value()) row.name = draft.name.value;
  if (draft.title.given()) row.title = given_value(draft.title);
  if (draft.email.given())
    row.email_enc = seal(row.business_id, row.id, kEmail, given_value(draft.email));
  if (draft.phone.given())
    row.phone_enc = seal(row.business_id, row.id, kPhone, given_value(draft.phone));
  if (draft.is_primary.given())
    row.is_primary = draft.is_primary.has_value() && draft.is_primary.value;
}

OpenedContact CustomerRecords::open(const store::ContactRow& row) const {
  OpenedContact opened;
  opened.email = unseal(row.business_id, row.id, kEmail, row.email_enc, opened.unreadable);
  opened.phone = unseal(row.business_id, row.id, kPhone, row.phone_enc, opened.unreadable);
  return opened;
}

bool CustomerRecords::reseal(store::ContactRow& row) const {
  const auto stale = [&](const std::optional<std::string>& sealed) {
    return sealed && crypto::Keyring::key_id_of(*sealed) != keys_.active_key_id();
  };
  if (!stale(row.email_enc) && !stale(row.phone_enc)) return false;
  std::vector<std::string> unreadable;
  for (auto [field, sealed] :
       {std::pair{kEmail, &row.email_enc}, std::pair{kPhone, &row.phone_enc}}) {
    const auto plaintext = unseal(row.business_id, row.id, field, *sealed, unreadable);
    if (plaintext) *sealed = seal(row.business_id, row.id, field, plaintext);
  }
  return true;
}

bool CustomerRecords::reseal(store::CustomerRow& row) const {
  const auto needs = [&](const std::optional<std::string>& sealed) {
    return sealed && crypto::Keyring::key_id_of(*sealed) != keys_.active_key_id();
  };
  if (!needs(row.email_enc) && !needs(row.phone_enc) && !needs(row.tax_id_enc) &&
      !needs(row.billing_address_enc) && !needs(row.shipping_address_enc)) {
    return false;
  }
  std::vector<std::string> unreadable;
  const auto again = [&](const char* field, std::optional<std::string>& sealed) {
    const auto plaintext = unseal(row.business_id, row.id, field, sealed, unreadable);
    if (plaintext) sealed = seal(row.business_id, row.id, field, plaintext);
  };
  again(kEmail, row.email_enc);
  again(kPhone, row.phone_enc);
  again(kTaxId, row.tax_id_enc);
  again(kBilling, row.billing_address_enc);
  again(kShipping, row.shipping_address_enc);
  return true;
}

}  // namespace capi::api
