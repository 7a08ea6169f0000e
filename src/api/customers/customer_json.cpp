#include "api/customers/customer_json.hpp"

#include "api/contacts/contact_json.hpp"
#include "api/json_fields.hpp"
#include "domain/iso_codes.hpp"
#include "domain/money.hpp"
#include "domain/order_rules.hpp"

namespace capi::api {
namespace {

void optional_string(json::Writer& writer, const char* name,
                     const std::optional<std::string>& value) {
  json::nullable_field(writer, name, value);
}

// The read-only figures that orders move: the balance and the metrics.
void write_figures(json::Writer& writer, const store::CustomerRow& row, int digits) {
  money_fields(writer, "accountBalance", row.balance_minor, digits);
  json::key(writer, "metrics");
  writer.StartObject();
  json::key(writer, "orderCount");
  writer.Int(row.order_count);
  money_fields(writer, "lifetimeValue", row.lifetime_value_minor, digits);
  // Rounded half-even to the minor unit, like every derived amount.
  const std::int64_t average =
      row.order_count == 0 ? 0
                           : domain::divide_half_even(row.lifetime_value_minor, row.order_count);
  money_fields(writer, "averageOrderValue", average, digits);
  time_field(writer, "firstOrderAt", row.first_order_ms);
  time_field(writer, "lastOrderAt", row.last_order_ms);
  writer.EndObject();
}

}  // namespace

void address_field(json::Writer& writer, const char* name,
                   const std::optional<domain::Address>& address) {
  json::key(writer, name);
  if (!address) {
    writer.Null();
    return;
  }
  writer.StartObject();
  auto part = [&](const char* key, const std::string& value) {
    json::key(writer, key);
    if (value.empty()) {
      writer.Null();
    } else {
      json::string(writer, value);
    }
  };
  part("line1", address->line1);
  part("line2", address->line2);
  part("city", address->city);
  part("state", address->state);
  part("postalCode", address->postal_code);
  part("country", address->country);
  writer.EndObject();
}

void write_customer(json::Writer& writer, const store::CustomerRow& row,
                    const records::OpenedCustomer& opened, const std::vector<ContactView>* contacts,
                    const std::function<void(json::Writer&)>& extra) {
  const int digits = domain::currency_digits(row.currency);
  writer.StartObject();
  json::field(writer, "id", row.id);
  json::field(writer, "type", row.type);
  json::field(writer, "name", row.name);
  optional_string(writer, "companyName", row.company_name);
  optional_string(writer, "email", opened.email);
  optional_string(writer, "phone", opened.phone);
  optional_string(writer, "mobile", opened.phone);
  optional_string(writer, "taxId", opened.tax_id);
  optional_string(writer, "website", row.website);
  optional_string(writer, "country", row.country);
  json::field(writer, "currency", row.currency);
  optional_string(writer, "segment", row.segment);
  json::key(writer, "tags");
  writer.StartArray();
  for (const auto& tag : row.tags) json::string(writer, tag);
  writer.EndArray();
  address_field(writer, "billingAddress", opened.billing_address);
  address_field(writer, "shippingAddress", opened.shipping_address);
  json::key(writer, "address");
  if (opened.billing_address) {
    json::string(writer, domain::address_one_line(*opened.billing_address));
  } else {
    writer.Null();
  }
  json::field(writer, "paymentTerms", row.payment_terms);
  money_fields(writer, "creditLimit", row.credit_limit_minor, digits);
  const std::string discount = domain::format_percent(row.discount_rate_hundredths);
  json::key(writer, "discountRate");
  writer.RawValue(discount.data(), discount.size(), rapidjson::kNumberType);
  optional_string(writer, "preferredShipping", row.preferred_shipping);
  optional_string(writer, "notes", row.notes);
  json::key(writer, "metadata");
  writer.RawValue(row.metadata_json.data(), row.metadata_json.size(), rapidjson::kObjectType);
  time_field(writer, "customerSince", row.customer_since_ms);
  write_figures(writer, row, digits);
  if (contacts != nullptr) {
    json::key(writer, "contacts");
    writer.StartArray();
    for (const auto& contact : *contacts) write_contact(writer, contact.row, contact.opened);
    writer.EndArray();
  }
  json::key(writer, "isActive");
  writer.Bool(row.active());
  json::key(writer, "version");
  writer.Int(row.version);
  time_field(writer, "createdAt", row.created_ms);
  time_field(writer, "updatedAt", row.updated_ms);
  time_field(writer, "deletedAt", row.deleted_ms);
  if (extra) extra(writer);
  writer.EndObject();
}

}  // namespace capi::api
