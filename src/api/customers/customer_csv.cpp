#include "api/customers/customer_csv.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

#include "domain/iso_codes.hpp"
#include "domain/money.hpp"
#include "domain/time.hpp"
#include "json/writer.hpp"

namespace capi::api {
namespace {

const char* const kAddressParts[] = {"line1", "line2", "city", "state", "postalCode", "country"};

std::vector<std::string> make_columns() {
  std::vector<std::string> columns = {"id",      "type",     "name",    "companyName",
                                      "email",   "phone",    "taxId",   "website",
                                      "country", "currency", "segment", "tags"};
  for (const char* address : {"billingAddress", "shippingAddress"}) {
    for (const char* part : kAddressParts) columns.push_back(std::string(address) + '.' + part);
  }
  for (const char* column :
       {"paymentTerms", "creditLimit", "creditLimitMinor", "discountRate", "preferredShipping",
        "notes", "metadata", "customerSince", "accountBalance", "accountBalanceMinor", "isActive",
        "version", "createdAt", "updatedAt", "deletedAt"}) {
    columns.emplace_back(column);
  }
  return columns;
}

// The member at a dotted path; nullptr when a step is missing or null.
const rapidjson::Value* member_at(const rapidjson::Value& object, std::string_view path) {
  const rapidjson::Value* at = &object;
  while (at != nullptr) {
    const auto dot = path.find('.');
    const std::string_view step = path.substr(0, dot);
    if (!at->IsObject()) return nullptr;
    // A Value, not a bare string: FindMember(const char*) would read up to the NUL, past
    // the step into the rest of the path.
    const rapidjson::Value name(
        rapidjson::StringRef(step.data(), static_cast<rapidjson::SizeType>(step.size())));
    const auto found = at->FindMember(name);
    at = found == at->MemberEnd() ? nullptr : &found->value;
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  return at;
}

std::string field_text(const rapidjson::Value* value) {
  if (value == nullptr || value->IsNull()) return {};
  if (value->IsString()) return {value->GetString(), value->GetStringLength()};
  if (value->IsBool()) return value->GetBool() ? "true" : "false";
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value->Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

void append_field(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (const char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

void append_optional(std::string& out, const std::optional<std::string>& value) {
  if (value) append_field(out, *value);
}

// The address's parts in kAddressParts' order; empty fields for a missing address, as
// address_field writes null for it and for each empty part.
void append_address(std::string& out, const std::optional<domain::Address>& address) {
  if (!address) {
    out += ",,,,,";
    return;
  }
  for (const std::string* part : {&address->line1, &address->line2, &address->city, &address->state,
                                  &address->postal_code, &address->country}) {
    if (part != &address->line1) out += ',';
    append_field(out, *part);
  }
}

void append_time(std::string& out, const std::optional<std::int64_t>& ms) {
  if (ms) out += domain::format_rfc3339_ms(*ms);  // digits, '-', ':', '.', 'T' and 'Z' only
}

// tags as the compact JSON array write_customer writes (and customer_csv_row writes again).
void append_tags(std::string& out, const std::vector<std::string>& tags) {
  if (tags.empty()) {
    out += "[]";
    return;
  }
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartArray();
  for (const auto& tag : tags) json::string(writer, tag);
  writer.EndArray();
  append_field(out, {buffer.GetString(), buffer.GetSize()});
}

// metadata as customer_csv_row gives it: the stored JSON read and written again compactly.
void append_metadata(std::string& out, const std::string& metadata_json) {
  if (metadata_json == "{}") {
    out += "{}";
    return;
  }
  rapidjson::Document document;
  document.Parse<rapidjson::kParseNumbersAsStringsFlag>(metadata_json.data(), metadata_json.size());
  if (document.HasParseError()) throw std::logic_error("append_customer_csv: bad metadata");
  append_field(out, field_text(&document));
}

}  // namespace

void append_customer_csv(std::string& out, const store::CustomerRow& row,
                         const records::OpenedCustomer& opened) {
  const int digits = domain::currency_digits(row.currency);
  append_field(out, row.id);
  out += ',';
  append_field(out, row.type);
  out += ',';
  append_field(out, row.name);
  out += ',';
  append_optional(out, row.company_name);
  out += ',';
  append_optional(out, opened.email);
  out += ',';
  append_optional(out, opened.phone);
  out += ',';
  append_optional(out, opened.tax_id);
  out += ',';
  append_optional(out, row.website);
  out += ',';
  append_optional(out, row.country);
  out += ',';
  append_field(out, row.currency);
  out += ',';
  append_optional(out, row.segment);
  out += ',';
  append_tags(out, row.tags);
  out += ',';
  append_address(out, opened.billing_address);
  out += ',';
  append_address(out, opened.shipping_address);
  out += ',';
  append_field(out, row.payment_terms);
  out += ',';
  if (row.credit_limit_minor) {
    out += domain::format_money(*row.credit_limit_minor, digits);
    out += ',';
    out += std::to_string(*row.credit_limit_minor);
  } else {
    out += ',';
  }
  out += ',';
  out += domain::format_percent(row.discount_rate_hundredths);
  out += ',';
  append_optional(out, row.preferred_shipping);
  out += ',';
  append_optional(out, row.notes);
  out += ',';
  append_metadata(out, row.metadata_json);
  out += ',';
  append_time(out, row.customer_since_ms);
  out += ',';
  out += domain::format_money(row.balance_minor, digits);
  out += ',';
  out += std::to_string(row.balance_minor);
  out += ',';
  out += row.active() ? "true" : "false";
  out += ',';
  out += std::to_string(row.version);
  out += ',';
  append_time(out, row.created_ms);
  out += ',';
  append_time(out, row.updated_ms);
  out += ',';
  append_time(out, row.deleted_ms);
  out += "\r\n";
}

const std::vector<std::string>& customer_csv_columns() {
  static const std::vector<std::string> columns = make_columns();
  return columns;
}

std::string csv_field(std::string_view value) {
  std::string field;
  append_field(field, value);
  return field;
}

std::string customer_csv_header() {
  std::string line;
  for (const auto& column : customer_csv_columns()) {
    if (!line.empty()) line += ',';
    line += csv_field(column);
  }
  return line + "\r\n";
}

std::string customer_csv_row(std::string_view customer_json) {
  rapidjson::Document document;
  // Numbers as their text: a money amount stays exactly as the JSON wrote it.
  document.Parse<rapidjson::kParseNumbersAsStringsFlag>(customer_json.data(), customer_json.size());
  if (document.HasParseError() || !document.IsObject()) {
    throw std::logic_error("customer_csv_row: not a customer object");
  }
  std::string line;
  bool first = true;
  for (const auto& column : customer_csv_columns()) {
    if (!first) line += ',';
    first = false;
    line += csv_field(field_text(member_at(document, column)));
  }
  return line + "\r\n";
}

}  // namespace capi::api
