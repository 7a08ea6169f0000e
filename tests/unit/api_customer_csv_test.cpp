#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "api/customers/customer_csv.hpp"

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

BOOST_AUTO_TEST_SUITE_END()
