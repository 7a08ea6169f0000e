#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <string>

#include "api/customers/customer_csv.hpp"
#include "api/customers/customer_json.hpp"

using capi::api::csv_field;
using capi::api::customer_csv_columns;
using capi::api::customer_csv_header;
using capi::api::customer_csv_row;

BOOST_AUTO_TEST_SUITE(api_customer_csv)

BOOST_AUTO_TEST_CASE(fields_are_quoted_only_when_rfc_4180_needs_it) {
  BOOST_TEST(csv_field("plain text") == "plain text");
  BOOST_TEST(csv_field("") == "");
  BOOST_TEST(csv_field("Acme, Ltd") == "\"Acme, Ltd\"");
  BOOST_TEST(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  BOOST_TEST(csv_field("two\nlines") == "\"two\nlines\"");
  BOOST_TEST(csv_field("cr\r") == "\"cr\r\"");
  BOOST_TEST(csv_field("Müller") == "Müller");
}

BOOST_AUTO_TEST_CASE(the_header_names_every_column_once) {
  const auto& columns = customer_csv_columns();
  BOOST_TEST(columns.front() == "id");
  BOOST_TEST(std::count(columns.begin(), columns.end(), "billingAddress.postalCode") == 1);
  BOOST_TEST(customer_csv_header().rfind("id,type,name,companyName,email,phone,", 0) == 0);
  BOOST_TEST(customer_csv_header().ends_with("createdAt,updatedAt,deletedAt\r\n"));
}

BOOST_AUTO_TEST_CASE(a_row_takes_each_column_from_the_customer_json) {
  const std::string json =
      R"({"id":"65fa9c0e1a2b3c4d5e6f7081","type":"business","name":"Acme, \"The\" Traders",)"
      R"("companyName":null,"email":"a@acme.com","phone":"+254700123456","tags":["vip","b2b"],)"
      R"("billingAddress":{"line1":"1 Road","line2":null,"city":"Nairobi","state":null,)"
      R"("postalCode":"00100","country":"KE"},"shippingAddress":null,"creditLimit":2500.10,)"
      R"("creditLimitMinor":250010,"discountRate":0,"notes":"line one\nline two",)"
      R"("metadata":{"crm":"x1"},"isActive":true,"version":3,"deletedAt":null})";
  const std::string row = customer_csv_row(json);
  BOOST_TEST(row.ends_with("\r\n"));
  BOOST_TEST(row.rfind("65fa9c0e1a2b3c4d5e6f7081,business,\"Acme, \"\"The\"\" Traders\",,"
                       "a@acme.com,+254700123456,",
                       0) == 0,
             row);
  BOOST_TEST(row.find(",\"[\"\"vip\"\",\"\"b2b\"\"]\",") != std::string::npos, row);
  BOOST_TEST(row.find(",1 Road,,Nairobi,,00100,KE,,,,,,,") != std::string::npos, row);
  BOOST_TEST(row.find(",2500.10,250010,0,") != std::string::npos, row);  // exact decimals
  BOOST_TEST(row.find("\"line one\nline two\"") != std::string::npos, row);
  BOOST_TEST(row.find("\"{\"\"crm\"\":\"\"x1\"\"}\"") != std::string::npos, row);
  BOOST_TEST(row.find(",true,3,") != std::string::npos, row);
  // As many fields as columns: count the separators outside quotes.
  int fields = 1;
  bool quoted = false;
  for (const char ch : row.substr(0, row.size() - 2)) {
    if (ch == '"') quoted = !quoted;
    if (ch == ',' && !quoted) ++fields;
  }
  BOOST_TEST(fields == static_cast<int>(customer_csv_columns().size()));
}

namespace {

// The record customer_csv_row makes of write_customer's JSON: what the export wrote before it
// wrote CSV straight from the row.
std::string through_json(const capi::store::CustomerRow& row,
                         const capi::records::OpenedCustomer& opened) {
  capi::json::Buffer buffer;
  capi::json::Writer writer(buffer);
  capi::api::write_customer(writer, row, opened, nullptr);
  return customer_csv_row({buffer.GetString(), buffer.GetSize()});
}

capi::store::CustomerRow full_row() {
  capi::store::CustomerRow row;
  row.id = "65fa9c0e1a2b3c4d5e6f7081";
  row.business_id = "65fa9c0e1a2b3c4d5e6f7000";
  row.version = 12;
  row.type = "business";
  row.name = "Acme, \"The\" Traders";
  row.company_name = "Acme Ltd\r\nKenya";
  row.website = "https://acme.example/a,b";
  row.country = "KE";
  row.currency = "KES";
  row.segment = "wholesale";
  row.tags = {"vip", "b2b \"quoted\"", "Müller\\x", "tab\tand\u2028"};
  row.payment_terms = "net_15";
  row.credit_limit_minor = 250010;
  row.discount_rate_hundredths = 1250;
  row.preferred_shipping = "DHL";
  row.notes = "line one\nline two";
  row.metadata_json = R"({"crm": "x1", "note": "a \"b\", c", "ü": "\u00e9\n"})";
  row.customer_since_ms = 1700000000123;
  row.created_ms = 1700000000456;
  row.updated_ms = 1710000000789;
  row.deleted_ms = 1720000000001;
  row.balance_minor = -12345;
  row.order_count = 3;
  row.lifetime_value_minor = 99999;
  return row;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_row_written_straight_is_the_record_of_its_json) {
  capi::records::OpenedCustomer opened;
  opened.email = "a@acme.com";
  opened.phone = "+254700123456";
  opened.tax_id = "P051234567X";
  opened.billing_address =
      capi::domain::Address{"1 Road, Westlands", "", "Nairobi", "", "00100", "KE"};
  opened.shipping_address = capi::domain::Address{"", "Box \"7\"", "", "Coast", "", ""};
  const capi::store::CustomerRow full = full_row();

  capi::store::CustomerRow bare;
  bare.id = "65fa9c0e1a2b3c4d5e6f7082";
  bare.business_id = full.business_id;
  bare.type = "individual";
  bare.name = "Plain";
  bare.currency = "JPY";
  bare.payment_terms = "net_30";
  bare.customer_since_ms = 1;
  bare.created_ms = 1;
  bare.updated_ms = 2;

  capi::store::CustomerRow usd = full;
  usd.currency = "USD";
  usd.credit_limit_minor = 0;
  usd.deleted_ms.reset();
  usd.tags.clear();
  usd.metadata_json = "{}";

  const capi::records::OpenedCustomer none;
  const std::array<const capi::records::OpenedCustomer*, 2> openings = {&opened, &none};
  const std::array<const capi::store::CustomerRow*, 3> rows = {&full, &bare, &usd};
  for (const auto* opened_case : openings) {
    for (const auto* row : rows) {
      std::string straight = "x";
      capi::api::append_customer_csv(straight, *row, *opened_case);
      BOOST_TEST(straight.substr(1) == through_json(*row, *opened_case));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
