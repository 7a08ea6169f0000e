#include "api/customers/customer_csv.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

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

}  // namespace

const std::vector<std::string>& customer_csv_columns() {
  static const std::vector<std::string> columns = make_columns();
  return columns;
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (const char ch : value) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  quoted += '"';
  return quoted;
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
